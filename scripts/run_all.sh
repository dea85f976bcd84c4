#!/usr/bin/env bash
# Start every Ankomst process for local use and stop them all on Ctrl-C (or when one dies):
#   portal         http://127.0.0.1:5000 (always)
#   rasa           127.0.0.1:5005, after training if the bot's data changed   (if bot/.venv exists)
#   action server  127.0.0.1:5055, calling the portal's internal API          (if bot/.venv exists)
#   worker         RQ jobs on $REDIS_URL, with its scheduler (reminders)      (if REDIS_URL is set;
#                  without it jobs run inline in the portal, and a minute's loop runs
#                  `reminders send-due` and `notifications sweep` as cron would)
# Without the bot the portal still works: SMS and chat answer with the portal's own menu.
# Everything here runs as development (dev pages, dev secrets); unset, ANKOMST_ENV means production.
set -euo pipefail
umask 077   # the SQLite database, the tracker and any log are for this user only
cd "$(dirname "$0")/.."
pids=()
cleanup() {
    trap - EXIT INT TERM
    # Each process runs in its own session (setsid), so this also stops its children
    # (rasa train, Rasa's own workers).
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM
start() { setsid "$@" & pids+=($!); }

export ANKOMST_PORTAL_URL="${ANKOMST_PORTAL_URL:-http://127.0.0.1:5000}"
export ANKOMST_RASA_URL="${ANKOMST_RASA_URL:-http://127.0.0.1:5005}"
export ANKOMST_ENV="${ANKOMST_ENV:-development}"
export ANKOMST_INTERNAL_TOKEN="${ANKOMST_INTERNAL_TOKEN:-dev-internal-token}"
# Rasa and the action server share this secret; a new one each run, so nothing to configure.
export ANKOMST_ACTIONS_TOKEN="${ANKOMST_ACTIONS_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}"

.venv/bin/flask --app portal seed-demo --if-empty | tail -n +1
echo "Portal: http://127.0.0.1:5000  (SMS simulator: /dev/sms, chat: /chat)"
start .venv/bin/flask --app portal run --host 127.0.0.1 --port 5000

if [[ -x bot/.venv/bin/rasa ]]; then
    echo "Assistant: training if the bot's data changed, then Rasa on $ANKOMST_RASA_URL"
    start bash -c 'bash bot/scripts/train_if_changed.sh && exec bash bot/scripts/run_rasa.sh'
    echo "Action server: http://127.0.0.1:5055 (token-protected)"
    start bash bot/scripts/run_actions.sh
else
    echo "Assistant: bot/.venv is missing (bash bot/scripts/setup_venv.sh); the portal's own menu answers"
fi

if [[ -n "${REDIS_URL:-}" ]]; then
    echo "Worker: RQ on $REDIS_URL"
    start .venv/bin/flask --app portal worker --with-scheduler
else
    # No worker: a minute's loop stands in for cron, so reminders reach the outbox at their hour
    # and deadline notices and digests reach the inbox (the commands are the ones cron would run).
    echo "Worker: none (no REDIS_URL); every minute: flask reminders send-due, flask notifications sweep"
    start bash -c 'while sleep 60; do
        .venv/bin/flask --app portal reminders send-due >/dev/null || true
        .venv/bin/flask --app portal notifications sweep >/dev/null || true
    done'
fi

wait -n "${pids[@]}"
