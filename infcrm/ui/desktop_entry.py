"""The menu entry and icon that make infcrm appear among the applications on Linux.

One routine writes them for both kinds of install: `infcrm --install-desktop-entry` puts them
in the user's own data folder (a pip or pipx install), and the package build puts them in the
.deb's /usr/share. The icon's PNG sizes are drawn from the app's SVG here, so they never drift
from it.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from infcrm.paths import resource_path

APP_ID = "infcrm"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
_SAFE_IN_EXEC = re.compile(r"[A-Za-z0-9_./+,:=@-]+")


@dataclass(frozen=True)
class Installed:
    """What an install wrote: the menu entry, and whether anything had to change."""

    desktop_file: Path
    icon_files: tuple[Path, ...]
    changed: bool


def user_share_dir() -> Path:
    """$XDG_DATA_HOME, else ~/.local/share (the XDG rule: a relative value is ignored)."""
    chosen = os.environ.get("XDG_DATA_HOME", "")
    if chosen and Path(chosen).is_absolute():
        return Path(chosen)
    return Path.home() / ".local" / "share"


def installed_command() -> list[str]:
    """How a menu starts this very infcrm: the `infcrm` beside this Python (a venv, pipx, or the
    frozen app itself), else the one on PATH, else `python -m infcrm`."""
    beside = Path(sys.executable).parent / APP_ID
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    on_path = shutil.which(APP_ID)
    if on_path:
        return [str(Path(on_path).resolve())]
    return [sys.executable, "-m", APP_ID]


def exec_value(argv: list[str]) -> str:
    """`argv` as a desktop entry's Exec value (quoted where the specification asks for it)."""
    words = []
    for word in argv:
        if _SAFE_IN_EXEC.fullmatch(word):
            words.append(word)
        else:
            escaped = re.sub(r'(["`$\\])', r"\\\1", word)
            # The whole value is also a string value, whose own escape doubles each backslash.
            words.append('"' + escaped.replace("\\", "\\\\") + '"')
    return " ".join(words).replace("%", "%%")


def desktop_entry_text(argv: list[str]) -> str:
    """The shipped .desktop file, starting `argv`."""
    template = resource_path(f"{APP_ID}.desktop").read_text(encoding="utf-8")
    command = exec_value(argv)
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={command}"
        elif line.startswith("TryExec="):
            line = f"TryExec={argv[0]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def icon_png(size: int) -> bytes:
    """The app icon drawn at `size`×`size` pixels, as PNG bytes."""
    renderer = QSvgRenderer(str(resource_path("icons", f"{APP_ID}.svg")))
    if not renderer.isValid():
        raise ValueError("The app icon (icons/infcrm.svg) cannot be read.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _write(path: Path, content: bytes) -> bool:
    """Write `content` unless the file already holds it; True when it changed."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(content)
    partial.replace(path)  # a menu never reads half a file
    return True


def install(share_dir: Path, argv: list[str]) -> Installed:
    """Write the menu entry starting `argv` and the icon in every size under `share_dir`."""
    icons = share_dir / "icons" / "hicolor"
    files: dict[Path, bytes] = {
        icons / "scalable" / "apps" / f"{APP_ID}.svg": resource_path(
            "icons", f"{APP_ID}.svg"
        ).read_bytes()
    }
    for size in ICON_SIZES:
        files[icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = icon_png(size)
    desktop_file = share_dir / "applications" / f"{APP_ID}.desktop"
    files[desktop_file] = desktop_entry_text(argv).encode("utf-8")
    changed = False
    for path, content in files.items():  # the entry last: its icon is there when it appears
        changed = _write(path, content) or changed
    icon_files = tuple(path for path in files if path != desktop_file)
    return Installed(desktop_file, icon_files, changed)


def install_for_user() -> tuple[int, str]:
    """`infcrm --install-desktop-entry`: (exit code, what to tell the user)."""
    if not sys.platform.startswith("linux"):
        return 1, (
            "A menu entry can be added this way on Linux only. On Windows and macOS, "
            "install infcrm from its installer to get it in the Start menu or Applications."
        )
    try:
        done = install(user_share_dir(), installed_command())
    except OSError as exc:
        return 1, f"Could not add infcrm to your applications menu: {exc.strerror or exc}."
    if done.changed:
        return 0, (
            f"infcrm is now in your applications menu (under Office).\n"
            f"Menu entry: {done.desktop_file}\n"
            f"Icon: {done.icon_files[0].parents[2]}/…/apps/{APP_ID}.png\n"
            "Some desktops show it after you log out and back in."
        )
    return (
        0,
        f"infcrm was already in your applications menu; nothing changed ({done.desktop_file}).",
    )
