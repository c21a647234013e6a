"""The command line as a user types it: real processes, real files, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def infcrm(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m infcrm ARGS` the way a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "infcrm", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


def test_demo_creates_a_database_with_people_on_every_platform(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite"
    result = infcrm("demo", "--db", str(target), "--influencers", "120")
    assert result.returncode == 0, result.stderr
    assert "120 influencers" in result.stdout

    from infcrm.db.engine import open_database
    from infcrm.services.people import influencer_list
    from infcrm.services.people.influencer_types import ListQuery

    db = open_database(target)
    try:
        assert influencer_list.count(db) == 120
        platforms = {
            row.platform
            for row in influencer_list.rows(db, influencer_list.list_ids(db, ListQuery())).values()
        }
        assert {"instagram", "tiktok", "youtube"} <= platforms
        tiers = {
            row.tier
            for row in influencer_list.rows(db, influencer_list.list_ids(db, ListQuery())).values()
        }
        assert {"nano", "micro", "macro"} <= tiers
    finally:
        db.close()


def test_demo_refuses_a_file_that_already_holds_people(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite"
    assert infcrm("demo", "--db", str(target), "--influencers", "5").returncode == 0
    again = infcrm("demo", "--db", str(target), "--influencers", "5")
    assert again.returncode == 1
    assert "already holds influencers" in again.stderr


def test_demo_says_how_to_open_it_with_the_command_that_made_it(tmp_path: Path) -> None:
    """After ./start.sh infcrm is .venv/bin/infcrm, not on the PATH: “Open it with: infcrm
    --db …” answered “command not found”, and a folder with a space broke the line."""
    script = Path(sys.executable).parent / "infcrm"
    assert script.exists()
    target = tmp_path / "my shop" / "demo.sqlite"
    target.parent.mkdir()
    path = os.pathsep.join(
        p for p in os.environ["PATH"].split(os.pathsep) if p != str(script.parent)
    )
    result = subprocess.run(
        [str(script), "demo", "--db", str(target), "--influencers", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PATH": path, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert f"Open it with: {script} --db '{target}'" in result.stdout


def test_db_given_by_environment_variable(tmp_path: Path) -> None:
    target = tmp_path / "env.sqlite"
    assert infcrm("demo", "--db", str(target), "--influencers", "3").returncode == 0
    result = infcrm("check", env={"INFCRM_DB": str(target)})
    assert result.returncode == 0, result.stderr
    assert "Influencers: 3" in result.stdout


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    target = tmp_path / "notes.sqlite"
    target.write_bytes(b"shopping list: flour, sugar\n" * 50)
    before = target.read_bytes()
    result = infcrm("check", "--db", str(target))
    assert result.returncode == 1
    assert "not an infcrm database" in result.stderr
    assert target.read_bytes() == before
    assert not Path(f"{target}-wal").exists()


@pytest.mark.parametrize("args", [["--view", "nowhere"], ["--size", "big"], ["frobnicate"]])
def test_usage_errors_exit_with_2(args: list[str]) -> None:
    assert infcrm(*args).returncode == 2


def test_screenshot_renders_the_influencers_view_to_a_png(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite"
    assert infcrm("demo", "--db", str(target), "--influencers", "40").returncode == 0
    png = tmp_path / "shot.png"
    result = infcrm("--db", str(target), "--screenshot", str(png), "--size", "1024x700")
    assert result.returncode == 0, result.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert (image.width(), image.height()) == (1024, 700)


def test_screenshot_of_a_bad_file_explains_and_exits_1(tmp_path: Path) -> None:
    target = tmp_path / "broken.sqlite"
    target.write_bytes(os.urandom(4096))
    result = infcrm("--db", str(target), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert "not an infcrm database" in result.stderr


def mean_lightness(png: Path) -> float:
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(png))
    step = 16
    samples = [
        QColor(image.pixel(x, y)).lightnessF()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(samples) / len(samples)


def test_screenshot_renders_light_or_dark_as_asked(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite"
    assert infcrm("demo", "--db", str(target), "--influencers", "20").returncode == 0
    shots = {}
    for theme in ("light", "dark"):
        shots[theme] = tmp_path / f"{theme}.png"
        args = ("--db", str(target), "--screenshot", str(shots[theme]), "--theme", theme)
        result = infcrm(*args, "--view", "influencers", "--size", "800x500")
        assert result.returncode == 0, result.stderr
    assert mean_lightness(shots["light"]) > 0.8
    assert mean_lightness(shots["dark"]) < 0.25


def test_an_unknown_theme_is_a_usage_error() -> None:
    result = infcrm("--theme", "sepia", "--screenshot", "x.png")
    assert result.returncode == 2
    assert "light" in result.stderr and "dark" in result.stderr


def test_output_piped_into_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    """`infcrm duplicates | head -1`: head closing the pipe is the reader's choice."""
    demo = tmp_path / "demo.sqlite"
    assert infcrm("demo", "--db", str(demo)).returncode == 0
    done = subprocess.run(
        f"'{sys.executable}' -m infcrm duplicates --db '{demo}' | head -1",
        shell=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "groups of possible duplicates" in done.stdout and done.stderr == "", done.stderr
