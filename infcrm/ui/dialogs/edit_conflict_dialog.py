"""“Ana changed Lena while you were editing”: the two versions side by side, field by field.

Shown when a save is refused because the record was saved by someone else (another user,
another window, a command) after the form was opened (services/errors.EditConflict). Each
field the two versions disagree on is one row: the user's value and the other's, one chosen
by default — the other's where the user left the field as loaded, the user's where they
changed it. Keep all mine / Take all theirs choose every row at once; Save hands the choices
back to the form, which takes the chosen values and saves over the newer version. Cancel
goes back to the form with everything typed still there: nothing is lost either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from infcrm.ui import theme
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.screen_fit import comfortable_size

MINE, THEIRS = "mine", "theirs"
EMPTY = "(empty)"
SAVED_VERSION = "Saved version"  # the other column when nobody else is known to have saved
AFTER_YOUR = "After your "  # the other column when the user's own undo or redo wrote it
WIDTH, TALLEST = 880, 600  # the dialog's size: room for two long values, within 1024 × 640


@dataclass(frozen=True)
class Difference:
    """One field the two versions disagree on, as text for people to compare."""

    key: str
    label: str
    mine: str
    theirs: str
    you_changed: bool  # the user changed it in the form (else it is as the form loaded it)


LONGEST_SHOWN = 240  # characters of a value shown, on up to four wrapped lines


def shown(text: str, longest: int = LONGEST_SHOWN) -> str:
    """`text` on one line, cut with “…” past `longest` characters (the tooltip has it all)."""
    line = " ".join(text.split())
    if not line:
        return EMPTY
    return line if len(line) <= longest else line[: longest - 1].rstrip() + "…"


def around_difference(mine: str, theirs: str, longest: int = LONGEST_SHOWN) -> tuple[str, str]:
    """Both versions as `shown`; when they agree past what would show (a long agreement
    text with a line added at its end), each starts a few words before where they differ,
    after a “…”."""
    lines = [" ".join(text.split()) for text in (mine, theirs)]
    pairs = enumerate(zip(*lines, strict=False))
    same = next((at for at, (one, other) in pairs if one != other), min(map(len, lines)))
    start = lines[0].rfind(" ", 0, max(0, same - 40)) + 1  # at a word before the difference
    if same < longest - 60 or start == 0:
        return shown(mine, longest), shown(theirs, longest)
    return tuple("…" + shown(line[start:], longest - 1) for line in lines)  # type: ignore[return-value]


def heading(name: str, changed_by: str | None, me: str | None, put_back: str | None = None) -> str:
    """“Ana changed Lena Vogel while you were editing” (or another window, or someone; or
    “Your undo”: `put_back`, when the user's own Undo or Redo wrote the newer version, whose
    rows then carry the name of whoever wrote them before)."""
    if put_back:
        return f"Your {put_back.lower()} changed {name} while you were editing"
    if changed_by and changed_by == me:
        return f"{name} was changed in another window while you were editing"
    return f"{changed_by or 'Someone'} changed {name} while you were editing"


def refused(name: str, changed_by: str | None, me: str | None, put_back: str | None = None) -> str:
    """Why a save wrote nothing, in the comparison's words (`heading`), for the form's line:
    it stays there when the comparison is closed unsaved."""
    return (
        f"{heading(name, changed_by, me, put_back)}, so nothing was saved yet. Save again "
        "to compare the two versions and choose what to keep."
    )


def their_version(changed_by: str | None, me: str | None, put_back: str | None = None) -> str:
    """The other version's column: “Ana's version”, or “Saved version” when it is the user's
    own (another window) or nobody knows who saved it, or “After your undo” (`put_back`)."""
    if put_back:
        return f"{AFTER_YOUR}{put_back.lower()}"
    return f"{changed_by}'s version" if changed_by and changed_by != me else SAVED_VERSION


def _choose_theirs(theirs_name: str) -> str:
    """Take all theirs' tooltip: “Choose Ana's version of every field”, her name as written
    (lowered, “ana's” would no longer be her name), or “Choose the saved version …”."""
    which = "the saved version" if theirs_name == SAVED_VERSION else theirs_name
    if theirs_name.startswith(AFTER_YOUR):  # “the version after your undo”
        which = f"the version {theirs_name.lower()}"
    return f"Choose {which} of every field"


class EditConflictDialog(AsksBeforeClosing, QDialog):
    """Choose, per differing field, the user's version or the other one; `choices()`."""

    unsaved_question = "You chose which versions to keep. Save with these choices?"

    def __init__(
        self,
        title: str,
        theirs_name: str,
        differences: Sequence[Difference],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed while you were editing")
        self.differences = tuple(differences)
        self.groups: dict[str, QButtonGroup] = {}
        self.radios: dict[tuple[str, str], QRadioButton] = {}
        self.words: dict[tuple[str, str], QLabel] = {}  # each version's words, as shown

        head = QLabel(title)
        theme.set_role(head, "title")
        head.setWordWrap(True)
        explain = QLabel(
            "Nothing is saved yet. For each difference below, choose the version to keep, "
            "then press Save. Cancel takes you back to your form with your edits as you left "
            "them."
        )
        explain.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, text in enumerate(("Field", "Yours", theirs_name)):
            caption = QLabel(text)
            theme.set_role(caption, "subtitle")
            caption.setWordWrap(True)  # a long name takes two lines, not the rows' width
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(caption, 0, column)
        for row, difference in enumerate(self.differences, start=1):
            self._add_row(grid, row, difference)
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.addLayout(grid)
        outer.addStretch(1)
        scroll = self.rows_area = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)

        self.keep_mine = QPushButton("Keep all mine")
        self.keep_mine.setToolTip("Choose your version of every field")
        self.keep_mine.clicked.connect(lambda: self.choose_all(MINE))
        self.take_theirs = QPushButton("Take all theirs")
        self.take_theirs.setToolTip(_choose_theirs(theirs_name))
        self.take_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        for button in (self.keep_mine, self.take_theirs):
            button.setAutoDefault(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save the chosen version of each field")
        theme.set_primary(self.save_button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.keep_mine)
        bar.addWidget(self.take_theirs)
        bar.addStretch(1)
        bar.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(explain)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)
        comfortable_size(self, WIDTH, self._fitting_height())
        self.mark_clean()

    def _fitting_height(self) -> int:
        """As tall as the title, the explanation and every row need at WIDTH (a long name
        wraps the title to three lines), never taller than a small screen: more rows scroll."""
        layout, scroll = self.layout(), self.rows_area
        margins = layout.contentsMargins()
        inner = WIDTH - margins.left() - margins.right() - 2 * scroll.frameWidth()
        box = scroll.widget()
        rows = box.heightForWidth(inner) if box.hasHeightForWidth() else -1
        rows = max(rows, box.sizeHint().height())
        around = layout.totalHeightForWidth(WIDTH) - scroll.sizeHint().height()
        return min(TALLEST, around + rows + 2 * scroll.frameWidth())

    def _add_row(self, grid: QGridLayout, row: int, difference: Difference) -> None:
        label = QLabel(difference.label)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        group = QButtonGroup(self)
        words = around_difference(difference.mine, difference.theirs)
        for column, (side, text) in enumerate(
            ((MINE, difference.mine), (THEIRS, difference.theirs)), start=1
        ):
            radio = QRadioButton()
            radio.setAccessibleName(f"{difference.label}: {'yours' if side == MINE else 'theirs'}")
            radio.setAccessibleDescription(text or EMPTY)  # its words are a label beside it
            group.addButton(radio)
            self.radios[(difference.key, side)] = radio
            shown_as = self.words[(difference.key, side)] = _Words(words[column - 1], text, radio)
            grid.addWidget(_choice(radio, shown_as), row, column)
        self.groups[difference.key] = group
        chosen = MINE if difference.you_changed else THEIRS
        self.radios[(difference.key, chosen)].setChecked(True)

    def choose_all(self, side: str) -> None:
        """Choose `side` (MINE or THEIRS) for every field."""
        for difference in self.differences:
            self.radios[(difference.key, side)].setChecked(True)

    def choices(self) -> dict[str, str]:
        """MINE or THEIRS per differing field's key."""
        return {
            d.key: MINE if self.radios[(d.key, MINE)].isChecked() else THEIRS
            for d in self.differences
        }

    def form_state(self) -> object:
        """What the user chose, compared with the defaults to ask before closing."""
        return tuple(sorted(self.choices().items()))

    def save_changes(self) -> bool:
        """Save with the choices made (the form does the saving)."""
        self.accept()
        return True


class _Words(QLabel):
    """A value's words beside its radio button: wrapped (a radio button's own text cannot
    wrap, and cut to one line it hid where the versions differ), and a click on them chooses
    it, as a click on a radio button's text does."""

    def __init__(self, words: str, text: str, radio: QRadioButton) -> None:
        super().__init__(words)
        self._radio = radio
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setToolTip(text or EMPTY)  # the whole text, when the row shows its start
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Choose this version."""
        self._radio.setChecked(True)
        self._radio.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()


def _choice(radio: QRadioButton, words: _Words) -> QWidget:
    """One version of a field: its radio button and its words."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    row.addWidget(radio, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(words, 1)
    return holder


def taken_from_theirs(
    form: QWidget, title: str, theirs_name: str, differences: Sequence[Difference]
) -> list[str] | None:
    """Ask which version of each difference to keep; the keys of the fields to take from the
    other version ([] when there is nothing to choose), or None when the comparison was
    closed unsaved (the form then stays as typed)."""
    if not differences:  # they saved what the user typed: nothing to choose
        return []
    comparing = EditConflictDialog(title, theirs_name, differences, form)
    if comparing.exec() != QDialog.DialogCode.Accepted:
        return None
    return [key for key, side in comparing.choices().items() if side == THEIRS]


__all__ = [
    "MINE",
    "SAVED_VERSION",
    "THEIRS",
    "Difference",
    "EditConflictDialog",
    "around_difference",
    "heading",
    "refused",
    "shown",
    "taken_from_theirs",
    "their_version",
]
