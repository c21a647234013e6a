"""Writing an import: new people and their accounts added, existing people filled, all undoable.

The whole import is one transaction that takes SQLite's write lock first (BEGIN IMMEDIATE), so
a second import of the same file waits, then sees the first one's people when it decides who
each row is: nobody is added twice. New people go in with Core `insert()` of lists of dicts.
Undoing is `import_history.undo_last_import`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import exc, insert, select, update
from sqlalchemy.engine import Connection

from infcrm.db import search_index
from infcrm.db.base import utcnow
from infcrm.db.bulk_indexes import indexes_set_aside
from infcrm.db.engine import Database, StorageError
from infcrm.db.import_models import ImportBatch
from infcrm.db.main_account import insert_trigger_paused
from infcrm.db.models import Influencer, Stage
from infcrm.db.sequences import next_id, used_up_to
from infcrm.db.write_lock import begin_immediate
from infcrm.domain.validation import InvalidInput
from infcrm.services.exchange.import_items import record_created
from infcrm.services.exchange.import_lookup import KnownLookup, worth_looking_up
from infcrm.services.exchange.import_matching import ImportRow, Matcher, read_known
from infcrm.services.exchange.import_since import record_after
from infcrm.services.exchange.import_updates import update_people
from infcrm.services.exchange.new_people import NewPeople
from infcrm.services.progress import Progress

CHUNK = 1000
# The tables new people fill, whose indexes a big import builds once at the end.
_BULK_TABLES = ("influencer", "social_account", "metric_snapshot", "influencer_tag")
LOCK_WAIT_SECONDS = 120
BUSY = (
    "Another import or another infcrm window is saving to this file right now. Nothing was "
    "imported; try again when it has finished."
)


@dataclass(frozen=True)
class ImportOutcome:
    """What the import wrote, decided inside its transaction."""

    batch_id: int | None  # None when nothing was left to write
    created: int
    updated: int
    skipped: tuple[ImportRow, ...]
    rejected: tuple[ImportRow, ...]  # rows matching several people: left out
    # The people it updated who had been changed elsewhere since the preview (`seen`).
    moved_on: tuple[str, ...] = ()
    # The people it updated who are in the Trash (someone moved them there, maybe since the
    # preview): their rows hold the file's values, but the list does not show them.
    in_trash: tuple[str, ...] = ()
    # The people found whom the rows would not change: nothing written for them.
    up_to_date: int = 0


class _NothingToWrite(Exception):
    """Every row turned out to be a duplicate: roll back the empty batch."""


def write_import(
    db: Database,
    rows: Sequence[ImportRow],
    *,
    file_name: str,
    sheet: str | None,
    on_duplicate: str,
    strict: bool = False,
    progress: Progress | None = None,
    lock_wait: float = LOCK_WAIT_SECONDS,
    seen: Mapping[int, int] | None = None,
    look_up: bool | None = None,
) -> ImportOutcome:
    """Decide each row against the database as it is now and write the result in one go.

    `seen`: each person's version when the preview read them; the outcome names the people
    updated who were changed elsewhere since (`moved_on`).

    Raises InvalidInput when `strict` and a row cannot be imported; StorageError when another
    writer holds the file for longer than `lock_wait` seconds.
    """
    rows = list(rows)
    blocks = (rows[start : start + CHUNK] for start in range(0, len(rows), CHUNK))
    return write_import_blocks(
        db, blocks, len(rows), file_name=file_name, sheet=sheet, on_duplicate=on_duplicate,
        strict=strict, progress=progress, lock_wait=lock_wait, seen=seen,
        expected=sum(1 for r in rows if r.action == "create"), look_up=look_up,
    )  # fmt: skip


def write_import_blocks(
    db: Database,
    blocks: Iterable[Sequence[ImportRow]],
    total: int,
    *,
    file_name: str,
    sheet: str | None,
    on_duplicate: str,
    strict: bool = False,
    progress: Progress | None = None,
    lock_wait: float = LOCK_WAIT_SECONDS,
    seen: Mapping[int, int] | None = None,
    expected: int | None = None,
    look_up: bool | None = None,
) -> ImportOutcome:
    """`write_import` of rows given a block at a time, each block asked for only once the one
    before is decided and its new people stored: a file can be read as it is written.

    `total`: how many rows the blocks hold, for the progress. `expected`: how many new people
    to expect at most (`total` when not given), which decides whether indexes are set aside.
    `look_up`: whether only the people the rows name are read, block by block, rather than
    everyone first (the same decisions; by default when the rows are few against the people).
    """
    try:
        with db.transaction() as session:
            conn = session.connection()
            begin_immediate(conn, lock_wait, BUSY, waiting_for_the_lock(progress))
            if look_up is None:
                look_up = worth_looking_up(conn, total)
            # Reading everyone (tens of MB at 100,000 rows) goes before the writing starts.
            known = read_known(conn, people=not look_up)
            moved = _Moved(seen, [])
            writer = _Writer(conn, file_name, sheet, progress, moved)
            lookup = KnownLookup(conn, known, below=writer.first_id) if look_up else None
            matcher = Matcher(known, on_duplicate)
            writer.run(blocks, total, total if expected is None else expected, matcher, lookup)
            rejected, skipped = tuple(writer.rejected), tuple(writer.skipped)
            if strict and rejected:
                raise InvalidInput(
                    {f"row.{r.number}": f"Row {r.number}: {r.reason}" for r in rejected}
                )
            if writer.created or writer.updates:
                writer.finish()
            if not writer.created and not writer.updated:
                # Every row was already there, or would change nobody: the empty batch goes.
                raise _NothingToWrite(
                    ImportOutcome(None, 0, 0, skipped, rejected, up_to_date=writer.up_to_date)
                )
            return ImportOutcome(
                writer.batch_id,
                writer.created,
                writer.updated,
                skipped,
                rejected,
                tuple(moved.names),
                tuple(moved.trashed),
                writer.up_to_date,
            )
    except _NothingToWrite as nothing:
        return nothing.args[0]
    except exc.OperationalError as error:
        if "locked" in str(error.orig) or "busy" in str(error.orig):
            raise StorageError(BUSY) from error
        raise


def waiting_for_the_lock(progress: Progress | None) -> Callable[[], None] | None:
    """What `begin_immediate` calls while another writer holds the file: say so."""
    if progress is None:
        return None
    return lambda: progress.report(0, 0, "Waiting for another import to finish…")


@dataclass(frozen=True)
class _Moved:
    """Versions seen by the preview, and the names of the people changed since."""

    seen: Mapping[int, int] | None
    names: list[str]
    trashed: list[str] = field(default_factory=list)

    def check(self, person_id: int, current: Mapping[str, object]) -> None:
        """Note the person when their version is not the one the preview saw, and when they
        are in the Trash."""
        if self.seen and person_id in self.seen and self.seen[person_id] != current["version"]:
            self.names.append(str(current["display_name"]))
        if current["deleted_at"] is not None:
            self.trashed.append(str(current["display_name"]))


class _Writer:
    """One import's writing inside its transaction: new people block by block as the rows are
    decided, then the people it updates, then the batch's counts."""

    def __init__(
        self,
        conn: Connection,
        file_name: str,
        sheet: str | None,
        progress: Progress | None,
        moved: _Moved,
    ) -> None:
        self.conn, self.progress, self.moved = conn, progress, moved
        self.now = utcnow()
        # The batch goes first (its counts once known), so the new people can follow at once.
        self.batch_id = conn.execute(
            insert(ImportBatch)
            .values(
                file_name=file_name,
                sheet=sheet,
                imported_at=self.now,
                created_count=0,
                updated_count=0,
                skipped_count=0,
            )
            .returning(ImportBatch.id)
        ).scalar_one()
        self.file_name = file_name
        self.created = 0
        self.updates: list[ImportRow] = []
        self.updated = 0  # of `updates`, those that changed their person (the rest: up to date)
        self.skipped: list[ImportRow] = []
        self.rejected: list[ImportRow] = []
        # Ids are given, not returned: this transaction holds SQLite's write lock (on a
        # server, next_id closes the table to others' inserts), so nobody else can take them,
        # and plain executemany is many times faster than RETURNING, which SQLite can only
        # match to its rows one insert at a time.
        self.first_id = next_id(conn, Influencer.__table__.c.id, 0)

    def run(
        self,
        blocks: Iterable[Sequence[ImportRow]],
        total: int,
        expected: int,
        matcher: Matcher,
        lookup: KnownLookup | None,
    ) -> None:
        """Decide each block's rows and store its new people, before the next block is read
        (with `lookup`, once the people the block names are read)."""
        conn, progress = self.conn, self.progress
        first_stage = conn.execute(
            select(Stage.id).where(~Stage.archived).order_by(Stage.position).limit(1)
        ).scalar_one_or_none()
        done = 0
        # New people go in with their main_* set; a big list into a small file sorts each
        # index once at the end instead of keeping it up to date row by row.
        with (
            insert_trigger_paused(conn),
            indexes_set_aside(conn, _BULK_TABLES, expected),
            search_index.merged_once(conn, expected),
        ):
            with NewPeople(conn, self.now, self.file_name, first_stage) as writer:
                for block in blocks:
                    if progress is not None:
                        progress.report(done, total, f"Importing row {done + 1:,} of {total:,}…")
                    if lookup is not None:
                        writer.wait()  # one thread at a time on the connection
                        lookup.add(block)
                    creates = []
                    for row in block:
                        matcher.decide(row)
                        if row.action == "create":
                            creates.append(row)
                        elif row.action == "update":
                            self.updates.append(row)
                        elif row.action == "skip":
                            self.skipped.append(row)
                        else:
                            self.rejected.append(row)
                    if creates:
                        writer.add(creates, self.first_id + self.created)
                        self.created += len(creates)
                    done += len(block)
            if progress is not None and self.created:
                progress.report(done, total, "Making the new people searchable…")

    @property
    def up_to_date(self) -> int:
        """How many of the people found the rows would not change."""
        return sum(1 for row in self.updates if row.up_to_date)

    def finish(self) -> None:
        """Record the new people in the batch, write the updates, and count them in the batch."""
        conn, progress, batch_id = self.conn, self.progress, self.batch_id
        column = Influencer.__table__.c.id
        used_up_to(conn, column, self.first_id + self.created)
        if self.created:
            new_ids = range(self.first_id, self.first_id + self.created)
            record_created(conn, batch_id, new_ids)  # one item for the whole run of ids
            search_index.index_new_tags(conn, new_ids)
        total = self.created + len(self.updates)

        def updating(done: int) -> None:
            if progress is not None:
                at = self.created + done
                progress.report(at, total, f"Updating people {at + 1:,} of {total:,}…")

        self.updated = update_people(
            conn, self.updates, batch_id, self.now, self.moved.check, on_group=updating
        )
        record_after(conn, batch_id)  # what an undo tells later saves and rows by
        conn.execute(
            update(ImportBatch)
            .where(ImportBatch.id == batch_id)
            .values(
                created_count=self.created,
                updated_count=self.updated,
                skipped_count=sum(1 for row in self.skipped if not row.repeat_of),
            )
        )
        if progress is not None:
            progress.report(total, total, "Saving…")


__all__ = [
    "BUSY",
    "ImportOutcome",
    "Progress",
    "waiting_for_the_lock",
    "write_import",
    "write_import_blocks",
]
