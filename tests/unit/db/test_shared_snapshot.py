"""The full check's slow looks shared out over several connections of a real server: every
look sees the database as the check's own transaction does, whoever writes meanwhile."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, insert, text

from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.db.shared_snapshot import share_out
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "postgresql", reason="a server's snapshots (pg pass)")


def _people_seen_by(conn) -> tuple[int, int]:
    """(the connection's server process, the people it sees), slowly enough that the
    helpers take part."""
    conn.exec_driver_sql("SELECT pg_sleep(0.3)")
    pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    return pid, conn.exec_driver_sql("SELECT count(*) FROM influencer").scalar_one()


def _snapshot(engine):
    conn = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    conn.begin()
    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
    return conn


def test_every_connection_sees_the_moment_the_check_began(db: Database) -> None:
    with db.transaction() as session:
        session.execute(insert(Influencer).values(display_name="Before"))
    conn = _snapshot(db.engine)
    try:
        assert conn.exec_driver_sql("SELECT count(*) FROM influencer").scalar_one() == 1
        with db.transaction() as session:  # a teammate saves while the check runs
            session.execute(insert(Influencer).values(display_name="Meanwhile"))
        answers = share_out(db.engine, conn, [_people_seen_by] * 6, helpers=2)
    finally:
        conn.close()
    assert [seen for _, seen in answers] == [1] * 6
    assert len({pid for pid, _ in answers}) > 1  # the helpers did their share


def test_without_spare_connections_the_checks_own_does_every_look(db: Database) -> None:
    engine = create_engine(db.engine.url, pool_size=1, max_overflow=0, pool_timeout=0.1)
    conn = _snapshot(engine)
    try:
        answers = share_out(engine, conn, [_people_seen_by] * 3, helpers=2)
    finally:
        conn.close()
        engine.dispose()
    assert len({pid for pid, _ in answers}) == 1 and len(answers) == 3


def test_a_looks_error_reaches_the_caller(db: Database) -> None:
    conn = _snapshot(db.engine)
    try:
        with pytest.raises(Exception, match="division by zero"):
            share_out(db.engine, conn, [lambda c: c.execute(text("SELECT 1/0"))], helpers=2)
    finally:
        conn.close()
