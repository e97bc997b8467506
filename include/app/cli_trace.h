/*
 * cli_trace.h — --trace NAME: every replication's records (one row per case or
 * customer, sim_model.h) gathered into DIR/NAME, a long CSV with the scenario,
 * the design's factors and the replication in front.
 *
 * Each replication streams its rows to a file of its own under
 * DIR/.govsim/trace/ (memory stays flat, threads never share a stream), renamed
 * into place only once the replication has finished and before the journal
 * records it: a resumed run finds the rows of every journalled replication.
 * At the end the parts are concatenated in replication order, so the file is
 * the same whatever the threads or interruptions.
 */
#ifndef CLI_TRACE_H
#define CLI_TRACE_H

#include "sim_err.h"
#include "sim_experiment.h"
#include "sim_output.h"

typedef struct cli_trace cli_trace;

/* NAME must be a plain file name, none of govsim's own: SIM_OK, or
 * SIM_ERR_INPUT with one line (checked with the command line). */
int cli_trace_check_name(const char *name, sim_err *err);

/* Check NAME and the model's columns (NULL: it writes no records) and remember
 * where the parts go; touches no file. NULL with a line in err. */
cli_trace *cli_trace_create(const char *out_dir, const char *name, const char *columns, sim_err *err);
void cli_trace_destroy(cli_trace *t);

/* Before the first replication: make DIR/.govsim/trace, emptied for a fresh
 * run, cleared of unfinished parts when resuming. */
int cli_trace_begin(cli_trace *t, int fresh, sim_err *err);

/* The runner's hooks (sim_exp_opts.trace); valid while t lives. */
const sim_exp_trace *cli_trace_hooks(cli_trace *t);

/* Write DIR/NAME from the parts of every replication done. */
int cli_trace_gather(cli_trace *t, const sim_exp *exp, const sim_out_info *info, sim_err *err);

#endif
