/*
 * scn_int.h — internals shared by the scenario-language modules (models/scn_*.c).
 *
 *   scn_read.c    files: size limit, directory, NUL bytes, UTF-8
 *   scn_lex.c     syntax check with exact positions, comments, depth
 *   scn_tree.c    cJSON tree, pairing nodes with positions, duplicate keys
 *   scn_pos.c     the document object, position index, problem lines
 *   scn_path.c    dotted paths: parsing, lookup in a document, scn_set_number
 *   scn_merge.c   extends chains and deep merge
 *   scn_schema.c  validation and binding into the C struct
 *   scn_config.c  free, copy, typed references
 *   scn_value.c   durations, ranges, suggestions, value descriptions
 *   scn_doc.c     schema walk and check, Markdown reference page
 */
#ifndef SCN_INT_H
#define SCN_INT_H

#include <stdarg.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "scn.h"

/* Where one value (and, for an object member, its key) was written. */
typedef struct scn_posrec {
    const cJSON *node; /* NULL marks an empty slot of the index */
    uint32_t file;     /* index into scn_doc.files */
    uint32_t line, col;
    uint32_t kline, kcol; /* 0 when the value has no key */
} scn_posrec;

struct scn_doc {
    const scn_schema *schema;
    cJSON *root;
    /* Subtrees replaced by a merge or an override stay here until destroy, so
     * no address in the position index is ever reused by a new node. */
    cJSON *graveyard;
    char **files; /* names as reported; [0] is the file that was loaded */
    size_t nfiles, capfiles;
    scn_posrec *tab; /* open addressing, linear probing, keyed by node address */
    size_t tabcap, tabn;
    uint32_t cmdline; /* files[] index of "command line", or UINT32_MAX */
};

/* scn_pos.c */
int scn__doc_new(const scn_schema *schema, scn_doc **out, sim_err *err);
int scn__file_add(scn_doc *doc, const char *name, uint32_t *idx);
int scn__pos_reserve(scn_doc *doc, size_t more);
int scn__pos_put(scn_doc *doc, const scn_posrec *rec);
const scn_posrec *scn__pos_get(const scn_doc *doc, const cJSON *node);
void scn__bury(scn_doc *doc, cJSON *node);
/* One problem line positioned at node (its key when at_key and it has one). */
void scn__report(const scn_doc *doc, sim_err *err, int status, const cJSON *node, int at_key,
                 const char *path, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void scn__vreport(const scn_doc *doc, sim_err *err, int status, const cJSON *node, int at_key,
                  const char *path, const char *fmt, va_list ap);
void scn__install_hooks(void);

/* scn_read.c */
/* Reads a whole file into a NUL-terminated buffer (sim_free it). Messages start
 * with prefix ("a.json:3:14: extends: " or "") and end with suffix. */
int scn__read_file(const char *path, const char *prefix, const char *suffix, char **text,
                   size_t *len, sim_err *err);
/* NUL bytes and invalid UTF-8, reported at the first bad byte. */
int scn__check_text(const char *name, const char *text, size_t len, sim_err *err);

/* scn_lex.c */
/* Position of one value as the scanner met it, in document order. */
typedef struct scn_rec {
    uint32_t line, col, kline, kcol;
    int kind; /* cJSON type */
} scn_rec;
/* Checks the syntax of text from byte start on, blanking comments in place;
 * on success *recs (sim_free it) holds one record per value. */
int scn__scan(const char *name, char *text, size_t len, size_t start, scn_rec **recs,
              size_t *nrecs, sim_err *err);

/* scn_tree.c */
/* Parses text (NUL-terminated at len; comments are blanked in place) into a tree
 * whose positions go to doc's index under file index fileno. */
int scn__parse(scn_doc *doc, uint32_t fileno, char *text, size_t len, cJSON **out, sim_err *err);

/* scn_path.c */
enum { SCN_SEG_NAME, SCN_SEG_INDEX, SCN_SEG_EACH };
typedef struct scn_seg {
    int kind;
    const char *s; /* SCN_SEG_NAME */
    size_t len;
    size_t index;  /* SCN_SEG_INDEX */
} scn_seg;
/* 1 and the next segment, 0 at the end, -1 on a malformed path. */
int scn__seg_next(const char **p, scn_seg *seg);
cJSON *scn__member(const cJSON *obj, const char *key, size_t keylen);
/* The element of an array whose "name" member is the given string. */
cJSON *scn__named_element(const cJSON *arr, const char *name, size_t len);
/* The node at a document path, or NULL; *nearest gets the deepest node found. */
/* "path: message" as an input error (SIM_ERR_INPUT, returned). */
int scn__bad(sim_err *err, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The i-th element of an array (NULL past the end); the number of elements. */
cJSON *scn__nth(const cJSON *arr, size_t i);
size_t scn__count(const cJSON *arr);
const cJSON *scn__doc_find(const cJSON *root, const char *path, const cJSON **nearest);

/* A field path being built while walking ("departments[2].staff"). */
typedef struct scn_path {
    char s[SCN_PATH_MAX];
    size_t len;
} scn_path;
size_t scn__path_name(scn_path *p, const char *name);
size_t scn__path_index(scn_path *p, size_t i);
void scn__path_pop(scn_path *p, size_t len);

/* scn_value.c */
double scn__to_hours(double v, const char *unit);
double scn__from_hours(double h, const char *unit);
void scn__fmt_num(char *buf, size_t n, double v);
const char *scn__type_text(const scn_field *f);
/* "\"abc\"" with long strings cut at 40 bytes (on a character boundary) */
void scn__quote(const char *s, char *buf, size_t n);
/* "the string \"abc\"", "an object", "the number 3" */
void scn__describe(const cJSON *node, char *buf, size_t n);
/* "from 0 to 200 workers per 10,000 residents"; "" when unbounded */
void scn__range_text(const scn_field *f, char *buf, size_t n);
/* 0 when v (in the field's unit) is inside the field's bounds */
int scn__out_of_range(const scn_field *f, double v);
/* Closest candidate by edit distance, or NULL if none is close enough. */
typedef const char *scn_cand_fn(const void *ctx, size_t i);
const char *scn__suggest(const char *word, scn_cand_fn *cand, const void *ctx, size_t n);
const char *scn__field_name_at(const void *schema, size_t i);
const char *scn__choice_at(const void *choices, size_t i);
/* "a, b, c" (at most ~200 bytes, "..." when cut) */
void scn__join_names(char *buf, size_t n, scn_cand_fn *cand, const void *ctx, size_t count);

/* scn_schema.c */
const scn_field *scn__field(const scn_schema *schema, const char *name, size_t len);

#endif
