"""Shared fixtures: every test gets its own real SQLite file, migrated like a user's."""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# No display on CI or on developers' servers: Qt renders offscreen. Set before Qt loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The commands the tests start (`python -m infcrm …`) start as a user's do: from bytecode,
# which Python writes on a first start (pip compiles an installed infcrm). A shell that turns
# writing it off would have each of the hundreds of commands compile infcrm's modules again,
# about half a second apiece; tests/perf/bench.py lets its probe write it for the same reason.
# It goes to __pycache__ folders beside the modules, which git ignores.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

from infcrm.db.engine import Database, open_database


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Soaks and long crash loops (-m slow) may run for many minutes; the rest get 5.

    On the PostgreSQL backend only the tests that use a database (`db`) run: the others
    would do on a file exactly what the SQLite pass did. The tests of what the server does
    not do yet are expected to fail, each with the reason, and those of what only a file
    has are skipped (tests/pg_known_gaps.py).
    """
    gaps: dict[str, str] = {}
    file_only: dict[str, str] = {}
    if os.environ.get("INFCRM_TEST_BACKEND") == "postgresql":
        from tests.pg_known_gaps import FILE_ONLY as file_only
        from tests.pg_known_gaps import GAPS as gaps

        on_server = [item for item in items if "db" in getattr(item, "fixturenames", ())]
        others = [item for item in items if "db" not in getattr(item, "fixturenames", ())]
        if others:
            config.hook.pytest_deselected(items=others)
            items[:] = on_server
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(3600))
        for prefix, reason in gaps.items():
            if item.nodeid.startswith(prefix):
                item.add_marker(pytest.mark.xfail(reason=f"on PostgreSQL: {reason}"))
        for prefix, reason in file_only.items():
            if item.nodeid.startswith(prefix):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Keep QSettings and the platformdirs data folder out of the real home directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("INFCRM_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database file lives."""
    return tmp_path / "test.sqlite"


# INFCRM_TEST_BACKEND=postgresql runs every test using `db` on a real PostgreSQL server that
# the session starts itself (tests/pg_server.py); unset or "sqlite", on a real file.
BACKEND = os.environ.get("INFCRM_TEST_BACKEND", "sqlite")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[tuple[object, str]]:
    """A PostgreSQL server of this test process and the name of a migrated, empty database
    that each test's database is copied from (CREATE DATABASE … TEMPLATE, much faster than
    migrating again)."""
    from tests import pg_server

    reason = pg_server.why_unavailable()
    if reason:
        pytest.skip(reason)
    server = pg_server.start()
    try:
        _admin(server, "CREATE DATABASE infcrm_template")
        open_database(server.url("infcrm_template")).close()
        yield server, "infcrm_template"
    finally:
        server.stop()


def _admin(server, sql: str) -> None:
    import psycopg

    dsn = server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql)


class _MadeFiles:
    """Database files made once per test process and copied for each test that asks.

    Running the migrations on a new file takes ~0.4 s and filling the small demo as much
    again; thousands of tests start from one of the two. Each still gets its own real file,
    a byte-for-byte copy of one the real migrations (and the real demo) wrote, as
    PostgreSQL's `CREATE DATABASE … TEMPLATE` does for the server pass."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[object, Path] = {}

    def copy(self, key: object, target: Path, fill: Callable[[Database], None]) -> None:
        """Copy the file made for `key` (making it with `fill` on a new database first) to
        `target`, which must not exist yet."""
        if key not in self.made:
            made = self.folder / f"made-{len(self.made)}.sqlite"
            database = open_database(made)
            try:
                fill(database)
            finally:
                database.close()
            # Closing the last connection folds the write-ahead log into the file; a log
            # left beside it would hold rows a copy of the file alone would not have.
            assert not made.with_name(made.name + "-wal").exists(), "the made file kept a log"
            self.made[key] = made
        if target.exists():
            raise FileExistsError(f"{target} exists: a test's database starts new")
        shutil.copyfile(self.made[key], target)


@pytest.fixture(scope="session")
def _made_files(tmp_path_factory: pytest.TempPathFactory) -> _MadeFiles:
    return _MadeFiles(tmp_path_factory.mktemp("made-databases"))


def _small_demo(database: Database) -> None:
    from infcrm.demo import generate as demo

    demo.populate(database, influencers=60, seed=3)


def _nothing(_database: Database) -> None:
    """A new database left as the migrations made it."""


@pytest.fixture
def db(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    """A fresh, empty, migrated database: a real file, or a server's with the pg backend."""
    if BACKEND != "postgresql":
        made = request.getfixturevalue("_made_files")
        if "demo_db" in request.fixturenames:  # the same database, filled (see `demo_db`)
            # The demo's dates count from today: a copy made yesterday is not today's demo.
            made.copy(("demo", datetime.date.today()), db_path, _small_demo)
        else:
            made.copy("empty", db_path, _nothing)
        database = open_database(db_path)
        yield database
        database.close()
        return
    server, template = request.getfixturevalue("pg_template")
    name = f"t{os.getpid()}_{id(request)}"
    _admin(server, f"CREATE DATABASE {name} TEMPLATE {template}")
    database = open_database(server.url(name))
    yield database
    database.close()
    _admin(server, f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def own_server() -> Iterator[object]:
    """A PostgreSQL server only this module's tests use (tests/pg_server.py), so they may
    stop it or change how it signs users in without touching any other test's server."""
    from tests import pg_server

    reason = pg_server.why_unavailable()
    if reason:
        pytest.skip(reason)
    server = pg_server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def ana(db: Database) -> Iterator[Database]:
    """A second user of the same file or server, signing as Ana; the test's own `db` signs
    as Sam. Two `Database` objects on one database are two copies of the app."""
    db.sign_as("Sam")
    other = open_database(db.url)
    other.sign_as("Ana")
    yield other
    other.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The fresh database filled with a small demo (60 influencers, fixed seed); on a file,
    `db` starts as a copy of one filled so (see `_MadeFiles`)."""
    if BACKEND == "postgresql":
        _small_demo(db)
    return db


@pytest.fixture
def workbook_differences():
    """A function listing every cell two .xlsx files disagree on (value or number format).

    Each difference is (sheet, row, header, first, second); sheets missing on one side and
    different sheet orders count too. Both files are read back with openpyxl.
    """
    from openpyxl import load_workbook

    def differences(first: Path, second: Path) -> list[tuple[str, int, str, object, object]]:
        a, b = load_workbook(first), load_workbook(second)
        found: list[tuple[str, int, str, object, object]] = []
        if a.sheetnames != b.sheetnames:
            found.append(("(sheets)", 0, "", a.sheetnames, b.sheetnames))
        for title in a.sheetnames:
            if title not in b.sheetnames:
                continue
            rows_a, rows_b = list(a[title].iter_rows()), list(b[title].iter_rows())
            headers = [c.value for c in rows_a[0]] if rows_a else []
            for number in range(max(len(rows_a), len(rows_b))):
                row_a = rows_a[number] if number < len(rows_a) else ()
                row_b = rows_b[number] if number < len(rows_b) else ()
                for column in range(max(len(row_a), len(row_b))):
                    cell_a = row_a[column] if column < len(row_a) else None
                    cell_b = row_b[column] if column < len(row_b) else None
                    seen_a = (
                        getattr(cell_a, "value", None),
                        getattr(cell_a, "number_format", None),
                    )
                    seen_b = (
                        getattr(cell_b, "value", None),
                        getattr(cell_b, "number_format", None),
                    )
                    if seen_a != seen_b:
                        header = headers[column] if column < len(headers) else str(column)
                        found.append((title, number + 1, str(header), seen_a, seen_b))
        return found

    return differences


@pytest.fixture
def mixed_campaign(db: Database) -> int:
    """A campaign paid in euros and in dollars (costs "€2,600.00 + $1,500.00" in all), each
    person with one post; Lena's rate is 275 ÷ 10,200 = 2.69607843…%. Returns its id."""
    from datetime import date

    from sqlalchemy import insert

    from infcrm.db.campaign_models import Campaign, Content, Deal, Incentive
    from infcrm.db.models import Influencer, SocialAccount

    people = (  # name, followers, fee (minor units, currency), likes, revenue
        ("Lena Vogel", 10_200, (200_000, "EUR"), 275, 450_000),
        ("Ana Costa", 30_000, (60_000, "EUR"), 900, None),
        ("Ruby Walsh", 15_000, (150_000, "USD"), 420, 310_000),
    )
    with db.transaction() as session:
        campaign = session.execute(
            insert(Campaign).values(name="Transatlantic", currency="EUR", status="active")
        ).inserted_primary_key[0]
        for name, followers, (fee, currency), likes, revenue in people:
            person = session.execute(
                insert(Influencer).values(display_name=name)
            ).inserted_primary_key[0]
            session.execute(
                insert(SocialAccount).values(
                    influencer_id=person, platform="instagram", is_primary=True,
                    handle=name.lower().replace(" ", "."), followers=followers,
                )
            )  # fmt: skip
            deal = session.execute(
                insert(Deal).values(campaign_id=campaign, influencer_id=person)
            ).inserted_primary_key[0]
            session.execute(
                insert(Incentive).values(
                    deal_id=deal, kind="fee", value_minor=fee, currency=currency
                )
            )
            session.execute(
                insert(Content).values(
                    deal_id=deal, platform="instagram", posted_on=date(2026, 5, 1), likes=likes,
                    revenue_minor=revenue, currency=currency if revenue else None,
                )
            )  # fmt: skip
    return campaign


@pytest.fixture
def pdf_pages():
    """A function reading a PDF with PDFium: [(width, height in points, text)] per page, and
    with `png=` a path, the first page rendered there as a PNG (to look at it)."""

    def pages(path: Path, png: Path | None = None) -> list[tuple[float, float, str]]:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(path))
        try:
            found = []
            for page in document:
                width, height = page.get_size()
                found.append((width, height, page.get_textpage().get_text_range()))
            if png is not None:
                from PySide6.QtGui import QImage

                bitmap = document[0].render(scale=1.5)
                image = QImage(
                    bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                    QImage.Format.Format_BGR888,
                )  # fmt: skip
                assert bitmap.n_channels == 3 and image.copy().save(str(png))
            return found
        finally:
            document.close()

    return pages


@pytest.fixture
def column_widths():
    """A function giving each column letter of an openpyxl sheet its width. Excel may store
    one width for a run of columns (<col min="3" max="4">): each of them gets it."""
    from openpyxl.utils import get_column_letter

    def widths(sheet) -> dict[str, float]:
        found: dict[str, float] = {}
        for dimension in sheet.column_dimensions.values():
            if dimension.width and dimension.min and dimension.max:
                for index in range(dimension.min, dimension.max + 1):
                    found[get_column_letter(index)] = dimension.width
        return found

    return widths
