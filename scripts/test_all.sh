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

# Two workers, each file on one worker (the Rasa stack and Chromium start once per worker that
# needs them); on PostgreSQL each worker has a database of its own (tests/conftest.py).
PARALLEL=(-n "${TEST_WORKERS:-2}" --dist loadfile)
# Random order (pytest-randomly), so a test that leans on another's leftovers fails here first.
# Each suite prints "Using --randomly-seed=N" at the top; TEST_SEED=N replays that order.
PARALLEL+=(-p randomly)
if [ -n "${TEST_SEED:-}" ]; then PARALLEL+=(--randomly-seed="$TEST_SEED"); fi
# The browser journeys and axe check pages, not SQL, and the conversations through the real Rasa
# and action server check the assistant: they run once, on PostgreSQL, as in production (starting
# Rasa in each SQLite worker cost a minute or more of CI for the same checks).
# The API and form fuzzers run in full once, on PostgreSQL as in production; on SQLite a tenth
# of the examples still walks every operation and form (the full run there cost ~6 minutes of CI).
run "portal suite on SQLite" env FUZZ_EXAMPLES="${FUZZ_EXAMPLES_SQLITE:-100}" \
  FORM_FUZZ_EXAMPLES="${FORM_FUZZ_EXAMPLES_SQLITE:-30}" \
  .venv/bin/pytest "${PARALLEL[@]}" -m "not browser and not rasa"
run "portal suite on PostgreSQL, with the browser and accessibility suites" \
  env TEST_DATABASE_URL="$PG_URL" .venv/bin/pytest "${PARALLEL[@]}"
run "bot suite (Rasa 3.6, Python 3.10)" bot/.venv/bin/python -m pytest tests/bot -q

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "All suites passed."
