"""Build infcrm as a desktop app: a self-contained folder (PyInstaller), then a .deb from it.

Run with the venv's Python after `pip install -e '.[package]'` (scripts/build_package.sh does
both): `python scripts/build_package.py`. It needs no network. Out come
  build/package/root/opt/infcrm/   the app folder (`infcrm` and everything it loads)
  dist/infcrm_VERSION_ARCH.deb     installs it under /opt/infcrm, with /usr/bin/infcrm,
                                   its menu entry and its icon in every size
On Windows and macOS it builds the app folder (and infcrm.app) only.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from qt_system_libs import PACKAGE_OF  # noqa: E402  (beside this script)

from infcrm import APP_NAME, __version__  # noqa: E402
from infcrm.ui import desktop_entry  # noqa: E402

BUILD = ROOT / "build" / "package"
DEB_ROOT = BUILD / "root"
APP_DIR = DEB_ROOT / "opt" / APP_NAME
# Beyond the libraries the binaries link: fontconfig's configuration, which brings a font
# (Qt draws no text without one).
ALWAYS_DEPENDS = ("fontconfig-config",)
_GLIBC_VERSION = re.compile(rb"GLIBC_2\.(\d+)\b")
_LDD_LINE = re.compile(r"^\s*(\S+)\s*=>\s*(.+?)\s*(?:\(0x[0-9a-f]+\))?\s*$")


def step(title: str, started: float) -> float:
    now = time.monotonic()
    print(f"  {title}: {now - started:.1f} s", flush=True)
    return now


def render_icon() -> Path:
    """The 256 px icon that PyInstaller puts on the Windows and macOS executables."""
    icon = ROOT / "build" / "icons" / f"{APP_NAME}-256.png"
    icon.parent.mkdir(parents=True, exist_ok=True)
    icon.write_bytes(desktop_entry.icon_png(256))
    return icon


def run_pyinstaller(dist: Path) -> None:
    log = BUILD / "pyinstaller.log"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={BUILD / 'work'}",
        str(ROOT / "resources" / f"{APP_NAME}.spec"),
    ]
    with log.open("w") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        sys.stdout.write(log.read_text(errors="replace")[-6000:])
        raise SystemExit(f"PyInstaller failed (full log: {log}).")


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def outside_libraries(folder: Path) -> dict[str, str | None]:
    """Every library the app's binaries load from the system: name -> path (None: missing)."""
    binaries = elf_files(folder)
    own_dirs = sorted({str(path.parent) for path in binaries})
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(own_dirs))
    own_names = {path.name for path in binaries}
    found: dict[str, str | None] = {}
    for binary in binaries:
        out = subprocess.run(
            ["ldd", str(binary)], capture_output=True, text=True, env=env, check=False
        ).stdout
        for line in out.splitlines():
            match = _LDD_LINE.match(line)
            if not match or match.group(1) in own_names:
                continue
            name, where = match.groups()
            if where == "not found":
                found.setdefault(name, None)
            elif not where.startswith(str(folder)):
                found[name] = where
    return found


def owning_package(path: str) -> str | None:
    """The Debian package that installed `path` (usr-merged systems list it under /usr)."""
    real = os.path.realpath(path)
    for candidate in dict.fromkeys((path, real, "/usr" + path, "/usr" + real)):
        done = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if done.returncode == 0:
            return done.stdout.split(":", 1)[0].strip()
    return None


def glibc_needed(folder: Path) -> str:
    """The newest C library version any of the app's binaries asks for (e.g. "2.34")."""
    newest = (2, 17)
    for binary in elf_files(folder):
        for minor in _GLIBC_VERSION.findall(binary.read_bytes()):
            newest = max(newest, (2, int(minor)))
    return f"{newest[0]}.{newest[1]}"


def depends(folder: Path) -> list[str]:
    """The Debian packages the app needs from the system, from what its binaries load."""
    packages: list[str] = []
    unknown: list[str] = []
    for name, path in sorted(outside_libraries(folder).items()):
        package = (owning_package(path) if path else None) or PACKAGE_OF.get(name)
        if package is None:
            unknown.append(name)
        elif package not in packages:
            packages.append(package)
    if unknown:
        raise SystemExit(
            "No Debian package is known for "
            + ", ".join(unknown)
            + ": add it to PACKAGE_OF in scripts/qt_system_libs.py, or leave out what needs it "
            "in resources/infcrm.spec."
        )
    libc = f"libc6 (>= {glibc_needed(folder)})"
    return sorted({libc if p == "libc6" else p for p in packages} | set(ALWAYS_DEPENDS))


def control_file(arch: str, installed_kib: int, needs: list[str]) -> str:
    return (
        f"Package: {APP_NAME}\n"
        f"Version: {__version__}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Architecture: {arch}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(needs)}\n"
        "Maintainer: infcrm maintainers <maintainers@infcrm.invalid>\n"
        "Description: desktop CRM for influencer relationships\n"
        " Keep everyone you work with on social media, every outreach, follow-up,\n"
        " campaign and agreement on your own computer, offline. Lists go to Excel\n"
        " in one click. This package holds its own Python and Qt.\n"
    )


def build_deb() -> Path:
    """Lay out /opt/infcrm, /usr/bin and /usr/share in DEB_ROOT and pack them."""
    started = time.monotonic()
    launcher = DEB_ROOT / "usr" / "bin" / APP_NAME
    launcher.parent.mkdir(parents=True, exist_ok=True)
    launcher.symlink_to(f"/opt/{APP_NAME}/{APP_NAME}")  # the app finds its folder from the link
    desktop_entry.install(DEB_ROOT / "usr" / "share", [APP_NAME])
    needs = depends(APP_DIR)
    started = step(f"system packages it needs ({len(needs)})", started)
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    size = sum(p.stat().st_size for p in DEB_ROOT.rglob("*") if p.is_file() and not p.is_symlink())
    control = DEB_ROOT / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(control_file(arch, size // 1024, needs), encoding="utf-8")
    for path in [DEB_ROOT, *DEB_ROOT.rglob("*")]:  # dpkg wants no group- or world-writable bits
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o022)
    deb = ROOT / "dist" / f"{APP_NAME}_{__version__}_{arch}.deb"
    deb.parent.mkdir(exist_ok=True)
    deb.unlink(missing_ok=True)
    subprocess.run(
        # zstd packs 140 MB in seconds where xz takes minutes, for a tenth more size; every dpkg
        # on a system new enough for the app's C library (2.36) reads it.
        ["dpkg-deb", "--root-owner-group", "-Zzstd", "-z9", "--build", str(DEB_ROOT), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    step("dpkg-deb", started)
    print(f"Depends: {', '.join(needs)}")
    print(f"Installed size: {size / 2**20:.0f} MiB")
    return deb


def main() -> int:
    began = started = time.monotonic()
    print(f"Building infcrm {__version__} as a desktop app…", flush=True)
    shutil.rmtree(BUILD, ignore_errors=True)
    BUILD.mkdir(parents=True)
    render_icon()
    linux = sys.platform.startswith("linux")
    dist = APP_DIR.parent if linux else ROOT / "dist"
    run_pyinstaller(dist)
    started = step("PyInstaller", started)
    if not linux:
        print(f"Built {dist / APP_NAME} in {time.monotonic() - began:.0f} s")
        return 0
    deb = build_deb()
    print(f"Built {deb.relative_to(ROOT)}: {deb.stat().st_size / 2**20:.1f} MiB")
    print(f"Package build took {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
