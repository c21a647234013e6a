#!/usr/bin/env bash
# Build the .deb, install it as a user would (apt), run the installed infcrm, then remove it.
# Needs root (CI runs as root); prints how long it all took.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
[ "$(id -u)" = 0 ] || { echo "Run as root: it installs the package with apt-get." >&2; exit 1; }

bash scripts/build_package.sh
deb=$(ls dist/infcrm_*.deb | head -n1)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "./$deb" >/dev/null
echo "Installed $deb"

work=$(mktemp -d)
# A throw-away PostgreSQL server (Debian's package, as for the tests): the installed app must
# open a team's server too, with the driver it carries.
source_tree=$PWD
server=$(.venv/bin/python scripts/package_server.py start)
read -r server_url server_folder <<<"$server"
trap '"$source_tree/.venv/bin/python" "$source_tree/scripts/package_server.py" stop "$server_folder"; rm -rf "$work"' EXIT
cd "$work"  # nothing of the source tree is at hand: the installed app stands alone
[ "$(command -v infcrm)" = /usr/bin/infcrm ] || { echo "infcrm is not /usr/bin/infcrm" >&2; exit 1; }
infcrm --version
QT_QPA_PLATFORM=offscreen infcrm --db "$work/empty.sqlite" --screenshot "$work/empty.png"
infcrm demo --db "$work/demo.sqlite"
infcrm check --db "$work/demo.sqlite" >/dev/null
infcrm export "$work/people.xlsx" --db "$work/demo.sqlite" --all-sheets  # XlsxWriter
infcrm import "$work/people.xlsx" --db "$work/again.sqlite"  # python-calamine
# An infcrm export reads back whole (the demo's one deliberate duplicate may be skipped).
count=$(infcrm export "$work/again.csv" --db "$work/again.sqlite" | sed -n 's/^Exported \([0-9]*\) .*/\1/p')
[ "${count:-0}" -ge 299 ] ||
  { echo "The installed infcrm read back ${count:-no} people of 300 from its own export" >&2; exit 1; }
# The demo copied to the server and counted back from it by the installed app alone.
infcrm copy --from "$work/demo.sqlite" --to "$server_url" >/dev/null
on_file=$(infcrm export "$work/file.csv" --db "$work/demo.sqlite" | sed -n 's/^Exported \([0-9]*\) .*/\1/p')
on_server=$(infcrm export "$work/server.csv" --db "$server_url" | sed -n 's/^Exported \([0-9]*\) .*/\1/p')
[ -n "$on_file" ] && [ "$on_server" = "$on_file" ] && cmp -s "$work/file.csv" "$work/server.csv" ||
  { echo "The installed infcrm read ${on_server:-no} people of ${on_file:-?} back from a server" >&2; exit 1; }
echo "The installed infcrm copied the demo to a PostgreSQL server and read it back."
QT_QPA_PLATFORM=offscreen infcrm --db "$work/demo.sqlite" --screenshot "$work/demo.png" \
  --view influencers --size 1280x800
python3 - "$work/empty.png" "$work/demo.png" <<'PY'
import struct, sys
for name in sys.argv[1:]:
    data = open(name, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 800) and len(data) > 20_000, (name, width, height, len(data))
print("The installed infcrm drew both screens at 1280x800.")
PY
for file in /usr/share/applications/infcrm.desktop \
            /usr/share/icons/hicolor/scalable/apps/infcrm.svg \
            /usr/share/icons/hicolor/48x48/apps/infcrm.png; do
  [ -f "$file" ] || { echo "The package did not install $file" >&2; exit 1; }
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/infcrm.desktop
fi

apt-get remove -y -qq infcrm >/dev/null
[ ! -e /usr/bin/infcrm ] && [ ! -e /opt/infcrm ] || { echo "Removing left files behind" >&2; exit 1; }
echo "Package built, installed, run and removed in $((SECONDS - started)) s"
