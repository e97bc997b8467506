#!/bin/sh
# Compare two builds of bench_beijing on this machine: old and new one after
# the other on the same core, the order alternated pair by pair, and print each
# pair, the events each build simulates (equal unless the model changed), the
# geometric mean of new/old and its 95 % confidence interval.
#
#   bench/pairs.sh OLD NEW [YEARS [PAIRS [CORE]]]     (defaults: 0.05 8 0)
#   e.g. bench/pairs.sh /tmp/bench_beijing.old build/release/bench/bench_beijing
#
# Why this way (docs/performance.md): on a shared virtual machine the two
# cores differ by up to 30 % from minute to minute and the whole machine
# drifts by 20-40 %, so runs at once on both cores mostly measure the cores,
# and single runs minutes apart measure the neighbours. Consecutive runs on one
# core see about the same machine; alternating the order cancels a drift
# within a pair; the interval (Student t over the pairs' log ratios) says
# whether the difference is more than the noise. A change below about 3 % needs
# more than 8 pairs to show.
set -eu

[ $# -ge 2 ] || { echo "usage: bench/pairs.sh OLD NEW [YEARS [PAIRS [CORE]]]" >&2; exit 2; }
old=$1
new=$2
years=${3:-0.05}
pairs=${4:-8}
core=${5:-0}
for b in "$old" "$new"; do
    [ -x "$b" ] || { echo "bench/pairs.sh: $b is not an executable bench_beijing" >&2; exit 2; }
done
case "$pairs" in
    '' | *[!0-9]* | 0 | 1) echo "bench/pairs.sh: PAIRS must be a whole number >= 2" >&2; exit 2 ;;
esac
# Absolute paths: the runs start from the repository's top (bench/beijing.json).
old="$(cd "$(dirname "$old")" && pwd)/$(basename "$old")"
new="$(cd "$(dirname "$new")" && pwd)/$(basename "$new")"
cd "$(dirname "$0")/.."
command -v taskset >/dev/null 2>&1 && pin="taskset -c $core" || pin=""

# "seconds events": seconds from events / events_per_s (wall_s is printed to
# 0.1 s only).
run() {
    $pin "$1" bench/beijing.json "$years" |
        awk -v k="beijing_${years}y_" '$1 == k "events:" { e = $2 } $1 == k "events_per_s:" { r = $2 }
                                        END { if (e > 0 && r > 0) printf "%.3f %d\n", e / r, e }'
}

echo "pairs_load_average_before: $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)"
log=""
i=1
while [ "$i" -le "$pairs" ]; do
    if [ $((i % 2)) = 1 ]; then
        ra=$(run "$old")
        rb=$(run "$new")
    else
        rb=$(run "$new")
        ra=$(run "$old")
    fi
    if [ -z "$ra" ] || [ -z "$rb" ]; then
        echo "bench/pairs.sh: a run printed no wall time" >&2
        exit 1
    fi
    a=${ra% *}
    b=${rb% *}
    ea=${ra#* }
    eb=${rb#* }
    echo "pair_$i: old $a s, new $b s"
    log="$log $a $b"
    i=$((i + 1))
done
echo "pairs_load_average_after: $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)"
echo "pairs_events_old: $ea"
echo "pairs_events_new: $eb"
# The same events: a change of speed only. Different: the builds simulate
# differently (a model change), and their results need judging too.
[ "$ea" = "$eb" ] || echo "bench/pairs.sh: the builds simulate different numbers of events" >&2
# Student t quantiles (0.975) for 1..30 degrees of freedom; 1.96 beyond.
echo "$log" | awk '
BEGIN { split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 2.145 2.131 2.120 2.110 2.101 2.093 2.086 2.080 2.074 2.069 2.064 2.060 2.056 2.052 2.048 2.045 2.042", t, " ") }
{
    n = 0
    for (i = 1; i < NF; i += 2) { d[++n] = log($(i + 1) / $i); s += d[n] }
    m = s / n
    for (i = 1; i <= n; i++) v += (d[i] - m) ^ 2
    h = (n > 30 ? 1.96 : t[n - 1]) * sqrt(v / (n - 1) / n)
    printf "pairs_new_over_old: %.3f\npairs_new_over_old_ci95: %.3f %.3f\n", exp(m), exp(m - h), exp(m + h)
}'
