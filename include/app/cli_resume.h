/*
 * cli_resume.h — interruption and resume of run, compare and sweep.
 *
 * An output directory remembers the experiment it holds (sim_journal.h): a
 * manifest naming it and a journal of finished replications. The rules
 * (docs/cli.md, "Interrupting and resuming"):
 *   - an empty directory, or one whose runs finished nothing, is simply used;
 *   - the same command again: refused unless --resume (continue, keeping what
 *     finished) or --force (start over);
 *   - another experiment's results: refused unless --force (replace them).
 * Two runs are the same experiment when their manifests are equal: command,
 * model, seed, replications, sweep field and values, program version, and the
 * content of every scenario as loaded (comments dropped, extends merged in), so
 * editing a file that a scenario extends counts as a change. Threads, figures,
 * language and --target do not change any replication and may differ.
 */
#ifndef CLI_RESUME_H
#define CLI_RESUME_H

#include <stdatomic.h>

#include "cli.h"
#include "sim_journal.h"

/* The manifest of the experiment a command line describes (kind: the model's
 * kind). *out from sim_malloc. */
int cli_manifest(const cli_args *a, const char *kind, char **out, sim_err *err);

/* Lock out_dir and apply the rules above for an experiment of n_tasks tasks.
 * On SIM_OK *j holds the lock and *fresh says whether to start over (else
 * continue its journal); nothing is changed on disk yet (sim_journal_begin). */
int cli_journal_open(const cli_args *a, const char *out_dir, const char *manifest,
                     size_t n_tasks, sim_journal **j, int *fresh, sim_err *err);

/* SIGINT and SIGTERM: the first raises the flag cli_stop_flag() returns (no new
 * replication starts; those running finish and are kept) and says so on stderr
 * unless quiet; a second one ends the process at once with status 130 (what
 * finished is in the journal). Restore puts the previous handlers back. */
void cli_signals_install(int quiet);
void cli_signals_restore(void);
const atomic_int *cli_stop_flag(void);

#endif
