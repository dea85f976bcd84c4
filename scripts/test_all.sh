#!/usr/bin/env bash
# Run every suite, keep going after a failure so the report is complete, and exit non-zero if
# any suite failed. Called by `make test` (and so by .ci/run).
set -uo pipefail
cd "$(dirname "$0")/.."
PG_URL="${PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
failed=()

run() {
  local name="$1"; shift
  echo
  echo "== $name =="
  if "$@"; then echo "== $name: passed"; else echo "== $name: FAILED"; failed+=("$name"); fi
}

run "portal suite on SQLite" .venv/bin/pytest
run "portal suite on PostgreSQL" env TEST_DATABASE_URL="$PG_URL" .venv/bin/pytest
run "bot suite (Rasa 3.6, Python 3.10)" bot/.venv/bin/python -m pytest tests/bot -q

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "All suites passed."
