"""A small file matched by looking up only what its rows name decides exactly as reading
everyone does: the same matches, updates, skips, reasons and possible duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from infcrm.db.engine import Database
from infcrm.files.import_apply import plan_file
from infcrm.services.exchange import import_lookup, people_import
from infcrm.services.exchange.import_duplicates import possible_duplicates_of_import
from infcrm.services.exchange.import_history import undo_last_import
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.people_import import write_import


def _account(platform: str, handle: str, url: str | None = None) -> dict[str, object]:
    return {"platform": platform, "handle": handle, "url": url, "is_primary": True}


def _person(number: int, name: str, email: str | None = None, *accounts: dict) -> ImportRow:
    return ImportRow(number, person={"display_name": name, "email": email}, accounts=[*accounts])


def _already_there() -> list[ImportRow]:
    """The people in the file before the import, some stored as older versions left them:
    capitals in an email, two spaces in a name, accents."""
    return [
        _person(2, "Anna Berg", "anna@berg.example", _account("instagram", "anna.berg")),
        _person(3, "Ben  Carter", "BEN@CARTER.EXAMPLE", _account("tiktok", "bencarter")),
        _person(4, "Chris Dale"),
        _person(5, "Chris Dale", "chris@one.example"),
        _person(6, "Dóra Éclair", "DÓRA@ECLAIR.EXAMPLE"),
        _person(7, "Eve Tube", "eve@tube.example", _account("youtube", "eve.tube")),
        _person(8, "Frank Agency", "team@agency.example"),
        _person(9, "George Agency", "team@agency.example", _account("x", "george")),
        _person(10, "Straße Haus"),
        _person(11, "Ivy Lone", "ivy@lone.example", _account("instagram", "ivy.lone")),
    ]


def _the_file() -> list[ImportRow]:
    """A list of every kind: new people, the same email, the same handle on another network,
    the same name only, a profile link; its second half repeats the first's new people."""
    return [
        _person(2, "Zed New", "zed@new.example", _account("instagram", "zed.new")),
        _person(3, "Anna Berg", "ANNA@BERG.EXAMPLE"),
        _person(4, "Eve Tube", None, _account("tiktok", "eve.tube")),
        _person(5, "ben carter"),
        _person(6, "Eve T", None, _account("youtube", "eve.tube", "https://youtube.com/@eve.tube")),
        _person(7, "chris  dale"),
        _person(8, "DÓRA ÉCLAIR"),
        _person(9, "Dora", "dóra@eclair.example"),
        _person(10, "Hana Agency", "Team@Agency.example"),
        _person(11, "Anna Berg", "anna.other@berg.example"),
        _person(12, "STRASSE HAUS"),
        _person(13, "Ivy Lone", "ivy.new@lone.example", _account("tiktok", "ivy.tok")),
        _person(14, "Zed Again", "ZED@new.example"),
        _person(15, "Zed New", "zed.two@new.example", _account("instagram", "zed.new")),
        _person(16, "zed new"),
        _person(17, "Ben Carter", "ben@carter.example", _account("x", "george")),
    ]


def _import(db: Database, on_duplicate: str, look_up: bool) -> tuple[object, ...]:
    rows = _the_file()
    outcome = write_import(
        db, rows, file_name="list.csv", sheet=None, on_duplicate=on_duplicate, look_up=look_up
    )
    decided = [
        (row.number, row.action, row.existing_id, row.reason, row.reason_field) for row in rows
    ]
    duplicates = None
    if outcome.batch_id is not None:
        duplicates = possible_duplicates_of_import(db, outcome.batch_id)
        undo_last_import(db)
    return outcome.created, outcome.updated, outcome.up_to_date, decided, duplicates


@pytest.mark.parametrize("on_duplicate", ["skip", "update", "create"])
def test_looking_up_the_rows_decides_as_reading_everyone(
    db: Database, monkeypatch: pytest.MonkeyPatch, on_duplicate: str
) -> None:
    write_import(db, _already_there(), file_name="first.csv", sheet=None, on_duplicate="create")
    # Blocks of five rows: the later blocks name people the earlier ones have just added.
    monkeypatch.setattr(people_import, "CHUNK", 5)

    everyone = _import(db, on_duplicate, look_up=False)
    looked_up = _import(db, on_duplicate, look_up=True)

    assert looked_up == everyone
    created, updated, up_to_date, decided, _duplicates = everyone
    # Every row is counted once: created, updated, found already up to date (not written),
    # skipped or not imported.
    settled = sum(row[1] in ("skip", "reject") for row in decided)
    assert created + updated + up_to_date + settled == 16
    if on_duplicate == "skip":  # every way of matching was met, so all were compared
        reasons = {number: reason for number, _action, _id, reason, _field in decided}
        assert reasons[3] == "Already in infcrm as Anna Berg (same email)."
        assert reasons[5] == "Already in infcrm as Ben  Carter (same name)."
        assert reasons[6] == "Already in infcrm as Eve Tube (same account)."
        assert reasons[7] == "Already in infcrm (2 people named Chris Dale)."
        assert reasons[8] == "Already in infcrm as Dóra Éclair (same name)."
        assert reasons[10].startswith("Team@Agency.example is also the email of Frank Agency")
        assert reasons[12] == "Already in infcrm as Straße Haus (same name)."
        assert reasons[15] == "Same account as row 2 of this file: added to that row."


def _write_csv(path: Path) -> Path:
    lines = ["Name,Email,Platform,Handle,Profile link"]
    for row in _the_file():
        account = row.accounts[0] if row.accounts else {}
        url = account.get("url") or ""
        handle = "" if url else account.get("handle", "")
        platform = "" if url else account.get("platform", "")
        email = row.person["email"] or ""
        lines.append(f"{row.person['display_name']},{email},{platform},{handle},{url}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("on_duplicate", ["skip", "update", "create"])
def test_a_preview_looking_up_the_rows_shows_what_reading_everyone_shows(
    db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, on_duplicate: str
) -> None:
    write_import(db, _already_there(), file_name="first.csv", sheet=None, on_duplicate="create")
    path = _write_csv(tmp_path / "list.csv")

    def preview(rows_per_thousand: int) -> tuple[list[tuple[object, ...]], dict[int, int]]:
        monkeypatch.setattr(import_lookup, "ROWS_PER_THOUSAND_PEOPLE", rows_per_thousand)
        plan = plan_file(db, path, on_duplicate=on_duplicate)
        rows = [(r.number, r.action, r.existing_id, r.reason) for r in plan.rows]
        updated = {r.existing_id for r in plan.rows if r.action == "update"}
        return rows, {i: v for i, v in plan.seen.items() if i in updated}

    everyone = preview(0)
    looked_up = preview(1_000_000)

    assert looked_up == everyone
    rows, seen = everyone
    assert len(rows) == len(_the_file())
    assert on_duplicate != "update" or len(seen) >= 5  # the updated people's versions too
