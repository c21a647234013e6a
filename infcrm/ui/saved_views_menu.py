"""Saved views from the window: the sidebar's list, View › Save view… and the view's own
actions (open, update, rename, move, delete) — each change one step of Edit › Undo."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu

from infcrm.services.errors import NotFound
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui import operations
from infcrm.ui.views.saved_views_panel import SavedViewsPanel, saved_views_service

if TYPE_CHECKING:
    from infcrm.services.people.saved_views import SavedView
    from infcrm.ui.dialogs.saved_view_dialog import SavedViewDialog
    from infcrm.ui.main_window import MainWindow
    from infcrm.ui.views.influencers_view import InfluencersView

_CHOOSE_FIRST = "Choose a saved view in the sidebar first."


def _push_change(*args) -> None:
    from infcrm.ui.dialogs.saved_view_dialog import push_change  # with the database layer

    push_change(*args)


class SavedViewActions(QObject):
    """Everything the window does with saved views; `panel` goes in the sidebar."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db = window.db
        self.panel = SavedViewsPanel(window.db)
        self.dialog: SavedViewDialog | None = None
        self.open_id: int | None = None  # the view the Influencers list shows
        self._opened: tuple[ListQuery, tuple[str, ...]] | None = None
        self._checked_query: ListQuery | None = None  # the open view without what is gone
        self.panel.chosen.connect(self.open_view)
        self.panel.list.moved.connect(self.move_to)
        self.panel.menu_requested.connect(self._on_menu)
        window.menus["view"].addSeparator()
        add = window.add_action
        self.save_action = add(
            "view",
            "&Save view…",
            self.save_current,
            "Ctrl+Shift+S",
            "Keep the Influencers list's search, filters, sort and columns under a name "
            "in the sidebar",
            "ph.bookmark-simple",
        )
        self.update_action = add(
            "view",
            "&Update view",
            self.update_open,
            None,
            "Keep the list's search, filters, sort and columns in the view that is open",
            "done",
        )
        self.rename_action = add(
            "view",
            "Re&name view…",
            self.rename_chosen,
            None,
            "Give the chosen view another name",
            "edit",
        )
        self.up_action = add(
            "view",
            "Move view u&p",
            partial(self.move_chosen, -1),
            "Ctrl+Alt+Up",
            "Move the chosen view up the sidebar (or drag it)",
            "ph.arrow-up",
        )
        self.down_action = add(
            "view",
            "Move view d&own",
            partial(self.move_chosen, 1),
            "Ctrl+Alt+Down",
            "Move the chosen view down the sidebar (or drag it)",
            "ph.arrow-down",
        )
        self.delete_action = add(
            "view",
            "&Delete view",
            self.delete_chosen,
            None,
            "Delete the chosen view; the people it showed stay as they are (Undo brings it back)",
            "delete",
        )
        window.when_built("influencers", self._wire)

    # The Influencers screen ---------------------------------------------------------------

    def _wire(self, screen: object) -> None:
        from infcrm.ui.views.influencers_view import InfluencersView

        assert isinstance(screen, InfluencersView)
        bar = screen.saved_bar
        bar.fix_requested.connect(self.fix_open)
        bar.update_requested.connect(self.update_open)
        bar.close_requested.connect(self.close_view)
        screen.model.modelReset.connect(self._on_list_changed)

    def _list(self) -> InfluencersView:
        return self.window.influencers_view()

    def _on_list_changed(self) -> None:
        if self._opened is None:
            return
        screen = self._list()
        query, columns = self._opened
        changed = screen.current_query() != query or (
            bool(columns) and tuple(screen.visible_columns()) != columns
        )
        screen.saved_bar.set_changed(changed)

    # Opening ------------------------------------------------------------------------------

    def open_view(self, view_id: int) -> None:
        """Show the view on the Influencers list (saying what it dropped, if anything)."""
        try:
            view = saved_views_service().get(self.db, view_id)
        except NotFound as exc:
            self._say(str(exc))
            self.panel.reload()
            return
        checked = saved_views_service().check(self.db, view)
        self.window.show_view("influencers")
        self.window.sidebar.clearSelection()  # the view is what is chosen, not the screen
        screen = self._list()
        screen.apply_saved_view(checked.query, view.columns)
        self.open_id = view.id
        self._opened = (checked.query, view.columns)
        self._checked_query = checked.fixed
        screen.saved_bar.show_view(view.name, checked.sentence())
        self.panel.select(view.id)

    def close_view(self) -> None:
        """Back to the whole list; the view stays in the sidebar."""
        self._forget_open()
        screen = self._list()
        screen.clear_search_and_filters()

    def _forget_open(self) -> None:
        self.open_id = None
        self._opened = None
        if "influencers" in self.window.views:
            self._list().saved_bar.hide()
        self.panel.select(None)

    def screen_chosen(self) -> None:
        """A screen was chosen in the sidebar: no view is highlighted any more."""
        self.panel.select(None)

    # Changes ------------------------------------------------------------------------------

    def _chosen(self) -> SavedView | None:
        view_id = self.panel.current_view_id() or self.open_id
        if view_id is None:
            self._say(_CHOOSE_FIRST)
            return None
        try:
            return saved_views_service().get(self.db, view_id)
        except NotFound as exc:
            self._say(str(exc))
            return None

    def save_current(self) -> None:
        """Ask for a name and keep the Influencers list as it is now under it."""
        from infcrm.ui.dialogs.saved_view_dialog import SavedViewDialog

        self.window.show_view("influencers")
        screen = self._list()
        self._open_dialog(
            SavedViewDialog(
                self.db, screen.current_query(), tuple(screen.visible_columns()), None, self.window
            ),
            opens=True,
        )

    def rename_chosen(self) -> None:
        """Ask for a new name for the chosen view."""
        from infcrm.ui.dialogs.saved_view_dialog import SavedViewDialog

        view = self._chosen()
        if view is not None:
            self._open_dialog(
                SavedViewDialog(self.db, view.query, view.columns, view, self.window), opens=False
            )

    def _open_dialog(self, dialog: SavedViewDialog, *, opens: bool) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        if opens:
            dialog.accepted.connect(lambda: self._on_saved(dialog.saved_id))
        dialog.open()

    def _on_saved(self, view_id: int | None) -> None:
        if view_id is not None:
            self.open_view(view_id)

    def update_open(self) -> None:
        """Keep the list's search, filters, sort and columns in the open view."""
        if self.open_id is None:
            self._say("Open a saved view first, then change the list and update it.")
            return
        screen = self._list()
        query, columns = screen.current_query(), tuple(screen.visible_columns())
        view = self._chosen_by_id(self.open_id)
        if view is None:
            return
        done = self._run(
            "Update view",
            lambda: saved_views_service().update_view(self.db, view.id, query, columns),
        )
        if done is not None:
            _push_change(self.db, f"update of view “{view.name}”", done)
            self._opened = (query, columns)
            screen.saved_bar.show_view(view.name, "")
            self._say(f"Updated “{view.name}” — Undo (Ctrl+Z)")

    def fix_open(self) -> None:
        """Keep the open view without the filters it had to drop."""
        view = self._chosen_by_id(self.open_id)
        if view is None or self._checked_query is None:
            return
        query = self._checked_query
        done = self._run(
            "Fix view", lambda: saved_views_service().update_view(self.db, view.id, query)
        )
        if done is not None:
            _push_change(self.db, f"fix of view “{view.name}”", done)
            screen = self._list()
            if screen.current_query() != query:  # a gone tag's condition leaves the list too
                screen.apply_saved_view(query, ())
            self._opened = (query, self._opened[1] if self._opened else ())
            screen.saved_bar.show_view(view.name, "")
            self._say(f"“{view.name}” now opens without the filters it lost — Undo (Ctrl+Z)")

    def move_chosen(self, step: int) -> None:
        """Move the chosen view one place up (-1) or down (1)."""
        view = self._chosen()
        if view is None:
            return
        order = [v.id for v in self.panel.views()]
        self.move_to(view.id, max(0, order.index(view.id) + step) if view.id in order else 0)

    def move_to(self, view_id: int, place: int) -> None:
        """Put a view at `place` in the sidebar (dragged there, or moved by a step)."""
        order = [v.id for v in self.panel.views()]
        if view_id in order and order.index(view_id) == min(place, len(order) - 1):
            return
        view = self._chosen_by_id(view_id)
        if view is None:
            return
        done = self._run("Move view", lambda: saved_views_service().move(self.db, view_id, place))
        if done is not None:
            _push_change(self.db, f"move of view “{view.name}”", done)
            self.panel.select(view_id)

    def delete_chosen(self) -> None:
        """Delete the chosen view (Undo brings it back)."""
        view = self._chosen()
        if view is None:
            return
        done = self._run("Delete view", lambda: saved_views_service().delete_view(self.db, view.id))
        if done is not None:
            _push_change(self.db, f"deletion of view “{view.name}”", done)
            if self.open_id == view.id:
                self._forget_open()
            self._say(f"Deleted the view “{view.name}” — Undo (Ctrl+Z)")

    # Helpers ------------------------------------------------------------------------------

    def _chosen_by_id(self, view_id: int | None) -> SavedView | None:
        if view_id is None:
            self._say(_CHOOSE_FIRST)
            return None
        try:
            return saved_views_service().get(self.db, view_id)
        except NotFound as exc:
            self._say(str(exc))
            return None

    def _run(self, title: str, action):
        outcome = operations.run(self.window, title, action)
        return outcome.value if outcome.ok else None

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

    def _on_menu(self, view_id: int, where: QPoint) -> None:
        self.context_menu(view_id).exec(where)

    def context_menu(self, view_id: int) -> QMenu:
        """A view's menu in the sidebar: open, rename, move, delete."""
        menu = QMenu(self.window)
        menu.addAction("Open", partial(self.open_view, view_id))
        for action in (
            self.rename_action,
            self.up_action,
            self.down_action,
            self.delete_action,
        ):
            menu.addAction(action)
        return menu


__all__ = ["SavedViewActions"]
