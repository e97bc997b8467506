/* scn_fixture.h — a small schema of the engine tests' own, shaped like a
 * governance model (departments, staffing, routing rule), and helpers. */
#ifndef SCN_FIXTURE_H
#define SCN_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "scn.h"
#include "sim_err.h"

typedef struct t_dept {
    char *name;
    int staff;
    double service_h;
    int kind;
} t_dept;

typedef struct t_staffing {
    double workers_per_10k;
    int households_per_grid;
} t_staffing;

typedef struct t_cfg {
    char *name;
    double horizon_h;
    double response_limit_h;
    bool overtime;
    int rule;
    double satisfaction;
    t_staffing staffing;
    t_dept *departments;
    size_t ndepartments;
    scn_entry *mix;
    size_t nmix;
    char **tags;
    size_t ntags;
    double *weights;
    size_t nweights;
} t_cfg;

extern const scn_schema t_schema;

enum { T_LAYERED, T_WHISTLE, T_HOTLINE, T_GRAB, T_MULTI };
enum { T_STREET, T_DISTRICT };

/* path of a file under the sources (GOVSIM_SRC, else the current directory) */
void fx_path(char *buf, size_t n, const char *rel);
/* load + bind a file under the sources */
int fx_load(const char *rel, t_cfg *cfg, sim_err *err);
/* parse + bind text (name "mem.json", no extends) */
int fx_parse(const char *text, t_cfg *cfg, sim_err *err);
/* Unreachable allocations so far (sanitizer builds; 0 elsewhere). Criterion
 * ignores LeakSanitizer's report at a worker's exit, so tests ask explicitly. */
int fx_leaks(void);
/* a fresh empty directory under /tmp, for generated inputs */
void fx_tmpdir(char *buf, size_t n);

#define assert_has(err, s)                                                                  \
    cr_assert(strstr(sim_err_text(err), (s)) != NULL, "expected \"%s\" in:\n%s", (s),        \
              sim_err_text(err))
#define assert_lacks(err, s)                                                                \
    cr_assert(strstr(sim_err_text(err), (s)) == NULL, "did not expect \"%s\" in:\n%s", (s),  \
              sim_err_text(err))

#endif
