"""Small wrong outputs a user noticed in the first hour, each shown right."""

from __future__ import annotations

import locale
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QLocale

from infcrm.domain.dates import day_text, moment_text
from infcrm.services.exchange.import_history import ImportRecord
from infcrm.ui.dialogs.deal_content_tab import promised_progress
from infcrm.ui.dialogs.undo_import import undo_question


def test_promised_content_says_due_once() -> None:
    assert promised_progress(0, 1, "due", date(2026, 4, 23)) == "0 of 1, due 23 Apr"
    assert promised_progress(1, 2, "late", date(2026, 3, 3)) == "1 of 2, late (was due 3 Mar)"
    assert promised_progress(2, 2, "delivered", date(2026, 3, 3)) == "2 of 2, delivered"
    assert promised_progress(0, 1, "due", None) == "0 of 1"


def test_one_date_format_whatever_the_system_locale(qapp) -> None:
    from infcrm.ui.interface_locale import use_interface_locale
    from infcrm.ui.models.timeline_list_model import local_when

    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    use_interface_locale()
    assert QLocale().toString(QDate(2026, 3, 3), "d MMM yyyy") == "3 Mar 2026"
    assert locale.setlocale(locale.LC_TIME) == "C"
    assert day_text(date(2026, 3, 3)) == "3 Mar 2026"
    assert moment_text(datetime(2026, 3, 3, 14, 5)) == "Tue 3 Mar 2026, 14:05"

    class Entry:
        when = datetime(2026, 3, 3, 14, 5).astimezone()

    assert local_when(Entry()) == "Tue 3 Mar 2026, 14:05"  # the timeline as everywhere else


def test_undo_import_speaks_local_time_and_skips_zero_counts() -> None:
    stamp = datetime(2026, 3, 3, 13, 5, tzinfo=UTC)
    record = ImportRecord(
        id=1, file_name="shop.xlsx", sheet=None, imported_at=stamp.replace(tzinfo=None),
        created=12, updated=0, skipped=0,
    )  # fmt: skip
    text = undo_question(record)
    assert moment_text(stamp.astimezone()) in text and "UTC" not in text
    assert "removes the 12 people it added." in text
    assert "the 0" not in text


def test_the_pdf_fingerprint_never_wraps_a_lone_character() -> None:
    from infcrm.ui.agreement_pdf import hash_html

    digest = "ab" * 32
    shown = hash_html(digest)
    assert f"{digest[:32]}<br/>{digest[32:]}" in shown and "monospace" in shown


def test_ctrl_l_on_the_board_logs_for_the_selected_card(qtbot, main_window, esc_user) -> None:
    main_window.show()
    main_window.show_view("pipeline")
    board = main_window.views["pipeline"]
    qtbot.waitUntil(lambda: not board.is_loading())
    column = next(c for c in board.columns.values() if c.model.rowCount())
    column.cards.setCurrentIndex(column.model.index(0, 0))
    chosen = column.selected_ids()
    assert len(chosen) == 1
    esc_user.presser.stop()  # keep the dialog open to look at it
    action = next(a for a in main_window.menus["edit"].actions() if "Log interaction" in a.text())
    action.trigger()
    dialog = main_window.log_dialog
    assert dialog.influencer_id == chosen[0]
    dialog.reject()


def test_mark_as_sent_warns_about_no_signature_and_no_email(qtbot, db, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from infcrm.services.campaigns import campaigns, deals
    from infcrm.services.campaigns.campaign_types import CampaignInput
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput
    from infcrm.ui.dialogs.agreement_dialog import AgreementDialog

    person = influencers.create(db, InfluencerInput(display_name="Tom"))
    campaign = campaigns.create_campaign(db, CampaignInput(name="Autumn", currency="EUR"))
    campaigns.add_influencers(db, campaign, [person])
    deal_id = deals.deal_summaries(db, campaign, date.today())[0].id
    dialog = AgreementDialog(db, deal_id)
    qtbot.addWidget(dialog)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No),
    )
    dialog._on_mark_sent()
    assert asked and "no signature" in asked[0] and "no email address" in asked[0]


def test_after_ctrl_z_the_status_bar_no_longer_offers_undo(qtbot, main_window) -> None:
    main_window.show()
    main_window.show_view("influencers")
    view = main_window.influencers_view()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    view.table.selectRow(0)
    view.trash_selected()
    assert "Undo (Ctrl+Z)" in main_window.statusBar().currentMessage()
    main_window.undo_stack.undo()
    message = main_window.statusBar().currentMessage()
    assert message.startswith("Undone: move of") and "Undo (Ctrl+Z)" not in message


def test_the_dashboard_screenshot_shows_every_stage_bar(qtbot, demo_db, tmp_path) -> None:
    from infcrm.app import save_screenshot
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    save_screenshot(window, tmp_path / "dashboard.png", "dashboard", (1280, 800))
    chart = window.views["dashboard"].chart
    assert len(chart.counts()) == 8  # every stage, the closed ones too
    assert chart.height() >= chart.sizeHint().height()  # none cut off at the bottom
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000


def test_the_last_backup_reads_its_date_as_everywhere() -> None:
    from infcrm.ui.dialogs.data_location_dialog import when_text

    long_ago = datetime(2026, 3, 3, 14, 5).astimezone()
    assert when_text(long_ago) == "Tue 3 Mar 2026 at 14:05"
