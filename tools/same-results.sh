#!/bin/sh
# Are two govsim binaries' results the same, byte for byte, on every shipped
# scenario? For refactoring: a change that should not change the model must
# pass this. Runs each shipped scenario (2 replications, seed 7), one
# comparison and one sweep with each binary, and compares summary.json,
# replications.csv and timeseries.csv.
#
#   tools/same-results.sh OLD_GOVSIM NEW_GOVSIM [REPS]
set -eu
[ $# -ge 2 ] || { echo "usage: tools/same-results.sh OLD_GOVSIM NEW_GOVSIM [REPS]" >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
reps=${3:-2}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
runs() {
    bin=$1 dir=$2
    i=0
    for f in scenarios/*.json scenarios/*/*.json; do
        i=$((i + 1))
        "$bin" run "$f" --reps "$reps" --seed 7 --out "$dir/run$i" --quiet --threads 2 || echo "failed: $f" >&2
    done
    "$bin" compare scenarios/beijing_whistle/layered.json scenarios/beijing_whistle/whistle.json \
        scenarios/beijing_whistle/hotline.json --reps "$reps" --seed 7 --out "$dir/compare" --quiet
    "$bin" sweep scenarios/ordos_staffing.json --param staffing.community_workers_per_10k --values 9,18 \
        --reps "$reps" --seed 7 --out "$dir/sweep" --quiet
}
runs "$old" "$work/old"
runs "$new" "$work/new"
bad=0
for d in "$work"/old/*; do
    n=$(basename "$d")
    for f in summary.json replications.csv timeseries_band.csv; do
        if ! cmp -s "$d/$f" "$work/new/$n/$f"; then
            echo "differs: $n/$f" >&2
            bad=1
        fi
    done
done
[ $bad -eq 0 ] && echo "same results: $(ls "$work/old" | wc -l) experiments"
exit $bad
