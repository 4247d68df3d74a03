#!/bin/sh
# Instructions per operation of `aurora bench`, counted by callgrind (deterministic, unlike wall time).
#
# usage: bench/callgrind.sh [OPERATION] [RULES] [INPUT]
#   OPERATION  a substring of a bench operation name (default: "pipeline evaluate")
#   BENCH_KEEP=FILE keeps the second run's profile for `callgrind_annotate FILE`.
#
# Runs the release binary twice under callgrind with the same warm-up and N1, N2 timed calls; the difference of the
# two totals divided by N2 − N1 is the per-call count, free of the start-up and load costs. The warm-up (10,500 calls
# by default, BENCH_WARMUP) fills health_guard's latency window to its 10,000-sample cap, the steady state of the
# wall-time benchmark. Hashing is made deterministic so the counts repeat exactly. Valgrind 3.19 cannot read the
# toolchain's DWARF 5, so a copy of the binary without debug sections is run (symbols stay, for callgrind_annotate).
set -eu
op=${1:-pipeline evaluate}
rules=${2:-rules/default.yaml}
input=${3:-examples/allow.json}
warmup=${BENCH_WARMUP:-10500}
n1=${BENCH_N1:-200}
n2=${BENCH_N2:-1200}
bin=${AURORA:-.build/release/aurora}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
objcopy --strip-debug "$bin" "$out/aurora"

count() {
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1" \
        "$out/aurora" bench --rules "$rules" --input "$input" --only "$op" --batches 1 --batch-size "$1" \
        --warmup "$warmup" >/dev/null 2>"$out/log.$1"
    sed -n 's/^summary: //p' "$out/cg.$1"
}

i1=$(count "$n1")
i2=$(count "$n2")
if [ -n "${BENCH_KEEP:-}" ]; then cp "$out/cg.$n2" "$BENCH_KEEP"; fi
echo "$op: $(( (i2 - i1) / (n2 - n1) )) instructions per call (callgrind, $n1 vs $n2 calls after $warmup warm-up)"
