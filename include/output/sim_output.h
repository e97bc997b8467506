/*
 * sim_output.h — the result files of an experiment, written atomically.
 *
 * Every file is written to a temporary name in its own directory (".NAME.tmp-PID"),
 * flushed to disk and renamed over NAME, so a reader — or a run killed half way —
 * sees either the old file or the complete new one, never half a file.
 *
 * Files (docs/output.md has the reference):
 *  - summary.json     per configuration, per KPI {mean, ci95, unit, n}, per group;
 *                     for a comparison the paired differences against the first
 *                     configuration; for a sweep the swept values and the target;
 *  - replications.csv one row per configuration and replication, one column per
 *                     KPI, then KPI.GROUP columns;
 *  - timeseries.csv   per configuration and time point, each series' replication
 *                     mean and its 95 % band (SERIES.lo95, SERIES.hi95).
 * The bytes depend only on the scenarios, seed and replications: no times, no
 * host names, no thread counts.
 */
#ifndef SIM_OUTPUT_H
#define SIM_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "sim_err.h"
#include "sim_experiment.h"
#include "sim_precision.h"
#include "sim_target.h"

/* ---- files and directories ---- */

/* Writes a file's content to f; returns SIM_OK or a status with lines in err.
 * Write errors on f need not be checked: the caller checks the stream. */
typedef int sim_write_fn(FILE *f, void *ctx, sim_err *err);

/* Write dir/name atomically through fn. */
int sim_out_atomic(const char *dir, const char *name, sim_write_fn *fn, void *ctx, sim_err *err);

/* The same for a library that writes a file by its path (a workbook): fn
 * writes the file at path (created empty, to be replaced), then it is flushed
 * to disk and renamed to dir/name. */
typedef int sim_path_write_fn(const char *path, void *ctx, sim_err *err);
int sim_out_atomic_path(const char *dir, const char *name, sim_path_write_fn *fn, void *ctx, sim_err *err);

/* mkdir -p with mode 0755 (less the umask), then make sure a file can be created
 * in it. Refuses a path that is an existing non-directory. On failure, directories
 * this call created are removed again and err says why (SIM_ERR_INPUT). */
int sim_out_prepare_dir(const char *dir, sim_err *err);

/* dir/sub for govsim's own files (plots, .govsim): created when missing, and
 * refused (SIM_ERR_INPUT) when it is a symbolic link or not a directory, so
 * nothing is ever written through a link to elsewhere; then probed like
 * sim_out_prepare_dir. dir itself may be reached through links: the user
 * named it. */
int sim_out_prepare_subdir(const char *dir, const char *sub, sim_err *err);

/* A directory name made from a scenario name: UTF-8 kept, path separators,
 * control and shell-hostile characters (/ \ : * ? " < > |) turned into '_',
 * invalid UTF-8 bytes into '_', leading dots and spaces dropped (no hidden or
 * ".." names), at most size-1 (and at most 200) bytes, cut at a character
 * boundary. "scenario" when nothing is left. */
void sim_out_safe_name(const char *name, char *out, size_t size);
/* The whole of a regular file of at most max_bytes, NUL-terminated, in *text
 * (free with sim_free) and its length in *len (if len is not NULL); an error
 * naming the file otherwise. */
int sim_out_read_file(const char *path, size_t max_bytes, char **text, size_t *len, sim_err *err);

/* The shortest decimal text that reads back as the same double ("%.15g" to
 * "%.17g"); "" for NaN, "Inf"/"-Inf" for infinities (as R and pandas read them). */
void sim_out_number(double x, char *buf, size_t size);

/* Write s as one CSV field, always double-quoted, inner quotes doubled. */
void sim_out_csv_string(FILE *f, const char *s);

/* ---- the experiment's files ---- */

typedef struct sim_out_info {
    const char *version;   /* program version, e.g. "0.1.0" */
    const char *command;   /* "run", "compare" or "sweep" */
    const char *model;     /* the model kind */
    const char *time_unit; /* of the warm-up, e.g. "h" */
    const char *param;     /* the swept field (sweep only) */
    const sim_target *target;            /* NULL when none */
    const sim_target_result *target_res; /* with target */
    const char *const *factor_names;     /* a design's factors (a sweep's fields), columns of the long files */
    size_t n_factors;
    const sim_precision *precision;      /* --precision goals (NULL: none) */
    size_t n_precision, max_reps;
} sim_out_info;

/* The long ("tidy") files (sim_tidy.c): writers for sim_out_atomic. */
typedef struct sim_tidy_ctx {
    const sim_exp *exp;
    const sim_out_info *info;
} sim_tidy_ctx;
int sim_tidy_results(FILE *f, void *ctx, sim_err *err);
int sim_tidy_summary(FILE *f, void *ctx, sim_err *err);
int sim_tidy_series(FILE *f, void *ctx, sim_err *err);
int sim_tidy_band(FILE *f, void *ctx, sim_err *err);
/* The leading columns of every result file: scenario and the design's factors. */
void sim_tidy_header_head(FILE *f, const sim_out_info *info);
void sim_tidy_row_head(FILE *f, const sim_exp_config *cf, const sim_out_info *info);

/* summary.json, summary.csv, results.csv, replications.csv, timeseries.csv and
 * timeseries_band.csv in dir (which must exist).
 * An experiment with tasks not done (interrupted, then sealed) gives partial
 * files: "partial": true and per configuration the "completed" replications in
 * summary.json, only the finished rows in replications.csv, means over the
 * finished replications everywhere. */
int sim_output_write(const char *dir, const sim_exp *exp, const sim_out_info *info,
                     sim_err *err);

#endif
