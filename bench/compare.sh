#!/bin/sh
# Times one epoch of training the Go way and the numpy way, side by side:
# one epoch over the 60,000 MNIST training images, 784-16-16-10, sigmoid,
# quadratic cost, mini-batches of 10, η = 3.0.
#   Go:    BenchmarkEpochMNIST in training/bench_test.go, default build (no GOAMD64,
#          no GOEXPERIMENT), on every core (GOMAXPROCS unset) and on one (GOMAXPROCS=1)
#   numpy: bench/numpy_epoch.py, run by Debian's /usr/bin/python3 (python3-numpy)
# The three run in turns, RUNS times each, so that all see the same machine;
# each run times EPOCHS epochs and gives their mean. It prints each figure's
# minimum, median and maximum over the runs, and the ratios numpy/Go run by
# run. Loading MNIST is not timed in either. Then it sets the Go epoch
# against what the machine can do: the multiply-adds an epoch needs
# (training/bench_test.go, epochMulAdds), layer 1's at the peak rate of the
# vector instructions that layer 1 uses (BenchmarkPeakMulAddVector), the
# others at the peak rate of scalar multiply-adds (BenchmarkPeakMulAdd),
# both measured on this machine; on all cores, that least time shrinks as
# the scalar rate does on all cores (BenchmarkPeakMulAddAllCores).
#
# Quote the figures of a quiet machine: the load averages are printed at the
# start and the end.
#
# Usage: bench/compare.sh [RUNS [EPOCHS]]     (default 7 runs of 3 epochs)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-7}
epochs=${2:-3}
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ "$runs" -ge 1 ] && [ "$epochs" -ge 1 ] || { echo "usage: bench/compare.sh [RUNS [EPOCHS]], both at least 1" >&2; exit 2; }
env -u GOAMD64 -u GOEXPERIMENT go test -c -o "$tmp/training.test" ./training
"$python" -c 'import numpy' 2>/dev/null || { echo "compare.sh: $python has no numpy (apt-get install python3-numpy)" >&2; exit 1; }

cores=$(getconf _NPROCESSORS_ONLN)
echo "machine: $cores cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -m); load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "Go:    training.test -test.bench='^BenchmarkEpochMNIST\$' -test.benchtime=${epochs}x  ($(go version | cut -d' ' -f3))"
echo "numpy: $python bench/numpy_epoch.py --epochs $epochs  (numpy $("$python" -c 'import numpy; print(numpy.__version__)'))"

# goepoch FILE [ENV...]: runs the Go benchmark once, appends the seconds per epoch to FILE.
goepoch() {
	out=$1
	shift
	(cd training && env "$@" "$tmp/training.test" -test.run='^$' -test.bench='^BenchmarkEpochMNIST$' -test.benchtime="${epochs}x") >"$tmp/bench"
	awk '/^BenchmarkEpochMNIST/ { for (i = 1; i < NF; i++) if ($(i + 1) == "ns/op") printf "%.4f\n", $i / 1e9
		for (i = 1; i < NF; i++) if ($(i + 1) == "Mmul-add/epoch") print $i > "'"$tmp/muladds"'"
		for (i = 1; i < NF; i++) if ($(i + 1) == "Mmul-add/epoch-layer1") print $i > "'"$tmp/layer1"'" }' "$tmp/bench" >>"$out"
	[ -s "$out" ] || { echo "compare.sh: the Go benchmark printed no time (is MNIST downloaded? run ./install.sh)" >&2; cat "$tmp/bench" >&2; exit 1; }
}

for i in $(seq "$runs"); do
	goepoch "$tmp/go" GOMAXPROCS="$cores"
	goepoch "$tmp/go1" GOMAXPROCS=1
	# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, set on some machines, slow numpy down: unset them for numpy only.
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" bench/numpy_epoch.py --epochs "$epochs" >"$tmp/line"
	awk '{ print $3 }' "$tmp/line" >>"$tmp/numpy"
	printf 'run %d: Go %s s, Go on 1 core %s s, numpy %s s\n' "$i" "$(tail -n 1 "$tmp/go")" "$(tail -n 1 "$tmp/go1")" "$(awk '{ print $3 }' "$tmp/line")"
done

# spread FILE: "min / median / max" of the numbers in FILE.
spread() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f / %.3f / %.3f", v[1], m, v[NR] }'
}
# ratios A B: numpy/Go run by run, from files A (numpy) and B (Go).
ratios() { paste "$1" "$2" | awk '{ printf "%.4f\n", $1 / $2 }' >"$tmp/ratio"; spread "$tmp/ratio"; }

echo "seconds per epoch, min / median / max of $runs runs:"
echo "  Go, $cores cores:   $(spread "$tmp/go")"
echo "  Go, 1 core:    $(spread "$tmp/go1")"
echo "  numpy:         $(spread "$tmp/numpy")"
echo "numpy/Go, run by run, min / median / max:"
echo "  Go, $cores cores:   $(ratios "$tmp/numpy" "$tmp/go")"
echo "  Go, 1 core:    $(ratios "$tmp/numpy" "$tmp/go1")"

# What the machine can do: the epoch's multiply-adds at the peak rates.
(cd training && "$tmp/training.test" -test.run='^$' -test.bench='^BenchmarkPeakMulAdd' -test.count=3) >"$tmp/peak"
peak() { awk -v name="$1" '$1 ~ "^" name "(-[0-9]+)?$" { for (i = 1; i < NF; i++) if ($(i + 1) == "Gmul-add/s" && $i > p) p = $i } END { print p + 0 }' "$tmp/peak"; }
p1=$(peak BenchmarkPeakMulAdd)
pvec=$(peak BenchmarkPeakMulAddVector)
pall=$(peak BenchmarkPeakMulAddAllCores)
awk -v w="$(cat "$tmp/muladds")" -v w1="$(cat "$tmp/layer1" 2>/dev/null || echo 0)" -v p1="$p1" -v pvec="$pvec" -v pall="$pall" \
	-v g="$(spread "$tmp/go" | awk '{ print $3 }')" -v g1="$(spread "$tmp/go1" | awk '{ print $3 }')" -v cores="$cores" 'BEGIN {
	if (pvec == 0) { pvec = p1; w1 = 0 } # no vector instructions: all of it scalar
	least1 = w1 / 1e3 / pvec + (w - w1) / 1e3 / p1
	least = least1 * p1 / pall
	printf "an epoch needs %.0f million multiply-adds, %.0f million of them in layer 1\n", w, w1
	printf "peak on 1 core: %.2f G/s scalar, %.2f G/s with layer 1'"'"'s vector instructions; %.2f G/s scalar on %d cores\n", p1, pvec, pall, cores
	printf "  Go, %d cores: median %.3f s, %.0f%% of what the cores can do (at peak: %.3f s)\n", cores, g, 100 * least / g, least
	printf "  Go, 1 core:  median %.3f s, %.0f%% of what the core can do (at peak: %.3f s)\n", g1, 100 * least1 / g1, least1
}'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
