"""Read-only looks at a server database shared out over several connections that all see
the database as one transaction does (its exported snapshot).

A server runs each statement on one of its cores; the slow looks of a full check (every
person's search words recomputed, amcheck of every index) are independent of each other, so
a few connections side by side finish them in a fraction of the time, and still see one
moment of the database, whoever writes meanwhile. A connection that cannot be had (the
server's limit reached) leaves its share to the others; the transaction's own connection
always takes part, so every look is made.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

T = TypeVar("T")


def share_out(
    engine: Engine, conn: Connection, looks: Sequence[Callable[[Connection], T]], helpers: int
) -> list[T | None]:
    """Each look's answer, in order: made on `conn` (in a REPEATABLE READ transaction) and on
    up to `helpers` more connections of `engine` that import its snapshot. The first error a
    look raised is raised again once the others have stopped."""
    snapshot = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
    todo = iter(list(enumerate(looks)))
    lock = threading.Lock()
    answers: list[T | None] = [None] * len(looks)
    errors: list[BaseException] = []

    def work(on: Connection) -> None:
        while not errors:
            with lock:
                item = next(todo, None)
            if item is None:
                return
            index, look = item
            try:
                answers[index] = look(on)
            except BaseException as exc:  # raised again in the caller's thread
                errors.append(exc)

    def helper() -> None:
        try:
            with engine.connect() as other:
                other = other.execution_options(isolation_level="REPEATABLE READ")
                with other.begin():
                    # Both must come before any other statement of the transaction.
                    other.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
                    other.exec_driver_sql("SET TRANSACTION READ ONLY")
                    work(other)
        except SQLAlchemyError:  # no connection to be had (a look's errors are kept above):
            return  # the others take its share

    threads = [threading.Thread(target=helper, daemon=True) for _ in range(helpers)]
    for thread in threads:
        thread.start()
    work(conn)
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return answers


__all__ = ["share_out"]
