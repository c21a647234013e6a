"""The Trash screen: deleted influencers, restored (undoably) or forgotten for good."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui import operations
from infcrm.ui.events import events
from infcrm.ui.models.influencer_table_model import InfluencerTableModel
from infcrm.ui.question_box import ask_yes
from infcrm.ui.undo_commands import RestoreCommand, people
from infcrm.ui.views.empty_state import empty_page
from infcrm.ui.views.influencer_table_view import InfluencerTableView
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.views.screen import Command, Screen
from infcrm.ui.widgets.keyboard import down_enters_results

SEARCH_DEBOUNCE_MS = 120


def show_status(widget: QWidget, text: str) -> None:
    """Say `text` in the main window's status bar, if the widget sits in one."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10_000)


def chosen_or_hint(
    screen: QWidget, table: InfluencerTableView, doing: str
) -> tuple[list[int], str | None]:
    """The influencers selected in `table` and the one's name; with none selected, the status
    bar says to select them first (“Select the influencers to forget first.”)."""
    ids, name = table.selection_with_name()
    if not ids:
        show_status(screen, f"Select the influencers to {doing} first.")
    return ids, name


LOG_NOT_EMPTIED = (
    "They are forgotten, but another program was reading the data file, so the file's "
    "change log could not be emptied yet: it may still hold traces of them until later "
    "changes overwrite it. Close other programs that use the file (or another infcrm "
    "window), then make a backup only after that."
)

# What a server keeps beyond its tables (db/erase.py): part of the question on a server, so
# the user knows it before answering and no second box follows the erasing.
SERVER_COPIES = (
    "infcrm rewrites the server's tables without them, but copies outside those tables are "
    "beyond its reach: the server's change log (its write-ahead log) and any standby copies "
    "keep them until the server recycles them, and backups made before keep them until they "
    "are deleted — those made from this computer are the .dump files in {folder}. Delete the "
    "backups the request covers, and ask the server's administrator about the server's own "
    "backups."
)
# Said only when a teammate's open transaction kept the rewrite from running.
SERVER_NOT_REWRITTEN = (
    "They are forgotten, but a teammate's infcrm kept the server's tables busy, so they could "
    "not be rewritten yet: deleted copies stay in the tables' files until the server reuses "
    "the space (the next Forget rewrites them)."
)


def _forget_question(db: Database, who: str) -> str:
    """Forget's question: what goes, that it is final, and on a server what stays."""
    question = (
        f"Forget {who} for good?\n\n"
        "This erases their social accounts, outreach history, follow-ups and everything else "
        "kept about them. It cannot be undone, and Undo history is cleared.\n\n"
        "infcrm keeps nothing to know them by afterwards, so a list you import later that holds "
        "them adds them again: take them out of your own lists too."
    )
    if db.is_file:
        return question
    from infcrm.db import server_backup

    return question + "\n\n" + SERVER_COPIES.format(folder=server_backup.folder())


def forget_with_confirmation(
    parent: QWidget,
    db: Database,
    ids: Sequence[int],
    undo_stack: QUndoStack,
    name: str | None = None,
) -> int:
    """Ask, then erase these influencers and everything about them; returns how many."""
    if not ids:
        return 0
    who = people(len(ids), name)
    if not ask_yes(parent, "Forget for good?", _forget_question(db, who)):
        return 0
    # Forgetting rewrites the whole file (or the server's tables) so no trace is left:
    # seconds on a big one.
    rewritten = "the data file" if db.is_file else "the server's tables"
    outcome = operations.run_in_background(
        parent, "Forget for good", lambda _progress: influencers.forget_people(db, list(ids)),
        label=f"Erasing {who} and rewriting {rewritten}…", cancellable=False,
    )  # fmt: skip
    if not outcome.ok:
        return 0
    # Undo steps may name the forgotten people; they could only fail now.
    undo_stack.clear()
    done = outcome.value
    show_status(parent, f"Forgot {people(done.count, name)} for good.")
    # Only when the rewrite could not run: the user must know, and neither the question
    # (asked before) nor a status line that fades can say it.
    if not done.log_emptied:
        told = SERVER_NOT_REWRITTEN if done.server_copies else LOG_NOT_EMPTIED
        QMessageBox.information(parent, "Forget for good", told)
    return done.count


class TrashView(Screen):
    """Influencers in the trash, newest deletions first, with Restore and Forget."""

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._undo_stack = undo_stack
        query = ListQuery(trash=True, sort="deleted", descending=True)
        query = InfluencerTableView.saved_sort("trash_list", query)
        self.model = InfluencerTableModel(db, query, background=True)
        self.table = InfluencerTableView("trash_list")
        self.table.set_influencer_model(self.model)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_menu)

        title = QLabel("<h2>Trash</h2>")
        self.search = QLineEdit()
        self.search.setObjectName("trash_search")
        self.search.setPlaceholderText("Search the trash…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Find deleted influencers by name, handle, email, tag or place")
        down_enters_results(self.search, self.table)
        self.count_label = QLabel()
        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Bring the selected influencers back to the list")
        self.restore_button.clicked.connect(self.restore_selected)
        self.forget_button = QPushButton("Forget for good…")
        self.forget_button.setToolTip("Erase the selected influencers and all their history")
        self.forget_button.clicked.connect(self.forget_selected)
        self.empty_button = QPushButton("Empty trash…")
        self.empty_button.setToolTip("Erase everyone in the trash for good")
        self.empty_button.clicked.connect(self.empty_trash)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        actions = QHBoxLayout()
        actions.addWidget(self.search, 1)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.forget_button)
        actions.addWidget(self.empty_button)
        # Nothing to start here: the sentence says what the trash is for, and no button.
        empty = empty_page(
            "The trash is empty",
            "Influencers you move to the trash wait here until you restore them or forget "
            "them for good.",
            None,
        )
        self.empty_label = empty.findChild(QLabel, "empty_text")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(empty)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.pages, 1)

        restore = QAction("Restore", self.table)
        restore.setShortcut(QKeySequence(Qt.Key.Key_Return))
        restore.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        restore.triggered.connect(self.restore_selected)
        self.table.addAction(restore)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.load_failed.connect(lambda error: show_status(self, error))

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.freshness = KeepFresh(self, self.model.reload, stale=False)
        events.influencers_changed.connect(self.freshness.data_changed)
        events.settings_changed.connect(self.freshness.data_changed)
        self._on_model_reset()

    # Refreshing ---------------------------------------------------------------------------

    def show_screen(self) -> None:
        """Chosen from the sidebar: catch up in the background (the model reads off-thread)."""
        self.refresh()

    def commands(self) -> dict[Command, Callable[[], object]]:
        """Find and Forget work on the trash."""
        return {Command.FIND: self.focus_search, Command.FORGET: self.forget_selected}

    def is_loading(self) -> bool:
        """True while typing is being waited out or the list's answer is on its way (also
        from the moment the screen is built until its first rows arrive)."""
        return self._search_timer.isActive() or self.model.loading

    def refresh(self) -> None:
        """Bring the list up to date if something changed while another screen showed."""
        self.freshness.catch_up()

    def _apply_search(self) -> None:
        query = self.model.query
        self.model.set_query(
            ListQuery(
                trash=True, search=self.search.text(), sort=query.sort, descending=query.descending
            )
        )

    def _on_model_reset(self) -> None:
        total = influencer_list.count(self._db, trash=True)
        shown = self.model.rowCount()
        if shown == total:
            self.count_label.setText(f"{people(total)} in the trash")
        else:
            self.count_label.setText(f"{shown:,} of {people(total)} in the trash")
        self.pages.setCurrentIndex(0 if total else 1)
        self.search.setEnabled(total > 0)
        self.empty_button.setEnabled(total > 0)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.table.selectionModel().hasSelection()
        self.restore_button.setEnabled(chosen)
        self.forget_button.setEnabled(chosen)

    # Actions ------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        """Bring the selected influencers back (Ctrl+Z puts them back in the trash)."""
        ids, name = chosen_or_hint(self, self.table, "restore")
        if not ids:
            return
        self._undo_stack.push(RestoreCommand(self._db, ids, name))
        show_status(self, f"Restored {people(len(ids), name)} — Undo (Ctrl+Z)")

    def forget_selected(self) -> None:
        """Erase the selected influencers for good, after asking."""
        ids, name = chosen_or_hint(self, self.table, "forget")
        forget_with_confirmation(self, self._db, ids, self._undo_stack, name)

    def empty_trash(self) -> None:
        """Erase everyone in the trash for good, after asking."""
        ids = influencer_list.list_ids(self._db, ListQuery(trash=True))
        forget_with_confirmation(self, self._db, ids, self._undo_stack)

    def focus_search(self) -> None:
        """Put the cursor in the search box (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_table_menu(self, pos: QPoint) -> None:
        if not self.table.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction("Restore", self.restore_selected)
        menu.addAction("Forget for good…", self.forget_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))


__all__ = ["TrashView", "forget_with_confirmation", "show_status"]
