#!/bin/sh
# The command line under valgrind memcheck on small scenarios: every command, a
# multi-threaded run with figures, the failure paths (bad scenarios, the event
# cap, a refused output directory). Fails on any memcheck error and on any
# definite or indirect leak; the exit status each command should give is checked
# too. gnuplot, started by --plot, is not traced (it is not ours).
# Usage: tools/valgrind.sh [GOVSIM_BINARY]   (make valgrind)
set -eu
cd "$(dirname "$0")/.."
bin=$(cd "$(dirname "${1:-./govsim}")" && pwd)/$(basename "${1:-./govsim}")
vg_status=99
work=$(mktemp -d "${TMPDIR:-/tmp}/govsim-valgrind-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
src=$(pwd)
seeds=$src/tests/fuzz/seeds
failed=0
n=0

# check WANT_STATUS LABEL ARGS...: run govsim ARGS under memcheck in $work.
check() {
    want=$1
    label=$2
    shift 2
    n=$((n + 1))
    log=$work/vg-$n.log
    set +e
    (cd "$work" && valgrind --quiet --error-exitcode=$vg_status --leak-check=full \
        --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
        --log-file="$log" "$bin" "$@" >/dev/null 2>"$work/stderr-$n")
    got=$?
    set -e
    if [ "$got" = "$vg_status" ] || [ -s "$log" ]; then
        echo "valgrind: FAIL (memcheck) govsim $label" >&2
        cat "$log" >&2
        failed=$((failed + 1))
    elif [ "$got" != "$want" ]; then
        echo "valgrind: FAIL (exit $got, expected $want) govsim $label" >&2
        cat "$work/stderr-$n" >&2
        failed=$((failed + 1))
    else
        echo "valgrind: ok   govsim $label"
    fi
}

cat > "$work/capped.json" <<'EOF'
{"name": "capped", "horizon": "30d", "warmup": "1d", "max_events": 1000,
 "demand": {"per_1000_residents_per_day": 0.01}, "patrol": {"per_day": 0}}
EOF
: > "$work/a-file"

check 0 "check (3 scenarios)" check "$seeds/listed_classified.json" "$seeds/generated_multi.json" \
    "$src/scenarios/mmc_demo.json"
check 2 "check tests/scenarios/broken/*.json" check "$src"/tests/scenarios/broken/*.json
check 0 "run listed_classified --threads 2 --plot" run "$seeds/listed_classified.json" --reps 2 --threads 2 \
    --plot --out run
check 0 "run mmc_demo --plot --lang zh" run "$src/scenarios/mmc_demo.json" --reps 2 --plot --lang zh --out mmc
check 0 "compare generated_multi layered_batch" compare "$seeds/generated_multi.json" \
    "$seeds/layered_batch.json" --reps 2 --out cmp
check 0 "sweep layered_batch --target --plot" sweep "$seeds/layered_batch.json" \
    --param staffing.community_workers_per_10k --values 6,18 --target 'resolution_rate.urban>=0.1' --reps 2 \
    --plot --out sweep
check 1 "run (event cap reached)" run "$work/capped.json" --reps 2 --threads 2 --out capped
check 2 "run --out an existing file" run "$seeds/minimal.json" --out a-file
check 2 "run --reps 0" run "$seeds/minimal.json" --reps 0

echo "valgrind: $n commands, $failed failed"
[ "$failed" = 0 ]
