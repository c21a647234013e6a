"""A file to import, read and its columns mapped, before any database is looked at.

Read once: the command line checks against the database as it is whether any row can be
imported at all, and only then opens it for writing, with the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.domain.enums import Platform
from infcrm.domain.validation import InvalidInput
from infcrm.files.collector import collector_paused
from infcrm.files.column_choices import ColumnMapping, final_mapping
from infcrm.files.column_inference import infer_mapping
from infcrm.files.file_platform import platform_from_title
from infcrm.files.handle_columns import POST_LINKS_REASON, handle_column_notes
from infcrm.files.import_leftovers import WHY
from infcrm.files.import_mapping import (
    FIELDS,
    IGNORE,
    repeated_columns,
    resolve_column,
    suggest_mapping,
)
from infcrm.files.import_plan import ImportPlan, PlanRun, start_plan
from infcrm.files.spreadsheet_reader import MAX_BYTES, Table, read_table

SAMPLE_ROWS = 600  # rows whose values help decide what each column holds
_LISTED_COLUMNS = 8  # columns named in a refusal before “and N more”


@dataclass
class ImportSource:
    """The rows read, each column's field, and the platform the file is about (if one)."""

    table: Table
    inferred: ColumnMapping
    fields: list[str]
    platform: str | None  # as asked for (--platform), not guessed
    sheet_chosen: bool


def infer_columns(table: Table, *, sheet_chosen: bool = False) -> ColumnMapping:
    """What each column holds, from its name and values, and the one platform the file is
    about: from its columns, else from a chosen sheet's name or the file's (“tiktokers.csv”)."""
    inferred = infer_mapping(table.headers, [row.cells for row in table.rows[:SAMPLE_ROWS]])
    if sheet_chosen and table.sheet:
        platform_from_title(inferred, table.sheet, "sheet")
    platform_from_title(inferred, table.file_name, "file name")
    return inferred


def read_source(
    path: Path | str,
    *,
    platform: str | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str] | Sequence[str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> ImportSource:
    """Read the file and map its columns (names first, then the values where names cannot
    tell handles from names or counts from notes); nothing is written."""
    with collector_paused():  # the command line reads before it opens the database
        table = read_table(path, sheet=sheet, max_bytes=max_bytes)
        inferred = infer_columns(table, sheet_chosen=sheet is not None)
    fields = full_mapping(table.headers, mapping, inferred.fields)
    return ImportSource(table, inferred, fields, platform, sheet is not None)


def start_source(
    db: Database, source: ImportSource, *, on_duplicate: str, strict: bool, people: bool = True
) -> PlanRun:
    """A plan of the source against `db`, whose rows are still to be read (without `people`,
    only to tell whether any can be imported)."""
    table, inferred, platform = source.table, source.inferred, source.platform
    try:
        run = start_plan(
            db,
            table,
            source.fields,
            platform=platform or inferred.platform,
            on_duplicate=on_duplicate,
            strict=strict,
            people=people,
        )
    except InvalidInput as exc:
        if "mapping" in exc.errors:  # nobody identifiable: say in which file and sheet
            exc.errors["mapping"] = _nobody_message(table)
            raise InvalidInput(exc.errors) from None
        raise
    plan = run.plan
    final = final_mapping(inferred, plan.mapping)
    plan.by_content = frozenset(choice.index for choice in final.by_content)
    plan.post_links = frozenset(
        choice.index for choice in final.by_content if choice.reason == POST_LINKS_REASON
    )
    found = []
    if platform is None and inferred.platform:
        # A guess from the file's name applies to the rows that say no platform: --platform wins.
        hint = "; use --platform to choose another" if inferred.platform_from_name else ""
        label = Platform(inferred.platform).label
        found = [f"Platform: {label} ({inferred.platform_reason}{hint})."]
    found += handle_column_notes(final, platform or inferred.platform)
    plan.notes[:0] = [*table.warnings, *_sheet_note(table, chosen=source.sheet_chosen), *found]
    run.closing_notes = repeated_columns(plan.headers, plan.mapping, final.left_out_by_values)
    return run


def nothing_importable(
    db: Database, table: Table, fields: Sequence[str], platform: str | None
) -> ImportPlan | None:
    """The plan of a table none of whose rows can be imported as mapped, its rows read once;
    None as soon as one row can be. InvalidInput for a mapping that cannot work at all."""
    run = start_plan(db, table, fields, platform=platform, people=False)
    return None if run.any_importable() else run.finish()


def full_mapping(
    headers: Sequence[str],
    mapping: Mapping[str, str] | Sequence[str] | None,
    suggested: Sequence[str] | None = None,
) -> list[str]:
    """Each column's field: suggestions overridden by `mapping` (column name or letter → field)."""
    if mapping is not None and not isinstance(mapping, Mapping):
        return list(mapping)
    fields = list(suggested) if suggested is not None else suggest_mapping(headers)
    if headers and headers[-1].strip().casefold() == WHY.casefold():
        fields[-1] = IGNORE  # our own rows-not-imported file: the reasons are not data
    errors = {}
    for column, key in (mapping or {}).items():
        index = resolve_column(headers, column)
        if index is None:
            errors[f"map.{column}"] = (
                f"The file has no column “{column}”. Its columns: {', '.join(headers)}."
            )
            continue
        key = field_key(key)
        # A field moved to this column is no longer suggested for another one.
        fields = [IGNORE if f == key and key != IGNORE else f for f in fields]
        fields[index] = key
    if errors:
        raise InvalidInput(errors)
    return fields


def field_key(text: str) -> str:
    """The field a --map value names, by key (followers) or label (Followers); else as given."""
    wanted = " ".join(text.split()).casefold()
    if not wanted or wanted in ("ignore", "ignore this column", "-"):
        return IGNORE
    for field in FIELDS:
        if wanted in (field.key.casefold(), field.label.casefold()):
            return field.key
    return text.strip()


def _where(table: Table) -> str:
    if table.sheet:
        return f"the sheet “{table.sheet}” of “{table.file_name}”"
    return f"“{table.file_name}”"


def _nobody_message(table: Table) -> str:
    """Why a table with no column saying who each row is cannot be imported, and what to do."""
    named = [h for h in table.headers if not h.startswith("Column ")] or table.headers
    listed = ", ".join(named[:_LISTED_COLUMNS])
    if len(named) > _LISTED_COLUMNS:
        listed += f" and {len(named) - _LISTED_COLUMNS} more"
    others = ""
    if len(table.sheet_names) > 1:
        others = (
            f" The file has {len(table.sheet_names)} sheets: choose the one with the people "
            "(--sheet NAME)."
        )
    return (
        f"No column of {_where(table)} says who each row is (its columns: {listed}). Map at "
        "least one column to Name, Email or a handle, so infcrm knows who each row is." + others
    )


def _sheet_note(table: Table, *, chosen: bool) -> list[str]:
    """Which sheet of a workbook was read, and the others it has, when there is a choice."""
    if not table.sheet:
        return []
    others = [n for n in table.sheet_names if n != table.sheet]
    if not others:
        return [f"Sheet: “{table.sheet}”."]
    listed = ", ".join(f"“{n}”" for n in others)
    how = "the one chosen" if chosen else "the first"
    return [f"Sheet: “{table.sheet}” ({how}; the file also has {listed})."]


__all__ = [
    "SAMPLE_ROWS",
    "ImportSource",
    "field_key",
    "full_mapping",
    "infer_columns",
    "nothing_importable",
    "read_source",
    "start_source",
]
