"""What a bulk edit returns, and how it refuses when some of the people break a rule."""

from __future__ import annotations

from dataclasses import dataclass

from infcrm.services.restore_points import RestorePoint


def people_count(count: int) -> str:
    """“1 person”, “31 people”."""
    return f"{count:,} {'person' if count == 1 else 'people'}"


@dataclass(frozen=True)
class Problem:
    """Some of the chosen people break a rule: why, who (ids), and the first few names."""

    reason: str
    ids: tuple[int, ...]
    names: tuple[str, ...]

    def sentence(self) -> str:
        """“3 people are marked “Do not contact”: Ana, Ben, Caro.”"""
        shown = ", ".join(self.names)
        more = len(self.ids) - len(self.names)
        if more > 0:
            shown += f" and {more:,} more"
        return f"{self.reason}: {shown}." if shown else f"{self.reason}."


class BulkRefused(Exception):
    """Nothing was changed because some people break a rule; `problems` says who and why.

    Calling the action again with `skip_problems=True` changes everyone else.
    """

    def __init__(self, problems: tuple[Problem, ...], total: int) -> None:
        self.problems = problems
        self.total = total
        super().__init__(" ".join(p.sentence() for p in problems))

    @property
    def affected(self) -> int:
        """How many of the chosen people the problems cover."""
        return len({i for p in self.problems for i in p.ids})

    @property
    def can_skip(self) -> bool:
        """Whether skipping those affected would leave anyone to change. A refusal that names
        nobody (no tag written) is about the change itself: skipping no one cannot help."""
        return 0 < self.affected < self.total


@dataclass(frozen=True)
class BulkResult:
    """What a bulk edit did: a sentence for the status bar, a name for the Edit menu, the people
    it changed, and the restore point that takes it back (see `restore_points.restore`)."""

    summary: str
    title: str
    changed: tuple[int, ...]
    unchanged: int
    skipped: int
    undo: RestorePoint
    # Those of `changed` saved by someone else after they were chosen (the `seen` versions).
    moved_on: tuple[int, ...] = ()


__all__ = ["BulkRefused", "BulkResult", "Problem", "people_count"]
