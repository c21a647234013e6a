"""The deal's terms tab says what is wrong with the terms typed, and saves nothing then."""

from __future__ import annotations

from infcrm.db.engine import Database
from infcrm.services.campaigns import deals
from infcrm.ui.dialogs.deal_dialog import DealDialog
from tests.order_setup import bake_off


def test_usage_rights_too_long_are_refused_with_the_reason_beside_save(db: Database, qtbot) -> None:
    setup = bake_off(db)
    dialog = DealDialog(db, setup.mia)
    qtbot.addWidget(dialog)
    dialog.usage.setText("x" * 2001)

    assert not dialog.save_terms()

    assert "Usage rights" in dialog.terms_error.text()
    assert not deals.get_deal(db, setup.mia).usage_rights
