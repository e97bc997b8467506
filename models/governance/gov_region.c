/*
 * gov_region.c — the place: districts, streets/townships, communities/villages
 * and grids, generated from totals or listed one by one, each community with
 * its area class; and the staff pools that serve them.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gov_case.h"
#include "gov_pool.h"
#include "gov_region.h"
#include "gov_staff.h"
#include "sim_mem.h"

static int classify_density(const gov_config *cfg, double density)
{
    if (density >= cfg->classification.urban_min_density)
        return GOV_URBAN;
    if (density < cfg->classification.rural_max_density)
        return GOV_RURAL;
    return GOV_FRINGE;
}

/* Split n into parts proportional to w[0..k) by largest remainders. */
static void largest_remainder(double n, const double *w, int k, double *out)
{
    double given = 0, total = 0;
    for (int i = 0; i < k; i++)
        total += w[i];
    for (int i = 0; i < k; i++) {
        out[i] = total > 0 ? floor(n * w[i] / total) : 0;
        given += out[i];
    }
    while (given < n && total > 0) {
        int best = 0;
        double best_rem = -1;
        for (int i = 0; i < k; i++) {
            double rem = n * w[i] / total - out[i];
            if (rem > best_rem) {
                best_rem = rem;
                best = i;
            }
        }
        out[best] += 1;
        given += 1;
    }
}

/* Generated communities get classes in contiguous blocks (a street is urban or
 * a township rural), in the order urban, fringe, rural. Given a number of
 * communities, they are all the same size and the blocks' sizes are the class
 * shares' largest remainders; otherwise each class's residents (the shares'
 * largest remainders of the whole persons) make communities of its standard
 * size. Streets and districts not given follow from communities per street and
 * streets per district. */
void gov_region_plan_of(const gov_generate_cfg *g, gov_region_plan *p)
{
    memset(p, 0, sizeof *p);
    double res[GOV_N_CLASSES], cnt[GOV_N_CLASSES];
    p->derived_communities = g->communities <= 0;
    if (!p->derived_communities) {
        largest_remainder((double)g->communities, g->class_shares.v, GOV_N_CLASSES, cnt);
        for (int k = 0; k < GOV_N_CLASSES; k++) {
            p->communities[k] = (size_t)cnt[k];
            p->residents[k] = g->residents * cnt[k] / g->communities;
        }
    } else {
        largest_remainder(floor(g->residents), g->class_shares.v, GOV_N_CLASSES, res);
        for (int k = 0; k < GOV_N_CLASSES; k++) {
            p->residents[k] = res[k];
            double c = res[k] > 0 ? floor(res[k] / g->residents_per_community.v[k] + 0.5) : 0;
            p->communities[k] = (size_t)(res[k] > 0 && c < 1 ? 1 : c);
        }
    }
    for (int k = 0; k < GOV_N_CLASSES; k++)
        p->n_communities += p->communities[k];
    p->derived_streets = g->streets <= 0;
    p->streets = p->derived_streets ? 0 : (size_t)g->streets;
    for (int k = 0; k < GOV_N_CLASSES && p->derived_streets; k++) {
        p->class_streets[k] = (size_t)ceil((double)p->communities[k] / g->communities_per_street - 1e-9);
        p->streets += p->class_streets[k];
    }
    p->derived_districts = g->districts <= 0;
    p->districts = p->derived_districts ? (size_t)ceil((double)p->streets / g->streets_per_district - 1e-9)
                                        : (size_t)g->districts;
    if (p->derived_districts && p->districts < 1)
        p->districts = 1;
}

/* The class of the j-th of `count` generated communities of class k: its own,
 * or from its density (0.5x to 1.5x the class's, so a threshold moves
 * communities one by one). */
static int generated_class(const gov_config *cfg, int k, size_t j, size_t count)
{
    if (cfg->classification.classify_by != GOV_CLASSES_BY_DENSITY)
        return k;
    double spread = count > 1 ? 0.5 + (double)j / (double)(count - 1) : 1.0;
    return classify_density(cfg, cfg->region.generate.density_per_km2.v[k] * spread);
}

static int listed_class(const gov_config *cfg, const gov_community_cfg *cc)
{
    if (cfg->classification.classify_by == GOV_CLASSES_BY_DENSITY && cc->area_km2 > 0)
        return classify_density(cfg, cc->residents / cc->area_km2);
    return cc->area_class >= 0 ? cc->area_class : GOV_URBAN;
}

void gov_region_classes(const gov_config *cfg, bool present[GOV_N_CLASSES])
{
    for (int k = 0; k < GOV_N_CLASSES; k++)
        present[k] = false;
    const gov_region_cfg *rg = &cfg->region;
    if (rg->n_communities > 0) {
        for (size_t i = 0; i < rg->n_communities; i++)
            present[listed_class(cfg, &rg->communities[i])] = true;
        return;
    }
    gov_region_plan p;
    gov_region_plan_of(&rg->generate, &p);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        for (size_t j = 0; j < p.communities[k]; j++)
            present[generated_class(cfg, k, j, p.communities[k])] = true;
}

void gov_region_class_totals(const gov_config *cfg, double communities[GOV_N_CLASSES],
                             double residents[GOV_N_CLASSES], double households[GOV_N_CLASSES])
{
    for (int k = 0; k < GOV_N_CLASSES; k++)
        communities[k] = residents[k] = households[k] = 0;
    const gov_region_cfg *rg = &cfg->region;
    if (rg->n_communities > 0) {
        for (size_t i = 0; i < rg->n_communities; i++) {
            const gov_community_cfg *cc = &rg->communities[i];
            int k = listed_class(cfg, cc);
            communities[k] += 1;
            residents[k] += cc->residents;
            households[k] += cc->households > 0 ? cc->households : cc->residents / rg->persons_per_household;
        }
        return;
    }
    /* Residents spread evenly within a class (layout_generated); the remainder
     * of one person per community does not matter here. */
    gov_region_plan p;
    gov_region_plan_of(&rg->generate, &p);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        for (size_t j = 0; j < p.communities[k]; j++) {
            double each = p.residents[k] / (double)p.communities[k];
            int c = generated_class(cfg, k, j, p.communities[k]);
            communities[c] += 1;
            residents[c] += each;
            households[c] += each / rg->persons_per_household;
        }
}

/* Index of name in names[0..n), appending it when new. */
static size_t intern(const char **names, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    names[*n] = name;
    return (*n)++;
}

static int layout_listed(gov_model *m)
{
    const gov_region_cfg *rg = &m->cfg->region;
    size_t n = rg->n_communities;
    const char **dnames = sim_calloc(n, sizeof *dnames);
    const char **snames = sim_calloc(n, sizeof *snames);
    size_t *sdist = sim_calloc(n, sizeof *sdist);
    if (dnames == NULL || snames == NULL || sdist == NULL) {
        sim_free(dnames);
        sim_free(snames);
        sim_free(sdist);
        return sim_err_nomem(m->err, "building the region");
    }
    size_t nd = 0, ns = 0;
    for (size_t i = 0; i < n; i++) {
        const gov_community_cfg *cc = &rg->communities[i];
        gov_community *cm = &m->comm[i];
        cm->district = (uint32_t)intern(dnames, &nd, cc->district ? cc->district : "district");
        /* A street is known by its name within its district. */
        size_t s;
        const char *sname = cc->street ? cc->street : "street";
        for (s = 0; s < ns; s++)
            if (strcmp(snames[s], sname) == 0 && sdist[s] == cm->district)
                break;
        if (s == ns) {
            snames[ns] = sname;
            sdist[ns++] = cm->district;
        }
        cm->street = (uint32_t)s;
        cm->name = cc->name;
        cm->residents = cc->residents;
        cm->households = cc->households > 0 ? cc->households : cc->residents / rg->persons_per_household;
        cm->cls = (uint8_t)listed_class(m->cfg, cc);
    }
    m->n_districts = nd;
    m->n_streets = ns;
    m->street_district = sdist;
    sim_free(dnames);
    sim_free(snames);
    return SIM_OK;
}

/* Residents of the j-th of the communities of class k. Given a number of
 * communities, every community has the whole region's residents / n and the
 * remainder goes to the first ones (i: the index over all); derived, each
 * class's residents are spread over its own communities likewise. */
static double generated_residents(const gov_generate_cfg *g, const gov_region_plan *p, int k, size_t j, size_t i)
{
    double total = p->derived_communities ? p->residents[k] : g->residents;
    double n = p->derived_communities ? (double)p->communities[k] : (double)p->n_communities;
    double at = p->derived_communities ? (double)j : (double)i;
    double base = floor(total / n);
    return base + (at < total - base * n ? 1.0 : 0.0);
}

static int layout_generated(gov_model *m)
{
    const gov_config *cfg = m->cfg;
    const gov_region_cfg *rg = &cfg->region;
    gov_region_plan p;
    gov_region_plan_of(&rg->generate, &p);
    size_t n = m->n_comm, ns = p.streets, nd = p.districts;
    m->names = sim_calloc(n, 32);
    m->street_district = sim_calloc(ns, sizeof *m->street_district);
    if (m->names == NULL || m->street_district == NULL)
        return sim_err_nomem(m->err, "building the region");
    size_t i = 0, first_street = 0;
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        for (size_t j = 0; j < p.communities[k]; j++, i++) {
            gov_community *cm = &m->comm[i];
            char *name = m->names + 32 * i;
            snprintf(name, 32, "community-%04zu", i + 1);
            cm->name = name;
            cm->residents = generated_residents(&rg->generate, &p, k, j, i);
            cm->households = cm->residents / rg->persons_per_household;
            cm->cls = (uint8_t)generated_class(cfg, k, j, p.communities[k]);
            /* Given streets take the communities in order; derived ones, each
             * class's own. */
            cm->street = p.derived_streets ? (uint32_t)(first_street + j * p.class_streets[k] / p.communities[k])
                                           : (uint32_t)(i * ns / n);
        }
        first_street += p.class_streets[k];
    }
    for (size_t s = 0; s < ns; s++)
        m->street_district[s] = s * nd / ns;
    for (size_t c = 0; c < n; c++)
        m->comm[c].district = (uint32_t)m->street_district[m->comm[c].street];
    m->n_streets = ns;
    m->n_districts = nd;
    return SIM_OK;
}

static int make_pool(gov_model *m, gov_pool *p, const char *kind, const char *where, int role, int cls,
                     uint32_t owner, unsigned headcount, unsigned part_time)
{
    char name[160];
    snprintf(name, sizeof name, "%s/%s", kind, where);
    return gov_pool_init(m, p, name, role, cls, owner, headcount, part_time, gov_on_start);
}

static int build_pools(gov_model *m)
{
    const gov_config *cfg = m->cfg;
    int rc = SIM_OK;
    for (size_t c = 0; c < m->n_comm && rc == SIM_OK; c++) {
        gov_community *cm = &m->comm[c];
        const gov_policy_cfg *pol = m->policy[cm->cls];
        unsigned g = gov_policy_headcount(m, cm, ROLE_GRID);
        unsigned part = (unsigned)lround(pol->staffing.grid_part_time_share * g);
        rc = make_pool(m, &cm->grid, "grid", cm->name, ROLE_GRID, cm->cls, (uint32_t)c, g, part);
        if (rc == SIM_OK)
            rc = make_pool(m, &cm->comm, "community", cm->name, ROLE_COMMUNITY, cm->cls, (uint32_t)c,
                           gov_policy_headcount(m, cm, ROLE_COMMUNITY), 0);
        if (rc == SIM_OK)
            rc = make_pool(m, &cm->vol, "volunteers", cm->name, ROLE_VOLUNTEER, cm->cls, (uint32_t)c,
                           gov_policy_headcount(m, cm, ROLE_VOLUNTEER), 0);
        if (rc == SIM_OK)
            rc = make_pool(m, &cm->prop, "property", cm->name, ROLE_PROPERTY, cm->cls, (uint32_t)c,
                           gov_policy_headcount(m, cm, ROLE_PROPERTY), 0);
        cm->n_grids = g > 0 ? g : 1;
    }
    for (size_t s = 0; s < m->n_streets && rc == SIM_OK; s++) {
        gov_street *st = &m->streets[s];
        char where[32];
        snprintf(where, sizeof where, "street-%03zu", s + 1);
        unsigned n = gov_street_staff(&cfg->street, st->residents, 1.0);
        rc = make_pool(m, &st->command, "street", where, ROLE_STREET, -1, (uint32_t)s, n, 0);
        if (rc == SIM_OK)
            rc = make_pool(m, &st->social, "social", where, ROLE_SOCIAL, -1, (uint32_t)s,
                           gov_street_social_headcount(m, s), 0);
        st->stationed = sim_calloc(m->n_dept, sizeof *st->stationed);
        if (st->stationed == NULL)
            return sim_err_nomem(m->err, "building the region");
        for (size_t d = 0; d < m->n_dept && rc == SIM_OK; d++) {
            unsigned k = gov_stationed_staff(&cfg->departments[d], cfg->department_staff_multiplier);
            if (k == 0)
                continue;
            char w2[96];
            snprintf(w2, sizeof w2, "%s@%s", cfg->departments[d].name, where);
            rc = make_pool(m, &st->stationed[d], "stationed", w2, ROLE_DEPARTMENT, -1, (uint32_t)s, k, 0);
            st->stationed[d].department = (int)d;
            st->stationed[d].owner_is_street = 1;
        }
    }
    for (size_t d = 0; d < m->n_districts && rc == SIM_OK; d++) {
        gov_district *di = &m->districts[d];
        di->dept = sim_calloc(m->n_dept, sizeof *di->dept);
        if (di->dept == NULL)
            return sim_err_nomem(m->err, "building the region");
        for (size_t k = 0; k < m->n_dept && rc == SIM_OK; k++) {
            const gov_department_cfg *dc = &cfg->departments[k];
            unsigned n = gov_department_staff(dc, di->residents, cfg->department_staff_multiplier);
            char where[96];
            snprintf(where, sizeof where, "%s@district-%02zu", dc->name, d + 1);
            rc = make_pool(m, &di->dept[k], "department", where, ROLE_DEPARTMENT, -1, (uint32_t)d, n, 0);
            di->dept[k].department = (int)k;
        }
    }
    if (rc == SIM_OK) {
        m->residents = 0;
        for (size_t c = 0; c < m->n_comm; c++)
            m->residents += m->comm[c].residents;
        rc = make_pool(m, &m->hotline, "hotline", "12345", ROLE_HOTLINE, -1, 0,
                       gov_hotline_staff(&cfg->hotline, m->residents, 1.0), 0);
    }
    return rc;
}

int gov_region_build(gov_model *m)
{
    const gov_region_cfg *rg = &m->cfg->region;
    gov_region_plan plan;
    gov_region_plan_of(&rg->generate, &plan);
    m->n_comm = rg->n_communities > 0 ? rg->n_communities : plan.n_communities;
    m->comm = sim_calloc(m->n_comm, sizeof *m->comm);
    if (m->comm == NULL)
        return sim_err_nomem(m->err, "building the region");
    int rc = rg->n_communities > 0 ? layout_listed(m) : layout_generated(m);
    if (rc != SIM_OK)
        return rc;
    m->streets = sim_calloc(m->n_streets, sizeof *m->streets);
    m->districts = sim_calloc(m->n_districts, sizeof *m->districts);
    if (m->streets == NULL || m->districts == NULL)
        return sim_err_nomem(m->err, "building the region");
    for (size_t s = 0; s < m->n_streets; s++)
        m->streets[s].district = (uint32_t)m->street_district[s];
    for (size_t c = 0; c < m->n_comm; c++) {
        m->streets[m->comm[c].street].residents += m->comm[c].residents;
        m->districts[m->comm[c].district].residents += m->comm[c].residents;
    }
    rc = build_pools(m);
    if (rc != SIM_OK)
        return rc;
    size_t g = 0;
    for (size_t c = 0; c < m->n_comm; c++) {
        m->comm[c].grid_first = (uint32_t)g;
        g += m->comm[c].n_grids;
    }
    m->n_grids = g;
    m->grids = sim_calloc(g, sizeof *m->grids);
    if (m->grids == NULL)
        return sim_err_nomem(m->err, "building the region");
    /* A community's households are shared evenly among its grids (one grid
     * per grid worker). */
    for (size_t c = 0; c < m->n_comm; c++)
        for (uint32_t i = 0; i < m->comm[c].n_grids; i++) {
            gov_grid *gr = &m->grids[m->comm[c].grid_first + i];
            gr->community = (uint32_t)c;
            gr->households = m->comm[c].households / m->comm[c].n_grids;
        }
    return SIM_OK;
}

void gov_region_destroy(gov_model *m)
{
    for (size_t c = 0; c < m->n_comm; c++) {
        gov_pool_destroy(&m->comm[c].grid);
        gov_pool_destroy(&m->comm[c].comm);
        gov_pool_destroy(&m->comm[c].vol);
        gov_pool_destroy(&m->comm[c].prop);
    }
    for (size_t s = 0; s < m->n_streets; s++) {
        gov_pool_destroy(&m->streets[s].command);
        gov_pool_destroy(&m->streets[s].social);
        if (m->streets[s].stationed)
            for (size_t d = 0; d < m->n_dept; d++)
                gov_pool_destroy(&m->streets[s].stationed[d]);
        sim_free(m->streets[s].stationed);
    }
    for (size_t d = 0; d < m->n_districts; d++) {
        if (m->districts[d].dept)
            for (size_t k = 0; k < m->n_dept; k++)
                gov_pool_destroy(&m->districts[d].dept[k]);
        sim_free(m->districts[d].dept);
    }
    gov_pool_destroy(&m->hotline);
    sim_free(m->comm);
    sim_free(m->streets);
    sim_free(m->districts);
    sim_free(m->grids);
    sim_free(m->names);
    sim_free(m->street_district);
    sim_free(m->pools);
}
