#!/usr/bin/env bash
# Set up infcrm with its test tools (first run only) and run the tests. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/setup.sh
ensure_venv "[dev]"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
exec .venv/bin/python -m pytest "$@"
