"""List statements holding a search, built once per shape of search and kept.

Every keystroke in the search box asks for a new list. Building that statement (the select,
the search's sub-select, the CTE that counts and sorts the matches) and working out the key
SQLAlchemy finds its compiled form by cost more than the SQL of a short search itself: at
100,000 people, about 0.6 ms of Python for “mi” in a file against a raw word query of a
fraction of that. A statement is kept by everything it is made of except the search's
values (`key`: the search's SQL on both backends, the other filters and the sort, the
settings and name they bind) and run with each search's own values, given by name when it
is executed, so it is built once and its compiled form found without working out its key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from sqlalchemy import Select

# A handful of shapes are in use at a time (one per number and length of the words typed,
# per filter and sort); past this many the oldest are forgotten all at once.
_SIZE = 64
_kept: dict[Hashable, Select] = {}


def kept(key: Hashable, build: Callable[[], Select]) -> Select:
    """The statement kept under `key`, built by `build` the first time it is asked for."""
    statement = _kept.get(key)
    if statement is None:
        statement = build()
        if len(_kept) >= _SIZE:
            _kept.clear()
        _kept[key] = statement
    return statement
