#!/bin/sh
# Break the kernel on purpose and check that the test suite notices.
#
# Copies the source tree to a temporary directory, applies each mutation below
# with sed (one at a time, on a fresh copy of the file), builds the test binary
# there and runs it. A mutant is "killed" when the test binary fails. The script
# fails if the unmutated tree fails, if a mutation no longer applies (the code it
# targets changed: update the pattern), or if any mutant survives.
#
# Usage: tools/mutants.sh        (from the top of the tree; `make mutants` does it)
set -eu

src=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/govsim-mutants.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# Only tracked and new source files: no build products.
tar -C "$src" --exclude=./build --exclude=./.git --exclude=./govsim -cf - . | tar -C "$work" -xf -

build_and_test() {
    # Criterion prints one line per failure; keep the log, report the verdict.
    make -C "$work" -s build/release/govsim-tests >"$work/build.log" 2>&1 || return 2
    # A mutant may also make the kernel loop for ever: that counts as caught.
    GOVSIM_SRC="$work" timeout "${MUTANT_TIMEOUT:-120}" "$work/build/release/govsim-tests" \
        --jobs 2 >"$work/test.log" 2>&1 || {
        rc=$?
        [ "$rc" -eq 124 ] && echo "[FAIL] timeout::suite_hung: the test binary did not finish" >>"$work/test.log"
        return 1
    }
}

if ! build_and_test; then
    echo "mutants: the unmutated tree does not pass its tests; see below" >&2
    tail -20 "$work/build.log" "$work/test.log" >&2
    exit 1
fi

killed=0
survived=0
# name | file | sed expression. Each is a bug a kernel could plausibly have.
while IFS='|' read -r name file expr; do
    [ -z "$name" ] && continue
    cp "$src/$file" "$work/$file.orig"
    sed -e "$expr" "$work/$file.orig" >"$work/$file"
    if cmp -s "$work/$file" "$work/$file.orig"; then
        echo "mutants: $name: the pattern no longer matches $file; update tools/mutants.sh" >&2
        exit 1
    fi
    if build_and_test; then
        echo "SURVIVED $name"
        survived=$((survived + 1))
    else
        rc=$?
        if [ "$rc" -eq 2 ]; then
            echo "mutants: $name: the mutant does not compile; fix the pattern" >&2
            tail -5 "$work/build.log" >&2
            exit 1
        fi
        failing=$(sed -n 's/^\[FAIL\] \([^:]*::[^:]*\):.*/\1/p' "$work/test.log" | tr '\n' ' ')
        echo "killed   $name: $failing"
        killed=$((killed + 1))
    fi
    cp "$work/$file.orig" "$work/$file"
    touch "$work/$file"
done <<'MUTANTS'
tie_reverse_insertion_order|sim/sim_calendar.c|s/a->time == b->time \&\& a->key < b->key/a->time == b->time \&\& a->key > b->key/
tie_break_ignored|sim/sim_calendar.c|s/ || (a->time == b->time \&\& a->key < b->key)//
run_until_excludes_t_end|sim/sim_calendar.c|s/!(sl->time <= t_end)/!(sl->time < t_end)/
cancel_frees_slot_while_still_queued|sim/sim_calendar.c|s/    sl->fn = NULL; \/\* the event stays/    free_slot(cal, (uint32_t)(s1 - 1)); \/* the event stays/
ladder_routes_into_taken_bucket|sim/sim_calendar.c|s/if (b >= r->cur)/if (b + 1 >= r->cur)/
rng_shared_stream_ignores_purpose|sim/sim_rng.c|s/h = mix64(h ^ (uint64_t)purpose);/h = mix64(h ^ (uint64_t)purpose * 0);/
rng_ignores_replication|sim/sim_rng.c|s/h = mix64(h ^ replication);/h = mix64(h ^ replication * 0);/
resource_serves_lifo|sim/sim_resource.c|s/a->seq < b->seq/a->seq > b->seq/
resource_ignores_priority_key|sim/sim_resource.c|s/return a->key < b->key || (a->key == b->key \&\& a->seq < b->seq);/return a->seq < b->seq;/
resource_ignores_a_server|sim/sim_resource.c|s/        srv_push(res, \&res->free_on, s);/        if (s > 0) srv_push(res, \&res->free_on, s);/
resource_busiest_server_first|sim/sim_resource.c|s/return res->srv\[a\].free_seq < res->srv\[b\].free_seq;/return res->srv[a].free_seq > res->srv[b].free_seq;/
resource_oncall_takes_normal_jobs|sim/sim_resource.c|s/else if (urgent \&\& res->free_oncall.n > 0)/else if (res->free_oncall.n > 0)/
resource_wait_not_measured|sim/sim_resource.c|s/sim_tally_add(\&res->wait, t - job->requested_at);/sim_tally_add(\&res->wait, 0.0);/
kernel_warmup_resets_nothing|sim/sim_kernel.c|s/sim->hooks\[i\].fn(sim, sim->hooks\[i\].ctx);/(void)0;/
MUTANTS

echo "mutants: $killed killed, $survived survived"
[ "$survived" -eq 0 ]
