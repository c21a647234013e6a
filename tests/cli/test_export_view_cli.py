"""`infcrm export FILE --view NAME`: exactly the people a saved view shows, with its columns."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from test_export_cli import _expected_names, infcrm

from infcrm.db.engine import Database
from infcrm.services.people import saved_views, tags
from infcrm.services.people.influencer_types import ListQuery

COLUMNS = ("name", "followers", "country", "tags")


def _sheet(path: Path) -> tuple[list[str], list[tuple]]:
    sheet = load_workbook(path)["Influencers"]
    rows = list(sheet.iter_rows(values_only=True))
    return list(rows[0]), rows[1:]


def test_a_view_exports_its_people_in_its_order_with_its_columns(
    demo_db: Database, tmp_path: Path
) -> None:
    query = ListQuery(tier="micro", sort="followers", descending=True)
    saved_views.create(demo_db, "Micro by size", query, COLUMNS)
    target = tmp_path / "micro.xlsx"
    result = infcrm("export", str(target), "--db", demo_db.url, "--view", "micro BY size")
    assert result.returncode == 0, result.stderr
    headers, rows = _sheet(target)
    # The view's columns in its order; “Do not contact” always comes along (an export handed
    # on must not lose it), then each network's own columns, as the app's export writes them.
    assert headers[:5] == ["Name", "Followers", "Country", "Tags", "Do not contact"]
    assert "Tier" not in headers and "Email" not in headers
    expected = _expected_names(demo_db, query)
    assert expected and [r[0] for r in rows] == expected
    followers = [r[1] for r in rows]
    assert followers == sorted(followers, reverse=True)
    assert f"Exported {len(expected)} influencer" in result.stdout


def test_an_unknown_view_is_refused_naming_the_views_there_are(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "none.xlsx"
    result = infcrm("export", str(target), "--db", demo_db.url, "--view", "Nobody")
    assert result.returncode == 1
    # The demo keeps four views; each is named so the user can pick one.
    assert "There is no saved view called “Nobody”" in result.stderr
    assert "“VIPs on TikTok”" in result.stderr and "“Check engagement”" in result.stderr
    assert not target.exists()
    mixed = infcrm("export", str(target), "--db", demo_db.url, "--view", "x", "--tier", "micro")
    assert mixed.returncode == 1 and "leave out --search" in mixed.stderr


def test_a_view_whose_tag_is_gone_exports_no_one_and_says_so(
    demo_db: Database, tmp_path: Path
) -> None:
    """As the list shows it: no one carries the tag, so no one — not every micro creator."""
    tag = next(t.name for t in tags.tag_list(demo_db) if t.people > 1)
    saved_views.create(demo_db, "Tagged", ListQuery(tag=tag, tier="micro"), ("name", "tier"))
    tags.delete_tag(demo_db, tag)
    target = tmp_path / "tagged.csv"
    result = infcrm("export", str(target), "--db", demo_db.url, "--view", "Tagged")
    assert f"The tag “{tag}” this view filters by no longer exists" in result.stderr
    assert result.returncode == 0 and "Exported 0 influencers" in result.stdout
    assert target.read_text(encoding="utf-8-sig").splitlines() == ["Name,Tier,Do not contact"]
