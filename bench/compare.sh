#!/bin/sh
# Runs the speed benchmark of issue 6 both ways and prints the ratio:
# one epoch over the 60,000 MNIST training images, 784-16-16-10, sigmoid,
# quadratic cost, mini-batches of 10, η = 3.0.
#   Go:    BenchmarkEpochMNIST in nnlesson/bench_test.go, default build (no GOAMD64, no GOEXPERIMENT)
#   numpy: bench/numpy_epoch.py, run by Debian's /usr/bin/python3 (python3-numpy)
# The two run in turns, RUNS times each, so that both see the same load on
# the machine; each run times EPOCHS epochs and gives their mean, and the
# medians of the runs are compared. Loading MNIST is not timed in either.
#
# Usage: bench/compare.sh [RUNS [EPOCHS]]     (default 5 runs of 3 epochs)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
epochs=${2:-3}
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

env -u GOAMD64 -u GOEXPERIMENT go test -c -o "$tmp/nnlesson.test" ./nnlesson
echo "Go:    nnlesson.test -test.run='^\$' -test.bench='^BenchmarkEpochMNIST\$' -test.benchtime=${epochs}x  ($(go version | cut -d' ' -f3))"
echo "numpy: $python bench/numpy_epoch.py --epochs $epochs  (numpy $("$python" -c 'import numpy; print(numpy.__version__)'))"
for i in $(seq "$runs"); do
	(cd nnlesson && "$tmp/nnlesson.test" -test.run='^$' -test.bench='^BenchmarkEpochMNIST$' -test.benchtime="${epochs}x") |
		awk '/^BenchmarkEpochMNIST/ { printf "%.3f\n", $3 / 1e9 }' >>"$tmp/go"
	[ -s "$tmp/go" ] || { echo "compare.sh: the Go benchmark printed no time (is MNIST downloaded? run ./install.sh)" >&2; exit 1; }
	# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, set on some machines, slow numpy down: unset them for numpy only.
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" bench/numpy_epoch.py --epochs "$epochs" >"$tmp/line"
	awk '{ print $3 }' "$tmp/line" >>"$tmp/numpy"
	printf 'run %d: Go epoch: %s s; %s\n' "$i" "$(tail -n 1 "$tmp/go")" "$(cat "$tmp/line")"
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
awk -v g="$(median "$tmp/go")" -v n="$(median "$tmp/numpy")" 'BEGIN {
	printf "median epoch: Go %.3f s, numpy %.3f s; numpy/Go = %.2f\n", g, n, n / g
}'
