#!/usr/bin/env bash
# Start every Ankomst process for local use and stop them all on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

.venv/bin/flask --app portal seed-demo --if-empty | tail -n +1
echo "Portal: http://127.0.0.1:5000"
.venv/bin/flask --app portal run --host 127.0.0.1 --port 5000 &
pids+=($!)
wait -n "${pids[@]}"
