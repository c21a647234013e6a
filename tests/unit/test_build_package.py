"""The .deb's Depends are read off the app's own binaries, so `apt install` brings what it needs."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
pytestmark = pytest.mark.skipif(
    not (sys.platform.startswith("linux") and shutil.which("ldd") and shutil.which("dpkg")),
    reason="the .deb is built on Debian or Ubuntu",
)


@pytest.fixture(scope="module")
def build_package():
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location("build_package", SCRIPTS / "build_package.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPTS))


def test_a_binary_brings_the_packages_of_the_libraries_it_loads(build_package, tmp_path):
    import python_calamine

    binary = next(Path(python_calamine.__file__).parent.glob("_python_calamine*.so"))
    shutil.copy(binary, tmp_path)

    needs = build_package.depends(tmp_path)

    assert "libgcc-s1" in needs  # libgcc_s.so.1, found on this system by dpkg
    assert any(need.startswith("libc6 (>= 2.") for need in needs)
    assert "fontconfig-config" in needs  # Qt draws no text without a font


def test_a_library_nobody_ships_stops_the_build_naming_it(build_package, tmp_path):
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    shutil.copy(plugin, tmp_path)  # away from Qt's own libraries, which it cannot find now

    with pytest.raises(SystemExit, match=r"libQt6XcbQpa\.so\.6"):
        build_package.depends(tmp_path)
