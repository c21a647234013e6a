"""Every menu entry and shortcut of the window, on every screen, works the first time."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication

from infcrm.ui.main_window import SCREENS, MainWindow

SCREEN_KEYS = [key for key, _label, _purpose in SCREENS]


def _settle(qtbot, window: MainWindow) -> None:
    """Let the screen on show finish its background reads."""
    qtbot.waitUntil(lambda: not window.current_view().is_loading(), timeout=10_000)
    QApplication.processEvents()


def _menu_actions(window: MainWindow) -> list[QAction]:
    """Every entry of every menu, in menu order (separators and Quit left out)."""
    found: list[QAction] = []
    for menu in window.menus.values():
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            if action.text().replace("&", "") == "Quit":
                continue
            found.append(action)
    return found


@pytest.mark.parametrize("filled", [False, True], ids=["empty", "demo"])
def test_each_view_entry_and_ctrl_number_shows_its_screen(
    qtbot, open_window, db, filled, esc_user
) -> None:
    if filled:
        from infcrm.demo import generate as demo

        demo.populate(db, influencers=60, seed=3)
    window = open_window(db, view=None)
    _settle(qtbot, window)
    # The screens first; the saved views' actions follow them (tests/ui/test_saved_views_window.py).
    view_menu = [a for a in window.menus["view"].actions() if not a.isSeparator()][: len(SCREENS)]
    assert [a.text() for a in view_menu] == [label for _k, label, _p in SCREENS]
    for number, (action, key) in enumerate(zip(view_menu, SCREEN_KEYS, strict=True), start=1):
        assert action.shortcut().toString() == f"Ctrl+{number}"
        action.trigger()  # passes checked=False, as a click or the shortcut does
        assert window.current_view_key() == key
        assert window.stack.currentWidget() is window.views[key]
        assert window.sidebar.currentRow() == number - 1
    _settle(qtbot, window)
    assert esc_user.errors.seen == []


@pytest.mark.parametrize("filled", [False, True], ids=["empty", "demo"])
def test_every_action_on_every_screen_runs_without_an_error(
    qtbot, open_window, db, filled, esc_user
) -> None:
    if filled:
        from infcrm.demo import generate as demo

        demo.populate(db, influencers=60, seed=3)
    window = open_window(db, view=None)
    _settle(qtbot, window)
    actions = _menu_actions(window)
    assert len(actions) >= 20
    for key in SCREEN_KEYS:
        window.show_view(key)
        _settle(qtbot, window)
        # The screen's own shortcuts and buttons' actions count too.
        view = window.views[key]
        own = [a for a in view.findChildren(QAction) if not a.isSeparator() and not a.menu()]
        for action in [*actions, *own]:
            window.show_view(key)
            action.trigger()
            QApplication.processEvents()
            assert esc_user.errors.seen == [], f"{action.text()!r} on {key}"
        for shortcut in view.findChildren(QShortcut):
            window.show_view(key)
            shortcut.activated.emit()
            QApplication.processEvents()
            assert esc_user.errors.seen == [], f"{shortcut.key().toString()} on {key}"
        _settle(qtbot, window)
    quit_action = next(
        a for a in window.menus["file"].actions() if a.text().replace("&", "") == "Quit"
    )
    quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert esc_user.errors.seen == []
