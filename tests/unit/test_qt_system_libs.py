"""start.sh names every system library Qt's window plugin is missing, as apt-get packages."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "qt_system_libs.py"
_spec = importlib.util.spec_from_file_location("qt_system_libs", SCRIPT)
assert _spec and _spec.loader
qt_system_libs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(qt_system_libs)

# What ldd printed for libqxcb.so on a fresh Debian 12 with libxcb-cursor0 installed.
FRESH_DEBIAN_LDD = """\
\tlinux-vdso.so.1 (0x00007ffd2a7f6000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x7f1)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0e2c1d1000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f0e2c1c0000)
\tlibEGL.so.1 => not found
\tlibweird-vendor.so.9 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0e2be00000)
"""


def test_the_missing_libraries_are_read_from_ldd_once_each() -> None:
    assert qt_system_libs.missing_libraries(FRESH_DEBIAN_LDD) == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libEGL.so.1",
        "libweird-vendor.so.9",
    ]


def test_each_library_becomes_its_debian_package() -> None:
    missing = qt_system_libs.missing_libraries(FRESH_DEBIAN_LDD)
    packages, unknown = qt_system_libs.packages_for(missing)
    assert packages == ["libxcb-icccm4", "libxcb-keysyms1", "libegl1"]
    assert unknown == ["libweird-vendor.so.9"]
    assert qt_system_libs.packages_for(["libxcb-cursor.so.0"]) == (["libxcb-cursor0"], [])


def test_nothing_missing_means_nothing_to_install() -> None:
    assert qt_system_libs.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []
    assert qt_system_libs.packages_for([]) == ([], [])


@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd is a Linux tool")
def test_the_real_plugin_is_found_and_its_ldd_report_parses() -> None:
    plugin = qt_system_libs.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    report = qt_system_libs.run_ldd(plugin)
    assert "libQt6XcbQpa" in report  # ldd really read the plugin
    missing = qt_system_libs.missing_libraries(report)
    assert all(name.startswith("lib") and ".so" in name for name in missing)
    _packages, unknown = qt_system_libs.packages_for(missing)
    assert unknown == []  # every library this machine lacks has a package in the table
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True)
    printed = done.stdout.split()
    assert printed == qt_system_libs.packages_for(missing)[0] or set(
        qt_system_libs.packages_for(missing)[0]
    ) <= set(printed)
