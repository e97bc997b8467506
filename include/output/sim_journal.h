/*
 * sim_journal.h — an output directory's record of the experiment it holds, so
 * an interrupted run resumes without recomputing what finished.
 *
 * DIR/.govsim/ holds three files:
 *   lock      write-locked (fcntl) while a run uses DIR, so two runs never mix
 *             their files; the kernel drops the lock when the process dies;
 *   manifest  a text naming the experiment (the caller decides what goes in:
 *             scenarios, seed, replications, version...), compared byte for byte;
 *             written atomically;
 *   journal   one line per finished task, sim_rep_encode()'s exact text, each
 *             appended with one write() as soon as the task finishes.
 *
 * What survives what: a line is in the kernel's page cache when append returns,
 * so a killed process (SIGKILL included) loses no finished task. The file is
 * flushed to disk (fdatasync) by an append that comes SIM_JOURNAL_SYNC_S
 * seconds or more after the previous flush, and on close: replications that
 * take that long are each flushed as they are written, and an operating-system
 * crash or power cut loses at most about a second of shorter ones. A torn last line (a crash in the middle of a write) is cut off when the
 * journal is reopened, so the journal never holds half a record. Flushing after
 * every line would cost about 5 ms per task on a virtual disk, which matters for
 * short replications and not at all for what a second of them is worth.
 *
 * Stale temporary files of atomic writes (".NAME.tmp-PID-K", left by a process
 * that was killed while writing) are removed from DIR, DIR/plots and
 * DIR/.govsim when the directory is opened: holding the lock, no other run can
 * be writing them.
 *
 * The policy (when to resume, when to refuse) belongs to the caller:
 * sim_journal_open() only reports what the directory holds.
 */
#ifndef SIM_JOURNAL_H
#define SIM_JOURNAL_H

#include <stddef.h>

#include "sim_err.h"
#include "sim_experiment.h"

#define SIM_JOURNAL_SYNC_S 1.0

typedef struct sim_journal sim_journal;

/* What an output directory holds. */
typedef struct sim_journal_state {
    int has_manifest; /* DIR/.govsim/manifest exists */
    int same;         /* ... and is the manifest given */
    int has_results;  /* summary.json, replications.csv or timeseries.csv exists */
    size_t done;      /* complete lines in the journal (tasks finished) */
    char diff[200];   /* when has_manifest && !same: the first difference,
                         e.g. "seed: 2 there, 1 here" */
} sim_journal_state;

/* Lock DIR (which must exist) for this process, clean stale temporary files and
 * describe what DIR holds. Changes nothing else. SIM_ERR_INPUT when DIR is in
 * use by another process or cannot be used. manifest is a text of "key value"
 * lines; it is copied. */
int sim_journal_open(const char *dir, const char *manifest, sim_journal **out,
                     sim_journal_state *st, sim_err *err);

/* Move what DIR holds (result files, figures, the manifest and journal) into
 * DIR/previous/, replacing what an earlier call put there: a rerun into a
 * default directory keeps one earlier generation instead of refusing. Before
 * sim_journal_begin with fresh = 1. */
int sim_journal_keep_previous(sim_journal *j, sim_err *err);

/* Start recording results of tasks shaped by desc. fresh: forget what DIR holds
 * (result files, journal) and write the manifest; otherwise keep the journal
 * (cutting off a torn last line) to continue it. */
int sim_journal_begin(sim_journal *j, const sim_model_desc *desc, int fresh, sim_err *err);

/* Deliver every journalled result into exp (after sim_journal_begin with fresh
 * = 0). *n: how many. A line that does not decode, names a task out of range or
 * a task twice is a damaged journal: SIM_ERR_INPUT, naming the line. */
int sim_journal_replay(sim_journal *j, sim_exp *exp, size_t *n, sim_err *err);

/* Append a finished task's result. Thread-safe. Matches the `finished` hook of
 * sim_exp_hooks with the journal as ctx. */
int sim_journal_record(void *journal, size_t task, const sim_rep_result *res, sim_err *err);
/* Append a line already encoded (no newline), e.g. received from another process. */
int sim_journal_append(sim_journal *j, const char *line, sim_err *err);

/* Flush to disk and release DIR. Accepts NULL. */
void sim_journal_close(sim_journal *j);

/* The journal's path, for messages ("DIR/.govsim/journal"). */
const char *sim_journal_path(const sim_journal *j);

#endif
