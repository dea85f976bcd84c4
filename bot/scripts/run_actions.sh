#!/usr/bin/env bash
# Start the rasa-sdk action server on 127.0.0.1:5055, where bot/endpoints.yml expects it
# (ACTIONS_PORT only for a second instance, e.g. in tests).
# Talks to the portal at $ANKOMST_PORTAL_URL with $ANKOMST_INTERNAL_TOKEN (dev defaults apply).
set -euo pipefail
BOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$BOT_DIR"
exec .venv/bin/rasa run actions --actions actions --port "${ACTIONS_PORT:-5055}" "$@"
