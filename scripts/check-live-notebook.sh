#!/usr/bin/env bash
# check-live-notebook.sh [LESSON.ipynb …] — run lessons the way a teacher
# does: start `jupyter notebook` on localhost, open each lesson's page in
# headless Chromium, run all its cells (Cell → Run All, without saving),
# and report what the page shows. Then it moves each control of the lesson
# once, as a student does (a slider by an arrow key and by a mouse drag, a
# choice list by choosing and by an arrow key), and reports for each move
# whether the chart shown changed (✓) or not (✗). It fails when a cell
# fails, a cell that draws shows no chart, an exercise check does not pass,
# or a control does not move its chart, and writes into check-live/ a
# screenshot of each lesson's first chart and of its first control after
# the moves (NAME-control.png).
#
# The lessons are served where they are, and the server refuses to write
# them (scripts/live/jupyter_config.py): the page's outputs are never saved,
# and Jupyter's runtime files and checkpoints go to a temporary folder.
#
# By default it runs every lesson. Run ./install.sh first. Needs chromium
# (apt-get install chromium) and Node.js with npm: the first run installs
# playwright-core (pinned in scripts/live/package-lock.json) into
# scripts/live/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

command -v jupyter >/dev/null || { echo "no jupyter: run ./install.sh" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "no Node.js/npm: apt-get install nodejs npm" >&2; exit 1; }
export CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "no Chromium: apt-get install chromium" >&2; exit 1; }
[ -d scripts/live/node_modules/playwright-core ] ||
	(cd scripts/live && npm ci --no-audit --no-fund --loglevel=error)

lessons=("$@")
[ ${#lessons[@]} -gt 0 ] || lessons=(notebooks/[0-9]*.ipynb)

port=$((20000 + RANDOM % 20000))
token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
tmp=$(mktemp -d)
log=$tmp/jupyter.log
args=(--no-browser --port "$port" --ip 127.0.0.1 --NotebookApp.token="$token" --NotebookApp.port_retries=0
	--config="$root/scripts/live/jupyter_config.py" --FileCheckpoints.checkpoint_dir="$tmp/checkpoints")
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
JUPYTER_RUNTIME_DIR=$tmp/runtime jupyter notebook "${args[@]}" "$root" >"$log" 2>&1 &
server=$!
# SIGTERM: the server shuts its kernels down before it exits.
trap 'kill $server 2>/dev/null && wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 60); do
	grep -q "http://127.0.0.1:$port/" "$log" && break
	sleep 0.5
done
grep -q "http://127.0.0.1:$port/" "$log" || { cat "$log" >&2; echo "jupyter notebook did not start" >&2; exit 1; }

mkdir -p check-live
status=0
for nb in "${lessons[@]}"; do
	name=$(basename "$nb" .ipynb)
	rel=$(realpath --relative-to="$root" "$nb")
	start=$(date +%s)
	printf '%-32s ' "$name"
	if ! out=$(node scripts/live/live.cjs "http://127.0.0.1:$port/notebooks/$rel?token=$token" "check-live/$name.png" 2>&1); then
		status=1
	fi
	printf '%3ds  %s\n' "$(($(date +%s) - start))" "$out"
done
exit $status
