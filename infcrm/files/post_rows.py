"""Sheets with one row per post: a creator's average is the mean of their posts.

Campaign trackers and video searches list each post on its own row, the creator repeated
with that post's likes and comments. Only a person's first row is imported (the others repeat
its account), so without this their "average" would be the first post's figures.

A file is taken as one row per post when a handle comes back with other figures; a list
that merely repeats a row as it was changes nothing. A creator is found as the importer
matches accounts: “@ana”, “Ana” and a link to ana's profile are one creator, whose posts are
all averaged (not the first, with the others skipped as repeats). A cheap pass over the handle
cells finds the rows that may repeat someone; only those are read in full, before the import
reads the file block by block, since a creator's first row may be written before their last
one is read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from infcrm.domain.handles import loose_handle
from infcrm.files.import_rows import PlannedRow, RowReader
from infcrm.files.spreadsheet_reader import SheetRow

# The figures a post has, stored as each account's average per post.
PER_POST = ("avg_likes", "avg_comments", "avg_views")
_WORDS = {"avg_likes": "likes", "avg_comments": "comments", "avg_views": "views"}


def _handle_columns(reader: RowReader) -> list[int]:
    """The columns that name a row's account: its handle, its profile link (read when the
    handle is empty) and each network's handle."""
    single = reader.router.single
    return sorted(
        index
        for key, index in single.items()
        if key in ("handle", "url") or key.endswith("_handle")
    )


def _repeated(rows: Sequence[SheetRow], columns: list[int]) -> list[SheetRow]:
    """The rows, in file order, that share a handle with another row in one of `columns`.

    Handles are compared as the importer matches accounts (“@ana”, “Ana” and a link to
    ana's profile are one), by their loose form: one pass over each column's cells, ~0.1 s
    for a 100,000-row list that repeats nobody.
    """
    chosen: set[int] = set()
    for column in columns:
        keys = [_loose(row.cells[column]) for row in rows]
        repeated = {key for key, n in Counter(keys).items() if n > 1 and key}
        if repeated:
            chosen.update(i for i, key in enumerate(keys) if key in repeated)
    return [rows[i] for i in sorted(chosen)]


def _loose(cell: object) -> str:
    """A handle cell's loose handle ("" when empty)."""
    if cell is None or cell == "":
        return ""
    return loose_handle(cell if isinstance(cell, str) else str(cell))


def averaged_posts(
    reader: RowReader, rows: Sequence[SheetRow]
) -> tuple[dict[int, dict[str, int | None]], str | None]:
    """({row number: {figure: mean}} for each creator's first row, and the summary's line)
    when the file has one row per post; ({}, None) otherwise."""
    if not any(key in reader.router.single for key in PER_POST):
        return {}, None
    columns = _handle_columns(reader)
    if not columns:
        return {}, None
    people: dict[tuple[object, object], list[PlannedRow]] = {}
    # Grouped again once read: by each row's account, as the importer tells them apart.
    for sheet_row in _repeated(rows, columns):
        read = reader.read(sheet_row)
        if read.action == "reject" or not read.accounts or not read.accounts[0]["handle"]:
            continue
        main = read.accounts[0]
        people.setdefault((main["platform"], main["handle"]), []).append(read)
    people = {key: posts for key, posts in people.items() if len(posts) > 1}
    figures = [key for key in PER_POST if key in reader.router.single]
    if not any(
        len({post.accounts[0][key] for post in posts}) > 1
        for posts in people.values()
        for key in figures
    ):
        return {}, None  # the same row repeated as it was, not posts
    means = {posts[0].number: _means(posts, figures) for posts in people.values()}
    count = len(means)
    who = "1 person" if count == 1 else f"{count:,} people"
    words = [_WORDS[key] for key in figures]
    listed = ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]
    return means, f"{who} had several rows (one per post): their {listed} are averaged."


def _means(posts: list[PlannedRow], figures: list[str]) -> dict[str, int | None]:
    """Each figure's mean over the posts that give it (None when none does)."""
    means: dict[str, int | None] = {}
    for key in figures:
        values = [post.accounts[0][key] for post in posts if post.accounts[0][key] is not None]
        means[key] = round(sum(values) / len(values)) if values else None  # type: ignore[arg-type]
    return means


__all__ = ["PER_POST", "averaged_posts"]
