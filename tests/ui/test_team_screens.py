"""Two users on one server: what one saves shows on the other's screens within 2 seconds.

Runs on the PostgreSQL pass only (`.ci/run` names this file there): a file has no other users.

The 2 seconds are the app's: from Ana's commit to Mo's app hearing the server's notice and
telling its screens (`Delivery`). Each screen's own reading and painting after that, and the
test's polling for it, are timed apart: on a loaded CI machine they took more than the whole
margin, though the change had arrived at once. What still fails: a change never announced,
one announced late, or one reaching the screen only through the listener's reconnection
(its "missed" notice), not through the notice of the commit itself.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from infcrm.db.change_notices import Notice
from infcrm.db.engine import Database, open_database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.events import events
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(
    BACKEND != "postgresql", reason="another user's changes on a server (PostgreSQL pass)"
)


@pytest.fixture
def ana(db: Database) -> Database:
    """Ana's app: the test's server database."""
    db.sign_as("Ana")
    return db


@pytest.fixture
def mo(db: Database) -> Iterator[Database]:
    """Mo's app on the same server database."""
    second = open_database(db.url)
    second.sign_as("Mo")
    yield second
    second.close()


def _names(window) -> list[str]:
    model = window.current_view().model
    column = model.column_of("name")
    return [
        model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
        for row in range(model.rowCount())
    ]


PROMISED_SECONDS = 2.0  # from a teammate's commit to this app's screens being told


@pytest.fixture
def heard(monkeypatch) -> list[tuple[float, Notice]]:
    """Every notice the windows' listeners hand on, with when it was heard (on the listener's
    own thread, `time.monotonic()`), so the server's delivery is timed apart from the GUI."""
    from infcrm.ui import server_refresh

    found: list[tuple[float, Notice]] = []
    hand_on = server_refresh._heard

    def recording(inbox, wake, notice: Notice) -> None:
        found.append((time.monotonic(), notice))
        hand_on(inbox, wake, notice)

    monkeypatch.setattr(server_refresh, "_heard", recording)
    return found


class Delivery:
    """Times one of Ana's saves on its way to Mo's screens: commit → notice heard → the
    app-wide event the screens follow (`signal`) → the screen showing it."""

    def __init__(self, qtbot, heard: list[tuple[float, Notice]], signal) -> None:
        self._qtbot = qtbot
        self._heard = heard
        self._signal = signal
        self._told: list[float] = []
        signal.connect(self._tell)

    def _tell(self, *_args: object) -> None:
        self._told.append(time.monotonic())

    def close(self) -> None:
        self._signal.disconnect(self._tell)

    def commit(self, *saves: Callable[[], object]) -> None:
        """Run Ana's `saves` (each commits), timing from the end of the last."""
        self._started = time.monotonic()
        for save in saves:
            save()
        self._committed = time.monotonic()

    def shows(self, condition: Callable[[], bool]) -> dict[str, float]:
        """Wait (patiently: the screen reads in the background) until the screen shows the
        saves, then check how they got there; returns the times, in seconds from the commit."""
        self._qtbot.waitUntil(condition)
        shown = time.monotonic()
        notices = [(at, n) for at, n in self._heard if at >= self._started]
        assert notices, "no notice of the commit reached the other app"
        assert not [n for _at, n in notices if n.missed], (
            "the change reached the other app only after its listener reconnected"
        )
        told = [at for at in self._told if at >= self._started]
        assert told and told[0] <= shown, "the screen changed without being told of the save"
        times = {
            "heard": max(0.0, notices[0][0] - self._committed),
            "told": max(0.0, told[0] - self._committed),
            "shown": shown - self._committed,
        }
        assert times["told"] < PROMISED_SECONDS, (
            f"the other app was told of the save {times['told']:.2f} s after the commit "
            f"(notice heard after {times['heard']:.2f} s)"
        )
        print("from the commit, s:", {key: round(value, 3) for key, value in times.items()})
        return times


@pytest.fixture
def delivery(qtbot, heard) -> Iterator[Callable[[object], Delivery]]:
    """`delivery(events.some_signal)`: a `Delivery` timed to that event."""
    made: list[Delivery] = []

    def make(signal) -> Delivery:
        made.append(Delivery(qtbot, heard, signal))
        return made[-1]

    yield make
    for each in made:
        each.close()


def test_a_person_ana_adds_appears_in_mos_list(qtbot, open_window, ana, mo, delivery) -> None:
    influencers.create(ana, InfluencerInput(display_name="Ana Costa"))
    window = open_window(mo)
    try:
        assert window.server_refresh.listener.listening.wait(10)
        assert _names(window) == ["Ana Costa"]
        lena = delivery(events.influencers_changed)
        lena.commit(lambda: influencers.create(ana, InfluencerInput(display_name="Lena Vogel")))
        # Said at once, for 5 s: looked for before the list's own reading, which may be slower.
        qtbot.waitUntil(lambda: "changes by Ana" in window.statusBar().currentMessage())
        lena.shows(lambda: "Lena Vogel" in _names(window))
    finally:
        window.server_refresh.stop()


def test_the_person_mo_has_open_shows_anas_edit(qtbot, open_window, ana, mo, delivery) -> None:
    person = influencers.create(ana, InfluencerInput(display_name="Lena Vogel"))
    window = open_window(mo)
    try:
        assert window.server_refresh.listener.listening.wait(10)
        view = window.current_view()
        panel = view.detail
        # Chosen in the list, as Mo does: the panel beside it follows saves while on show.
        view.table.selectRow(0)
        qtbot.waitUntil(lambda: panel.isVisible() and panel.influencer_id == person)
        qtbot.waitUntil(lambda: panel.name.text() == "Lena Vogel")
        edit = delivery(events.influencers_changed)
        edit.commit(
            lambda: influencers.update(ana, person, InfluencerInput(display_name="Lena Vogel-Berg"))
        )
        edit.shows(lambda: panel.name.text() == "Lena Vogel-Berg")
    finally:
        window.server_refresh.stop()


def test_many_commits_in_a_row_repaint_a_few_times(qtbot, open_window, ana, mo) -> None:
    """An import committed in many chunks: the list catches up without one reload each —
    at most one a `MIN_GAP_SECONDS` while the commits go on, whatever the machine's speed."""
    from infcrm.ui.server_refresh import MIN_GAP_SECONDS

    window = open_window(mo)
    try:
        assert window.server_refresh.listener.listening.wait(10)
        started = time.monotonic()
        for number in range(40):
            influencers.create(ana, InfluencerInput(display_name=f"Person {number:02}"))
        took = time.monotonic() - started
        qtbot.waitUntil(lambda: len(_names(window)) == 40)
        # The first after a quiet spell, then at most one a gap while the commits go on, and
        # one for what came in during the last gap (on a quiet machine: 2 or 3; was "≤ 5",
        # which a loaded machine's slower commits could exceed without anything being wrong).
        announced = window.server_refresh.announced
        assert announced <= 2 + took / MIN_GAP_SECONDS, (
            f"the list was reloaded {announced} times for 40 commits made in {took:.1f} s"
        )
    finally:
        window.server_refresh.stop()


def test_mos_own_change_is_not_announced_twice(qtbot, open_window, ana, mo, heard) -> None:
    window = open_window(mo)
    try:
        assert window.server_refresh.listener.listening.wait(10)
        influencers.create(mo, InfluencerInput(display_name="Mo's own"))
        # Ana's save after Mo's: once hers is announced, the notice of his (sent before hers
        # on the same channel) has been heard too, however slow the machine.
        influencers.create(ana, InfluencerInput(display_name="Ana's"))
        qtbot.waitUntil(lambda: window.server_refresh.announced == 1)
        assert [notice.by for _at, notice in heard] == ["Ana"]
        assert "changes by Ana." in window.statusBar().currentMessage()
    finally:
        window.server_refresh.stop()


@pytest.mark.skipif(
    shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
    reason="PostgreSQL's client programs are not installed",
)
def test_restore_from_backup_lists_the_dumps_and_puts_one_back_for_everyone(
    qtbot, open_window, ana, mo, monkeypatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from infcrm.ui.dialogs import restore_dialog

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text, *_a: told.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    shown: list[dict] = []  # what each opening of the dialog showed

    def pick_newest(dialog: restore_dialog.RestoreDialog) -> int:
        model = dialog.model
        shown.append({
            "empty": None if dialog.empty.isHidden() else dialog.empty.text(),
            "counts hidden": dialog.table.isColumnHidden(restore_dialog.INFLUENCERS),
            "rows": [model.backup_at(row) for row in range(model.rowCount())],
            "first": [model.data(model.index(0, column)) for column in range(4)],
        })  # fmt: skip
        if not model.rowCount():
            return QDialog.DialogCode.Rejected
        dialog._on_restore()  # Restore… on the row selected when it opens: the newest
        return dialog.result()

    monkeypatch.setattr(restore_dialog.RestoreDialog, "exec", pick_newest)
    influencers.create(ana, InfluencerInput(display_name="Ana Costa"))
    window = open_window(mo)
    zoe = open_database(ana.url)
    zoes = open_window(zoe)
    try:
        assert zoes.server_refresh.listener.listening.wait(10)
        window.data_safety.where_action.trigger()
        assert "on a PostgreSQL server your team shares" in told[-1] and "none yet" in told[-1]
        window.data_safety.restore_action.trigger()
        assert "No backup of your team's" in shown[-1]["empty"]
        made = window.data_safety.back_up_now()
        assert made is not None and made.suffix == ".dump" and made.stat().st_size > 0
        assert str(made) in window.statusBar().currentMessage()
        influencers.create(ana, InfluencerInput(display_name="Lena Vogel"))
        qtbot.waitUntil(lambda: "Lena Vogel" in _names(window) and "Lena Vogel" in _names(zoes))

        window.data_safety.restore_action.trigger()

        listed = shown[-1]
        assert listed["counts hidden"] and listed["rows"][0].path == made
        made_at, why, _count, size = listed["first"]
        assert why == "Backed up by you" and size.endswith("KB") and made_at
        qtbot.waitUntil(lambda: _names(window) == ["Ana Costa"])
        assert "kept as a backup" in told[-1] and "before-restore" in told[-1]
        # Zoe's screens, open on the same database, reload too (a notice naming every table).
        qtbot.waitUntil(lambda: _names(zoes) == ["Ana Costa"])
        # The data it replaced is the newest backup now: restoring it undoes the restore.
        window.data_safety.restore_action.trigger()
        assert [row.reason for row in shown[-1]["rows"]] == ["before-restore", "manual"]
        qtbot.waitUntil(lambda: sorted(_names(window)) == ["Ana Costa", "Lena Vogel"])
    finally:
        window.server_refresh.stop()
        zoes.server_refresh.stop()
        # The restore's notices may still have reloads queued: let them run while the test's
        # database exists, and close the windows, so none runs on it after it is dropped.
        for shown_window in (window, zoes):
            shown_window.close()
        # 300 ms was not always enough on a busy two-core machine: a reload still queued then
        # ran in the next test's set-up, on this test's dropped database.
        qtbot.wait(1500)
        zoe.close()


def test_forget_on_a_server_says_what_the_app_cannot_scrub_before_it_erases(
    qtbot, mo, monkeypatch
) -> None:
    """The tables are rewritten (tests/unit/services/test_forget_on_a_server.py); the server's
    log, standbys and earlier backups are not the app's to erase. The question says so before
    the user answers, and no second box interrupts once the erasing is done."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget

    from infcrm.db import server_backup
    from infcrm.ui.views.trash_view import forget_with_confirmation

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text, *_a: told.append(text))
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _w, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    person = influencers.create(mo, InfluencerInput(display_name="Zyqwenthia Vorblesk"))
    parent = QWidget()
    qtbot.addWidget(parent)

    assert forget_with_confirmation(parent, mo, [person], QUndoStack()) == 1

    assert len(asked) == 1 and "Forget 1 influencer for good?" in asked[0]
    assert "rewrites the server's tables without them" in asked[0]
    assert "write-ahead log" in asked[0] and str(server_backup.folder()) in asked[0]
    assert "ask the server's administrator" in asked[0]
    assert told == []


def test_the_deal_mo_has_open_shows_anas_terms_and_payment(
    qtbot, open_window, ana, mo, monkeypatch, delivery
) -> None:
    from datetime import date

    from infcrm.services.campaigns import deal_edits
    from infcrm.services.campaigns.campaign_types import PaymentInput
    from infcrm.ui.dialogs.deal_dialog import DealDialog
    from tests.order_setup import bake_off
    from tests.ui.test_open_forms_follow_teammates import anas_save

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)
    lena = bake_off(ana).lena
    window = open_window(mo)
    try:
        assert window.server_refresh.listener.listening.wait(10)
        dialog = DealDialog(mo, lena, window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.notes.setPlainText("Mo's note")
        saves = delivery(events.deals_changed)
        saves.commit(
            lambda: anas_save(ana, lena, usage_rights="Repost 3 months"),
            lambda: deal_edits.add_payment(ana, lena, PaymentInput(date(2026, 4, 2), "200")),
        )
        saves.shows(
            lambda: (
                dialog.usage.text() == "Repost 3 months" and dialog.payment_model.rowCount() == 1
            )
        )
        assert dialog.notes.toPlainText() == "Mo's note"
        assert "saved by Ana while you were editing" in dialog.terms_status.text()
    finally:
        window.server_refresh.stop()


def test_the_deal_window_behind_mos_open_payment_shows_anas_save(
    qtbot, open_window, ana, mo, monkeypatch, delivery
) -> None:
    from datetime import date

    from infcrm.services.campaigns import deal_edits, deal_results, deals
    from infcrm.services.campaigns.campaign_types import PaymentInput
    from infcrm.ui.dialogs.deal_dialog import DealDialog
    from infcrm.ui.dialogs.payment_dialog import PaymentDialog
    from tests.order_setup import bake_off
    from tests.ui.test_open_forms_follow_teammates import anas_save

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)
    lena = bake_off(ana).lena
    deal_results.record_payment(ana, lena, PaymentInput(date(2026, 4, 2), "200"))
    window = open_window(mo)
    try:
        assert window.server_refresh.listener.listening.wait(10)
        dialog = DealDialog(mo, lena, window)
        qtbot.addWidget(dialog)
        dialog.show()
        [item] = deals.get_deal(mo, lena).payments
        payment = PaymentDialog(mo, item, "Lena Bakes", dialog)
        qtbot.addWidget(payment)
        payment.setWindowModality(Qt.WindowModality.ApplicationModal)  # as Edit payment… opens it
        payment.show()
        payment.reference.setText("Mo's reference")
        saves = delivery(events.deals_changed)
        saves.commit(
            lambda: anas_save(ana, lena, usage_rights="Repost 3 months"),
            lambda: deal_edits.add_payment(ana, lena, PaymentInput(date(2026, 4, 9), "100")),
        )
        saves.shows(
            lambda: (
                dialog.usage.text() == "Repost 3 months" and dialog.payment_model.rowCount() == 2
            )
        )
        assert payment.isVisible() and payment.reference.text() == "Mo's reference"
        payment.reject()
    finally:
        window.server_refresh.stop()
