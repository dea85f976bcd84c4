#!/usr/bin/env bash
# Train bot/models/ankomst.tar.gz only when config.yml, domain.yml or anything under data/
# changed since the last training (hash kept in bot/models/.data-hash). Prints the time taken.
# FORCE=1 trains anyway, from scratch (Rasa otherwise reuses unchanged components from its
# cache in bot/.rasa/).
set -euo pipefail

BOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS="$BOT_DIR/models"
MODEL="$MODELS/ankomst.tar.gz"
STAMP="$MODELS/.data-hash"
RASA="$BOT_DIR/.venv/bin/rasa"

if [[ ! -x "$RASA" ]]; then
    echo "train: $RASA is missing; run bot/scripts/setup_venv.sh first" >&2
    exit 1
fi

data_hash() {
    # Content and path of every input file, in a stable order, so renames count as changes.
    (cd "$BOT_DIR" && find config.yml domain.yml data -type f -print0 | LC_ALL=C sort -z \
        | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

want="$(data_hash)"
if [[ -z "${FORCE:-}" && -f "$MODEL" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    echo "train: $MODEL is up to date"
    exit 0
fi

mkdir -p "$MODELS"
start=$SECONDS
# Rasa writes its training cache to .rasa/ in the working directory; keep it inside bot/.
cd "$BOT_DIR"
"$RASA" train \
    --config config.yml --domain domain.yml --data data \
    --fixed-model-name ankomst --out models ${FORCE:+--force}
echo "$want" > "$STAMP"
echo "train: trained $MODEL in $((SECONDS - start))s"
