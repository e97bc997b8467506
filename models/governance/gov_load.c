/*
 * gov_load.c — from a scenario file to a gov_config: the scn_ engine reads,
 * merges and validates the file against gov_schema and binds it straight into
 * the config; this file then fills the derived members (gov_config.h): the
 * built-in lists a scenario left out, names resolved to indices (departments,
 * categories), shift blocks parsed, each area class's policy and the
 * timeline's policies; and it reports every inconsistency it finds, all in one
 * pass, in the engine's format (file:line:col: field.path: problem; allowed: ...).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gov.h"
#include "gov_defaults.h"
#include "gov_region.h"
#include "gov_schema.h"
#include "route_registry.h"
#include "sim_mem.h"

#define DAY 24.0

typedef struct loader {
    scn_doc *doc;
    sim_err *err;
    int problems;
    /* the file left these lists out: the built-in ones were put in its place */
    bool builtin_categories, builtin_departments, builtin_daily, builtin_weekly;
} loader;

static void problem(loader *l, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void problem(loader *l, const char *path, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    scn_problem(l->doc, l->err, path, "%s", msg);
    l->problems++;
}

static bool present(const loader *l, const char *path) { return scn_doc_pos(l->doc, path, NULL, NULL); }

/* ---- policies: per class and along the timeline ---- */

/* Copy onto dst every leaf of schema that the document writes under prefix. */
static void overlay(const loader *l, const scn_schema *schema, char *dst, const char *src, const char *prefix)
{
    for (size_t i = 0; i < schema->nfields; i++) {
        const scn_field *f = &schema->fields[i];
        char path[SCN_PATH_MAX];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", f->name);
        if (f->type == SCN_OBJECT)
            overlay(l, f->sub, dst + f->offset, src + f->offset, path);
        else if (present(l, path))
            memcpy(dst + f->offset, src + f->offset, f->size);
    }
}

/* A timeline multiplier is -1 (unchanged) or a value from 0 up: the range
 * check lets -0.5 through, which would silently mean "unchanged". */
static void multiplier_sentinel(loader *l, size_t i, const char *name, double v)
{
    if (v < 0 && v != -1) {
        char path[96];
        snprintf(path, sizeof path, "timeline[%zu].%s", i, name);
        problem(l, path, "negative; allowed: -1 (unchanged) or a value from 0");
    }
}

static void build_policies(loader *l, gov_config *cfg)
{
    static const char *const cls_key[GOV_N_CLASSES] = {"urban", "fringe", "rural"};
    const scn_schema *ps = gov_policy_schema();
    bool classified = cfg->classification.mode == GOV_CLASSIFIED;
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cfg->policy[k] = cfg->base;
        if (classified) {
            char prefix[64];
            snprintf(prefix, sizeof prefix, "classification.%s", cls_key[k]);
            overlay(l, ps, (char *)&cfg->policy[k], (const char *)&cfg->classification.set.cls[k], prefix);
        }
    }
    double mult = cfg->demand.multiplier, dept_mult = cfg->department_staff_multiplier;
    double hot_mult = 1.0, street_mult = 1.0;
    for (size_t i = 0; i < cfg->n_timeline; i++) {
        gov_change_cfg *ch = &cfg->timeline[i];
        multiplier_sentinel(l, i, "demand_multiplier", ch->demand_multiplier_set);
        multiplier_sentinel(l, i, "department_staff_multiplier", ch->department_staff_multiplier_set);
        if (ch->demand_multiplier_set >= 0)
            mult = ch->demand_multiplier_set;
        ch->demand_multiplier = mult;
        if (ch->department_staff_multiplier_set >= 0)
            dept_mult = ch->department_staff_multiplier_set;
        ch->department_staff_multiplier = dept_mult;
        multiplier_sentinel(l, i, "hotline_staff_multiplier", ch->hotline_staff_multiplier_set);
        multiplier_sentinel(l, i, "street_staff_multiplier", ch->street_staff_multiplier_set);
        if (ch->hotline_staff_multiplier_set >= 0)
            hot_mult = ch->hotline_staff_multiplier_set;
        ch->hotline_staff_multiplier = hot_mult;
        if (ch->street_staff_multiplier_set >= 0)
            street_mult = ch->street_staff_multiplier_set;
        ch->street_staff_multiplier = street_mult;
        for (int k = 0; k < GOV_N_CLASSES; k++) {
            ch->policy[k] = i == 0 ? cfg->policy[k] : cfg->timeline[i - 1].policy[k];
            char prefix[64];
            snprintf(prefix, sizeof prefix, "timeline[%zu]", i);
            overlay(l, ps, (char *)&ch->policy[k], (const char *)&ch->set, prefix);
            if (classified) {
                snprintf(prefix, sizeof prefix, "timeline[%zu].classification.%s", i, cls_key[k]);
                overlay(l, ps, (char *)&ch->policy[k], (const char *)&ch->set_cls.cls[k], prefix);
            }
        }
        if (i > 0 && ch->at < cfg->timeline[i - 1].at) {
            char path[64];
            snprintf(path, sizeof path, "timeline[%zu].at", i);
            problem(l, path, "comes before the previous entry; allowed: entries in time order");
        }
        if (ch->at >= cfg->horizon) {
            char path[64];
            snprintf(path, sizeof path, "timeline[%zu].at", i);
            problem(l, path, "at or after the horizon (%g d); allowed: before the end of the run",
                    cfg->horizon / DAY);
        }
    }
}

/* ---- shift blocks ---- */

static const char *const day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int day_index(const char *s, size_t n)
{
    for (int d = 0; d < 7; d++)
        if (n == 3 && strncmp(s, day_names[d], 3) == 0)
            return d;
    return -1;
}

/* "mon-fri", "sat,sun", "all", "weekdays", "weekends", "mon". 0 when malformed. */
static unsigned parse_days(const char *s)
{
    if (strcmp(s, "all") == 0)
        return 0x7f;
    if (strcmp(s, "weekdays") == 0)
        return 0x1f;
    if (strcmp(s, "weekends") == 0)
        return 0x60;
    unsigned mask = 0;
    const char *p = s;
    while (*p) {
        const char *e = p;
        while (*e && *e != ',')
            e++;
        const char *dash = memchr(p, '-', (size_t)(e - p));
        int a = day_index(p, (size_t)((dash ? dash : e) - p));
        int b = dash ? day_index(dash + 1, (size_t)(e - dash - 1)) : a;
        if (a < 0 || b < 0)
            return 0;
        for (int d = a;; d = (d + 1) % 7) {
            mask |= 1u << d;
            if (d == b)
                break;
        }
        p = *e ? e + 1 : e;
    }
    return mask;
}

/* "HH:MM" from 00:00 to 24:00, in hours; -1 when malformed. */
static double parse_clock(const char *s)
{
    unsigned h, m;
    char tail;
    if (strlen(s) != 5 || sscanf(s, "%2u:%2u%c", &h, &m, &tail) != 2 || m > 59 || h > 24 ||
        (h == 24 && m > 0))
        return -1;
    return h + m / 60.0;
}

/* The blocks in force for a role, parsed (the file's, or the built-in ones
 * put in their place before binding). */
static void build_schedule(loader *l, gov_schedule_cfg *s, const char *role)
{
    char path[96];
    s->shifts = sim_calloc(s->n_blocks ? s->n_blocks : 1, sizeof *s->shifts);
    if (s->shifts == NULL) {
        sim_err_nomem(l->err, "loading the scenario");
        l->problems++;
        return;
    }
    s->n_shifts = s->n_blocks;
    for (size_t i = 0; i < s->n_blocks; i++) {
        const gov_block_cfg *b = &s->blocks[i];
        gov_shift_cfg *sh = &s->shifts[i];
        sh->days = b->days ? parse_days(b->days) : 0;
        sh->start = b->start ? parse_clock(b->start) : -1;
        sh->end = b->end ? parse_clock(b->end) : -1;
        sh->on_duty_share = b->on_duty_share;
        snprintf(path, sizeof path, "shifts.%s.blocks[%zu].days", role, i);
        if (sh->days == 0)
            problem(l, path, "\"%s\" is not a set of days; allowed: \"mon-fri\", \"sat,sun\", \"all\", "
                             "\"weekdays\", \"weekends\", day names mon..sun", b->days);
        snprintf(path, sizeof path, "shifts.%s.blocks[%zu].start", role, i);
        if (sh->start < 0)
            problem(l, path, "\"%s\" is not a time; allowed: HH:MM from 00:00 to 24:00", b->start);
        snprintf(path, sizeof path, "shifts.%s.blocks[%zu].end", role, i);
        if (sh->end < 0)
            problem(l, path, "\"%s\" is not a time; allowed: HH:MM from 00:00 to 24:00", b->end);
        else if (sh->start >= 0 && fmod(sh->end, 24.0) == fmod(sh->start, 24.0))
            problem(l, path, "a block must not start and end at the same time; allowed: a different time "
                             "(an end at or before the start runs past midnight)");
    }
}

/* ---- names ---- */

/* Names are NULL where the file left a required name out (already reported). */
static bool same(const char *a, const char *b) { return a != NULL && b != NULL && strcmp(a, b) == 0; }

static int find_department(const gov_config *cfg, const char *name)
{
    for (size_t d = 0; name != NULL && d < cfg->n_departments; d++)
        if (same(cfg->departments[d].name, name))
            return (int)d;
    return -1;
}

static int find_category(const gov_config *cfg, const char *name)
{
    for (size_t c = 0; name != NULL && c < cfg->n_categories; c++)
        if (same(cfg->categories[c].name, name))
            return (int)c;
    return -1;
}

/* "a, b, c" (truncated) for "allowed:" lists. */
static void department_list(const gov_config *cfg, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t d = 0; d < cfg->n_departments && used + 4 < size; d++) {
        if (cfg->departments[d].name == NULL)
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", cfg->departments[d].name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static bool department_has_staff(const gov_department_cfg *d)
{
    return d->staff_per_100k > 0 || d->min_staff >= 0.5 || d->stationed_per_street >= 0.5;
}

/* Built-in categories (the file lists none) whose department the file's own
 * list lacks: one line per missing department, at the departments list the
 * planner wrote, rather than one per category the planner never wrote. */
static void check_builtin_departments(loader *l, const gov_config *cfg, const char *list)
{
    for (size_t i = 0; i < cfg->n_categories; i++) {
        const char *dep = cfg->categories[i].department;
        if (cfg->categories[i].resolver != GOV_RES_DEPARTMENT || dep == NULL || find_department(cfg, dep) >= 0)
            continue;
        bool reported = false;
        for (size_t j = 0; j < i && !reported; j++)
            reported = cfg->categories[j].resolver == GOV_RES_DEPARTMENT && same(cfg->categories[j].department, dep);
        if (reported)
            continue;
        char needs[300];
        size_t used = 0;
        needs[0] = '\0';
        for (size_t j = i; j < cfg->n_categories && used + 4 < sizeof needs; j++)
            if (cfg->categories[j].resolver == GOV_RES_DEPARTMENT && same(cfg->categories[j].department, dep)) {
                int n = snprintf(needs + used, sizeof needs - used, "%s%s", used ? ", " : "",
                                 cfg->categories[j].name);
                if (n < 0 || (size_t)n >= sizeof needs - used)
                    break;
                used += (size_t)n;
            }
        problem(l, "departments", "no department \"%s\", which the built-in categories need (%s); allowed: "
                                  "list it too (the built-in departments: %s), or list the categories as "
                                  "well", dep, needs, list);
    }
}

/* "a, b, c": the built-in departments' names, for messages. */
static void builtin_department_names(char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    cJSON *list = cJSON_Parse(gov_builtin_departments());
    const cJSON *d;
    cJSON_ArrayForEach(d, list)
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(d, "name");
        if (!cJSON_IsString(name) || used + 4 >= size)
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", name->valuestring);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    cJSON_Delete(list);
}

static void check_names(loader *l, const gov_config *cfg)
{
    char path[96], list[400];
    for (size_t i = 0; i < cfg->n_departments; i++)
        for (size_t j = 0; j < i; j++)
            if (same(cfg->departments[i].name, cfg->departments[j].name)) {
                snprintf(path, sizeof path, "departments[%zu].name", i);
                problem(l, path, "\"%s\" is already departments[%zu]; allowed: unique names",
                        cfg->departments[i].name, j);
            }
    /* An empty or mistyped departments list is reported on its own; naming
     * every category that misses a department would only repeat it. */
    bool check_departments = cfg->n_departments > 0;
    if (!l->builtin_departments && check_departments && l->builtin_categories) {
        builtin_department_names(list, sizeof list);
        check_builtin_departments(l, cfg, list);
    }
    bool builtin_categories = l->builtin_categories;
    department_list(cfg, list, sizeof list);
    for (size_t i = 0; i < cfg->n_categories; i++) {
        const gov_category_cfg *c = &cfg->categories[i];
        for (size_t j = 0; j < i; j++)
            if (same(c->name, cfg->categories[j].name)) {
                snprintf(path, sizeof path, "categories[%zu].name", i);
                problem(l, path, "\"%s\" is already categories[%zu]; allowed: unique names", c->name, j);
            }
        for (int k = 0; k < GOV_N_CLASSES; k++)
            if (c->channel_hotline.v[k] + c->channel_app.v[k] > 1.0 + 1e-9) {
                static const char *const cls[] = {"urban", "fringe", "rural"};
                snprintf(path, sizeof path, "categories[%zu].app_share.%s", i, cls[k]);
                problem(l, path, "hotline_share + app_share = %g; allowed: at most 1 (the rest tell the grid "
                                 "worker)", c->channel_hotline.v[k] + c->channel_app.v[k]);
            }
        if (c->resolver != GOV_RES_DEPARTMENT || !check_departments)
            continue;
        snprintf(path, sizeof path, "categories[%zu].department", i);
        int d = find_department(cfg, c->department);
        if (c->department == NULL)
            problem(l, path, "missing: a category resolved by a department must name it; allowed: %s", list);
        else if (d < 0 && !builtin_categories)
            problem(l, path, "no department \"%s\"; allowed: %s", c->department, list);
        else if (d >= 0 && !department_has_staff(&cfg->departments[d]))
            problem(l, path, "nobody can resolve this category: department \"%s\" has no staff; "
                             "allowed: a department with staff_per_100k_residents, min_staff or "
                             "stationed_per_street above 0", c->department);
    }
}

/* Every class with communities needs something to ask for. */
static void check_mix(loader *l, const gov_config *cfg)
{
    static const char *const cls[] = {"urban", "fringe", "rural"};
    bool have[GOV_N_CLASSES];
    if (cfg->n_categories == 0)
        return; /* reported as empty */
    gov_region_classes(cfg, have);
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        if (!have[k])
            continue;
        double sum = 0;
        for (size_t i = 0; i < cfg->n_categories; i++)
            sum += cfg->categories[i].mix.v[k];
        if (!(sum > 0))
            problem(l, "categories", "no category has a positive mix.%s weight, but the region has %s "
                                     "communities; allowed: at least one positive weight per class present",
                    cls[k], cls[k]);
    }
}

static void check_region(loader *l, const gov_config *cfg)
{
    char path[96];
    const gov_region_cfg *rg = &cfg->region;
    if (rg->n_communities == 0) {
        const gov_generate_cfg *g = &rg->generate;
        if (!(g->class_shares.v[0] + g->class_shares.v[1] + g->class_shares.v[2] > 0)) {
            problem(l, "region.generate.class_shares", "all shares are 0; allowed: at least one above 0");
            return;
        }
        gov_region_plan p;
        gov_region_plan_of(g, &p);
        if (!p.derived_communities && g->residents / g->communities < 1)
            problem(l, "region.generate.residents", "fewer residents than communities; allowed: at least one "
                                                    "resident per community");
        if (!p.derived_streets && p.streets > p.n_communities)
            problem(l, "region.generate.streets", "%zu streets for %zu communities%s; allowed: at most one street "
                                                  "per community", p.streets, p.n_communities,
                    p.derived_communities ? " (derived from residents_per_community)" : "");
        if (!p.derived_districts && p.districts > p.streets)
            problem(l, "region.generate.districts", "%zu districts for %zu streets%s; allowed: at most one "
                                                    "district per street", p.districts, p.streets,
                    p.derived_streets ? " (derived from communities_per_street)" : "");
        return;
    }
    for (size_t i = 0; i < rg->n_communities; i++) {
        const gov_community_cfg *c = &rg->communities[i];
        for (size_t j = 0; j < i; j++)
            if (same(c->name, rg->communities[j].name)) {
                snprintf(path, sizeof path, "region.communities[%zu].name", i);
                problem(l, path, "\"%s\" is already region.communities[%zu]; allowed: unique names", c->name, j);
            }
        if (cfg->classification.classify_by == GOV_CLASSES_BY_DENSITY && !(c->area_km2 > 0)) {
            snprintf(path, sizeof path, "region.communities[%zu]", i);
            problem(l, path, "classify_by is density but area_km2 is missing; allowed: area_km2 above 0");
        }
    }
}

/* A rule's cross-checks report through the loader. */
static void rule_problem(void *ctx, const char *path, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    problem(ctx, path, "%s", msg);
}

/* Each rule with cross-checks checks the configuration once, with the routing
 * section of the first class whose policy at the start uses it. */
static void check_rules(loader *l, const gov_config *cfg)
{
    const route_ops *const *rules = route_table();
    for (size_t i = 0; i < route_count(); i++) {
        if (rules[i]->check == NULL)
            continue;
        for (int k = 0; k < GOV_N_CLASSES; k++) {
            const gov_routing_cfg *r = &cfg->policy[k].routing;
            const route_ops *own = rules[r->rule];
            int base = own->delegates ? own->base(r->params[r->rule]) : -1;
            if ((size_t)r->rule == i || (base >= 0 && (size_t)base == i)) {
                rules[i]->check(cfg, r, rule_problem, l);
                break;
            }
        }
    }
}

/* ---- the run's length ---- */

/* A duration for messages, in the unit a planner would write it in. */
static void human_duration(double h, char *out, size_t size)
{
    if (h >= DAY)
        snprintf(out, size, "%g d", h / DAY);
    else if (h >= 1.0)
        snprintf(out, size, "%g h", h);
    else if (h >= 1.0 / 60)
        snprintf(out, size, "%g min", h * 60);
    else
        snprintf(out, size, "%g s", h * 3600);
}

/* The horizon must outlast the warm-up and hold a time-series step. A field the
 * file does not write keeps its default: the message then points at the
 * horizon, which the file does write, and names the default it clashes with. */
static void check_horizon(loader *l, const gov_config *cfg)
{
    char hz[32], wu[32], st[32];
    human_duration(cfg->horizon, hz, sizeof hz);
    human_duration(cfg->warmup, wu, sizeof wu);
    human_duration(cfg->timeseries_step, st, sizeof st);
    bool warm_bad = cfg->warmup >= cfg->horizon, step_bad = cfg->timeseries_step > cfg->horizon;
    bool warm_set = present(l, "warmup"), step_set = present(l, "timeseries_step");
    if (warm_bad && warm_set)
        problem(l, "warmup", "%s is not shorter than the horizon (%s); allowed: below the horizon", wu, hz);
    if (step_bad && step_set)
        problem(l, "timeseries_step", "%s is longer than the horizon (%s); allowed: at most the horizon", st, hz);
    warm_bad = warm_bad && !warm_set;
    step_bad = step_bad && !step_set;
    if (warm_bad && step_bad)
        problem(l, "horizon", "%s leaves no room for the warm-up (%s) and a time-series step (%s), the "
                              "defaults of warmup and timeseries_step; allowed: a horizon longer than %s, or "
                              "a shorter warmup and timeseries_step", hz, wu, st, wu);
    else if (warm_bad)
        problem(l, "horizon", "%s is not longer than the warm-up (%s, the default of warmup); allowed: a "
                              "horizon longer than %s, or a shorter warmup", hz, wu, wu);
    else if (step_bad)
        problem(l, "horizon", "%s is shorter than the time-series step (%s, the default of timeseries_step); "
                              "allowed: a horizon of at least %s, or a shorter timeseries_step", hz, st, st);
}

/* ---- the derived members ---- */

/* The profiles in force: the file's (checked), or the built-in ones. */
static void resolve_profiles(loader *l, gov_demand_cfg *d)
{
    double dsum = 0, wsum = 0;
    if (d->n_daily != 24) {
        problem(l, "demand.daily_profile", "%zu values; allowed: exactly 24, hour 0 first", d->n_daily);
    } else {
        memcpy(d->daily_profile, d->daily, sizeof d->daily_profile);
        for (int i = 0; i < 24; i++)
            dsum += d->daily_profile[i];
        if (!(dsum > 0))
            problem(l, "demand.daily_profile", "all weights are 0; allowed: at least one above 0");
    }
    if (d->n_weekly != 7) {
        problem(l, "demand.weekly_profile", "%zu values; allowed: exactly 7, Monday first", d->n_weekly);
    } else {
        memcpy(d->weekly_profile, d->weekly, sizeof d->weekly_profile);
        for (int i = 0; i < 7; i++)
            wsum += d->weekly_profile[i];
        if (!(wsum > 0))
            problem(l, "demand.weekly_profile", "all weights are 0; allowed: at least one above 0");
    }
}

/* Categories and departments: the file's list must not be empty (the
 * built-in ones were put in place of a list the file left out). */
static void check_lists(loader *l, const gov_config *cfg)
{
    if (!l->builtin_categories && cfg->n_categories == 0)
        problem(l, "categories", "empty; allowed: at least one category (leave the field out for the built-in ones)");
    if (!l->builtin_departments && cfg->n_departments == 0 &&
        cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(scn_doc_root(l->doc), "departments")))
        problem(l, "departments", "empty; allowed: at least one department (leave the field out for the "
                                  "built-in ones)");
}

/* Surges name a category, sinking windows a department: their indices. */
static void resolve_names(loader *l, gov_config *cfg)
{
    char path[96], list[400];
    department_list(cfg, list, sizeof list);
    gov_demand_cfg *d = &cfg->demand;
    for (size_t i = 0; i < d->n_surges; i++) {
        gov_surge_cfg *s = &d->surges[i];
        snprintf(path, sizeof path, "demand.surges[%zu].end", i);
        if (!(s->end > s->start))
            problem(l, path, "not after start; allowed: a window that ends after it starts");
        s->category_index = -1;
        if (s->category != NULL && (s->category_index = find_category(cfg, s->category)) < 0) {
            snprintf(path, sizeof path, "demand.surges[%zu].category", i);
            problem(l, path, "no category \"%s\"; allowed: a name from categories", s->category);
        }
    }
    for (size_t i = 0; i < cfg->n_categories; i++) {
        gov_category_cfg *c = &cfg->categories[i];
        c->worsens_to_index = -1;
        if (c->worsens_to == NULL)
            continue;
        snprintf(path, sizeof path, "categories[%zu].worsens_to", i);
        if ((c->worsens_to_index = find_category(cfg, c->worsens_to)) < 0)
            problem(l, path, "no category \"%s\"; allowed: a name from categories", c->worsens_to);
        else if ((size_t)c->worsens_to_index == i)
            problem(l, path, "the category itself; allowed: another category (a worse one)");
    }
    for (size_t i = 0; i < cfg->n_sinking; i++) {
        gov_sinking_cfg *s = &cfg->sinking[i];
        snprintf(path, sizeof path, "sinking[%zu].end", i);
        if (!(s->end > s->start))
            problem(l, path, "not after start; allowed: a window that ends after it starts");
        s->department_index = -1;
        if (s->department != NULL && (s->department_index = find_department(cfg, s->department)) < 0) {
            snprintf(path, sizeof path, "sinking[%zu].department", i);
            problem(l, path, "no department \"%s\"; allowed: %s", s->department, list);
        }
    }
}

static int resolve(loader *l, gov_config *cfg)
{
    check_horizon(l, cfg);
    if (cfg->classification.urban_min_density < cfg->classification.rural_max_density)
        problem(l, "classification.urban_min_density_per_km2",
                "below rural_max_density_per_km2; allowed: at least rural_max_density_per_km2");
    resolve_profiles(l, &cfg->demand);
    check_lists(l, cfg);
    build_schedule(l, &cfg->shifts.grid, "grid");
    build_schedule(l, &cfg->shifts.community, "community");
    build_schedule(l, &cfg->shifts.department, "department");
    build_schedule(l, &cfg->shifts.street, "street");
    build_schedule(l, &cfg->shifts.hotline, "hotline");
    build_policies(l, cfg);
    resolve_names(l, cfg);
    check_names(l, cfg);
    check_region(l, cfg);
    check_mix(l, cfg);
    check_rules(l, cfg);
    return l->problems ? SIM_ERR_INPUT : SIM_OK;
}

/* The built-in lists in place of those the file leaves out, before binding, so
 * the schema reads them as it reads the file (gov_defaults.c). */
static int put_builtins(loader *l)
{
    static const char *const roles[GOV_N_SCHEDS] = {
        [GOV_SCHED_GRID] = "grid", [GOV_SCHED_COMMUNITY] = "community", [GOV_SCHED_DEPARTMENT] = "department",
        [GOV_SCHED_STREET] = "street", [GOV_SCHED_HOTLINE] = "hotline"};
    static const char origin[] = "built-in defaults";
    scn_doc *doc = l->doc;
    int rc = SIM_OK;
    if (rc == SIM_OK && (l->builtin_categories = !present(l, "categories")))
        rc = scn_set_text_from(doc, "categories", gov_builtin_categories(), origin, l->err);
    if (rc == SIM_OK && (l->builtin_departments = !present(l, "departments")))
        rc = scn_set_text_from(doc, "departments", gov_builtin_departments(), origin, l->err);
    if (rc == SIM_OK && (l->builtin_daily = !present(l, "demand.daily_profile")))
        rc = scn_set_text_from(doc, "demand.daily_profile", gov_builtin_daily(), origin, l->err);
    if (rc == SIM_OK && (l->builtin_weekly = !present(l, "demand.weekly_profile")))
        rc = scn_set_text_from(doc, "demand.weekly_profile", gov_builtin_weekly(), origin, l->err);
    for (int r = 0; r < GOV_N_SCHEDS && rc == SIM_OK; r++) {
        char path[96];
        const gov_builtin_schedule *b = gov_builtin_schedule_of(r);
        snprintf(path, sizeof path, "shifts.%s.blocks", roles[r]);
        if (present(l, path))
            continue;
        rc = scn_set_text_from(doc, path, b->blocks, origin, l->err);
        snprintf(path, sizeof path, "shifts.%s.on_call_share", roles[r]);
        if (rc == SIM_OK && !present(l, path))
            rc = scn_set_text_from(doc, path, b->on_call_share, origin, l->err);
    }
    return rc;
}

static int finish(scn_doc *doc, const scn_override *ovr, size_t n_ovr, const char *source, gov_config *cfg,
                  sim_err *err)
{
    memset(cfg, 0, sizeof *cfg);
    loader l = {doc, err, 0, false, false, false, false};
    /* The built-in lists first, so an override can change one of their
     * elements (--set categories[2].on_spot_share=0.3); an override of a
     * whole list replaces it like a file's list would. */
    int rc = cJSON_IsObject(scn_doc_root(doc)) ? put_builtins(&l) : SIM_OK;
    if (rc == SIM_OK)
        rc = scn_apply(doc, ovr, n_ovr, err);
    for (size_t i = 0; rc == SIM_OK && i < n_ovr; i++) {
        if (strcmp(ovr[i].path, "categories") == 0)
            l.builtin_categories = false;
        if (strcmp(ovr[i].path, "departments") == 0)
            l.builtin_departments = false;
    }
    if (rc != SIM_OK)
        return rc;
    /* Keep the bound values even when some are wrong, so the checks below can
     * report their problems in the same pass. */
    int bound = scn_bind_keep(doc, cfg, err);
    if (bound == SIM_ERR_RUNTIME)
        return bound;
    /* Not an object at all: nothing was bound, not even the defaults, and the
     * cross-checks would only report on the zeros. */
    if (bound != SIM_OK && !cJSON_IsObject(scn_doc_root(doc))) {
        gov_config_free(cfg);
        return bound;
    }
    rc = resolve(&l, cfg);
    if (bound != SIM_OK && rc == SIM_OK)
        rc = bound;
    if (rc == SIM_OK && source != NULL && (cfg->source = sim_strdup(source)) == NULL)
        rc = sim_err_nomem(err, "loading the scenario");
    if (rc != SIM_OK)
        gov_config_free(cfg);
    return rc;
}

void gov_config_free(gov_config *cfg)
{
    if (cfg == NULL)
        return;
    gov_schedule_cfg *s[] = {&cfg->shifts.grid, &cfg->shifts.community, &cfg->shifts.department,
                             &cfg->shifts.street, &cfg->shifts.hotline};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        sim_free(s[i]->shifts);
    sim_free(cfg->source);
    scn_config_free(&gov_schema, cfg);
    memset(cfg, 0, sizeof *cfg);
}

int gov_config_load(const char *path, const scn_override *ovr, size_t n_ovr, gov_config *cfg, sim_err *err)
{
    memset(cfg, 0, sizeof *cfg);
    scn_doc *doc = NULL;
    int rc = scn_doc_load(&gov_schema, path, &doc, err);
    if (rc == SIM_OK)
        rc = finish(doc, ovr, n_ovr, path, cfg, err);
    scn_doc_destroy(doc);
    return rc;
}

static int parse(const char *name, const char *text, size_t len, unsigned flags, const scn_override *ovr,
                 size_t n_ovr, gov_config *cfg, sim_err *err)
{
    memset(cfg, 0, sizeof *cfg);
    scn_doc *doc = NULL;
    int rc = scn_doc_parse(&gov_schema, name, text, len, flags, &doc, err);
    if (rc == SIM_OK)
        rc = finish(doc, ovr, n_ovr, name, cfg, err);
    scn_doc_destroy(doc);
    return rc;
}

int gov_config_parse(const char *name, const char *text, size_t len, const scn_override *ovr, size_t n_ovr,
                     gov_config *cfg, sim_err *err)
{
    return parse(name, text, len, 0, ovr, n_ovr, cfg, err);
}

int gov_config_parse_flags(const char *name, const char *text, size_t len, unsigned flags,
                           const scn_override *ovr, size_t n_ovr, gov_config *cfg, sim_err *err)
{
    return parse(name, text, len, flags, ovr, n_ovr, cfg, err);
}

int gov_config_defaults(gov_config *cfg)
{
    static const char minimal[] = "{\"name\": \"govsim scenario\"}";
    sim_err err;
    sim_err_init(&err);
    return gov_config_parse("built-in defaults", minimal, sizeof minimal - 1, NULL, 0, cfg, &err) == SIM_OK ? 0 : -1;
}
