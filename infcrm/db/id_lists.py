"""Long lists of ids straight from the database driver.

The influencer list asks for every matching id in order (100,000 of them when nothing is
filtered). Integers need no conversion, yet SQLAlchemy's result object still handles each row;
reading the driver's rows directly halves the time of a sort or filter at that size.
"""

from __future__ import annotations

from sqlalchemy import Select
from sqlalchemy.engine.cursor import CursorFetchStrategy
from sqlalchemy.orm import Session


def fetch_ids(session: Session, stmt: Select) -> list[int]:
    """The values of a one-column integer select, in order."""
    result = session.connection().execute(stmt)
    try:
        # Only a plain cursor leaves every row to the driver; a buffering strategy may have
        # read some already, so it goes the usual way.
        if type(result.cursor_strategy) is CursorFetchStrategy:
            return [value for (value,) in result.cursor.fetchall()]
        return list(result.scalars())
    finally:
        result.close()
