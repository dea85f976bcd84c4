#!/usr/bin/env bash
# Create bot/.venv with pyenv's Python 3.10 and install bot/requirements.txt.
# Idempotent: does nothing when the stamp in the venv matches the requirements' hash.
set -euo pipefail

BOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${BOT_VENV:-$BOT_DIR/.venv}"
REQUIREMENTS="$BOT_DIR/requirements.txt"
CONSTRAINTS="$BOT_DIR/constraints.txt"
STAMP="$VENV/.requirements.sha256"

find_python310() {
    # Rasa 3.6 supports nothing newer than 3.10; prefer pyenv's newest 3.10.x.
    if [[ -n "${BOT_PYTHON:-}" ]]; then
        echo "$BOT_PYTHON"
        return
    fi
    local root candidate
    if command -v pyenv >/dev/null 2>&1; then
        root="$(pyenv root)"
    else
        root="${PYENV_ROOT:-$HOME/.pyenv}"
    fi
    candidate="$(ls -d "$root"/versions/3.10.*/bin/python 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$candidate" && -x "$candidate" ]]; then
        echo "$candidate"
        return
    fi
    if command -v python3.10 >/dev/null 2>&1; then
        command -v python3.10
        return
    fi
    echo "setup_venv: no Python 3.10 found (looked in $root/versions/3.10.* and PATH);" \
         "install one with 'pyenv install 3.10' or set BOT_PYTHON" >&2
    exit 1
}

PYTHON="$(find_python310)"
want="$( { cat "$REQUIREMENTS" "$CONSTRAINTS"; "$PYTHON" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"

link_bot_dir() {
    # The model names its custom NLU components by module path (pipeline.folding_tokenizer), and
    # Rasa is started from the repository root, from bot/ and in-process by the tests and
    # benches: a .pth file puts bot/ on the venv's path, so the path resolves from anywhere.
    local site
    site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    echo "$BOT_DIR" > "$site/ankomst_bot.pth"
}

if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    link_bot_dir
    echo "setup_venv: $VENV is up to date"
    exit 0
fi

start=$SECONDS
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    rm -rf "$VENV"
    echo "setup_venv: creating $VENV with $PYTHON"
    "$PYTHON" -m venv "$VENV"
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1
pip_install() {
    # This machine's pip config names local mirror folders that may not exist; pip warns about
    # each one on every package, which buries real errors, so those lines are dropped.
    "$VENV/bin/python" -m pip install --quiet "$@" 2> >(grep -v "^WARNING: Location 'file:" >&2)
}
pip_install --upgrade "pip==24.2"
pip_install -r "$REQUIREMENTS" -c "$CONSTRAINTS"
"$VENV/bin/python" -m pip check
link_bot_dir

echo "$want" > "$STAMP"
echo "setup_venv: installed $(grep -cvE '^\s*(#|$)' "$REQUIREMENTS") requirements in $((SECONDS - start))s"
