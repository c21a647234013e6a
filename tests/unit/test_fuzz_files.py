"""Hostile files: the importers and the .eml reader, fed damaged and random files, answer with a
sentence (a ValueError) or a result, never crash, and never leave an import half-written."""

from __future__ import annotations

import io
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
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


# Real lists as people publish them (tests/fixtures/real): a semicolon file with a repeated
# header, a TikTok Shop export in Chinese and emoji, a title line above the header, an
# outreach tracker whose quoted cells run over several lines, a creator database's export of
# long picture links, a contacts sheet with one column per network and a Google Sheets download.
REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
REAL_SEEDS = tuple(
    (REAL / name).read_bytes()[:4000]
    for name in (
        "influencers-es.csv",
        "tiktok-shop-creators.csv",
        "nigerian-tiktok-influencers.csv",
        "youtube-ai-outreach.csv",
        "viral-scrapper-creators.csv",
        "history-creators-directory.csv",
        "alpha_creators - Sheet1 copy.csv",
    )
)
# Workbooks written by another program (LibreOffice): Excel 97's binary format and OpenDocument;
# and workbooks shaped like a Google Sheets download, a Power BI export, a hand-kept Calc sheet
# and an Excel 97 workbook (tests/fixtures/made).
MADE = REAL.parent / "made"
REAL_WORKBOOKS = tuple(
    (path.suffix, path.read_bytes())
    for path in (
        REAL / "top_insta_influencers_data.xls",
        REAL / "tiktok-shop-creators.ods",
        MADE / "top-instagram-google-sheets.xlsx",
        MADE / "youtube-channels-power-bi.xlsx",
        MADE / "instagram-shortlist-calc.ods",
        MADE / "agency-lists-excel97.xls",
    )
)


@settings(FUZZ, max_examples=60)
@given(st.sampled_from(REAL_SEEDS).flatmap(mutated))
def test_damaged_real_lists(fuzz_db: Database, tmp_path: Path, data: bytes) -> None:
    import_survives(fuzz_db, data, ".csv", tmp_path)


@settings(FUZZ, max_examples=40)
@given(
    st.sampled_from(REAL_WORKBOOKS).flatmap(
        lambda pair: st.tuples(st.just(pair[0]), mutated(pair[1]))
    )
)
def test_damaged_real_and_made_workbooks(
    fuzz_db: Database, tmp_path: Path, damaged: tuple[str, bytes]
) -> None:
    suffix, data = damaged
    import_survives(fuzz_db, data, suffix, tmp_path)


@FUZZ
@given(st.one_of(mutated(XLSX_SEED), st.binary(max_size=2048)))
def test_damaged_and_random_xlsx_files(fuzz_db: Database, tmp_path: Path, data: bytes) -> None:
    import_survives(fuzz_db, data, ".xlsx", tmp_path)


def _workbook_with(part: str, change: Callable[[bytes], bytes], extra: dict | None = None) -> bytes:
    """The seed workbook with one XML part changed and further parts added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(XLSX_SEED)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(data) if item.filename == part else data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
FAR_CELL = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
SHARED = (
    b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    b'main" count="2000000000" uniqueCount="2000000000"><si><t>Name</t></si></sst>'
)
BOMBS = {
    "declares-A1-XFD1048576": (
        lambda: _workbook_with(
            SHEET,
            lambda xml: re.sub(
                rb"<dimension ref=\"[^\"]*\" ?/>", b'<dimension ref="A1:XFD1048576"/>', xml
            ),
        ),
        None,  # read as the small sheet it is
    ),
    "cell-at-XFD1048576": (
        lambda: _workbook_with(
            SHEET, lambda xml: xml.replace(b"</sheetData>", FAR_CELL + b"</sheetData>")
        ),
        "down to row 1,048,576",
    ),
    "cell-at-column-XFD": (
        lambda: _workbook_with(
            SHEET,
            lambda xml: xml.replace(
                b"</row></sheetData>",
                b'<c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
            ),
        ),
        "across to column 16,384",
    ),
    "billion-shared-strings-declared": (
        lambda: _workbook_with(SHEET, lambda xml: xml, {"xl/sharedStrings.xml": SHARED}),
        "declares 2,000,000,000 pieces of text",
    ),
    "unnumbered-cells-in-one-long-row": (
        lambda: _workbook_with(
            SHEET,
            lambda xml: xml.replace(
                b"</sheetData>",
                b'<row r="60000">' + b"<c><v>1</v></c>" * 5000 + b"</row></sheetData>",
            ),
        ),
        "columns",
    ),
}


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_spreadsheet_bombs_are_refused_quickly_and_in_little_memory(
    tmp_path: Path, bomb: str
) -> None:
    build, refusal = BOMBS[bomb]
    path = tmp_path / f"{bomb}.xlsx"
    path.write_bytes(build())
    assert path.stat().st_size < 64 * 1024

    took, memory, result = _import_in_child(path, tmp_path)

    assert took < 10, f"{bomb} took {took:.1f} s"
    assert memory < 300 * 1024 * 1024, f"{bomb} used {memory / 2**20:.0f} MB"
    if refusal is None:
        assert result.returncode == 0, result.stderr
        assert "Created 2" in result.stdout
    else:
        assert result.returncode == 1, result.stdout + result.stderr
        assert refusal in result.stderr
        assert "Traceback" not in result.stderr


def test_a_gigabyte_of_shared_strings_in_a_few_megabytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "strings-bomb.xlsx"
    # Deflate's fastest level packs the gigabyte in a quarter of the default's time and
    # still into under 8 MB: the same bomb, made faster.
    fast = {"compression": zipfile.ZIP_DEFLATED, "compresslevel": 1}
    with zipfile.ZipFile(io.BytesIO(XLSX_SEED)) as zin, zipfile.ZipFile(path, "w", **fast) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename), zipfile.ZIP_DEFLATED)
        with zout.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(SHARED.replace(b"</sst>", b"<si><t>"))
            block = b"A" * (1 << 20)
            for _ in range(1024):
                part.write(block)
            part.write(b"</t></si></sst>")
    assert path.stat().st_size < 8 * 1024 * 1024

    took, memory, result = _import_in_child(path, tmp_path)

    assert result.returncode == 1 and "unpacks to 1,024 MB" in result.stderr
    assert took < 10 and memory < 300 * 1024 * 1024


def test_a_csv_line_of_a_million_cells_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes(b"Name,Followers\r\nAnna,1\r\n" + b"x," * 1_000_000 + b"\r\n")

    took, memory, result = _import_in_child(path, tmp_path)

    assert result.returncode == 1 and "Row 3 of “wide.csv” has more than 1,000 cells" in (
        result.stderr
    )
    assert took < 10 and memory < 300 * 1024 * 1024


def _import_in_child(path: Path, tmp: Path) -> tuple[float, int, subprocess.CompletedProcess]:
    """Import `path` with the command line in a child process: CPU seconds, peak bytes, result."""
    # The child's own peak: Linux keeps ru_maxrss across fork and exec, so a child of a
    # large test process would report its parent's peak; VmHWM belongs to the child alone.
    script = (
        "import resource, sys, time\n"
        "from infcrm.__main__ import main\n"
        "def peak():\n"
        "    try:\n"
        "        for line in open('/proc/self/status'):\n"
        "            if line.startswith('VmHWM:'):\n"
        "                return int(line.split()[1]) * 1024\n"
        "    except OSError:\n"
        "        pass\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
        # CPU seconds, not wall time: a bomb that is not refused burns CPU, while a loaded
        # machine only stretches the wall clock.
        "start = time.process_time()\n"
        "code = main(sys.argv[1:])\n"
        "sys.stdout.flush()\n"
        "print(f'@@ {time.process_time() - start} {peak()}', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "import",
            str(path),
            "--db",
            str(tmp / "bomb.sqlite"),
            "--platform",
            "instagram",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next((x for x in result.stderr.splitlines() if x.startswith("@@ ")), None)
    assert line is not None, result.stderr[-2000:]
    took, memory = line.split()[1:]
    return float(took), int(memory), result


def _storable(parsed) -> None:
    """Every text of a parsed mail can be saved and shown (no lone surrogates)."""
    for value in (
        parsed.sender, parsed.sender_name, *parsed.recipients, parsed.subject, parsed.body,
        *parsed.attachments, parsed.message_id,
    ):  # fmt: skip
        if value is not None:
            value.encode("utf-8")


@settings(max_examples=500, deadline=None)
@given(st.one_of(mutated(EML_SEED), st.binary(max_size=4096)))
def test_damaged_and_random_emails(data: bytes) -> None:
    try:
        parsed = parse_email(data)
    except ValueError as exc:
        assert str(exc).strip()
        return
    assert "@" in parsed.sender or parsed.sender
    _storable(parsed)


_MANY = ", ".join(f"P {i} <p{i}@example.com>" for i in range(100_000))
_FOLDED = ",\r\n ".join(f"p{i}@example.com" for i in range(100_000))
HOSTILE_EMAILS = {
    "8-bit bytes in every header": (
        b"From: \xc4\x80da \xff\xfe <ada\xe9@example.com>\r\nTo: \xe9 <b@example.org>\r\n"
        b"Subject: \xff\xc3\r\nDate: Tue, 3 Mar 2026 \xff\r\nMessage-ID: <\xe9>\r\n"
        b'Content-Type: text/plain; name="\xe9.txt"\r\nContent-Disposition: attachment; '
        b'filename="r\xe9sum\xe9.pdf"\r\n\r\n\xff\xfe body\r\n'
    ),
    "100,000 recipients on one line": f"From: a@example.com\r\nTo: {_MANY}\r\n\r\nx".encode(),
    "100,000 folded recipients": f"From: a@example.com\r\nCc: {_FOLDED}\r\n\r\nx".encode(),
    "a megabyte subject": b"From: a@example.com\r\nSubject: " + b"=?utf-8?q?a?= " * 80_000,
    "a From of 50,000 addresses": f"From: {_MANY[:2_000_000]}\r\n\r\nx".encode(),
    "10,000 nested parts": b"From: a@example.com\r\n"
    + b"".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode()
        for i in range(10_000)
    ),
    "20,000 parts side by side": b"From: a@example.com\r\n"
    b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
    + b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n"
    * 20_000,
    "an unknown charset and encoding": (
        b"From: a@example.com\r\nContent-Type: text/plain; charset=x-klingon\r\n"
        b"Content-Transfer-Encoding: x-rot13\r\n\r\n\xff\xfe\x00 text"
    ),
    "only a From line": b"From: a@example.com",
    "a broken base64 body": (
        b"From: a@example.com\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!\xff==="
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE_EMAILS))
def test_hostile_emails_are_read_quickly_or_refused_in_words(fuzz_db: Database, name: str) -> None:
    import time

    from infcrm.files.email_log import log_email
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput

    raw = HOSTILE_EMAILS[name]
    started = time.perf_counter()
    try:
        parsed = parse_email(raw)
    except ValueError as exc:
        assert str(exc).strip() and "Traceback" not in str(exc)
        return
    finally:
        assert time.perf_counter() - started < 5, f"{name}: too slow"
    _storable(parsed)
    person = influencers.create(fuzz_db, InfluencerInput(display_name="Hostile mail"))
    log_email(fuzz_db, person, raw)  # kept byte for byte; its texts saved without an error


def test_the_database_is_sound_after_the_fuzzing(fuzz_db: Database) -> None:
    conn = sqlite3.connect(fuzz_db.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    assert people(fuzz_db) > 0, "lightly damaged files that still make sense were imported"
