"""Matching keys computed in SQL (names with diacritics folded), behind one function each.

SQLite has no accent folding, so each connection gets `infcrm_fold_name`, the domain's own
`fold_name`; a PostgreSQL port returns `lower(unaccent(...))` here instead.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import ColumnElement, func

from infcrm.domain.names import fold_name

FOLD_NAME_FUNCTION = "infcrm_fold_name"


def register(dbapi_connection: sqlite3.Connection) -> None:
    """Give a new SQLite connection the functions the matching keys need."""
    dbapi_connection.create_function(FOLD_NAME_FUNCTION, 1, fold_name, deterministic=True)


def folded_name(column: ColumnElement) -> ColumnElement[str]:
    """`column` as a name key: “Ana Ruíz” and “ana  ruiz” give the same value."""
    return getattr(func, FOLD_NAME_FUNCTION)(column)


def folded_url(column: ColumnElement) -> ColumnElement[str]:
    """A profile link as a key: without scheme, “www.”, case or a trailing slash."""
    lowered = func.lower(func.trim(column))
    for prefix in ("https://", "http://", "www."):
        lowered = func.replace(lowered, prefix, "")
    return func.rtrim(lowered, "/")


__all__ = ["FOLD_NAME_FUNCTION", "folded_name", "folded_url", "register"]
