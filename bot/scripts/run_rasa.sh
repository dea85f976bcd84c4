#!/usr/bin/env bash
# Start Rasa (REST channel) on 127.0.0.1:5005 (RASA_PORT to change) with bot/models/ankomst.tar.gz.
# Trackers go to bot/tracker.db (SQLite), or to PostgreSQL when RASA_TRACKER_DB_HOST is set
# (see bot/endpoints.postgresql.yml for the other variables).
set -euo pipefail
BOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$BOT_DIR/.."   # endpoints.yml paths are relative to the repository root

endpoints=bot/endpoints.yml
if [[ -n "${RASA_TRACKER_DB_HOST:-}" ]]; then
    export RASA_TRACKER_DB_PORT="${RASA_TRACKER_DB_PORT:-5432}"
    export RASA_TRACKER_DB_NAME="${RASA_TRACKER_DB_NAME:-rasa}"
    export RASA_TRACKER_DB_USER="${RASA_TRACKER_DB_USER:-postgres}"
    export RASA_TRACKER_DB_PASSWORD="${RASA_TRACKER_DB_PASSWORD:-}"
    endpoints=bot/endpoints.postgresql.yml
fi

exec bot/.venv/bin/rasa run \
    --model bot/models/ankomst.tar.gz \
    --endpoints "$endpoints" --credentials bot/credentials.yml \
    --interface 127.0.0.1 --port "${RASA_PORT:-5005}" "$@"
