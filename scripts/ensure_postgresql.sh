#!/usr/bin/env bash
# PostgreSQL's server programs for the tests' second pass (the tests start their own
# throw-away server with initdb and pg_ctl). Debian keeps them in /usr/lib/postgresql/N/bin.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the server tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
else
  echo "PostgreSQL is not installed: the server tests will be skipped." \
    "On Debian/Ubuntu: sudo apt-get install postgresql" >&2
fi
