"""The raw baselines of the export benchmark: the same cells as infcrm's .xlsx export.

Everyone on the list with all list columns (and each present platform's handle, followers and
profile), read with one query on a plain sqlite3 cursor and written straight to the sheet by
openpyxl's write-only mode or XlsxWriter's constant-memory mode. The cells are exactly the
export's: the same values and types (numbers with the same formats, dates as date numbers, text
as text), links where the export links (profile URLs and emails, up to Excel's limit a sheet)
and plain text where it does not. `tests/unit/files/test_export_baseline.py` reads both back
beside the export so the comparison stays fair. What the baselines leave out is what infcrm
does beyond the cells: column widths, filter, frozen header, print set-up, progress, and
cleaning text a sheet cannot hold (the demo data has none).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.domain.enums import EngagementBand, FoundVia, Platform, Tier
from infcrm.services.maintenance import settings

LINK_LIMIT = 65_530  # links Excel takes on one sheet
URL_LIMIT = 2_079  # the longest link target Excel opens
_WEB = re.compile(r"https?://\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")
FORMATS = {"int": "#,##0", "percent": "0.0%", "datetime": "yyyy-mm-dd hh:mm"}
SHEET = "Influencers"

# (header, kind) of the columns before the per-platform ones; kinds: text, int, percent,
# datetime, link (a profile URL or an email, written as a link while links remain).
COLUMNS = (
    ("Name", "text"), ("Real name", "text"), ("Email", "email"), ("Other emails", "text"),
    ("Phone", "text"), ("Country", "text"), ("City", "text"), ("Language", "text"),
    ("Niches", "text"), ("Tags", "text"), ("Stage", "text"), ("Owner", "text"),
    ("Rating", "int"), ("Do not contact", "text"), ("Found via", "text"),
    ("Found how", "text"), ("Platform", "text"), ("Handle", "text"), ("Profile URL", "url"),
    ("Followers", "int"), ("Tier", "text"), ("Avg likes", "int"), ("Avg comments", "int"),
    ("Avg views", "int"), ("Engagement", "percent"), ("Engagement band", "text"),
    ("Accounts", "int"), ("Brand fit", "text"), ("Notes", "text"),
    ("Other names", "text"), ("Added", "datetime"),
    ("Updated", "datetime"),
)  # fmt: skip
# A person's account on each platform is the main one if it is there, else the first added:
# numbered within (person, platform), the first of each turned into columns once.
_SELECT = """
WITH picked AS (
  SELECT influencer_id, platform, coalesce(nullif(handle, ''), label) AS handle, followers, url,
    row_number() OVER (PARTITION BY influencer_id, platform ORDER BY is_primary DESC, id) AS n
  FROM social_account),
by_platform AS (
  SELECT influencer_id {platform_columns} FROM picked WHERE n = 1 GROUP BY influencer_id)
SELECT i.display_name, i.real_name, i.email, i.other_emails, i.phone, i.country, i.city,
  i.language, i.niches,
  (SELECT group_concat(t.name, ', ') FROM influencer_tag t WHERE t.influencer_id = i.id),
  s.name, i.owner, i.rating, i.do_not_contact, i.found_via, i.found_detail, m.platform,
  coalesce(nullif(m.handle, ''), m.label), m.url, m.followers, NULL, m.avg_likes,
  m.avg_comments, m.avg_views, NULL, NULL,
  (SELECT count(*) FROM social_account c WHERE c.influencer_id = i.id),
  i.brand_fit, i.notes, i.other_names,
  strftime('%s', i.created_at, 'localtime'), strftime('%s', i.updated_at, 'localtime'),
  p.*
FROM influencer i
LEFT JOIN social_account m ON m.influencer_id = i.id AND m.is_primary
LEFT JOIN stage s ON s.id = i.stage_id
LEFT JOIN by_platform p ON p.influencer_id = i.id
WHERE i.deleted_at IS NULL
ORDER BY i.display_name COLLATE NOCASE, i.id
"""
# NULL: the tier, engagement and band, worked out from the main account's figures.
_PIVOT = "max(CASE platform WHEN '{p}' THEN {field} END)"


def platforms(raw: sqlite3.Connection) -> list[str]:
    """The platforms someone on the list has an account on, in the usual platform order."""
    found = {
        p
        for (p,) in raw.execute(
            "SELECT DISTINCT a.platform FROM social_account a JOIN influencer i "
            "ON i.id = a.influencer_id WHERE i.deleted_at IS NULL"
        )
    }
    return [p.value for p in Platform if p.value in found]


def headers_and_kinds(present: list[str]) -> tuple[list[str], list[str]]:
    """Every column's header and kind, the per-platform ones after the list's own."""
    headers, kinds = [h for h, _ in COLUMNS], [k for _, k in COLUMNS]
    for platform in present:
        label = Platform(platform).label
        headers += [f"{label} handle", f"{label} followers", f"{label} profile"]
        kinds += ["text", "int", "url"]
    return headers, kinds


def excel_day(local_seconds: str | None) -> float | None:
    """Seconds since 1970 of a local wall-clock time as Excel's day number, computed the way
    XlsxWriter does for a datetime (whole days plus the day's fraction)."""
    if local_seconds is None:
        return None
    days, seconds = divmod(int(local_seconds), 86_400)
    return days + 25_569 + seconds / 86_400


def rows(db: Database) -> tuple[list[str], list[str], Iterator[list[object]]]:
    """(headers, kinds, rows): each row's cells as the sheet gets them, a linked cell as a
    (target, text) pair."""
    raw = sqlite3.connect(db.path)
    present = platforms(raw)
    headers, kinds = headers_and_kinds(present)
    sql = _SELECT.format(
        platform_columns="".join(
            ", " + _PIVOT.format(p=p, field=field)
            for p in present
            for field in ("handle", "followers", "url")
        )
    )
    thresholds, bands = settings.tier_thresholds(db), settings.engagement_bands(db)
    found_via = {v.value: v.label for v in FoundVia}
    platform_labels = {v.value: v.label for v in Platform}
    tiers = {v: v.label for v in Tier}
    band_labels = {v: v.label for v in EngagementBand}
    links = [kinds.index("email"), kinds.index("url")]
    links += [n for n in range(len(COLUMNS), len(kinds)) if kinds[n] == "url"]

    def generate() -> Iterator[list[object]]:
        made = 0
        for row in raw.execute(sql):
            cells = list(row)
            del cells[len(COLUMNS)]  # the person's id, from the per-platform columns
            followers, likes, comments = cells[19], cells[21], cells[22]
            rate = None
            if followers and (likes is not None or comments is not None):
                rate = ((likes or 0) + (comments or 0)) / followers
            tier = thresholds.tier_for(followers)
            band = None
            if rate is not None and tier is not None:
                band = bands.band_for(rate, Platform(cells[16]), tier)
            cells[13] = "Yes" if cells[13] else "No"
            cells[14] = found_via.get(cells[14], cells[14])
            cells[16] = platform_labels.get(cells[16], cells[16])
            cells[20] = tiers[tier] if tier else None
            cells[24] = round(rate, 3) if rate is not None else None
            cells[25] = band_labels[band] if band else None
            cells[30], cells[31] = excel_day(cells[30]), excel_day(cells[31])
            for n in links:
                text = cells[n]
                if text is None or made >= LINK_LIMIT:
                    continue
                text = text.strip()
                if n == links[0]:
                    target = f"mailto:{text}" if _EMAIL.fullmatch(text) else None
                else:
                    target = text if _WEB.fullmatch(text) else None
                if target is not None and len(target) <= URL_LIMIT:
                    cells[n] = (target, cells[n])
                    made += 1
            yield cells
        raw.close()

    return headers, ["link" if k in ("email", "url") else k for k in kinds], generate()


def write_xlsxwriter(db: Database, path: Path) -> None:
    """The cells by XlsxWriter in constant-memory mode, never guessing a type from text."""
    import xlsxwriter

    headers, kinds, cells = rows(db)
    options = {"strings_to_numbers": False, "strings_to_formulas": False}
    book = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_urls": False, **options}
    )
    sheet = book.add_worksheet(SHEET)
    bold, link = book.add_format({"bold": True}), book.get_default_url_format()
    formats = {kind: book.add_format({"num_format": f}) for kind, f in FORMATS.items()}
    for column, header in enumerate(headers):
        sheet.write_string(0, column, header, bold)
    plan = list(enumerate(kinds))
    for number, row in enumerate(cells, start=1):
        for column, kind in plan:
            value = row[column]
            if value is None:
                continue
            if kind == "text":
                sheet.write_string(number, column, value)
            elif kind == "link":
                if value.__class__ is tuple:
                    sheet.write_url(number, column, value[0], link, string=value[1])
                else:
                    sheet.write_string(number, column, value)
            else:
                sheet.write_number(number, column, value, formats[kind])
    book.close()


def write_openpyxl(db: Database, path: Path) -> None:
    """The cells by openpyxl in write-only mode; a formatted cell object is made once for
    each column and given each row's value (the row is written out at once)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    headers, kinds, cells = rows(db)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    header = []
    for text in headers:
        cell = WriteOnlyCell(sheet, text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    formatted: dict[int, WriteOnlyCell] = {}
    for column, kind in enumerate(kinds):
        if kind in FORMATS:
            formatted[column] = WriteOnlyCell(sheet)
            formatted[column].number_format = FORMATS[kind]
    links = [column for column, kind in enumerate(kinds) if kind == "link"]
    for row in cells:
        out: list[object] = list(row)
        for column, cell in formatted.items():
            if row[column] is not None:
                cell.value = row[column]
                out[column] = cell
        for column in links:
            value = row[column]
            if value.__class__ is tuple:
                linked = WriteOnlyCell(sheet, value[1])
                linked.hyperlink = value[0]
                linked.style = "Hyperlink"
                out[column] = linked
        sheet.append(out)
    book.save(path)
