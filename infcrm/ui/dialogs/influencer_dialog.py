"""The form to add a new influencer or edit one: person, accounts, notes and brand fit."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.errors import EditConflict, PersonGone
from infcrm.services.maintenance import settings
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerDetail, InfluencerInput
from infcrm.ui import operations, theme, undo_commands
from infcrm.ui.dialogs.influencer_accounts_tab import (
    ACCOUNTS_TAB,
    PERSON_TAB,
    InfluencerAccountsTab,
)
from infcrm.ui.dialogs.influencer_conflict import (
    DISCARD,
    FIELDS,
    RESTORE,
    choose,
    trashed_meanwhile,
)
from infcrm.ui.dialogs.influencer_person_tab import InfluencerPersonTab
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.widgets.account_editor import AccountEditor
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.signed_by import record_line

_TAB_TITLES = ("Person", "Accounts")


class InfluencerDialog(InfluencerPersonTab, InfluencerAccountsTab, AsksBeforeClosing, QDialog):
    """Add (influencer_id None) or edit one influencer; `saved_id` is set once saved."""

    def __init__(
        self, db: Database, influencer_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.influencer_id = influencer_id
        self.saved_id: int | None = None
        self._thresholds = settings.tier_thresholds(db)
        self._bands = settings.engagement_bands(db)
        detail = influencers.get(db, influencer_id) if influencer_id is not None else None
        # The version the form was made from: a save over a newer one is a conflict to solve.
        self._version = detail.version if detail is not None else None
        self._shown_name = detail.display_name if detail else ""
        self.setWindowTitle(f"Edit — {detail.display_name}" if detail else "New influencer")
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}
        self.account_editors: list[AccountEditor] = []
        self._main_group = QButtonGroup(self)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_person_tab(detail), _TAB_TITLES[PERSON_TAB])
        self.tabs.addTab(self._build_accounts_tab(), _TAB_TITLES[ACCOUNTS_TAB])
        self.general_error = FieldError()
        self.general_error.setObjectName("generalError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save this influencer (Ctrl+S)")
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self._on_save)

        # Who added them and who changed them last, as the detail panel says it (a teammate
        # may have changed them since the user last looked).
        self.signed = QLabel(record_line(detail, db.names_tell) if detail is not None else "")
        self.signed.setObjectName("signedBy")
        self.signed.setWordWrap(True)
        theme.set_role(self.signed, "secondary")
        self.signed.setVisible(bool(self.signed.text()))  # nothing for rows before names

        layout = QVBoxLayout(self)
        layout.addWidget(self.signed)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        # Set once Save is inside the dialog: set before, the dialog did not know it and made
        # its first button, “Add account”, the default (Enter added an account).
        self.save_button.setDefault(True)
        comfortable_size(self, 1000, 700)

        if detail is not None:
            self._load(detail)
        else:
            self._add_account()
        self._initial = self._collect()
        self.display_name.setFocus()

    # Loading and reading ------------------------------------------------------------------

    def _load(self, detail: InfluencerDetail, keys: Collection[str] | None = None) -> None:
        """Show `detail` in the form: every field, or only those of `keys` (a conflict's
        fields taken from the newer version)."""
        value = detail.to_input()
        for key in keys if keys is not None else [key for key, _label in FIELDS]:
            widget = self.fields.get(key)
            if isinstance(widget, QLineEdit):
                widget.setText(getattr(value, key) or "")
                widget.setCursorPosition(0)  # long text shows its start, not its end
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(getattr(value, key) or "")
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(getattr(value, key))))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(getattr(value, key)))
            elif key == "accounts":
                self._load_accounts(detail)

    def _collect(self) -> InfluencerInput:
        """The form as typed, for the service to check."""

        def text(edit: QLineEdit) -> str | None:
            return edit.text() or None

        return InfluencerInput(
            display_name=self.display_name.text(),
            real_name=text(self.real_name),
            email=text(self.email),
            other_emails=text(self.other_emails),
            other_names=text(self.other_names),
            phone=text(self.phone),
            country=text(self.country),
            city=text(self.city),
            language=text(self.language),
            niches=text(self.niches),
            tags=text(self.tags),
            notes=self.notes.toPlainText() or None,
            found_via=self.found_via.currentData(),
            found_detail=text(self.found_detail),
            stage_id=self.stage.currentData(),
            owner=text(self.owner),
            brand_fit=self.brand_fit.toPlainText() or None,
            rating=self.rating.currentData(),
            do_not_contact=self.do_not_contact.isChecked(),
            accounts=tuple(e.to_input() for e in self._included_editors()),
            version=self._version,
        )

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from what was loaded."""
        return self._collect() != self._initial

    # Saving -------------------------------------------------------------------------------

    def _on_save(self) -> None:
        self._clear_errors()
        data = self._collect()
        editors = self._included_editors()
        person_id = self.influencer_id
        if person_id is None:
            saved = operations.run(
                self,
                "New influencer",
                lambda: influencers.create_undoable(self.db, data),
                form=lambda errors: self._show_errors(errors, editors),
                general=self.general_error,
            )
            title = f"addition of “{data.display_name}”"
        else:
            saved = operations.run(
                self,
                "Edit influencer",
                lambda: influencers.update(self.db, person_id, data),
                form=lambda errors: self._show_errors(errors, editors),
                general=self.general_error,
            )
            title = f"edit of “{data.display_name}”"
        if isinstance(saved.error, EditConflict):
            self._resolve(saved.error)
            return
        if isinstance(saved.error, PersonGone):  # named as the form showed them
            self.general_error.show_error(PersonGone.named(self._shown_name))
            return
        if not saved.ok:
            return
        done = saved.value
        self.saved_id = int(done.value)
        # One step of Edit › Undo (operations.run has already told the screens).
        undo_commands.push(
            undo_commands.ChangeCommand(
                self.db,
                title,
                done.undo,
                lambda: operations.announce(done.changes),
                announced=True,
            )
        )
        super().accept()

    def _resolve(self, conflict: EditConflict) -> None:
        """Someone saved this person since the form opened: show both versions side by side,
        take the fields the user chooses from theirs, and save over the newer version.
        Closing the comparison leaves the form as it was, the reason on its general line."""
        theirs = conflict.theirs
        assert isinstance(theirs, InfluencerDetail)
        restored = theirs.deleted_at is not None
        if restored:  # saving into the Trash would make the person vanish from the list
            theirs = self._out_of_the_trash(theirs)
            if theirs is None:
                return
        cards = [AccountEditor(self._thresholds, self._bands, a) for a in theirs.accounts]
        taken = choose(
            self,
            self.db.author,
            theirs,
            cards,
            self._collect(),
            self._initial,
            self.stage,
            theirs_only=restored,
        )
        if taken is None:
            return
        self._load(theirs, taken)
        self._version = theirs.version
        self._on_save()

    def _out_of_the_trash(self, theirs: InfluencerDetail) -> InfluencerDetail | None:
        """A teammate moved the person to the Trash meanwhile: restore them (its own step of
        Edit › Undo) and hand back the person as they now stand, close the form unsaved, or
        (None) go back to the form."""
        answer = trashed_meanwhile(self, self.db.author, theirs)
        if answer == DISCARD:
            QDialog.reject(self)  # the user chose to drop the edits: no second question
        if answer != RESTORE:
            return None
        command = undo_commands.RestoreCommand(self.db, [theirs.id], theirs.display_name)
        done = operations.run(self, "Restore from the Trash", lambda: undo_commands.push(command))
        return influencers.get(self.db, theirs.id) if done.ok else None

    def _clear_errors(self) -> None:
        for error in self.errors.values():
            error.clear_error()
        for editor in self.account_editors:
            editor.clear_errors()
        self.general_error.clear_error()
        for tab in range(self.tabs.count()):
            self.tabs.setTabIcon(tab, QIcon())
            self.tabs.setTabToolTip(tab, "")

    def _show_errors(self, errors: dict[str, str], editors: list[AccountEditor]) -> None:
        """Put each message beside its field, mark the tabs, and focus the first bad field."""
        bad: list[tuple[int, QWidget]] = []
        shown: set[str] = set()
        for key, error in self.errors.items():
            if key in errors:
                error.show_error(errors[key])
                bad.append((PERSON_TAB, self.fields[key]))
                shown.add(key)
        for index, editor in enumerate(editors):
            prefix = f"accounts.{index}."
            mine = {k.removeprefix(prefix): v for k, v in errors.items() if k.startswith(prefix)}
            bad.extend((ACCOUNTS_TAB, field) for field in editor.show_errors(mine))
            shown.update(prefix + k for k in mine)
        leftover = [message for key, message in errors.items() if key not in shown]
        if leftover:
            self.general_error.show_error(" ".join(leftover))
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for tab in {t for t, _field in bad}:
            self.tabs.setTabIcon(tab, warning)
            self.tabs.setTabToolTip(tab, "Something on this page needs fixing")
        if bad:
            tab, field = min(bad, key=lambda item: item[0])
            self.tabs.setCurrentIndex(tab)
            if tab == ACCOUNTS_TAB:
                self.accounts_scroll.ensureWidgetVisible(field)
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    # Closing ------------------------------------------------------------------------------

    unsaved_question = "You changed this influencer. Save the changes before closing?"

    def save_changes(self) -> bool:
        """Save as the Save button does (which closes the form when it worked)."""
        self._on_save()
        return not self.isVisible()
