"""Edit › Tags…: counts, rename, merge, colour and delete, each one step of Undo."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QColorDialog, QInputDialog, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.dialogs.tag_manager_dialog import TagManagerDialog
from infcrm.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, open_window, db: Database) -> MainWindow:
    for name, labels in (("Ana", "vip, fair"), ("Ben", "vip"), ("Caro", "vegan")):
        influencers.create(db, InfluencerInput(display_name=name, tags=labels))
    return open_window(db, view=None)


def _open(window: MainWindow) -> TagManagerDialog:
    action = next(a for a in window.menus["edit"].actions() if a.text() == "Ta&gs…")
    action.trigger()
    dialog = window.tags_dialog
    assert dialog.isVisible()
    return dialog


def _rows(dialog: TagManagerDialog) -> list[tuple[str, int, str | None]]:
    return [(t.name, t.people, t.colour) for t in dialog.model.records]


def _select(dialog: TagManagerDialog, name: str) -> None:
    dialog.table.selectRow([t.name for t in dialog.model.records].index(name))


def test_tags_are_listed_with_counts_and_a_rename_is_undone(window, monkeypatch) -> None:
    dialog = _open(window)
    assert _rows(dialog) == [("fair", 1, None), ("vegan", 1, None), ("vip", 2, None)]
    _select(dialog, "vip")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("VIP 2026", True)))
    dialog.buttons["rename"].click()
    assert _rows(dialog)[2] == ("VIP 2026", 2, None)
    assert dialog.current().name == "VIP 2026"
    assert dialog.said.text() == "Renamed “vip” to “VIP 2026” on 2 people. Undo: Ctrl+Z."
    assert window.undo_stack.undoText() == "rename of tag “vip” to “VIP 2026”"
    window.undo_stack.undo()
    assert _rows(dialog)[2] == ("vip", 2, None), "the open dialog follows Undo"
    assert influencers.get(window.db, 1).tags == ("fair", "vip")


def test_merge_colour_and_delete_each_take_one_undo(window, monkeypatch) -> None:
    dialog = _open(window)
    _select(dialog, "fair")
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *_a, **_k: ("vip", True)))
    dialog.buttons["merge"].click()
    assert _rows(dialog) == [("vegan", 1, None), ("vip", 2, None)]
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *_a, **_k: QColor("#FF8800")))
    _select(dialog, "vip")
    dialog.buttons["colour"].click()
    assert _rows(dialog)[1] == ("vip", 2, "#ff8800")
    dialog.buttons["no_colour"].click()
    assert _rows(dialog)[1] == ("vip", 2, None)
    window.undo_stack.undo()
    assert _rows(dialog)[1] == ("vip", 2, "#ff8800")
    assert window.undo_stack.redoText() == "colour of tag “vip”"
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    dialog.buttons["delete"].click()
    assert _rows(dialog) == [("vegan", 1, None)]
    assert window.undo_stack.count() == 3  # the undone "no colour" is dropped by the delete
    for _ in range(3):
        window.undo_stack.undo()
    assert _rows(dialog) == [("fair", 1, None), ("vegan", 1, None), ("vip", 2, None)]


def test_a_refused_rename_says_why_and_changes_nothing(window, monkeypatch) -> None:
    dialog = _open(window)
    _select(dialog, "vegan")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("VIP", True)))
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a: warned.append(text))
    )
    dialog.buttons["rename"].click()
    assert warned == ["There is already a tag “VIP”; merge the two to join them."]
    assert window.undo_stack.count() == 0


def test_tag_manager_screenshot(window, tmp_path) -> None:
    dialog = _open(window)
    influencers.create(window.db, InfluencerInput(display_name="Dan", tags="vegan"))
    from infcrm.services.people import tags

    tags.set_tag_colour(window.db, "vegan", "#2e7d32")
    dialog.reload()
    QApplication.processEvents()
    image = dialog.grab()
    image.save(str(tmp_path / "tags.png"))
    assert image.width() >= 500


def test_a_long_tag_name_is_shown_whole(qtbot, window) -> None:
    """“summer-launch-2026” read “summer-laun…” while the Colour column stood half empty."""
    influencers.create(window.db, InfluencerInput(display_name="Dora", tags="summer-launch-2026"))
    dialog = _open(window)
    qtbot.waitExposed(dialog)
    metrics = dialog.table.fontMetrics()
    needed = metrics.horizontalAdvance("summer-launch-2026")
    assert dialog.table.columnWidth(0) > needed


def test_a_saved_view_of_a_renamed_tag_still_opens_on_its_people(
    qtbot, window, monkeypatch
) -> None:
    from infcrm.services.people import saved_views
    from infcrm.services.people.influencer_types import ListQuery

    view_id = saved_views.create(window.db, "VIPs", ListQuery(tag="vip")).value
    window.saved_views.panel.reload()
    dialog = _open(window)
    _select(dialog, "vip")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("VIP 2026", True)))
    dialog.buttons["rename"].click()
    dialog.close()

    window.saved_views.open_view(view_id)

    screen = window.influencers_view()
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=10_000)
    listed = [screen.model.index(r, 0).data() for r in range(screen.model.rowCount())]
    assert listed == ["Ana", "Ben"]  # not everyone: the view's tag filter followed the rename
    assert not screen.saved_bar.note.isVisible()


def test_renaming_a_tag_a_teammate_renamed_meanwhile_says_so_and_shows_hers(
    qtbot, window, ana: Database, monkeypatch
) -> None:
    from infcrm.services.people import tags

    dialog = _open(window)
    _select(dialog, "vip")
    tags.rename_tag(ana, "vip", "VIP Ana")  # while Sam's list still shows “vip”
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("VIP 2026", True)))
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a: warned.append(text))
    )
    dialog.buttons["rename"].click()

    assert warned and "There is no tag “vip” any more" in warned[0]
    assert "renamed, merged or deleted" in warned[0]
    assert ("VIP Ana", 2, None) in _rows(dialog)  # the list shows the tags as they are now
    assert window.undo_stack.count() == 0
    refresh = window.server_refresh  # on a server: heard Ana, then stop listening
    if refresh.listener is not None:
        qtbot.waitUntil(lambda: refresh.announced > 0)
        refresh.stop()
