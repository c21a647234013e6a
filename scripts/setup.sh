# Shared by start.sh and test.sh: make .venv with infcrm installed, once per pyproject change.
# Sourced, not run: defines ensure_venv EXTRAS ("" for the app, "[dev]" for the tests).

PYTHON=${PYTHON:-python3}

die() { printf '\n%s\n' "$*" >&2; exit 1; }

ensure_python() {
  command -v "$PYTHON" >/dev/null 2>&1 ||
    die "Python 3.11 or newer is needed. On Debian/Ubuntu: sudo apt-get install python3 python3-venv"
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    die "infcrm needs Python 3.11 or newer; $("$PYTHON" --version) was found. Set PYTHON=python3.11."
}

ensure_qt_libraries() {
  # Qt's wheels bring Qt itself but rely on system libraries for windows, drawing and fonts.
  # `import PySide6.QtWidgets` works without most of them; only opening a window fails, so
  # ldd names what the xcb platform plugin is missing (scripts/qt_system_libs.py).
  local packages
  packages=$(.venv/bin/python scripts/qt_system_libs.py 2>/dev/null || true)
  if ! .venv/bin/python -c 'import PySide6.QtWidgets' 2>/dev/null; then
    packages="$packages libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libxcb-cursor0 fonts-dejavu-core"
  fi
  packages=$(printf '%s\n' $packages | awk 'NF && !seen[$0]++' | paste -sd' ' -)
  [ -z "$packages" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the system libraries Qt needs: $packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
  else
    die "Qt needs a few system libraries to open a window. On Debian/Ubuntu run:
  sudo apt-get install $packages
then run this command again."
  fi
}

ensure_venv() {
  local extras=$1
  ensure_python
  if [ ! -x .venv/bin/python ]; then
    echo "Setting up infcrm in .venv (first run only)…"
    "$PYTHON" -m venv .venv 2>/dev/null ||
      die "Python cannot create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv"
  fi
  local stamp=".venv/.installed-$(cat pyproject.toml | cksum | cut -d' ' -f1)$extras"
  if [ ! -f "$stamp" ]; then
    # pip's and the build's chatter goes to a log, shown only if something fails.
    if ! { .venv/bin/python -m pip install --quiet --upgrade pip &&
           .venv/bin/python -m pip install --quiet -e ".$extras"; } >.venv/install.log 2>&1; then
      cat .venv/install.log >&2
      die "Installing infcrm's packages failed (above). Check the network connection and try again."
    fi
    touch "$stamp"
  fi
  ensure_qt_libraries
}
