#!/usr/bin/env bash
# Train bot/models/ankomst.tar.gz only when config.yml, domain.yml, anything under data/ or the
# custom NLU components in pipeline/ changed since the last training (hash kept in
# bot/models/.data-hash). Prints the time taken.
# FORCE=1 trains anyway, from scratch (Rasa otherwise reuses unchanged components from its
# cache in bot/.rasa/).
#
# Trained models are also kept in a machine-wide cache (ANKOMST_MODEL_CACHE, by default
# ~/.cache/ankomst/models), named by the hash of those inputs and of the bot's pinned
# requirements. A fresh clone on a machine that already trained the same inputs (CI runs on the
# machine that submitted) takes the model from there instead of spending 15 to 40 minutes of two
# cores on an identical training. Any change to the inputs or to the Rasa pins misses the cache.
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
    # pipeline/ holds the custom tokenizer and featurizers the model was trained with.
    (cd "$BOT_DIR" && find config.yml domain.yml data pipeline -type f \
        -not -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z \
        | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

cache_key() {
    # The model file format and the components' behaviour follow the pinned Rasa release.
    { echo "$1"; cat "$BOT_DIR/requirements.txt" "$BOT_DIR/constraints.txt"; } \
        | sha256sum | cut -d' ' -f1
}

want="$(data_hash)"
if [[ -z "${FORCE:-}" && -f "$MODEL" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    echo "train: $MODEL is up to date"
    exit 0
fi

mkdir -p "$MODELS"
CACHE="${ANKOMST_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ankomst/models}"
cached="$CACHE/$(cache_key "$want").tar.gz"
if [[ -z "${FORCE:-}" && -f "$cached" ]]; then
    cp "$cached" "$MODEL.tmp" && mv "$MODEL.tmp" "$MODEL"
    echo "$want" > "$STAMP"
    echo "train: took $MODEL from the model cache ($cached), trained earlier from the same inputs"
    exit 0
fi

start=$SECONDS
# Rasa writes its training cache to .rasa/ in the working directory; keep it inside bot/.
cd "$BOT_DIR"
"$RASA" train \
    --config config.yml --domain domain.yml --data data \
    --fixed-model-name ankomst --out models ${FORCE:+--force}
echo "$want" > "$STAMP"
echo "train: trained $MODEL in $((SECONDS - start))s"
if mkdir -p "$CACHE" 2>/dev/null; then
    cp "$MODEL" "$cached.tmp" && mv "$cached.tmp" "$cached"
    # Keep the three newest models; each is about 150 MB.
    ls -1t "$CACHE"/*.tar.gz 2>/dev/null | tail -n +4 | xargs -r rm -f
fi
