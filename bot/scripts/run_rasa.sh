#!/usr/bin/env bash
# Start Rasa (REST channel) on 127.0.0.1:5005 (RASA_PORT to change) with bot/models/ankomst.tar.gz.
# Trackers go to bot/tracker.db (SQLite), or to PostgreSQL when RASA_TRACKER_DB_HOST is set
# (see bot/endpoints.postgresql.yml for the other variables).
# Needs ANKOMST_ACTIONS_TOKEN: Rasa sends it to the action server with every call.
# Listens on the loopback interface only: the portal is its one client.
set -euo pipefail
umask 077   # bot/tracker.db holds conversations: readable by this user only
BOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$BOT_DIR/.."   # endpoints.yml paths are relative to the repository root

if [[ -z "${ANKOMST_ACTIONS_TOKEN:-}" ]]; then
    echo "run_rasa: set ANKOMST_ACTIONS_TOKEN (the same value for Rasa and the action server)" >&2
    exit 2
fi
# A tracker file made before the umask above was readable by every local user.
[[ -f bot/tracker.db ]] && chmod 600 bot/tracker.db
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
