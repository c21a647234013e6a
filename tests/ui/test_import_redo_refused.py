"""Edit › Redo of an undone import, after a teammate edited one of its people, says who
changed whom and changes nothing; the import stays in Edit › Redo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.changes import Changes
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.import_undo import push_import


def _action(window, key: QKeySequence.StandardKey):
    return next(a for a in window.menus["edit"].actions() if a.shortcut() == QKeySequence(key))


def test_redo_of_an_import_over_a_teammates_edit_is_refused_and_stays_in_the_menu(
    qtbot, main_window, ana: Database, tmp_path: Path, monkeypatch
) -> None:
    db = main_window.db
    lena = influencers.create(db, InfluencerInput(display_name="Lena Vogel", email="l@x.io"))
    path = tmp_path / "cities.csv"
    path.write_text("Name,Email,City\nLena Vogel,l@x.io,Oslo\n", encoding="utf-8")
    summary = import_file(db, path, on_duplicate="update")
    push_import(db, summary.batch_id, "1 person", path.name, Changes(people=(lena,)))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))

    _action(main_window, QKeySequence.StandardKey.Undo).trigger()
    assert influencers.get(db, lena).city is None
    seen = influencers.get(ana, lena)
    influencers.update(ana, lena, replace(seen.to_input(), city="Bergen"))  # Ana, meanwhile
    _action(main_window, QKeySequence.StandardKey.Redo).trigger()

    assert len(warnings) == 1
    assert "Ana changed" in warnings[0] and "Lena Vogel" in warnings[0]
    assert "redoing" in warnings[0] and "Nothing was changed" in warnings[0]
    assert "the step stays in Edit › Redo" in warnings[0]
    assert influencers.get(db, lena).city == "Bergen"
    assert main_window.undo_stack.redoText() == "import of 1 person from “cities.csv”"
