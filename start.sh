#!/usr/bin/env bash
# start.sh — open the course in Jupyter, at the lessons' folder. Run
# ./install.sh once before. Extra arguments go to `jupyter notebook`
# (for example --no-browser --port 8888).
set -euo pipefail
cd "$(dirname "$0")"

# Jupyter installed by install.sh into its own virtual environment (on a
# machine with neither apt, Homebrew nor pipx) is found there.
venv="${XDG_DATA_HOME:-$HOME/.local/share}/nnlesson/jupyter-venv"
[ -x "$venv/bin/jupyter" ] && export PATH="$venv/bin:$PATH"
command -v jupyter >/dev/null 2>&1 || {
	echo "start.sh: jupyter is not installed (or not on PATH): run ./install.sh first." >&2
	exit 1
}

args=()
# Jupyter refuses to run as root unless told; root is usual in a container.
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
exec jupyter notebook "${args[@]}" "$@" notebooks/
