"""Reading a file to import: a big list is read without Python's cycle collector stopping it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from infcrm.files.import_source import read_source


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations of the collector's passes while the test runs, the collector on and
    set to pass often (as it would on a list many times bigger)."""
    was_on, thresholds = gc.isenabled(), gc.get_threshold()
    passes: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.enable()
    gc.set_threshold(50, 2, 2)
    gc.callbacks.append(seen)
    try:
        yield passes
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*thresholds)
        if not was_on:
            gc.disable()


def _list_of(path: Path, rows: int) -> Path:
    lines = ["Name,Instagram handle,Followers,Email"] + [
        f"Creator {i},creator_{i},{1000 + i},creator{i}@example.com" for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reading_a_list_runs_the_collector_no_more_for_more_rows(
    tmp_path: Path, collections: list[int]
) -> None:
    # The command line reads the file before it opens the database; a collector pass over
    # the growing rows every few hundred cells had cost 100,000 rows a quarter of a second.
    small = read_source(_list_of(tmp_path / "small.csv", 2_000))
    passes_small = len(collections)
    collections.clear()
    big = read_source(_list_of(tmp_path / "big.csv", 8_000))

    assert (len(small.table.rows), len(big.table.rows)) == (2_000, 8_000)
    assert len(collections) <= passes_small + 2  # not four times as many
    assert gc.isenabled()  # as it was before the reading
