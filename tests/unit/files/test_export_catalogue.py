"""The exporter's person and account columns are the field catalogue's: described once.

A column's header and cell kind come from the catalogue, and the importer reads each of those
headers back as the same field, so an exported list maps itself when it comes back.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from infcrm.domain import field_catalogue
from infcrm.files import export_columns
from infcrm.files.export_columns import ACCOUNT_COLUMNS, EXPORT_COLUMNS
from infcrm.files.import_mapping import suggest_mapping


def _catalogue_columns():
    headers = {c.header: c for c in (*EXPORT_COLUMNS, *ACCOUNT_COLUMNS)}
    return [(spec, headers[spec.column_header]) for spec in field_catalogue.FIELDS
            if spec.column_header in headers]  # fmt: skip


def test_every_catalogue_field_the_export_writes_is_read_back_as_that_field() -> None:
    pairs = _catalogue_columns()
    assert len(pairs) >= 25
    for spec, column in pairs:
        assert column.kind == (spec.export_format or "text"), spec.key
        assert suggest_mapping([column.header]) == [spec.key], column.header


def test_renaming_a_field_in_the_catalogue_renames_its_export_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = field_catalogue.FIELDS_BY_KEY["avg_likes"]
    monkeypatch.setitem(
        field_catalogue.FIELDS_BY_KEY, "avg_likes", replace(spec, export_header="Mean likes")
    )
    column = export_columns._field("avg_likes", "avg_likes", 11)
    assert (column.header, column.kind) == ("Mean likes", "int")
