#!/usr/bin/env bash
# check-handout-offline.sh [HANDOUTS_DIR] — open built handouts the way a
# reader without internet would: headless Chromium in a network namespace of
# its own (no network at all), and write what it shows for a person to look at.
#
# For each page it prints how many formulas are typeset and how many charts
# are there, and fails on raw TeX ($$), on a script other than the lesson
# controls' one, or on a link to a notebook; it writes a screenshot of the top
# of each page and all.html printed on A4 into HANDOUTS_DIR/check/, and says
# how many printed pages are less than 60 % full (cmd/handouts/typeset/pagefill.cjs).
# Build the handouts first: go run ./cmd/handouts -out handouts
# Needs: chromium (apt-get install chromium), unshare (util-linux);
# pdfinfo, pdftoppm, pdftotext (apt-get install poppler-utils) for the
# printed pages.
set -euo pipefail

dir=${1:-handouts}
[ -f "$dir/index.html" ] || { echo "no handouts in $dir: run go run ./cmd/handouts -out $dir first" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "no Chromium: apt-get install chromium" >&2; exit 1; }
dir=$(cd "$dir" && pwd)
mkdir -p "$dir/check"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

offline_chromium() {
	unshare --net --map-root-user -- "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" 2>/dev/null
}

status=0
for page in "$dir"/[0-9]*.html "$dir/formula-sheet.html" "$dir/index.html"; do
	[ -f "$page" ] || continue
	name=$(basename "$page" .html)
	dom=$(offline_chromium --dump-dom "file://$page")
	formulas=$(grep -o '<mjx-container' <<<"$dom" | wc -l || true)
	charts=$(grep -o '<svg[^>]*viewBox="0 0 [0-9.]* [0-9.]*"' <<<"$dom" | grep -vc 'xmlns:xlink' || true)
	problems=""
	grep -q '\$\$' <<<"$dom" && problems="$problems raw-TeX"
	[ "$(grep -o '<script' <<<"$dom" | wc -l || true)" -le 1 ] || problems="$problems scripts"
	grep -q '<script' <<<"$dom" && ! grep -q 'data-nnlesson-control' <<<"$dom" && problems="$problems script"
	grep -q 'href="[^"]*\.ipynb' <<<"$dom" && problems="$problems notebook-link"
	printf '%-32s %3d formulas %3d svg%s\n' "$name" "$formulas" "$charts" "${problems:+  PROBLEM:$problems}"
	[ -z "$problems" ] || status=1
	offline_chromium --window-size=1100,1400 --screenshot="$dir/check/$name.png" "file://$page" >/dev/null
done
offline_chromium --no-pdf-header-footer --print-to-pdf="$dir/check/all.pdf" "file://$dir/all.html" >/dev/null
if command -v pdfinfo >/dev/null 2>&1; then
	pdfinfo "$dir/check/all.pdf" | grep -E '^(Pages|Page size)'
fi
if command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	node "$(dirname "$0")/../cmd/handouts/typeset/pagefill.cjs" "$dir/check/all.pdf"
fi
echo "screenshots and all.pdf: $dir/check/"
exit $status
