#!/usr/bin/env bash
# start.sh — open the course in Jupyter, at the lessons' folder. Run
# ./install.sh once before. `./start.sh pl` opens the Polish edition
# (notebooks/pl). Other arguments go to `jupyter notebook` (for example
# --no-browser --port 8888).
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

# Refresh the build cache in the background. Go deletes cache entries unused
# for five days, so a week after the last class the first chart cell would
# compile gonum/plot again (about 30 s); this build (about 1 s when nothing is
# missing) keeps the course's packages there and rebuilds any that were trimmed
# while Jupyter starts (bench/cell-first measures both).
gocmd=$(command -v go || echo /usr/local/go/bin/go)
if [ -x "$gocmd" ]; then
	(GOTOOLCHAIN=local nice "$gocmd" build ./... github.com/janpfeifer/gonb/gonbui >/dev/null 2>&1 &)
fi

lessons=notebooks/
if [ "${1:-}" = pl ]; then
	lessons=notebooks/pl/
	shift
fi

args=()
# Jupyter refuses to run as root unless told; root is usual in a container.
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
exec jupyter notebook "${args[@]}" "$@" "$lessons"
