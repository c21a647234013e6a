"""Hyperlinks: the workbook's XML is well formed and every link points where it should."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook

from infcrm.db.engine import Database
from infcrm.files.xlsx_export import export_xlsx

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def test_every_link_resolves_and_sits_where_excel_expects_it(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "all.xlsx"
    export_xlsx(demo_db, target, all_sheets=True)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        rels = ElementTree.fromstring(archive.read("xl/worksheets/_rels/sheet1.xml.rels"))
    children = [child.tag.removeprefix(MAIN) for child in sheet]
    # The schema's order: the rows, the filter, then the links, then the page set-up.
    assert children.index("sheetData") < children.index("autoFilter") < children.index("hyperlinks")
    assert all(children.index("hyperlinks") < children.index(t) for t in ("pageMargins",)
               if t in children)  # fmt: skip
    links = sheet.find(f"{MAIN}hyperlinks")
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PACKAGE}Relationship")}
    assert len(links) == len(targets) > 60
    assert all(r.get("TargetMode") == "External" for r in rels)
    assert {link.get(f"{{{REL_NS}}}id") for link in links} == set(targets)

    book = load_workbook(target)
    read_back = [c for row in book["Influencers"].iter_rows(min_row=2) for c in row if c.hyperlink]
    assert len(read_back) == len(targets), "openpyxl finds the same links"
    assert all(c.style == "Hyperlink" for c in read_back)
    emails = [c for c in read_back if c.hyperlink.target.startswith("mailto:")]
    assert emails and all(c.hyperlink.target == f"mailto:{c.value}" for c in emails)


def test_a_link_with_xml_special_characters_survives(db: Database, tmp_path: Path) -> None:
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

    url = 'https://example.com/a?b=1&c="2"<3>'
    influencers.create(
        db,
        InfluencerInput(
            display_name="Odd Link",
            accounts=(AccountInput("other", url, is_primary=True),),
        ),
    )
    target = tmp_path / "odd.xlsx"
    export_xlsx(db, target)
    sheet = load_workbook(target)["Influencers"]
    links = [c.hyperlink.target for row in sheet.iter_rows(min_row=2) for c in row if c.hyperlink]
    assert links and all("&" not in t or "&amp;" not in t for t in links)
    assert any(t.startswith("https://example.com/a?b=1&c=") for t in links)


def test_links_stop_at_excels_limit_and_the_rest_stay_text(
    demo_db: Database, tmp_path: Path, monkeypatch
) -> None:
    from infcrm.files import xlsx_export

    monkeypatch.setattr(xlsx_export, "MAX_LINKS_PER_SHEET", 5)  # Excel's is 65,530
    target = tmp_path / "capped.xlsx"
    export_xlsx(demo_db, target)
    sheet = load_workbook(target)["Influencers"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert len([c for c in cells if c.hyperlink]) == 5
    emails = [c.value for c in cells if isinstance(c.value, str) and "@example.com" in c.value]
    assert len(emails) > 5  # every address is still there, as text past the limit
