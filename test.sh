#!/usr/bin/env bash
# Set up infcrm with its test tools (first run only) and run the tests. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/setup.sh
ensure_venv "[dev]"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
# One worker per core, at most four (each holds a Qt application); a file's tests stay together
# in one worker, so its module fixtures are made once. INFCRM_TEST_WORKERS=0 runs in-process.
workers=${INFCRM_TEST_WORKERS:-$(.venv/bin/python -c 'import os; print(min(4, os.cpu_count() or 1))')}
if [ "$workers" -gt 1 ]; then
  exec .venv/bin/python -m pytest -n "$workers" --dist loadfile "$@"
fi
exec .venv/bin/python -m pytest "$@"
