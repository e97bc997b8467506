/*
 * gov_record.c — the case records behind --trace: one row per problem, with
 * the times of its life, as simmer's get_mon_arrivals() gives one per arrival.
 * docs/output.md lists the columns. Times are hours from the start of the
 * replication; a time that never came is an empty cell.
 */
#include <math.h>

#include "gov_mem.h"
#include "gov_pool.h"
#include "gov_record.h"
#include "sim_output.h"
#include "sim_resource.h"

const char gov_record_columns[] = "case,born_h,known_h,dispatched_h,contacted_h,responded_h,closed_h,outcome,"
                                  "category,class,community,channel,request,hops,resolver,unit,fixed,satisfied,"
                                  "in_case_kpis,in_problem_kpis";

static const char *const outcome_names[] = {"resolved", "abandoned", "open", "latent"};
static const char *const channel_names[GOV_N_CHANNELS] = {"grid", "hotline", "app", "patrol"};

static void put_time(FILE *f, double t)
{
    if (isnan(t))
        fputc(',', f);
    else
        fprintf(f, ",%.6f", t);
}

void gov_record_write(gov_model *m, const gov_case *c, int outcome, int satisfied)
{
    FILE *f = m->records;
    int closed = outcome == GOV_OUTCOME_RESOLVED || outcome == GOV_OUTCOME_ABANDONED;
    int known = !isnan(c->known);
    fprintf(f, "%llu", (unsigned long long)c->id);
    put_time(f, c->born);
    put_time(f, c->known);
    put_time(f, c->whistle_at);
    put_time(f, (c->flags & CF_CONTACTED) ? c->requested + (double)c->contacted_after : NAN);
    put_time(f, c->responded);
    put_time(f, closed ? sim_now(m->sim) : NAN);
    fprintf(f, ",%s,", outcome_names[outcome]);
    sim_out_csv_string(f, m->cfg->categories[c->category].name);
    fprintf(f, ",%s,", gov_class_name(c->cls));
    sim_out_csv_string(f, m->comm[c->community].name);
    fprintf(f, ",%s,%d,%u,", known ? channel_names[c->channel] : "", (c->flags & CF_REQUEST) != 0, c->hops);
    /* The unit that closed it: where its last task was served. */
    const gov_pool *p = outcome == GOV_OUTCOME_RESOLVED ? c->w.pool : NULL;
    if (p != NULL) {
        fprintf(f, "%s,", gov_role_name(p->role));
        sim_out_csv_string(f, p->res != NULL ? sim_resource_name(p->res) : "");
    } else {
        fputc(',', f);
    }
    if (outcome == GOV_OUTCOME_RESOLVED)
        fprintf(f, ",%d,%d", !(c->flags & CF_UNFIXED), satisfied);
    else if (outcome == GOV_OUTCOME_ABANDONED)
        fputs(",0,0", f);
    else
        fputs(",,", f);
    fprintf(f, ",%d,%d\n", (c->flags & CF_COUNTED) != 0, (c->flags & CF_PROBLEM) != 0);
}

static void unfinished(gov_model *m, gov_case *c)
{
    gov_record_write(m, c, isnan(c->known) ? GOV_OUTCOME_LATENT : GOV_OUTCOME_OPEN, 0);
}

void gov_record_unfinished(gov_model *m)
{
    if (m->records != NULL)
        gov_case_foreach_open(m, unfinished);
}
