"""`infcrm import` keeps the dates a list gives, as the user reads them back in an export."""

from __future__ import annotations

import csv
from pathlib import Path

from safety_helpers import infcrm


def _added(tmp_path: Path, text: str, zone: str) -> dict[str, str]:
    """Each person's “Added” as an export shows it, import and export both run in `zone`."""
    source = tmp_path / "people.csv"
    source.write_text(text, encoding="utf-8")
    db, out = tmp_path / "crm.sqlite", tmp_path / "out.csv"
    result = infcrm("import", str(source), "--db", str(db), env={"TZ": zone})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is not a date" not in result.stderr, result.stderr
    result = infcrm("export", str(out), "--db", str(db), env={"TZ": zone})
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return {row["Name"]: row["Added"] for row in csv.DictReader(handle)}


def test_a_date_added_is_the_day_written_whatever_the_time_zone(tmp_path: Path) -> None:
    # Someone in New York whose sheet says a person was added on 5 March gets 5 March back,
    # not “2024-03-04 19:00” (the day read as midnight UTC, then shown in local time).
    added = _added(
        tmp_path,
        "Name,Instagram,Date added\nAnna,anna.bakes,2024-03-05\nBen,ben.cooks,05/03/2024 14:30\n",
        "America/New_York",
    )

    assert added == {"Anna": "2024-03-05 00:00", "Ben": "2024-03-05 14:30"}


def test_timestamps_with_milliseconds_and_a_zone_are_dates(tmp_path: Path) -> None:
    # The shape of a creator tool's export (GitHub thaker-jashom/instagram-tool,
    # influencers.csv): `createdAt` as JavaScript writes an instant, with milliseconds and
    # “Z” for UTC. Shopify writes an offset instead (“2021-05-13 11:01:13 +0200”). Each is
    # the instant it names, shown in the user's time zone; the people here are invented.
    text = (
        "username,fullName,platform,followerCount,createdAt\n"
        "@anna.bakes,Anna Bakes,INSTAGRAM,12000,2026-01-09T13:19:00.190Z\n"
        "ben.cooks,Ben Cooks,INSTAGRAM,5400,2026-01-15T13:29:15Z\n"
        "cleo.eats,Cleo Eats,INSTAGRAM,800,2021-05-13 11:01:13 +0200\n"
        "dee.dines,Dee Dines,INSTAGRAM,950,2021-05-13T11:01:13.5+02:00\n"
    )

    assert _added(tmp_path, text, "Asia/Kolkata") == {
        "Anna Bakes": "2026-01-09 18:49",
        "Ben Cooks": "2026-01-15 18:59",
        "Cleo Eats": "2021-05-13 14:31",
        "Dee Dines": "2021-05-13 14:31",
    }


def test_a_list_imported_again_in_another_time_zone_changes_nobody(tmp_path: Path) -> None:
    # Exported in Paris, imported again after flying to New York: the “Added” times are the
    # same moments written in the other zone, so nobody is updated and no date moves.
    source = tmp_path / "people.csv"
    source.write_text(
        "Name,Instagram,Followers\nAnna,anna.bakes,1200\nBen,ben.cooks,5400\n", encoding="utf-8"
    )
    db, out, again = tmp_path / "crm.sqlite", tmp_path / "out.csv", tmp_path / "again.csv"
    assert infcrm("import", str(source), "--db", str(db)).returncode == 0
    assert infcrm("export", str(out), "--db", str(db), env={"TZ": "Europe/Paris"}).returncode == 0

    result = infcrm(
        "import", str(out), "--db", str(db), "--on-duplicate", "update",
        env={"TZ": "America/New_York"},
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "updated 0, already up to date 2" in result.stdout, result.stdout
    assert infcrm("export", str(again), "--db", str(db), env={"TZ": "Europe/Paris"}).returncode == 0
    assert again.read_text(encoding="utf-8-sig") == out.read_text(encoding="utf-8-sig")
