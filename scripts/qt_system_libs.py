"""Which system libraries Qt's xcb platform plugin is missing, and the apt-get line to add them.

Run by scripts/setup.sh with the venv's Python: `python scripts/qt_system_libs.py` prints the
Debian/Ubuntu packages to install (one line, nothing when all is there). `import
PySide6.QtWidgets` succeeds without them; only opening a window fails, with a misleading
message ("xcb-cursor0 or libxcb-cursor0 is needed" although that one is installed).
Standard library only: it runs before anything else is known to work.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# The shared library -> the Debian 12 / Ubuntu package that ships it.
PACKAGE_OF: dict[str, str] = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdrm.so.2": "libdrm2",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

_MISSING = re.compile(r"^\s*(\S+)\s*=>\s*not found\s*$")


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries `ldd` reports as "not found", in order, without repeats."""
    found: list[str] = []
    for line in ldd_output.splitlines():
        match = _MISSING.match(line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


def packages_for(libraries: list[str]) -> tuple[list[str], list[str]]:
    """(Debian packages to install, libraries no package is known for), without repeats."""
    packages: list[str] = []
    unknown: list[str] = []
    for library in libraries:
        package = PACKAGE_OF.get(library)
        if package is None:
            unknown.append(library)
        elif package not in packages:
            packages.append(package)
    return packages, unknown


def xcb_plugin() -> Path | None:
    """The xcb platform plugin of the installed PySide6, or None when there is none."""
    try:
        import PySide6
    except ImportError:
        return None
    base = Path(PySide6.__file__).parent
    for candidate in (
        base / "Qt" / "plugins" / "platforms" / "libqxcb.so",
        base / "plugins" / "platforms" / "libqxcb.so",
    ):
        if candidate.exists():
            return candidate
    return None


def run_ldd(target: Path) -> str:
    """ldd's report on `target` (and, through it, on every library it loads)."""
    done = subprocess.run(["ldd", str(target)], capture_output=True, text=True, check=False)
    return done.stdout + done.stderr


def plugin_libraries_to_check(plugin: Path) -> list[Path]:
    """The plugin and Qt's own libraries it uses: ldd names what each needs from the system."""
    qt_lib = plugin.parents[2] / "lib"
    own = sorted(qt_lib.glob("libQt6XcbQpa.so*")) + sorted(qt_lib.glob("libQt6Gui.so*"))
    return [plugin, *own[:2]]


def main() -> int:
    """Print the packages to install (one line), or nothing; exit 0 either way."""
    plugin = xcb_plugin()
    if plugin is None:
        return 0
    missing: list[str] = []
    for target in plugin_libraries_to_check(plugin):
        for library in missing_libraries(run_ldd(target)):
            if library not in missing:
                missing.append(library)
    packages, unknown = packages_for(missing)
    if unknown:
        print("# no known package for: " + " ".join(unknown), file=sys.stderr)
    print(" ".join(packages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
