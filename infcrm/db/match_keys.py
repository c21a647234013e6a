"""Matching keys computed in SQL (names with diacritics folded), behind one function each.

SQLite has no accent folding and its lower() knows ASCII only, so each connection gets
`infcrm_fold_name` and `infcrm_fold_email`, the domain's own functions; a PostgreSQL port
returns `lower(unaccent(...))` and `lower(trim(...))` here instead.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import ColumnElement, func

from infcrm.domain.names import fold_email, fold_name

FOLD_NAME_FUNCTION = "infcrm_fold_name"
# SQLite's lower() folds ASCII only; “LUCÍA@…” must still match “lucía@…”.
FOLD_EMAIL_FUNCTION = "infcrm_fold_email"


def register(dbapi_connection: sqlite3.Connection) -> None:
    """Give a new SQLite connection the functions the matching keys need."""
    dbapi_connection.create_function(FOLD_NAME_FUNCTION, 1, fold_name, deterministic=True)
    dbapi_connection.create_function(FOLD_EMAIL_FUNCTION, 1, fold_email, deterministic=True)


def folded_name(column: ColumnElement) -> ColumnElement[str]:
    """`column` as a name key: “Ana Ruíz” and “ana  ruiz” give the same value."""
    return getattr(func, FOLD_NAME_FUNCTION)(column)


def folded_email(column: ColumnElement) -> ColumnElement[str]:
    """`column` as an email key: trimmed and lower-cased, accented capitals included."""
    return getattr(func, FOLD_EMAIL_FUNCTION)(column)


def folded_url(column: ColumnElement) -> ColumnElement[str]:
    """A profile link as a key: without scheme, “www.”, case or a trailing slash."""
    lowered = func.lower(func.trim(column))
    for prefix in ("https://", "http://", "www."):
        lowered = func.replace(lowered, prefix, "")
    return func.rtrim(lowered, "/")


__all__ = [
    "FOLD_EMAIL_FUNCTION",
    "FOLD_NAME_FUNCTION",
    "folded_email",
    "folded_name",
    "folded_url",
    "register",
]
