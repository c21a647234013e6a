#!/usr/bin/env bash
# Set up infcrm (first run only) and open it. Arguments go to infcrm, e.g. ./start.sh --db demo.sqlite
set -euo pipefail
cd "$(dirname "$0")"
. scripts/setup.sh
ensure_venv ""
exec .venv/bin/infcrm "$@"
