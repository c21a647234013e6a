"""What a creator list calls a person's niche (“focus”, “Niche(s)”, “Subniche”) lands as niches.

The headers are those of published creator lists (named in test_column_inference.py); the
rows below are written for the test.
"""

from __future__ import annotations

from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from tests.table_dump import rows_of


def _niches(db: Database) -> dict[str, str | None]:
    return dict(rows_of(db, "SELECT display_name, niches FROM influencer"))


def test_a_creator_finders_focus_column_becomes_niches(db: Database, tmp_path: Path) -> None:
    # The header row a creator-finding tool writes when its shortlist is exported.
    source = tmp_path / "leadscout.csv"
    source.write_text(
        "handle,platform,followers,focus,matchScore,why,angle\n"
        '"@ana-builds","LinkedIn","48k","AI / SaaS","82","Writes about tools","Demo"\n'
        '"@ben_ops","LinkedIn","12,300","Marketing automation","61","Ops threads","Case study"\n',
        encoding="utf-8",
    )

    summary = import_file(db, source)

    assert (summary.created, summary.rejected) == (2, 0), summary.problems
    assert ("D (focus)", "Niches") in summary.columns
    # Split like every list field: “AI / SaaS” is two niches.
    assert _niches(db) == {"ana-builds": "AI, SaaS", "ben_ops": "Marketing automation"}


def test_niche_s_and_subniche_feed_niches_and_a_category_of_tiers_is_left_out(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "creators.csv"
    source.write_text(
        "Name,Username,Followers,Niche(s),Subniche,Category,Contact No\n"
        "Ana Ruiz,ana.ruiz,50000,Fashion,Lifestyle,Micro,9876543210\n"
        "Ben Okoro,ben.okoro,8000,Food,Baking,Nano,9123456780\n"
        "Cy Lam,cy.lam,250000,Tech,,Macro,\n",
        encoding="utf-8",
    )

    summary = import_file(db, source, platform="instagram")

    assert summary.created == 3
    assert ("D (Niche(s))", "Niches") in summary.columns
    assert ("E (Subniche)", "Niches") in summary.columns
    assert "Category" in summary.ignored
    assert _niches(db) == {
        "Ana Ruiz": "Fashion, Lifestyle",
        "Ben Okoro": "Food, Baking",
        "Cy Lam": "Tech",
    }
