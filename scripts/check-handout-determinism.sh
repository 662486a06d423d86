#!/usr/bin/env bash
# check-handout-determinism.sh [FLAGS…] — build the real handouts twice from
# the same commit and check that the two builds are byte for byte the same
# (every lesson executed twice: about twice the time of one build).
# FLAGS go to cmd/handouts as they are: -no-code, -lang pl, -notebooks DIR.
# For each page that differs it prints the first difference, with the text
# around it in both builds; it exits with status 1 when any page differs.
# HANDOUTS_KEEP=DIR keeps the first build in DIR (for check-handout-offline.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/handouts" ./cmd/handouts
for run in 1 2; do
	echo "build $run of 2"
	"$tmp/handouts" "$@" -out "$tmp/build$run" ||
		echo "build $run: the handouts have problems (above); comparing the pages it wrote"
done

status=0
for first in "$tmp"/build1/*.html; do
	name=$(basename "$first")
	second="$tmp/build2/$name"
	if [ ! -f "$second" ]; then
		echo "$name: only in the first build"
		status=1
		continue
	fi
	if ! cmp -s "$first" "$second"; then
		at=$(cmp "$first" "$second" | sed -n 's/.* byte \([0-9]*\).*/\1/p' || true)
		at=${at:-1}
		echo "$name differs from byte $at:"
		echo "  first:  $(tail -c "+$((at > 80 ? at - 80 : 1))" "$first" 2>/dev/null | head -c 160 | tr '\n' ' ' || true)"
		echo "  second: $(tail -c "+$((at > 80 ? at - 80 : 1))" "$second" 2>/dev/null | head -c 160 | tr '\n' ' ' || true)"
		status=1
	fi
done
for second in "$tmp"/build2/*.html; do
	[ -f "$tmp/build1/$(basename "$second")" ] || { echo "$(basename "$second"): only in the second build"; status=1; }
done
if [ -n "${HANDOUTS_KEEP:-}" ]; then
	rm -rf "$HANDOUTS_KEEP"
	cp -r "$tmp/build1" "$HANDOUTS_KEEP"
fi
[ $status -eq 0 ] && echo "the two builds are byte for byte the same ($(ls "$tmp"/build1/*.html | wc -l) pages)"
exit $status
