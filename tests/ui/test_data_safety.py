"""Back up now, Restore from backup…, Where is my data? and the start-up check, in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from infcrm.db import backups
from infcrm.services.maintenance import maintenance
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.data_safety import DataSafety
from infcrm.ui.dialogs import restore_dialog
from infcrm.ui.dialogs.data_location_dialog import DataLocationDialog
from infcrm.ui.dialogs.restore_dialog import RestoreDialog
from infcrm.ui.events import events
from infcrm.ui.models.backup_table_model import BackupTableModel
from infcrm.ui.models.latest_loader import LatestLoader


def menu_texts(window, menu: str) -> list[str]:
    """The entries of one menu as the user reads them."""
    return [a.text().replace("&", "") for a in window.menus[menu].actions() if a.text()]


def test_the_menus_offer_backup_restore_and_where_the_data_is(main_window) -> None:
    assert {"Back up now", "Restore from backup…"} <= set(menu_texts(main_window, "file"))
    assert "Where is my data?" in menu_texts(main_window, "help")
    safety: DataSafety = main_window.data_safety
    for action in (safety.back_up_action, safety.restore_action, safety.where_action):
        assert action.toolTip()


def test_back_up_now_makes_a_copy_and_says_where(main_window) -> None:
    copy = main_window.data_safety.back_up_now()
    assert copy is not None and copy.exists()
    assert str(copy) in main_window.statusBar().currentMessage()
    (listed,) = backups.list_backups(copy.parent)
    assert listed.influencer_count == influencer_list.count(main_window.db)


def test_restore_goes_back_and_every_screen_hears_of_it(
    main_window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = main_window.db
    before = influencer_list.count(db)
    main_window.data_safety.back_up_now()
    influencers.create(db, InfluencerInput(display_name="Added after the backup"))
    assert influencer_list.count(db) == before + 1

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    chosen: list[RestoreDialog] = []

    def choose(parent, db_path: Path):
        dialog = RestoreDialog(db_path, parent)
        chosen.append(dialog)
        assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
        dialog.restore_button.click()
        return dialog.chosen

    monkeypatch.setattr(RestoreDialog, "choose", staticmethod(choose))
    with qtbot.waitSignal(events.influencers_changed, timeout=10000):
        main_window.data_safety.restore_from_backup()

    assert influencer_list.count(db) == before, "the person added after the backup is gone"
    assert told and "kept as a backup" in told[0]
    reasons = {b.reason for b in backups.list_backups(backups.default_folder(db.path))}
    assert reasons == {"manual", "before-restore"}


def test_the_restore_list_shows_date_kind_count_and_size(qtbot, qtmodeltester, demo_db) -> None:
    maintenance.back_up_now(demo_db)
    backups.backup_before(demo_db, "import")
    dialog = RestoreDialog(demo_db.path)
    qtbot.addWidget(dialog)
    model: BackupTableModel = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    texts = {model.index(0, c).data() for c in range(model.columnCount())}
    assert "Before an import" in texts
    assert f"{influencer_list.count(demo_db):,}" in texts
    assert any(t.endswith("KB") or t.endswith("MB") for t in texts)


def test_an_empty_backups_folder_says_how_backups_are_made(qtbot, db) -> None:
    dialog = RestoreDialog(db.path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.table.isVisible()
    assert not dialog.restore_button.isEnabled()


def test_where_is_my_data_names_the_file_the_folder_and_the_last_backup(qtbot, db) -> None:
    maintenance.back_up_now(db)
    dialog = DataLocationDialog(maintenance.data_locations(db))
    qtbot.addWidget(dialog)
    assert dialog.last_backup.text().startswith("today at ")
    from PySide6.QtWidgets import QLabel

    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert str(db.path) in shown and str(backups.default_folder(db.path)) in shown


def test_the_start_up_check_makes_the_daily_backup_in_the_background(main_window, qtbot) -> None:
    with qtbot.waitSignal(main_window.data_safety.startup_checked, timeout=20000) as signal:
        main_window.data_safety.start_background_checks()
    report = signal.args[0]
    assert report.ok and report.influencers == influencer_list.count(main_window.db)
    assert [
        b.reason for b in backups.list_backups(backups.default_folder(main_window.db.path))
    ] == ["daily"]


def test_a_damaged_file_found_at_start_up_offers_the_newest_good_backup(
    main_window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = main_window.db
    count = influencer_list.count(db)
    maintenance.back_up_now(db)
    # A screen still reading in the background would keep a connection, and with it the
    # write-ahead log that hides the damage below; the user's damaged file has no such reader.
    qtbot.waitUntil(lambda: not any(x.busy for x in main_window.findChildren(LatestLoader)))
    db.close()
    data = bytearray(db.path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 8 : offset + 200] = b"\xa5" * 192
    db.path.write_bytes(bytes(data))
    offered: list[str] = []

    def ask(_parent, _path, problem, newest) -> bool:
        offered.append(problem)
        return newest is not None

    monkeypatch.setattr(restore_dialog, "ask_to_restore", ask)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    with qtbot.waitSignal(main_window.data_safety.restored, timeout=20000):
        main_window.data_safety.start_background_checks()

    assert offered, "the user was told about the damage"
    assert influencer_list.count(db) == count
    reasons = [b.reason for b in backups.list_backups(backups.default_folder(db.path))]
    assert "damaged" in reasons and "daily" not in reasons, "no backup is made of a damaged file"


def test_dialogs_close_without_doing_anything(qtbot, db) -> None:
    dialog = RestoreDialog(db.path)
    qtbot.addWidget(dialog)
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.chosen is None


def test_a_damaged_server_database_found_at_start_up_says_what_to_do(
    qtbot, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a server the start-up check looks at what goes wrong there (no file to back up)."""
    import os

    from sqlalchemy import text

    from infcrm.db.engine import open_database
    from infcrm.demo import generate as demo
    from infcrm.ui.main_window import MainWindow
    from tests.conftest import _admin

    server, template = request.getfixturevalue("pg_template")
    name = f"u{os.getpid()}_{id(request)}"
    _admin(server, f"CREATE DATABASE {name} TEMPLATE {template}")
    db = open_database(server.url(name))
    try:
        demo.populate(db, influencers=8, seed=2)
        with db.engine.begin() as conn:  # a search entry lost, as a hand-made restore may
            conn.execute(text("DELETE FROM influencer_search WHERE rowid = 1"))
        warned: list[tuple[str, str]] = []
        monkeypatch.setattr(
            QMessageBox, "warning", lambda _p, title, said: warned.append((title, said))
        )
        window = MainWindow(db)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.data_safety.startup_checked, timeout=20000) as signal:
            window.data_safety.start_background_checks()
        assert not signal.args[0].ok
        qtbot.waitUntil(lambda: bool(warned))
        title, said = warned[0]
        assert title == "The team's database needs attention"
        assert "The search index is out of step with the people" in said
        assert "infcrm check --repair --db postgresql://" in said and name in said
        window.close()
    finally:
        db.close()
        _admin(server, f"DROP DATABASE {name} WITH (FORCE)")
