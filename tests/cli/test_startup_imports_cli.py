"""Each command loads only the libraries its work needs, so it starts quickly: help and a
backup load no database library at all, reading or adding people in a file that is up to
date never loads the schema upgrades, and no command on a file loads Qt unless the app's
settings remember a file moved to a server.

Each command runs in a fresh Python, as the user's shell starts it, on a real file, and says
which libraries it ended up with; it must have done its work too.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.safety_helpers import make_demo, rows

# Runs the command as `infcrm` does, then names the top-level packages it loaded.
PROBE = """
import sys
from infcrm.__main__ import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print("LOADED", *sorted({name.partition(".")[0] for name in sys.modules}))
sys.exit(code)
"""
QT = "PySide6"
UPGRADES = "alembic"  # the schema upgrades
SPREADSHEETS = ("openpyxl", "python_calamine", "xlsxwriter")
SERVER_DRIVER = "psycopg"
DATABASE_LIBRARY = "sqlalchemy"


def _run(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    loaded = next(
        (
            line.split()[1:]
            for line in reversed(done.stdout.splitlines())
            if line.startswith("LOADED")
        ),
        None,
    )
    assert loaded is not None, done.stderr
    return done, set(loaded)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An up-to-date database file with people, deals and sent agreements."""
    return make_demo(tmp_path_factory.mktemp("shop") / "shop.sqlite", influencers=12)


def test_help_loads_no_database_library_nor_qt() -> None:
    done, loaded = _run("--help")

    assert done.returncode == 0 and "import" in done.stdout
    assert loaded.isdisjoint({DATABASE_LIBRARY, UPGRADES, QT, SERVER_DRIVER, *SPREADSHEETS})


def test_a_backup_copies_the_file_without_loading_a_database_library(
    shop: Path, tmp_path: Path
) -> None:
    done, loaded = _run("backup", "--db", str(shop), str(tmp_path))

    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob("shop-manual-*.sqlite"))) == 1
    assert loaded.isdisjoint({DATABASE_LIBRARY, UPGRADES, QT, SERVER_DRIVER, *SPREADSHEETS})


def test_a_csv_export_of_an_up_to_date_file_loads_no_upgrades_qt_or_spreadsheet_library(
    shop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "people.csv"

    done, loaded = _run("export", "--db", str(shop), str(out))

    assert done.returncode == 0, done.stderr
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 13  # header and 12 people
    assert loaded.isdisjoint({UPGRADES, QT, SERVER_DRIVER, *SPREADSHEETS})


def test_an_import_into_an_up_to_date_file_loads_no_upgrades_nor_qt(
    shop: Path, tmp_path: Path
) -> None:
    copy = Path(shutil.copy(shop, tmp_path / "copy.sqlite"))
    # The app has been used here: its settings hold something, but no file moved to a server.
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "infcrm" / "infcrm.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[General]\ntheme=dark\n", encoding="utf-8")
    people = tmp_path / "new people.csv"
    people.write_text("Name,Instagram\nLena Vogel,lena.vogel\n", encoding="utf-8")

    done, loaded = _run("import", str(people), "--db", str(copy))

    assert done.returncode == 0, done.stderr
    assert rows(copy, "SELECT count(*) FROM influencer WHERE display_name = 'Lena Vogel'") == [(1,)]
    assert loaded.isdisjoint({UPGRADES, QT, SERVER_DRIVER, *SPREADSHEETS})


def test_a_check_of_an_up_to_date_file_loads_neither_upgrades_nor_a_database_library(
    shop: Path,
) -> None:
    done, loaded = _run("check", "--db", str(shop))

    assert done.returncode == 0, done.stderr
    assert "Integrity: ok" in done.stdout and "Sent agreements: every text matches" in done.stdout
    assert loaded.isdisjoint({DATABASE_LIBRARY, UPGRADES, QT, SERVER_DRIVER, *SPREADSHEETS})


def test_a_check_of_an_up_to_date_file_runs_no_upgrades_and_still_finds_a_stray_table(
    shop: Path, tmp_path: Path
) -> None:
    copy = Path(shutil.copy(shop, tmp_path / "copy.sqlite"))
    conn = sqlite3.connect(copy)
    conn.execute("CREATE TABLE leftover (id INTEGER PRIMARY KEY)")  # not of this version
    conn.commit()
    conn.close()

    done, loaded = _run("check", "--db", str(copy))

    assert done.returncode == 1
    assert (
        "Schema: DOES NOT MATCH" in done.stdout and "should not have yet: leftover" in done.stdout
    )
    assert loaded.isdisjoint({UPGRADES, DATABASE_LIBRARY})
