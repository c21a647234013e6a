"""`infcrm --install-desktop-entry` puts infcrm in a pip/pipx user's applications menu."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from infcrm.__main__ import main
from infcrm.ui import desktop_entry


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_it_writes_the_menu_entry_and_icons_under_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))

    assert main(["--install-desktop-entry"]) == 0

    entry_file = tmp_path / "applications" / "infcrm.desktop"
    out = capsys.readouterr().out
    assert "now in your applications menu" in out and str(entry_file) in out
    entry = read_entry(entry_file)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "infcrm"
    assert entry["Icon"] == "infcrm"
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Comment"]
    command = shlex.split(entry["Exec"])
    assert os.access(command[0], os.X_OK), "the menu starts a program that exists"
    assert entry["TryExec"] == command[0]

    icons = tmp_path / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "infcrm.svg").read_bytes().startswith(b"<svg")
    for size in desktop_entry.ICON_SIZES:
        image = QImage(str(icons / f"{size}x{size}" / "apps" / "infcrm.png"))
        assert (image.width(), image.height()) == (size, size)
        corner, middle = image.pixelColor(0, 0), image.pixelColor(size // 2, size // 4)
        assert corner.alpha() == 0 and middle.alpha() == 255, "a shape on a clear background"


def test_running_it_again_changes_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    main(["--install-desktop-entry"])
    written = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*.*")}
    capsys.readouterr()

    assert main(["--install-desktop-entry"]) == 0

    assert "already in your applications menu" in capsys.readouterr().out
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*.*")} == written
    assert not list(tmp_path.rglob("*.partial"))


def test_a_relative_xdg_data_home_is_ignored_for_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")

    assert main(["--install-desktop-entry"]) == 0

    assert (tmp_path / ".local" / "share" / "applications" / "infcrm.desktop").is_file()
    assert not Path("relative").exists()


def test_an_unwritable_place_is_a_sentence_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))

    assert main(["--install-desktop-entry"]) == 1

    assert "Could not add infcrm to your applications menu" in capsys.readouterr().err


def test_a_command_path_with_spaces_is_quoted_as_the_specification_asks() -> None:
    value = desktop_entry.exec_value(["/home/ann/my apps/bin/infcrm", "--db", "100%.sqlite"])
    assert value == '"/home/ann/my apps/bin/infcrm" --db "100%%.sqlite"'
    assert desktop_entry.exec_value(['/opt/a"b/infcrm']) == '"/opt/a\\\\"b/infcrm"'


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_the_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    done = desktop_entry.install(tmp_path, ["/opt/my apps/infcrm"])
    check = subprocess.run(
        ["desktop-file-validate", str(done.desktop_file)], capture_output=True, text=True
    )
    assert check.returncode == 0 and not check.stdout.strip(), check.stdout


def test_the_window_carries_the_app_icon_and_names_its_menu_entry(qapp) -> None:
    from PySide6.QtGui import QGuiApplication

    from infcrm.app import make_application

    app = make_application()
    assert QGuiApplication.desktopFileName() == "infcrm"  # Wayland finds the icon through it
    assert not app.windowIcon().pixmap(32, 32).isNull()
