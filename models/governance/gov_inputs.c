/*
 * gov_inputs.c — what a scenario amounts to once its region is built: the
 * staff of each role and area class, communities, grids, households per grid
 * worker, patrol visits, department staff (summary.json's "inputs", the
 * terminal's head-count line, the report); and the warnings a planner needs
 * before trusting a result: a floor that overrides a ratio, class shares that
 * do not add up, communities outside the size standard, a role whose staff
 * are busy nearly all the time.
 *
 * The region is built exactly as a replication builds it (gov_region_build),
 * so the numbers are the ones the run starts from, not a second calculation
 * that could drift from it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gov.h"
#include "gov_demand.h"
#include "gov_inputs.h"
#include "gov_region.h"
#include "gov_staff.h"
#include "sim_mem.h"

#define DAYS_PER_MONTH (365.25 / 12.0)

static const char *const group_keys[GOV_N_GROUPS] = {"all", "urban", "fringe", "rural"};

/* A model with its region built and nothing scheduled. */
static int build(const gov_config *cfg, gov_model *m, sim_err *err)
{
    memset(m, 0, sizeof *m);
    m->cfg = cfg;
    m->err = err;
    m->sim = sim_create(16, err);
    if (m->sim == NULL)
        return SIM_ERR_RUNTIME;
    m->n_cat = cfg->n_categories;
    m->n_dept = cfg->n_departments;
    for (int k = 0; k < GOV_N_CLASSES; k++)
        m->policy[k] = &cfg->policy[k];
    return gov_region_build(m);
}

static void unbuild(gov_model *m)
{
    gov_region_destroy(m);
    sim_destroy(m->sim);
}

static unsigned heads(const gov_pool *p) { return p->res != NULL ? sim_resource_headcount(p->res) : 0; }

/* Floors that override ratios, counted while the communities are visited. */
static void note_floor(gov_floor_note *f, double residents, double by_ratio, double least)
{
    f->communities++;
    if (!(least > by_ratio))
        return;
    f->overridden++;
    f->residents = residents;
    f->by_ratio = by_ratio;
}

static void visit_communities(const gov_model *m, gov_inputs *in)
{
    const gov_config *cfg = m->cfg;
    for (size_t c = 0; c < m->n_comm; c++) {
        const gov_community *cm = &m->comm[c];
        int gs[2] = {0, 1 + cm->cls};
        const gov_patrol_cfg *pat = &m->policy[cm->cls]->patrol;
        double visits = 0;
        for (uint32_t g = 0; g < cm->n_grids; g++) {
            const gov_grid *gr = &m->grids[cm->grid_first + g];
            visits += gr->households * pat->per_day * DAYS_PER_MONTH *
                      gov_patrol_coverage(pat, pat->duration, gr->households);
        }
        for (int i = 0; i < 2; i++) {
            int g = gs[i];
            in->communities[g] += 1;
            in->residents[g] += cm->residents;
            in->households[g] += cm->households;
            in->grids[g] += cm->n_grids;
            in->grid_workers[g] += heads(&cm->grid);
            in->community_workers[g] += heads(&cm->comm);
            in->volunteers[g] += heads(&cm->vol);
            in->visits[g] += visits;
        }
        double by_ratio, least;
        gov_community_staffing(m->policy[cm->cls], cm->cls, cm->residents, &by_ratio, &least);
        note_floor(&in->floor[cm->cls], cm->residents, by_ratio, least);
        if (cm->cls != GOV_RURAL && cfg->region.standard_max_residents > 0 &&
            cm->residents > cfg->region.standard_max_residents) {
            in->oversized++;
            in->oversized_residents = fmax(in->oversized_residents, cm->residents);
        }
    }
}

static void visit_departments(const gov_model *m, gov_inputs *in)
{
    const gov_config *cfg = m->cfg;
    for (size_t d = 0; d < m->n_districts; d++)
        for (size_t k = 0; k < m->n_dept; k++) {
            const gov_department_cfg *dc = &cfg->departments[k];
            in->department += heads(&m->districts[d].dept[k]);
            double base = floor(dc->staff_per_100k * m->districts[d].residents / 1e5 + 0.5);
            if (dc->min_staff > base) {
                in->dept_floor_districts++;
                if (in->dept_floor_index < 0)
                    in->dept_floor_index = (int)k;
            }
        }
    for (size_t s = 0; s < m->n_streets; s++) {
        in->street += heads(&m->streets[s].command);
        for (size_t k = 0; k < m->n_dept; k++)
            in->stationed += heads(&m->streets[s].stationed[k]);
    }
    in->hotline = heads(&m->hotline);
    in->streets = (double)m->n_streets;
    in->districts = (double)m->n_districts;
}

int gov_inputs_of(const gov_config *cfg, gov_inputs *in, sim_err *err)
{
    memset(in, 0, sizeof *in);
    in->dept_floor_index = -1;
    gov_model m;
    int rc = build(cfg, &m, err);
    if (rc == SIM_OK) {
        visit_communities(&m, in);
        visit_departments(&m, in);
    }
    unbuild(&m);
    return rc;
}

/* ---- summary.json ---- */

static cJSON *by_group(const double v[GOV_N_GROUPS], const gov_inputs *in, int per_household)
{
    cJSON *o = cJSON_CreateObject();
    for (int g = 0; g < GOV_N_GROUPS && o != NULL; g++) {
        if (in->communities[g] == 0)
            continue;
        double x = per_household ? (in->households[g] > 0 ? v[g] / in->households[g] : NAN) : v[g];
        if (cJSON_AddItemToObject(o, group_keys[g], isnan(x) ? cJSON_CreateNull() : cJSON_CreateNumber(x)) == 0) {
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

static int put(cJSON *o, const char *key, cJSON *item)
{
    if (item == NULL || !cJSON_AddItemToObject(o, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

cJSON *gov_inputs_json(const gov_inputs *in)
{
    double hh_per_grid[GOV_N_GROUPS];
    for (int g = 0; g < GOV_N_GROUPS; g++)
        hh_per_grid[g] = in->grid_workers[g] > 0 ? in->households[g] / in->grid_workers[g] : NAN;
    cJSON *o = cJSON_CreateObject(), *staff = cJSON_CreateObject();
    int bad = o == NULL || staff == NULL;
    bad |= put(o, "communities", by_group(in->communities, in, 0));
    bad |= put(o, "residents", by_group(in->residents, in, 0));
    bad |= put(o, "households", by_group(in->households, in, 0));
    bad |= put(o, "grids", by_group(in->grids, in, 0));
    bad |= put(o, "streets", cJSON_CreateNumber(in->streets));
    bad |= put(o, "districts", cJSON_CreateNumber(in->districts));
    bad |= put(staff, "grid", by_group(in->grid_workers, in, 0));
    bad |= put(staff, "community", by_group(in->community_workers, in, 0));
    bad |= put(staff, "volunteer_fte", by_group(in->volunteers, in, 0));
    bad |= put(staff, "department_district", cJSON_CreateNumber(in->department));
    bad |= put(staff, "department_stationed", cJSON_CreateNumber(in->stationed));
    bad |= put(staff, "street", cJSON_CreateNumber(in->street));
    bad |= put(staff, "hotline", cJSON_CreateNumber(in->hotline));
    bad |= put(o, "staff", staff);
    staff = NULL;
    bad |= put(o, "households_per_grid_worker", by_group(hh_per_grid, in, 0));
    bad |= put(o, "patrol_visits_per_household_month", by_group(in->visits, in, 1));
    if (bad) {
        cJSON_Delete(staff);
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* ---- one line for the terminal ---- */

void gov_inputs_text(const gov_inputs *in, char *out, size_t size)
{
    const double *a = in->communities;
    double hh = in->grid_workers[0] > 0 ? in->households[0] / in->grid_workers[0] : NAN;
    double visits = in->households[0] > 0 ? in->visits[0] / in->households[0] : NAN;
    snprintf(out, size,
             "%.0f communities (%.0f urban, %.0f fringe, %.0f rural) in %.0f streets, %.0f district%s; staff: %.0f grid, "
             "%.0f community and village, %.0f department (+%.0f stationed), %.0f street, %.0f hotline; %.0f households "
             "per grid worker, %.2g patrol visits per household a month",
             a[0], a[1], a[2], a[3], in->streets, in->districts, in->districts == 1 ? "" : "s", in->grid_workers[0],
             in->community_workers[0], in->department, in->stationed, in->street, in->hotline, hh, visits);
}

/* ---- warnings ---- */

static const char *const class_words[GOV_N_CLASSES] = {"urban communities", "fringe communities", "rural villages"};

static void warn_floors(const gov_config *cfg, const gov_inputs *in, gov_warn_fn *emit, void *ctx)
{
    char line[512];
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        const gov_floor_note *f = &in->floor[k];
        if (f->overridden == 0)
            continue;
        const gov_staffing_cfg *st = &cfg->policy[k].staffing;
        int village = k == GOV_RURAL;
        snprintf(line, sizeof line,
                 "staffing.%s = %g overrides %s = %g in %zu of %zu %s (%.0f residents give %.0f by the ratio): the ratio "
                 "changes nothing there",
                 village ? "min_village_workers" : "min_community_workers",
                 village ? st->min_village_workers : st->min_community_workers,
                 village ? "village_workers_per_10k" : "community_workers_per_10k",
                 village ? st->village_workers_per_10k : st->community_workers_per_10k, f->overridden, f->communities,
                 class_words[k], f->residents, f->by_ratio);
        emit(ctx, line);
    }
    if (in->dept_floor_districts > 0) {
        const gov_department_cfg *d = &cfg->departments[in->dept_floor_index];
        snprintf(line, sizeof line,
                 "departments: min_staff overrides staff_per_100k in %zu department-districts (first: %s, min_staff %g, "
                 "staff_per_100k %g): the ratio changes nothing there",
                 in->dept_floor_districts, d->name, d->min_staff, d->staff_per_100k);
        emit(ctx, line);
    }
}

void gov_config_warnings(const gov_config *cfg, const gov_inputs *in, gov_warn_fn *emit, void *ctx)
{
    char line[512];
    warn_floors(cfg, in, emit, ctx);
    const gov_class_values *s = &cfg->region.generate.class_shares;
    double sum = s->v[0] + s->v[1] + s->v[2];
    if (cfg->region.n_communities == 0 && fabs(sum - 1.0) > 1e-9) {
        snprintf(line, sizeof line,
                 "region.generate.class_shares add up to %g, not 1: they are used as %.3g, %.3g and %.3g", sum,
                 s->v[0] / sum, s->v[1] / sum, s->v[2] / sum);
        emit(ctx, line);
    }
    if (in->oversized > 0) {
        snprintf(line, sizeof line,
                 "%zu communities have more residents than the standard's %g (region.standard_max_residents; largest "
                 "%.0f): one community's workers and meetings serve a small town",
                 in->oversized, cfg->region.standard_max_residents, in->oversized_residents);
        emit(ctx, line);
    }
}

/* Roles whose staff are busy nearly all their hours: the queue there grows
 * until residents give up, and the rates mostly measure that queue. */
static const struct {
    int kpi;
    const char *name, *role, *lever;
} busy_roles[] = {
    {KPI_UTILIZATION_GRID, "utilization_grid", "grid workers", "staffing.households_per_grid_worker"},
    {KPI_UTILIZATION_COMMUNITY, "utilization_community", "community workers", "staffing.community_workers_per_10k"},
    {KPI_UTILIZATION_DEPARTMENT, "utilization_department", "department staff", "departments[].staff_per_100k"},
    {KPI_UTILIZATION_STREET, "utilization_street", "the street command", "street.dispatchers_per_10k"},
    {KPI_UTILIZATION_HOTLINE, "utilization_hotline", "12345 call-takers", "hotline.operators_per_million"},
};

#define BUSY_LIMIT 0.95

void gov_result_warnings(const double *means, gov_warn_fn *emit, void *ctx)
{
    char line[512];
    for (size_t i = 0; i < sizeof busy_roles / sizeof busy_roles[0]; i++) {
        double u = means[busy_roles[i].kpi];
        if (!(u > BUSY_LIMIT))
            continue;
        snprintf(line, sizeof line,
                 "%s are busy %.1f %% of their hours (%s): their queue grows until residents give up, so the rates "
                 "mostly measure that queue; look at backlog_end and cases_abandoned, or change %s",
                 busy_roles[i].role, 100.0 * u, busy_roles[i].name,
                 busy_roles[i].lever);
        emit(ctx, line);
    }
}
