"""Hostile files: the importers and the .eml reader, fed damaged and random files, answer with a
sentence (a ValueError) or a result, never crash, and never leave an import half-written."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infcrm.db.engine import Database, open_database
from infcrm.files.eml_reader import parse_email
from infcrm.files.import_apply import import_file

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

CSV_SEED = (
    b"Name,Instagram,Followers,Email,Engagement\r\n"
    b"Ada Bakes,@ada.bakes,12.5k,ada@example.com,4.5%\r\n"
    b'Ben Climbs,instagram.com/ben_climbs,"1,234",ben@example.org,0.02\r\n'
    b"Cleo Cooks,cleo_cooks,3M,,\r\n"
)

EML_SEED = (
    b"From: Ada Bakes <ada@example.com>\r\nTo: shop@example.org\r\n"
    b"Subject: =?utf-8?q?Collab_=F0=9F=8D=B0?=\r\nDate: Tue, 3 Mar 2026 10:00:00 +0100\r\n"
    b"Message-ID: <1@example.com>\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
    b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYes, I agree to the terms.\r\n"
    b"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Yes, I <b>agree</b></p>\r\n--b--\r\n"
)


def xlsx_seed() -> bytes:
    """A small real workbook, the starting point for damaged ones."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "TikTok", "Followers"])
    sheet.append(["Dana Dances", "@dana.dances", 45000])
    sheet.append(["Eli Edits", "eli_edits", "12k"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX_SEED = xlsx_seed()


def mutated(seed: bytes) -> st.SearchStrategy[bytes]:
    """`seed` with bytes overwritten, inserted or cut off, as damage and bad downloads do."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = bytearray(seed)
        for _ in range(draw(st.integers(1, 8))):
            position = draw(st.integers(0, max(len(data) - 1, 0)))
            action = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
            if action == "flip" and data:
                data[position] = draw(st.integers(0, 255))
            elif action == "insert":
                data[position:position] = draw(st.binary(min_size=1, max_size=16))
            elif action == "delete":
                del data[position : position + draw(st.integers(1, 32))]
            else:
                del data[position:]
        return bytes(data)

    return build()


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One database that every fuzzed import goes into."""
    database = open_database(tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite")
    yield database
    database.close()


def people(db: Database) -> int:
    """How many influencers the file holds, read with a separate connection."""
    conn = sqlite3.connect(db.path)
    try:
        return conn.execute("SELECT count(*) FROM influencer").fetchone()[0]
    finally:
        conn.close()


def import_survives(db: Database, data: bytes, suffix: str, tmp: Path) -> None:
    """Import `data` as a file: a result or a sentence, and all of it or nothing written."""
    path = tmp / f"contacts{suffix}"
    path.write_bytes(data)
    before = people(db)
    try:
        summary = import_file(db, path, platform="instagram")
    except ValueError as exc:  # SpreadsheetError and InvalidInput are ValueErrors
        assert str(exc).strip(), "a refusal says why"
        assert people(db) == before, "a refused import wrote nothing"
        return
    if summary.written:
        assert people(db) == before + summary.created
    else:
        assert people(db) == before, "an import that was not applied wrote nothing"


@FUZZ
@given(st.one_of(mutated(CSV_SEED), st.binary(max_size=2048)))
def test_damaged_and_random_csv_files(fuzz_db: Database, tmp_path: Path, data: bytes) -> None:
    import_survives(fuzz_db, data, ".csv", tmp_path)


@FUZZ
@given(st.one_of(mutated(XLSX_SEED), st.binary(max_size=2048)))
def test_damaged_and_random_xlsx_files(fuzz_db: Database, tmp_path: Path, data: bytes) -> None:
    import_survives(fuzz_db, data, ".xlsx", tmp_path)


@settings(max_examples=500, deadline=None)
@given(st.one_of(mutated(EML_SEED), st.binary(max_size=4096)))
def test_damaged_and_random_emails(data: bytes) -> None:
    try:
        parsed = parse_email(data)
    except ValueError as exc:
        assert str(exc).strip()
        return
    assert "@" in parsed.sender or parsed.sender


def test_the_database_is_sound_after_the_fuzzing(fuzz_db: Database) -> None:
    conn = sqlite3.connect(fuzz_db.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    assert people(fuzz_db) > 0, "lightly damaged files that still make sense were imported"
