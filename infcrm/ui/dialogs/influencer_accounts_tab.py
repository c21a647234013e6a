"""The influencer form's Accounts tab: one card per social account, one of them the main."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerDetail
from infcrm.ui.widgets.account_editor import AccountEditor

PERSON_TAB, ACCOUNTS_TAB = range(2)


class InfluencerAccountsTab:
    """The account cards of the influencer form (an InfluencerDialog part: it holds db,
    tabs, account_editors, _main_group, _thresholds and _bands)."""

    def _build_accounts_tab(self) -> QWidget:
        self._accounts_box = QWidget()
        self._accounts_layout = QVBoxLayout(self._accounts_box)
        self._accounts_layout.addStretch(1)
        self.accounts_scroll = QScrollArea()
        self.accounts_scroll.setWidgetResizable(True)
        self.accounts_scroll.setWidget(self._accounts_box)
        self.add_account_button = QPushButton("Add account")
        self.add_account_button.setAutoDefault(False)  # Enter in a field saves
        self.add_account_button.setToolTip("Add another social account for this person")
        self.add_account_button.clicked.connect(self._on_add_account)
        hint = QLabel("The main account's figures show in the list. Counts accept 12,500 or 12.5k.")
        hint.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(self.add_account_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(self.accounts_scroll, 1)
        return page

    def _add_account(self, editor: AccountEditor | None = None) -> AccountEditor:
        editor = editor or AccountEditor(self._thresholds, self._bands)
        self._main_group.addButton(editor.main_radio)
        if not self._main_group.checkedButton():
            editor.main_radio.setChecked(True)
        editor.remove_requested.connect(lambda e=editor: self._on_remove_account(e))
        self.account_editors.append(editor)
        self._accounts_layout.insertWidget(self._accounts_layout.count() - 1, editor)
        self._update_accounts_title()
        return editor

    def _on_add_account(self) -> None:
        editor = self._add_account()
        self.tabs.setCurrentIndex(ACCOUNTS_TAB)
        editor.handle.setFocus()
        # The scroll area learns the new card's size on the next layout pass.
        self._accounts_box.adjustSize()
        self.accounts_scroll.ensureWidgetVisible(editor)

    def _on_remove_account(self, editor: AccountEditor) -> None:
        was_main = editor.main_radio.isChecked()
        self._main_group.removeButton(editor.main_radio)
        self.account_editors.remove(editor)
        editor.hide()
        editor.deleteLater()
        if was_main and self.account_editors:
            self.account_editors[0].main_radio.setChecked(True)
        self._update_accounts_title()

    def _update_accounts_title(self) -> None:
        count = len(self.account_editors)
        self.tabs.setTabText(ACCOUNTS_TAB, f"Accounts ({count})" if count else "Accounts")

    def _load_accounts(self, detail: InfluencerDetail) -> None:
        for editor in list(self.account_editors):
            self._on_remove_account(editor)
        for account in detail.accounts:
            history = influencers.snapshots(self.db, account.id)
            self._add_account(AccountEditor(self._thresholds, self._bands, account, history))

    def _included_editors(self) -> list[AccountEditor]:
        """The account cards Save sends, in order (new cards left empty are ignored)."""
        return [e for e in self.account_editors if not e.is_blank()]


__all__ = ["ACCOUNTS_TAB", "PERSON_TAB", "InfluencerAccountsTab"]
