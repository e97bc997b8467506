#!/bin/sh
# Run the benchmarks and print every figure as a "key: value" line.
# Called by `make bench` with B set to the build directory (build/release).
# Figures are printed, never asserted: they depend on the machine.
set -eu

B=${B:-build/release}
here=$(dirname "$0")
bin="$B/bench/bench_kernel"
[ -x "$bin" ] || { echo "bench: $bin not built; run make bench" >&2; exit 1; }

# value OUTPUT KEY: the value of a "key: value" line of a benchmark's output.
value() { echo "$1" | sed -n "s/^$2: //p"; }

# Each workload in its own process, so the peak RSS printed is the M/M/c's.
mmc=$("$bin" mmc)
echo "$mmc"
"$bin" hold

# The same M/M/c in SimPy (Debian's python3-simpy lives in the system Python,
# which may not be the first python3 on PATH).
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if simpy=$("$py" "$here/simpy_mmc.py" "${SIMPY_CUSTOMERS:-200000}"); then
    echo "$simpy"
    ours=$(value "$mmc" kernel_mmc_events_per_s)
    theirs=$(value "$simpy" simpy_mmc_events_per_s)
    awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "simpy_mmc_speedup: %.1f\n", a / b }'
else
    echo "bench: SimPy run failed (is python3-simpy installed?)" >&2
    exit 1
fi

# Replications on 1 and 2 threads (threads_speedup_2 and context).
B="$B" sh "$here/threads.sh"

# The full model at Beijing scale: one year, then 2 and 4 years to show that
# memory follows open cases, not cases ever created. BEIJING_YEARS="1" skips
# the longer runs.
# The year is also divided by the bare binary-heap M/M/c reference
# (bench_heap_mmc.c, no govsim code) timed just before and just after it on the
# same machine: beijing_year_vs_heap_ratio travels between machines better than
# seconds. The year lasts minutes, and a shared machine's speed drifts over
# minutes by more than the reference's own spread, so the ratio divides by the
# mean of the two.
bj="$B/bench/bench_beijing"
for y in ${BEIJING_YEARS:-1 2 4}; do
    if [ "$y" = 1 ]; then
        echo "load_average_before: $(cut -d' ' -f1-3 /proc/loadavg)"
        ref=$("$B/bench/bench_heap_mmc" 1000000)
        echo "$ref"
        out=$("$bj" "$here/beijing.json" 1)
        echo "$out"
        after=$(value "$("$B/bench/bench_heap_mmc" 1000000)" heap_mmc_wall_s)
        echo "heap_mmc_wall_s_after: $after"
        ref_s=$(awk -v b="$(value "$ref" heap_mmc_wall_s)" -v c="$after" 'BEGIN { print (b + c) / 2 }')
        awk -v a="$(value "$out" beijing_year_wall_s)" -v r="$ref_s" \
            'BEGIN { printf "beijing_year_vs_heap_ratio: %.0f\n", a / r }'
        echo "load_average: $(cut -d' ' -f1-3 /proc/loadavg)"
        # The same model at a hundredth of the size, whose records fit in the
        # cache (bench/beijing_small.json): its time an event is what the
        # year's would be with no waiting for memory, so the year's time
        # splits into computing and waiting, and the ratio into what fewer
        # cold records could win and what only fewer instructions can
        # (docs/performance.md, "The same model in the cache").
        small=$("$bj" "$here/beijing_small.json" 10)
        echo "$small" | sed -n 's/^beijing_10y_\(events_per_case\|ns_per_event\|peak_rss_mib\): /beijing_small_\1: /p'
        awk -v s="$(value "$small" beijing_10y_ns_per_event)" -v y="$(value "$out" beijing_year_ns_per_event)" \
            -v n="$(value "$out" beijing_year_events)" -v r="$ref_s" 'BEGIN {
            printf "beijing_year_wait_share: %.2f\n", 1 - s / y
            printf "beijing_year_vs_heap_ratio_in_cache: %.0f\n", s * 1e-9 * n / r }'
    else
        "$bj" "$here/beijing.json" "$y"
    fi
done
