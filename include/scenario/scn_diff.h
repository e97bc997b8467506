/*
 * scn_diff.h — the settings that differ between scenario documents, for the
 * "what was compared" part of a report.
 *
 * The merged documents (extends resolved) are walked side by side in document
 * order; every leaf whose value is not the same in all of them becomes a row.
 * A value a document does not write is taken from the schema's default where the
 * schema has one (so {"routing": {"rule": "whistle"}} against a file that leaves
 * the rule out shows layered vs whistle, and a file that writes the default
 * explicitly shows no difference), otherwise it is marked as left to the model.
 * Durations are compared in hours ("2h" equals "120min"). Lists of objects are
 * compared element by element, matched by their "name" member when every element
 * has one (paths like departments.housing.staff, the form scn_set_number takes),
 * by position otherwise; a list one document does not write at all is one row
 * (its length against "the model's default"), as is an element only some lists
 * have. Lists of plain values are compared whole.
 *
 * The schema is the one the documents were loaded with (NULL: no defaults known,
 * every missing value is SCN_DIFF_UNSET).
 */
#ifndef SCN_DIFF_H
#define SCN_DIFF_H

#include <stddef.h>

#include "scn.h"

typedef enum scn_diff_kind {
    SCN_DIFF_VALUE,   /* written in the document; text as written (strings unquoted,
                         lists as "a, b, c") */
    SCN_DIFF_DEFAULT, /* not written; text is the schema's default */
    SCN_DIFF_UNSET,   /* not written and no default in the schema; text NULL */
    SCN_DIFF_PRESENT, /* an element this document's list has (and another's lacks); text NULL */
    SCN_DIFF_ABSENT,  /* an element this document's list lacks; text NULL */
    SCN_DIFF_ITEMS    /* a list of objects, not compared element by element (another
                         document does not write it); text is its length */
} scn_diff_kind;

typedef struct scn_diff_cell {
    scn_diff_kind kind;
    char *text;
} scn_diff_cell;

typedef struct scn_diff_row {
    char *path;           /* dotted path, e.g. "routing.rule", "departments.housing.staff" */
    scn_diff_cell *cells; /* one per document, in the order given */
} scn_diff_row;

typedef struct scn_diff {
    size_t n_docs, n_rows;
    scn_diff_row *rows;
} scn_diff;

/* Rows for every setting that differs among docs[0..n-1] (n >= 1; all loaded
 * with the same schema), leaving out the top-level keys in skip (NULL-terminated,
 * may be NULL; e.g. "name"). SIM_OK with *out set (free with scn_diff_destroy),
 * or SIM_ERR_RUNTIME when memory is short. */
int scn_diff_docs(const scn_doc *const *docs, size_t n, const char *const *skip, scn_diff **out,
                  sim_err *err);
void scn_diff_destroy(scn_diff *d);

#endif
