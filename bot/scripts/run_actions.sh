#!/usr/bin/env bash
# Start the rasa-sdk action server on 127.0.0.1:5055, where bot/endpoints.yml expects it
# (ACTIONS_PORT only for a second instance, e.g. in tests), through bot/actions_server.py:
# rasa-sdk 3.6's own CLI listens on every interface and checks no token.
# Needs ANKOMST_ACTIONS_TOKEN, the secret Rasa sends with every call (bot/endpoints.yml).
# Talks to the portal at $ANKOMST_PORTAL_URL with $ANKOMST_INTERNAL_TOKEN.
set -euo pipefail
umask 077   # anything written here (logs) is for this user only
BOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$BOT_DIR"
if [[ -z "${ANKOMST_ACTIONS_TOKEN:-}" ]]; then
    echo "run_actions: set ANKOMST_ACTIONS_TOKEN (the same value for Rasa and the action server)" >&2
    exit 2
fi
exec .venv/bin/python actions_server.py --host 127.0.0.1 --port "${ACTIONS_PORT:-5055}" "$@"
