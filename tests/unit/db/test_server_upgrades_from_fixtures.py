"""A server database made by an older infcrm upgrades whole, like a file of that version.

For each released schema (tests/fixtures/schema-00NN.sqlite) the server is built at that
revision, the fixture's rows are copied into it, and it is upgraded to the newest schema. Every
table must then hold exactly what the same fixture holds once upgraded as a file (row counts
and checksums of the values, compared the way `infcrm copy` compares them), and search finds
its people.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select, text

from infcrm.db import schema, search_index, sequences, table_copy
from infcrm.db.engine import Database, open_database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery
from tests.conftest import _admin

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
RELEASED = sorted(FIXTURES.glob("schema-*.sqlite"))


# The starter templates 0011 writes carry the moment of the upgrade that wrote them.
STAMPED_BY_THE_UPGRADE = {"outreach_template": ("created_at", "updated_at")}
# Before 0018 a server kept figures as integer: a file may hold more (SQLite's integers are
# 64-bit), a server of that revision never did. Such figures are lowered to the most it held.
FIGURES_BEFORE_0018 = {
    "influencer": ("main_followers", "main_avg_likes", "main_avg_comments"),
    "social_account": ("followers", "avg_likes", "avg_comments", "avg_views"),
    "metric_snapshot": ("followers", "avg_likes", "avg_comments", "avg_views"),
    "content": ("likes", "comments", "shares", "saves", "views", "reach", "clicks",
                "conversions"),
}  # fmt: skip
INTEGER_MAX = 2**31 - 1


def _as_a_server_held_it(file: Path, revision: str) -> None:
    """Lower the figures a server of `revision` could not hold (see FIGURES_BEFORE_0018)."""
    if revision >= "0018":
        return
    engine = create_engine(f"sqlite:///{file}")
    try:
        with engine.begin() as conn:
            present = set(
                conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
            )
            for table, columns in FIGURES_BEFORE_0018.items():
                if table not in present:
                    continue
                for column in columns:
                    have = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
                    if column in have:
                        conn.exec_driver_sql(
                            f"UPDATE {table} SET {column} = {INTEGER_MAX} "
                            f"WHERE {column} > {INTEGER_MAX}"
                        )
    finally:
        engine.dispose()


def _unstamped(db: Database) -> None:
    with db.engine.begin() as conn:
        for table, columns in STAMPED_BY_THE_UPGRADE.items():
            sets = ", ".join(f"{column} = :moment" for column in columns)
            conn.execute(text(f"UPDATE {table} SET {sets}"), {"moment": datetime(2026, 1, 1)})


def _revision(fixture: Path) -> str:
    return re.fullmatch(r"schema-(\d{4})\.sqlite", fixture.name).group(1)


def _copy_rows(fixture: Path, url: str) -> None:
    """Every row of the fixture's own tables into the server database of the same revision
    (the search indexes are built again, as `infcrm copy` does)."""
    source, target = create_engine(f"sqlite:///{fixture}"), create_engine(url)
    try:
        read, write = MetaData(), MetaData()
        read.reflect(source)
        write.reflect(target)
        tables = [
            table
            for table in write.sorted_tables
            if not table_copy.is_rebuilt_or_internal(table.name)
        ]
        with source.connect() as src, target.begin() as dst:
            for table in reversed(tables):  # the rows the migrations wrote make way
                dst.execute(table.delete())
            for table in tables:
                rows = src.execute(select(read.tables[table.name])).mappings().all()
                if rows:
                    dst.execute(table.insert(), [dict(row) for row in rows])
                column = table_copy.id_column(table)
                if column is not None:
                    highest = max((row["id"] for row in rows), default=0)
                    sequences.continue_from(dst, column, highest + 1)
    finally:
        source.dispose()
        target.dispose()


def _sums(db: Database) -> dict[str, table_copy.TableSum]:
    with db.engine.connect() as conn:
        return {
            table.name: table_copy.table_sum(conn, table) for table in table_copy.copied_tables()
        }


@pytest.mark.parametrize("fixture", RELEASED, ids=[_revision(f) for f in RELEASED])
def test_a_server_of_a_released_schema_upgrades_with_every_row(
    db: Database, request: pytest.FixtureRequest, tmp_path: Path, fixture: Path
) -> None:
    if db.is_file:
        pytest.skip("a file of each released schema upgrades in test_migration_00NN.py")
    server, _template = request.getfixturevalue("pg_template")
    name = f"r{_revision(fixture)}_{os.getpid()}"
    _admin(server, f"CREATE DATABASE {name}")
    try:
        url = server.url(name)
        engine = create_engine(url)
        try:
            schema.upgrade(engine, _revision(fixture))
        finally:
            engine.dispose()
        file = tmp_path / fixture.name
        shutil.copyfile(fixture, file)
        _as_a_server_held_it(file, _revision(fixture))
        _copy_rows(file, url)

        upgraded = open_database(url)  # to the newest schema, as the app does on opening
        as_file = open_database(file, backup_dir=tmp_path / "backups")
        try:
            with upgraded.transaction() as session:
                search_index.reindex(session)
            for both in (upgraded, as_file):
                _unstamped(both)
            expected, found = _sums(as_file), _sums(upgraded)
            assert expected["influencer"].rows > 0, "the fixture holds people"
            different = {t: (expected[t], found[t]) for t in expected if expected[t] != found[t]}
            assert not different, (
                f"rows that did not arrive as a file's upgrade has them: {different}"
            )
            first = influencer_list.list_ids(upgraded, ListQuery())[0]
            word = influencer_list.rows(upgraded, [first])[first].display_name.split()[0]
            assert first in influencer_list.list_ids(upgraded, ListQuery(search=word))
        finally:
            upgraded.close()
            as_file.close()
    finally:
        _admin(server, f"DROP DATABASE {name} WITH (FORCE)")
