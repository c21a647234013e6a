"""Sheets with one row per post: a creator's average is the mean of their posts.

Campaign trackers and video searches list each post on its own row, the creator repeated
with that post's likes and comments. Only a person's first row is imported (the others repeat
its account), so without this their "average" would be the first post's figures.

A file is taken as one row per post when a creator comes back with other figures; a list
that merely repeats a row as it was changes nothing. The rows of one creator are the rows the
importer takes for one person (`Matcher.repeats`): the same account (“@ana”, “Ana” and a link
to ana's profile are one), else the same email under a name that does not disagree — an
agency's address given for two creators keeps them apart, and `--on-duplicate create` keeps
apart all but an account's rows. A name alone is weak (two people can share one): it groups
rows only in a file with no handle and no email column at all that lists posts (a column of
links to posts, or one named for posts: “Post link”, “Video”, “Posted on”), where the importer
takes a repeated name for one person anyway. A cheap pass over those cells finds the rows that
may repeat someone; only those are read in full, before the import reads the file block by
block, since a creator's first row may be written before their last one is read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from infcrm.domain.accounts import account_key
from infcrm.domain.field_catalogue import FIELDS_BY_KEY, simplify_header
from infcrm.domain.handles import loose_handle
from infcrm.domain.names import fold_name
from infcrm.domain.platform_links import is_post_link
from infcrm.files.import_rows import PlannedRow, RowReader
from infcrm.files.import_shapes import PER_POST
from infcrm.files.repeated_rows import (
    CellKeys,
    email_key,
    handle_columns,
    people_of,
    repeated,
)
from infcrm.files.spreadsheet_reader import SheetRow

# The figures a post has, stored as each account's average per post.
_WORDS = {"avg_likes": "likes", "avg_comments": "comments", "avg_views": "views"}
# Words of a column name that say each row is one post (“Post link”, “Video”, “Posted on”,
# “data_publicacao”); “posts” is not one of them: “Posts” is a creator's count of posts.
_POST_WORDS = frozenset(
    {
        "post", "video", "reel", "story", "caption", "posted", "published", "publication",
        "publicacion", "publicacao", "publicado", "publicada", "publie", "publiee", "beitrag",
        "veroffentlicht", "veroffentlichung",
    }
)  # fmt: skip
# The cells looked at for links to posts in each column.
_SAMPLE = 50

Key = Callable[[str], str]


def _key_columns(reader: RowReader, rows: Sequence[SheetRow]) -> list[tuple[int, Key]]:
    """The columns that may tell a creator's rows apart from others', each with the key its
    cells are compared by: the account's, the email, or (see the module) the name."""
    columns: list[tuple[int, Key]] = [(i, loose_handle) for i in handle_columns(reader)]
    single, named = reader.router.single, reader.router.columns
    if "email" in single:
        columns.append((single["email"], email_key))
    elif (
        not columns
        and "email" not in named
        and "display_name" in single
        and _lists_posts(reader, rows)
    ):
        columns.append((single["display_name"], fold_name))
    return columns


def _lists_posts(reader: RowReader, rows: Sequence[SheetRow]) -> bool:
    """Whether a column names posts (not one of figures: “Avg video views”) or holds links
    to posts."""
    figures = {
        index
        for key, index in reader.router.single.items()
        if key in FIELDS_BY_KEY and FIELDS_BY_KEY[key].kind in ("count", "number", "int")
    }
    for index, header in enumerate(reader.headers):
        if index not in figures and _POST_WORDS & set(simplify_header(header).split()):
            return True
    sample = rows[:_SAMPLE]
    return any(
        any(isinstance(cell, str) and is_post_link(cell) for cell in column)
        for column in zip(*(row.cells for row in sample), strict=False)
    )


def _creators(
    reader: RowReader, rows: Sequence[SheetRow], on_duplicate: str
) -> list[list[PlannedRow]]:
    """The posts of each creator with several: their rows the importer takes for one person
    (in file order, the first the one imported), on the first row's account."""
    people: dict[int, list[PlannedRow]] = {}
    for rows_of_one in people_of(reader, rows, on_duplicate):
        with_account = [row for row in rows_of_one if row.accounts]
        if with_account:
            people[rows_of_one[0].number] = with_account
    creators = []
    for first, posts in people.items():
        if posts[0].number != first:
            continue  # the row imported has no account to hold the figures
        account = _account(posts[0])
        posts = [post for post in posts if _account(post) == account]
        if len(posts) > 1:
            creators.append(posts)
    return creators


def _account(row: PlannedRow) -> tuple[str, str]:
    main = row.accounts[0]
    return account_key(str(main["platform"]), main["handle"], main.get("label"), main.get("url"))  # type: ignore[arg-type]


def averaged_posts(
    reader: RowReader,
    rows: Sequence[SheetRow],
    on_duplicate: str = "skip",
    keys: CellKeys | None = None,
) -> tuple[dict[int, dict[str, int | None]], str | None]:
    """({row number: {figure: mean}} for each creator's first row, and the summary's line)
    when the file has one row per post; ({}, None) otherwise. `on_duplicate`: the import's,
    which decides which rows are one person."""
    if not any(key in reader.router.single for key in PER_POST):
        return {}, None
    columns = _key_columns(reader, rows)
    if not columns:
        return {}, None
    people = _creators(reader, repeated(rows, [[c] for c in columns], keys), on_duplicate)
    figures = [key for key in PER_POST if key in reader.router.single]
    if not any(
        len({post.accounts[0][key] for post in posts}) > 1 for posts in people for key in figures
    ):
        return {}, None  # the same row repeated as it was, not posts
    means = {posts[0].number: _means(posts, figures) for posts in people}
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
