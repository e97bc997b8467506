#!/bin/sh
# Run the benchmarks and print every figure as a "key: value" line.
# Called by `make bench` with B set to the build directory (build/release).
# Figures are printed, never asserted: they depend on the machine.
set -eu

B=${B:-build/release}
here=$(dirname "$0")
bin="$B/bench/bench_kernel"
[ -x "$bin" ] || { echo "bench: $bin not built; run make bench" >&2; exit 1; }

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
    ours=$(echo "$mmc" | sed -n 's/^kernel_mmc_events_per_s: //p')
    theirs=$(echo "$simpy" | sed -n 's/^simpy_mmc_events_per_s: //p')
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
bj="$B/bench/bench_beijing"
for y in ${BEIJING_YEARS:-1 2 4}; do
    "$bj" "$here/beijing.json" "$y"
done
