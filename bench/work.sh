#!/bin/sh
# Count the work an event costs, deterministically: instructions and simulated
# cache misses per event of the Beijing model and of the bare binary-heap
# reference (bench_heap_mmc), counted by callgrind. Prints "key: value" lines.
#
#   bench/work.sh [BENCH_BEIJING [Y1 Y2 [LL_BYTES]]]
#       (defaults: build/release/bench/bench_beijing, 0.02 0.04, 33554432)
#   YEAR_EVENTS=197093781 bench/work.sh     also prints the ratio floor (below)
#   WORK_KEEP=DIR bench/work.sh             keeps callgrind's files in DIR (y1.cg,
#                                           y2.cg, r1.cg, r2.cg) for callgrind_annotate
#
# Why: this machine has no hardware counters (`perf stat -e instructions` says
# "not supported" in the guest), and its speed drifts by 20-40 % within an
# hour, so wall time cannot judge a change of a few per cent in the work
# (docs/performance.md). Callgrind's counts are the same on every run.
#
# Per event means marginal: the counts of a run to Y2 minus those of a run to
# Y1, divided by the events between them, so the set-up (building 23,700 pools,
# zeroing the arenas) is left out. Likewise the reference: 10^6 minus 5 x 10^5
# customers. The misses are those of callgrind's simulated caches: first level
# as the host's, last level LL_BYTES (16-way, 64-byte lines); callgrind ignores
# prefetch instructions, so they count every record an event touches cold, not
# the stalls that remain.
#
# work_year_vs_heap_ratio_floor: the ratio `make bench` would print if the
# model ran its instructions at the reference's pace (instructions of a year
# over the reference's), i.e. with no more waiting for memory an instruction
# than the reference, which runs in the cache. It needs the year's events
# (beijing_year_events of `make bench`) in YEAR_EVENTS.
set -eu

bj=${1:-build/release/bench/bench_beijing}
y1=${2:-0.02}
y2=${3:-0.04}
ll=${4:-33554432}
ref="$(dirname "$bj")/bench_heap_mmc"
for b in "$bj" "$ref"; do
    [ -x "$b" ] || { echo "bench/work.sh: $b is not built (make bench builds it)" >&2; exit 2; }
done
command -v valgrind >/dev/null 2>&1 || { echo "bench/work.sh: valgrind is not installed (make bench installs it)" >&2; exit 2; }
awk -v a="$y1" -v b="$y2" 'BEGIN { exit !(a + 0 > 0 && b + 0 > a + 0) }' ||
    { echo "bench/work.sh: need 0 < Y1 < Y2 (got $y1 $y2)" >&2; exit 2; }
case "$ll" in '' | *[!0-9]*) echo "bench/work.sh: LL_BYTES must be a number of bytes" >&2; exit 2 ;; esac
case "${YEAR_EVENTS:-0}" in *[!0-9]*) echo "bench/work.sh: YEAR_EVENTS must be a count" >&2; exit 2 ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${WORK_KEEP:-}" ]; then
    { mkdir -p "$WORK_KEEP" && [ -w "$WORK_KEEP" ]; } 2>/dev/null ||
        { echo "bench/work.sh: cannot write to $WORK_KEEP" >&2; exit 2; }
    WORK_KEEP=$(cd "$WORK_KEEP" && pwd)
fi
bj="$(cd "$(dirname "$bj")" && pwd)/$(basename "$bj")"
ref="$(cd "$(dirname "$ref")" && pwd)/$(basename "$ref")"
cd "$(dirname "$0")/.."

# count NAME CMD...: callgrind's totals (Ir D1mr D1mw DLmr DLmw) in $tmp/NAME.tot,
# the program's output in $tmp/NAME.out.
count() {
    name=$1
    shift
    valgrind --tool=callgrind --cache-sim=yes --LL="$ll,16,64" \
        --callgrind-out-file="$tmp/$name.cg" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" ||
        { echo "bench/work.sh: $* failed under callgrind:" >&2; tail -n 5 "$tmp/$name.err" >&2; exit 1; }
    # The totals line lists the events in the order of the "events:" line.
    awk '/^events:/ { for (i = 2; i <= NF; i++) col[$i] = i - 1 }
         /^totals:/ { print $(col["Ir"] + 1), $(col["D1mr"] + 1) + $(col["D1mw"] + 1),
                            $(col["DLmr"] + 1) + $(col["DLmw"] + 1) }' "$tmp/$name.cg" >"$tmp/$name.tot"
}

# The two horizons of the model run at once (one per core); the reference after.
count y1 "$bj" bench/beijing.json "$y1" &
p1=$!
count y2 "$bj" bench/beijing.json "$y2" &
p2=$!
wait $p1 || exit 1
wait $p2 || exit 1
count r1 "$ref" 500000
count r2 "$ref" 1000000
if [ -n "${WORK_KEEP:-}" ]; then
    cp "$tmp"/*.cg "$WORK_KEEP"/ || { echo "bench/work.sh: cannot write to $WORK_KEEP" >&2; exit 2; }
fi

events() { sed -n 's/^[a-z0-9_.]*_events: //p' "$1"; }
e1=$(events "$tmp/y1.out")
e2=$(events "$tmp/y2.out")
r1=$(events "$tmp/r1.out")
r2=$(events "$tmp/r2.out")

echo "work_last_level_bytes: $ll"
echo "work_beijing_horizons_y: $y1 $y2"
awk -v e1="$e1" -v e2="$e2" -v r1="$r1" -v r2="$r2" -v yev="${YEAR_EVENTS:-0}" \
    -v a="$(cat "$tmp/y1.tot")" -v b="$(cat "$tmp/y2.tot")" \
    -v c="$(cat "$tmp/r1.tot")" -v d="$(cat "$tmp/r2.tot")" 'BEGIN {
    split(a, A, " "); split(b, B, " "); split(c, C, " "); split(d, D, " ")
    if (e2 <= e1 || r2 <= r1) { print "bench/work.sh: no events between the horizons" > "/dev/stderr"; exit 1 }
    printf "work_beijing_events_between: %d\n", e2 - e1
    bi = (B[1] - A[1]) / (e2 - e1); ri = (D[1] - C[1]) / (r2 - r1)
    printf "work_beijing_instructions_per_event: %.0f\n", bi
    printf "work_beijing_l1_misses_per_event: %.2f\n", (B[2] - A[2]) / (e2 - e1)
    printf "work_beijing_ll_misses_per_event: %.2f\n", (B[3] - A[3]) / (e2 - e1)
    printf "work_reference_instructions_per_event: %.0f\n", ri
    rm = (D[3] - C[3]) / (r2 - r1)
    printf "work_reference_ll_misses_per_event: %.3f\n", rm < 0.0005 ? 0 : rm
    printf "work_instructions_vs_reference: %.2f\n", bi / ri
    if (yev > 0)
        printf "work_year_vs_heap_ratio_floor: %.0f\n", yev * bi / (r2 * ri)
}'
