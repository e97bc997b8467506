/*
 * cli.h — the govsim command line (contract: README and docs/cli.md).
 *
 *   govsim run SCENARIO.json [options]
 *   govsim compare A.json B.json [C.json ...] [options]
 *   govsim sweep SCENARIO.json --param PATH --values LIST [--target EXPR] [options]
 *   govsim sensitivity SCENARIO.json --param PATH:LOW:HIGH ... [--method morris|sobol] [options]
 *   govsim check SCENARIO.json [...]
 *   govsim --help | --version
 *
 * Exit status: 0 success; 1 runtime failure (out of memory, a failed write, a
 * figure gnuplot could not draw); 2 bad command line, bad scenario or unusable
 * output directory, reported before anything is simulated or written; 3 a
 * sweep's --target never met or --precision not reached (results written).
 */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>
#include <stdint.h>

#include "scn.h"
#include <stdio.h>

#include "sim_err.h"
#include "sim_sensitivity.h"

#define CLI_VERSION "0.1.0"
#define CLI_DEFAULT_REPS 10
#define CLI_DEFAULT_MAX_REPS 1000
#define CLI_DEFAULT_SEED 1
#define CLI_MAX_REPS 1000000
#define CLI_MAX_THREADS 1024
#define CLI_MAX_VALUES 10000

typedef enum cli_cmd { CLI_HELP, CLI_VERSION_CMD, CLI_RUN, CLI_COMPARE, CLI_SWEEP, CLI_CHECK, CLI_CALIBRATE } cli_cmd;

/* A factor of a sweep's design: a field and its values (--values), or its
 * range for a Latin hypercube (--range). */
typedef struct cli_factor {
    const char *path;   /* points into argv */
    char **text;        /* its values as the scenario would write them */
    double *num;        /* the same as numbers; NaN for a categorical factor */
    size_t n;
    int categorical;    /* a value is not a number (routing.rule: layered, whistle) */
    double lo, hi;      /* --range */
    int has_range;
    int values_given;   /* --values was given (even if it was refused) */
    char *owned_path;   /* sensitivity: path cut from PATH:LOW:HIGH (path points to it) */
} cli_factor;

typedef struct cli_args {
    cli_cmd cmd;
    const char **files; /* point into argv */
    size_t n_files;
    size_t reps;
    uint64_t seed;
    const char *out;  /* NULL: results/<scenario name> */
    unsigned threads; /* 0: one per online core */
    int plot, zh, quiet;
    int report;       /* --report: report.html (implies plot) */
    int argc;         /* the command line as given, for the report's "reproduce with" */
    char **argv;
    int resume, force; /* continue / replace the results in the output directory */
    /* sweep: the design's factors, and its points built from them (the full
     * factorial, or --design lhs:N). param and values describe the points for
     * one numeric factor (the field, its value per point); with several
     * factors param is their names joined and values NaN. */
    cli_factor *factors;
    size_t n_factors;
    size_t lhs_points;  /* --design lhs:N; 0: the full factorial */
    char **point_text;  /* n_values x n_factors values as text */
    char *param_label;
    const char *param;
    double *values;
    size_t n_values;
    const char *target;
    scn_override *sets; /* --set PATH=VALUE, in order (pointing into argv) */
    size_t n_sets;
    /* calibrate: --target KPI[.GROUP]=VALUE[:TOLERANCE] and --param PATH:LOW:HIGH,
     * each repeatable (pointing into argv); --max-evals */
    const char **cal_targets, **cal_params;
    size_t n_cal_targets, n_cal_params;
    size_t max_evals;
    /* --precision KPI[.GROUP]=HALFWIDTH (repeatable, pointing into argv) and its cap */
    const char **precisions;
    size_t n_precisions, max_reps;
    const char *trace; /* --trace NAME: the records' file in the output directory */
    int xlsx;          /* --xlsx: results.xlsx */
    /* govsim sensitivity: a sweep (cmd CLI_SWEEP) over the points of a Morris
     * or Sobol design (sim_sensitivity.h), kept in sa_u (unit cube) */
    int sa;
    sim_sa_plan sa_plan;
    double *sa_u;
} cli_args;

/* Parse argv. SIM_OK, or SIM_ERR_INPUT with one line per problem in err.
 * Free with cli_args_free (also after a failure). */
int cli_args_parse(int argc, char **argv, cli_args *a, sim_err *err);
void cli_args_free(cli_args *a);

/* A whole number in decimal digits only, at most max: 1 and *out, or 0. */
int cli_parse_u64(const char *s, uint64_t max, uint64_t *out);

/* "8,12,18,24" or "8:30:2" (from:to:step, both ends included). */
int cli_parse_values(const char *text, double **values, size_t *n, sim_err *err);

/* Print the usage text to f. */
void cli_usage(FILE *f);

/* Process-wide settings, before any thread starts (GSL errors, cJSON's
 * allocator, the allocation-failure test hook). */
void cli_process_setup(void);

struct model_kind;
/* Before anything runs: every configuration's own refusal (model_kind.size), then
 * memory. A replication must fit in the memory limit (GOVSIM_MEMORY_LIMIT, or
 * 3/4 of the physical memory, the cgroup's limit or RLIMIT_AS, whichever is
 * smallest); *threads is lowered so that the replications running at once fit
 * together (with a note on stderr unless quiet). SIM_ERR_INPUT with one line per
 * configuration that cannot fit. files[i] names configuration i in messages. */
int cli_check_size(const struct model_kind *model, void *const *configs, const char *const *files, size_t n,
                   unsigned *threads, int quiet, sim_err *err);

/* A sweep's --target is met by none of the values, or --precision was not
 * reached by --max-reps: everything is written and the exit status is 3 (a
 * status of its own, outside enum sim_status). */
#define CLI_TARGET_UNMET 3

/* govsim calibrate (cli_calibrate.c). */
int cli_calibrate(const cli_args *a, sim_err *err);

/* The whole program after process setup: returns the exit status. */
int cli_main(int argc, char **argv);
/* govsim serve ...: the classroom's web server (cli_serve.c); the exit status. */
int cli_serve(int argc, char **argv);

/* Running one experiment over several processes (govsim-mpi: mpi/cli_mpi.c).
 * Every process runs the same command line and loads the scenarios; rank 0
 * alone checks and writes the output directory, prints, and aggregates. */
struct sim_exp;
struct sim_journal;
typedef struct cli_dist cli_dist;
struct cli_dist {
    int rank, size;
    int quiet; /* set by the command line: rank 0 says nothing on stderr */
    /* Collective. Each process gives its status so far and its experiment's
     * manifest (NULL after a failure); returns the worst status of all, the
     * same on every process, with every process's lines in rank 0's err. A
     * manifest that differs from rank 0's (the processes read different
     * scenario files) is an input error. */
    int (*agree)(cli_dist *d, int rc, const char *manifest, sim_err *err);
    /* Collective. Run the tasks not done over the processes; rank 0 appends
     * every result to j (when not NULL) before it counts. Returns the same
     * status on every process: SIM_OK, a failure (rank 0's err has the lowest
     * failing task's lines) or SIM_ERR_INTERRUPTED. */
    int (*run)(cli_dist *d, struct sim_exp *exp, struct sim_journal *j, sim_err *err);
    void *ctx;
};

/* cli_main on one process of several (dist NULL: the ordinary program). */
int cli_main_dist(int argc, char **argv, cli_dist *dist);

#endif
