#!/bin/sh
# Break the kernel and the governance model on purpose and check that the test
# suite notices.
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
    # PGO=0: the release build's profile training runs the program, and a
    # mutant that breaks it would fail the build, read here as a mutant that
    # does not compile; the tests judge mutants, the profile only adds speed.
    make -C "$work" -s PGO=0 build/release/govsim build/release/govsim-mpi build/release/govsim-tests \
        >"$work/build.log" 2>&1 || return 2
    # A mutant may also make the kernel loop for ever: that counts as caught.
    # The CLI and MPI tests run the mutated programs too.
    GOVSIM_BIN="$work/build/release/govsim" GOVSIM_MPI_BIN="$work/build/release/govsim-mpi" \
        GOVSIM_SRC="$work" timeout "${MUTANT_TIMEOUT:-120}" \
        "$work/build/release/govsim-tests" \
        --jobs 2 >"$work/test.log" 2>&1 || {
        rc=$?
        [ "$rc" -eq 124 ] && echo "[FAIL] timeout::suite_hung: the test binary did not finish" >>"$work/test.log"
        return 1
    }
}

if ! build_and_test; then
    echo "mutants: the unmutated tree does not pass its tests; see below" >&2
    tail -n 20 "$work/build.log" "$work/test.log" >&2
    exit 1
fi

killed=0
survived=0
# name | file | sed expression. Each is a bug the kernel or the model could
# plausibly have (gov_*: the model; several are bugs the model once had).
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
tie_reverse_insertion_order|sim/kernel/sim_calendar_int.h|s/a->time == b->time \&\& a->key < b->key/a->time == b->time \&\& a->key > b->key/
tie_break_ignored|sim/kernel/sim_calendar_int.h|s/ || (a->time == b->time \&\& a->key < b->key)//
run_until_excludes_t_end|sim/kernel/sim_calendar.c|s/!(sl->time <= t_end)/!(sl->time < t_end)/
cancel_frees_slot_while_still_queued|sim/kernel/sim_calendar.c|s/    sl->state \&= ~1u; \/\* the event stays/    free_slot(cal, (uint32_t)(s1 - 1)); \/* the event stays/
ladder_routes_into_taken_bucket|sim/kernel/sim_calendar.c|s/if (b >= r->cur)/if (b + 1 >= r->cur)/
rng_shared_stream_ignores_purpose|sim/kernel/sim_rng.c|s/h = mix64(h ^ (uint64_t)purpose);/h = mix64(h ^ (uint64_t)purpose * 0);/
rng_ignores_replication|sim/kernel/sim_rng.c|s/h = mix64(h ^ replication);/h = mix64(h ^ replication * 0);/
resource_serves_lifo|sim/kernel/sim_jobq.c|s/a->seq < b->seq/a->seq > b->seq/
resource_ignores_priority_key|sim/kernel/sim_jobq.c|s/return a->key < b->key || (a->key == b->key \&\& a->seq < b->seq);/return a->seq < b->seq;/
resource_ignores_a_server|sim/kernel/sim_resource.c|s/        srv_push(res, \&res->free_on, s);/        if (s > 0) srv_push(res, \&res->free_on, s);/
resource_busiest_server_first|sim/kernel/sim_resource.c|s/return res->srv\[a\].free_seq < res->srv\[b\].free_seq;/return res->srv[a].free_seq > res->srv[b].free_seq;/
resource_oncall_takes_normal_jobs|sim/kernel/sim_resource.c|s/else if (urgent \&\& res->free_oncall.n > 0)/else if (res->free_oncall.n > 0)/
resource_wait_not_measured|sim/kernel/sim_resource.c|s/sim_tally_add(\&res->wait, t - job->requested_at);/sim_tally_add(\&res->wait, 0.0);/
kernel_warmup_resets_nothing|sim/kernel/sim_kernel.c|s/sim->hooks\[i\].fn(sim, sim->hooks\[i\].ctx);/(void)0;/
gov_handling_10pct_slower|models/governance/gov_case.c|s/double work = gov_quantile(m, &cat->handling, c->u_work) \*/double work = 1.1 * gov_quantile(m, \&cat->handling, c->u_work) */
gov_abandoned_left_open|models/governance/gov_stats.c|s/^        g->open_counted--;$/        if (resolved) g->open_counted--;/
gov_duplicates_counted_never_done|models/governance/routing/route_multi.c|s/        if (gov_route_work(m, pool, WK_DUPLICATE, work, c->w.job.key, c->w.job.flags) == NULL)/        m->st.duplicate_work_h += work; if (0)/
gov_one_platform_duplicates|models/governance/routing/route_multi.c|s/for (int i = 1; i < r->platforms; i++)/for (int i = 0; i < r->platforms; i++)/
gov_relief_removes_half|models/governance/gov_staff.c|s/if (u < relieved)$/if (u < 0.5 * relieved)/
gov_consultation_without_meeting|models/governance/gov_case.c|s/    c->hop = HOP_MEETING_WAIT;/    gov_case_resolved(m, c); return;/
gov_whistle_urgent_via_street|models/governance/routing/route_whistle.c|s/    if (c->resolver != GOV_RES_DEPARTMENT || gov_route_category(m, c)->urgent) {/    if (c->resolver != GOV_RES_DEPARTMENT) {/
gov_daily_profile_not_normalised|models/governance/gov_demand.c|s/m->daily_scale = 24.0 \/ sum;/m->daily_scale = 1.0;/
gov_surge_ignores_category|models/governance/gov_demand.c|s/(s->category_index < 0 || s->category_index == category)/(1 || category)/
gov_late_penalty_on_whole_time|models/governance/gov_case.c|s/- r->satisfaction.late_k \* late)/- r->satisfaction.late_k * ratio + 0 * late)/
gov_repeat_contacts_ignored|models/governance/gov_case.c|s/pow(1.0 - r->satisfaction.contact_k, (double)c->contacts)/1.0/
gov_quit_hazard_per_day|models/governance/gov_staff.c|s/wf->turnover_per_year \/ (8760.0 \/ HOURS_PER_WEEK)/wf->turnover_per_year \/ (8760.0 \/ 24.0)/
gov_volunteers_paid|models/governance/gov_stats.c|s/            if (r == ROLE_VOLUNTEER)$/            if (r == ROLE_VOLUNTEER \&\& 0)/;s/default: return 0.0; \/\* volunteers/default: return c->community_worker_per_year; \/* volunteers/
gov_cadres_sink_into_grid_pool|models/governance/gov_staff.c|s/hire(m, &m->comm\[c\].comm, SLOT_SUNK, 1)/hire(m, \&m->comm[c].grid, SLOT_SUNK, 1)/
gov_volunteers_take_any_case|models/governance/gov_case.c|s/if (cat->volunteer_ok && c->resolver == GOV_RES_COMMUNITY/if ((void)cat, c->resolver == GOV_RES_COMMUNITY/
gov_cases_never_recycled|models/governance/gov_mem.c|s/^    m->free_cases = c;$/    (void)0;/
gov_patrol_misses_problems|models/governance/gov_demand.c|s/households) \* pol->detection_probability;/households) * 0.9 * pol->detection_probability;/
gov_stationed_staff_never_used|models/governance/gov_case.c|s/    return st->res != NULL \&\& sim_resource_headcount(st->res) > 0 ? st : NULL;/    return NULL;/
gov_server_retired_twice|models/governance/gov_pool.h|s/ \&\& !(p->slot_flags\[i\] \& SLOT_LEAVING)//
gov_consent_given_at_intake|models/governance/gov_case.c|s/int consent = cat->resolver == GOV_RES_CONSULTATION;/int consent = 0 * cat->resolver;/
gov_staffing_ignores_ratio|models/governance/gov_staff.c|s/: st->community_workers_per_10k;/: 18.0;/
gov_community_admin_at_grid_rate|models/governance/gov_staff.c|s/case ROLE_COMMUNITY: return m->policy\[p->cls\]->admin_tasks.community_per_worker_per_week;/case ROLE_COMMUNITY: return m->policy[p->cls]->admin_tasks.grid_per_worker_per_week;/
gov_timeline_does_not_resize|models/governance/gov_staff.c|s/^    gov_apply_policy(m);$/    (void)0;/
gov_patrol_covers_any_grid|models/governance/gov_demand.c|s/    return c < 1.0 ? c : 1.0;/    return 1.0;/
gov_grab_points_ignored|models/governance/routing/route_grab.c|s/return sim_now(m->sim) + pool->allowance \/ (1.0 + p->points);/return NAN;/
gov_duplicates_at_resolver|models/governance/routing/route_multi.c|s/    default: return gov_route_community(m, c);/    default: return resolver;/
gov_pay_moves_nobody|models/governance/gov_staff.c|s/pow(wf->pay_multiplier, -wf->pay_elasticity)/1.0/
gov_property_fixes_always_hold|models/governance/gov_case.c|s/    case ROLE_PROPERTY: return c->u_quality >= a->property.quality;/    case ROLE_PROPERTY: return 0;/
gov_grid_intake_longer|models/governance/gov_case.c|s/double t = gov_draw(m, STREAM_SERVICE, &gov_case_policy(m, c)->staffing.grid_intake);/double t = 0.05 + gov_draw(m, STREAM_SERVICE, \&gov_case_policy(m, c)->staffing.grid_intake);/
gov_onsite_ignores_travel|models/governance/gov_case.c|s/if (sim_now(m->sim) + travel <= c->whistle_at/if (sim_now(m->sim) <= c->whistle_at/
gov_layered_skips_street|models/governance/routing/route_layered.c|s/gov_pool \*pool = s->level == LEVEL_STREET ? gov_route_street(m, c) : gov_route_community(m, c);/gov_pool *pool = gov_route_community(m, c);/
gov_batch_not_on_the_clock|models/governance/gov_case.c|s/double at = ceil(now \/ interval) \* interval;/double at = now + interval;/
gov_part_time_end_of_one_class|models/governance/gov_shift.c|s/ends\[2 + c\] = bd.len \* part_share_of(m, c)/ends[2 + c] = bd.len * part_share_of(m, GOV_N_CLASSES - 1)/
gov_class_groups_mixed|models/governance/gov_stats.c|s/return &m->st.grp\[1 + c->cls\];/return \&m->st.grp[1 + (c->id % 3 ? c->cls : 0)];/
MUTANTS

echo "mutants: $killed killed, $survived survived"
[ "$survived" -eq 0 ]
