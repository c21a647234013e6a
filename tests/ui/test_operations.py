"""One way to run a user action: errors become messages in one place, changes become signals."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from infcrm.db.engine import Database, DiskFull
from infcrm.services.campaigns import campaigns, deal_results, deals, result_edits
from infcrm.services.campaigns.campaign_types import CampaignInput, ContentInput, PaymentInput
from infcrm.services.changes import Changes
from infcrm.services.errors import InvalidInput, NotFound
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui import operations
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.events import events
from infcrm.ui.widgets.field_error import FieldError


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """The sentences shown in warning boxes (answered at once)."""
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a: shown.append(text))
    )
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    return shown


@pytest.fixture
def deal_dialog(qtbot, demo_db: Database) -> DealDialog:
    campaign_id = campaigns.create_campaign(
        demo_db, CampaignInput(name="Autumn", starts_on=date(2026, 9, 1), status="active")
    )
    [person] = influencer_list.list_ids(demo_db, ListQuery())[:1]
    campaigns.add_influencers(demo_db, campaign_id, [person])
    [deal] = deals.deal_summaries(demo_db, campaign_id, date.today())
    deal_results.record_payment(demo_db, deal.id, PaymentInput(date(2026, 9, 3), "50"))
    deal_results.record_content(
        demo_db, deal.id, ContentInput(platform="instagram", posted_on=date(2026, 9, 4))
    )
    dialog = DealDialog(demo_db, deal.id)
    qtbot.addWidget(dialog)
    dialog.reload()
    return dialog


def test_deleting_a_payment_removed_meanwhile_says_so(deal_dialog, warnings) -> None:
    [payment] = deals.get_deal(deal_dialog.db, deal_dialog.deal_id).payments
    result_edits.delete_payment(deal_dialog.db, payment.id)  # in another window, say
    deal_dialog.payment_table.selectRow(0)
    assert deal_dialog.payment_model.rowCount() == 1, "the dialog still shows it"

    deal_dialog._on_delete_payment()

    assert warnings and "no longer exists" in warnings[0]
    assert deal_dialog.payment_model.rowCount() == 0, "the list shows what is there now"


def test_deleting_a_post_removed_meanwhile_says_so(deal_dialog, warnings) -> None:
    [post] = deals.get_deal(deal_dialog.db, deal_dialog.deal_id).content
    result_edits.delete_content(deal_dialog.db, post.id)
    deal_dialog.content_table.selectRow(0)

    deal_dialog._on_delete_post()

    assert warnings and "no longer exists" in warnings[0]
    assert deal_dialog.content_model.rowCount() == 0


def test_deleting_a_payment_tells_every_screen(qtbot, deal_dialog, warnings) -> None:
    deal_dialog.payment_table.selectRow(0)
    with qtbot.waitSignal(events.deals_changed) as told:
        deal_dialog._on_delete_payment()
    assert told.args == [[deal_dialog.deal_id]]
    assert not warnings
    assert deals.get_deal(deal_dialog.db, deal_dialog.deal_id).payments == ()


def test_a_full_disk_is_a_message_and_nothing_is_announced(qtbot, warnings) -> None:
    def fail() -> None:
        raise DiskFull("Your disk is full, so this change was not saved.")

    with qtbot.assertNotEmitted(events.influencers_changed):
        outcome = operations.run(None, "Save", fail, changes=Changes(people=(1,)))
    assert not outcome.ok
    assert warnings == ["Your disk is full, so this change was not saved."]


def test_refused_fields_show_beside_their_field_and_the_rest_in_a_box(qtbot, warnings) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    name = FieldError(parent=form)

    def refuse() -> None:
        raise InvalidInput({"name": "Name is required.", "elsewhere": "Pick a stage."})

    outcome = operations.run(form, "Save", refuse, form={"name": name})
    assert not outcome.ok
    assert name.message == "Name is required."
    assert warnings == ["Pick a stage."]


def test_a_record_gone_shows_in_the_general_line_when_there_is_one(qtbot, warnings) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    general = FieldError(parent=form)

    def gone() -> None:
        raise NotFound("This campaign (#4) no longer exists.")

    assert not operations.run(form, "Save", gone, general=general).ok
    assert general.message == "This campaign (#4) no longer exists."
    assert not warnings


def test_an_unexpected_error_is_not_swallowed(qtbot, warnings) -> None:
    def bug() -> None:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        operations.run(None, "Save", bug)
    assert not warnings


def test_what_the_service_reports_becomes_the_signals(qtbot) -> None:
    changes = Changes.of(people={3}, outreach=[3], follow_ups=True) | Changes(people=(4,))
    with (
        qtbot.waitSignal(events.influencers_changed) as people,
        qtbot.waitSignal(events.interactions_changed) as outreach,
        qtbot.waitSignal(events.follow_ups_changed),
        qtbot.assertNotEmitted(events.campaigns_changed),
    ):
        assert operations.run(None, "Log", lambda: changes).ok
    assert people.args == [[3, 4]]
    assert outreach.args == [[3]]


def test_an_id_returned_is_turned_into_changes_by_the_caller(qtbot) -> None:
    with qtbot.waitSignal(events.campaigns_changed) as told:
        outcome = operations.run(
            None, "New", lambda: 7, changes=lambda new: Changes(campaigns=(new,))
        )
    assert outcome.value == 7 and told.args == [[7]]


def test_cancelling_a_background_action_is_quiet(qtbot, warnings) -> None:
    from infcrm.services.progress import Cancelled

    def job(_progress) -> None:
        raise Cancelled

    outcome = operations.run_in_background(None, "Import", job, changes=Changes(people=()))
    assert outcome.cancelled and not outcome.ok and not warnings


def test_only_the_operations_helper_announces_what_changed() -> None:
    # A dialog that emitted "something changed" by hand could forget one, or announce a change
    # that failed; the screens would then show stale data. Opening a person or a campaign is
    # navigation, not a change, and may be asked for from anywhere; so is ticking “Mine only”,
    # a choice of what this computer shows (the sidebar's count follows it), not of the data.
    import re
    from pathlib import Path

    import infcrm.ui

    # A server that stopped answering is not a change of the data either: the window's
    # offline note hears it from wherever a read or a save found it out.
    navigation = {"open_influencer", "open_campaign", "mine_only_changed", "server_unreachable"}
    ui = Path(infcrm.ui.__file__).parent
    by_hand = [
        f"{path.relative_to(ui)}: events.{name}"
        for path in ui.rglob("*.py")
        if path.name != "operations.py"
        for name in re.findall(r"events\.(\w+)\.emit", path.read_text(encoding="utf-8"))
        if name not in navigation
    ]
    assert by_hand == []
