#!/usr/bin/env bash
# Build infcrm as a desktop app: dist/infcrm_VERSION_ARCH.deb (scripts/build_package.py says how).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
# The app it packs can open a team's server too: psycopg and keyring go in with it.
ensure_venv "[package,team]"
command -v dpkg-deb >/dev/null || die "dpkg-deb is needed to make the .deb (Debian/Ubuntu: apt-get install dpkg)."
exec .venv/bin/python scripts/build_package.py "$@"
