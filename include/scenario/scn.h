/*
 * scn.h — the scenario language: a JSON file (comments allowed) becomes a
 * validated, typed C struct with every default filled in.
 *
 * The engine is generic: a model declares its fields once, as a table of
 * scn_field rows (name, type, unit, default, range, documentation, binding into
 * its C struct), and gets from that one table the loader, the validation with
 * "did you mean" suggestions, the setting of fields by dotted path (sweeps,
 * policy timelines) and the Markdown reference page.
 *
 * Life of a scenario:
 *
 *     scn_doc *doc;
 *     if (scn_doc_load(&my_schema, "a.json", &doc, err) != SIM_OK) ...   // read, extends
 *     scn_set_number(doc, "staffing.workers_per_10k", 18, err);          // optional
 *     my_config cfg;
 *     if (scn_bind(doc, &cfg, err) == SIM_OK) {                          // validate + fill
 *         my_cross_checks(doc, &cfg, err);   // scn_problem(doc, err, "departments[2].name", ...)
 *         ...
 *         scn_config_free(&my_schema, &cfg);
 *     }
 *     scn_doc_destroy(doc);
 *
 * Errors: every function returning int returns SIM_OK, SIM_ERR_INPUT (the file or
 * path is wrong: one line per problem in err, `file:line:col: field.path: what is
 * wrong; allowed: …`) or SIM_ERR_RUNTIME (out of memory). Validation collects all
 * problems of a document in one pass; sim_err caps how many lines are kept.
 *
 * Positions: lines and columns count from 1; a column counts characters (Unicode
 * code points), not bytes, so a Chinese name before an error does not shift it.
 * A tab counts as one column. Comments (// to the end of the line, and block
 * comments) are blanked to spaces before cJSON parses the text, so they never
 * move a position. A value's position is where
 * it was written, in whichever file of an extends chain.
 *
 * Threads: a scn_doc belongs to one thread at a time; schemas are constant and
 * shareable. Loading installs sim_mem allocation hooks into cJSON once per
 * process (cJSON_InitHooks is process-wide).
 */
#ifndef SCN_H
#define SCN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim_err.h"

struct cJSON;

#define SCN_MAX_FILE_BYTES ((size_t)1 << 20) /* a scenario file is refused above 1 MiB */
#define SCN_MAX_DEPTH 64                     /* nesting of objects and arrays */
#define SCN_MAX_EXTENDS 16                   /* files in one extends chain */
#define SCN_PATH_MAX 256                     /* longest field path kept in messages */

/* ---- schema ---------------------------------------------------------------- */

typedef enum scn_type {
    SCN_NUMBER,      /* double */
    SCN_INTEGER,     /* int; the file must hold a whole number */
    SCN_BOOL,        /* bool */
    SCN_STRING,      /* char *, strdup'd; NULL when absent and without default */
    SCN_ENUM,        /* int: index into .choices; the file holds the name (keep
                      * the model's C enum in the same order as .choices) */
    SCN_SHARE,       /* double in [0, 1] (a narrower range may be given) */
    SCN_DURATION,    /* double, stored in hours; see scn_parse_duration */
    SCN_OBJECT,      /* a struct embedded at .offset, described by .sub */
    SCN_ARRAY,       /* array of objects: element pointer at .offset (sub->size
                      * bytes each, allocated), size_t count at .count_offset */
    SCN_MAP,         /* object of user-chosen names → numbers: scn_entry * at
                      * .offset, size_t count at .count_offset, file order kept */
    SCN_STRING_LIST, /* char ** at .offset, size_t count at .count_offset */
    SCN_NUMBER_LIST  /* double * at .offset, size_t count at .count_offset */
} scn_type;

/* One element of an SCN_MAP. */
typedef struct scn_entry {
    char *name;
    double value;
} scn_entry;

/* scn_field.bounds: which of .min / .max apply, and whether they are excluded. */
enum {
    SCN_LO = 1u << 0,
    SCN_HI = 1u << 1,
    SCN_LO_OPEN = 1u << 2, /* value must be > min */
    SCN_HI_OPEN = 1u << 3  /* value must be < max */
};

/* scn_field.flags */
enum {
    SCN_REQUIRED = 1u << 0,   /* no default: the file must give it */
    SCN_LIVE = 1u << 1,       /* may change during a run (policy timeline) */
    SCN_NONEMPTY = 1u << 2,   /* strings, arrays, maps, lists: at least one */
    SCN_SUM_TO_ONE = 1u << 3, /* SCN_MAP: values add up to 1 (within 1e-6) */
    SCN_LEVER = 1u << 4       /* a main policy lever: a slider (numbers, from
                               * .lever_lo to .lever_hi by .lever_step) or a
                               * select (enums, booleans) in govsim serve */
};

/* Range helpers for a row: {..., SCN_RANGE(0, 200), ...}. Bounds are in the
 * field's unit (for durations too: a "min" field with SCN_RANGE(1, 600) allows
 * 1 to 600 minutes). */
#define SCN_RANGE(lo, hi) .min = (lo), .max = (hi), .bounds = SCN_LO | SCN_HI
#define SCN_ABOVE(lo, hi) .min = (lo), .max = (hi), .bounds = SCN_LO | SCN_LO_OPEN | SCN_HI
#define SCN_AT_LEAST(lo) .min = (lo), .bounds = SCN_LO
#define SCN_POSITIVE .min = 0, .bounds = SCN_LO | SCN_LO_OPEN

/* Binding helpers: where a field lives in the C struct T. .size lets
 * scn_schema_check() catch a row whose type does not match its member. */
#define SCN_AT(T, member) .offset = offsetof(T, member), .size = sizeof(((T *)0)->member)
#define SCN_COUNT_AT(T, member) \
    .count_offset = offsetof(T, member), .count_size = sizeof(((T *)0)->member)

struct scn_schema;

typedef struct scn_field {
    const char *name;     /* key in the file; case-sensitive */
    scn_type type;
    size_t offset, size;  /* SCN_AT */
    size_t count_offset, count_size; /* SCN_COUNT_AT, for arrays, maps and lists */
    const struct scn_schema *sub;  /* SCN_OBJECT, SCN_ARRAY */
    const char *const *choices;    /* SCN_ENUM: NULL-terminated names */
    const char *unit;     /* free text ("workers per 10,000 residents"); for
                           * durations the unit of plain numbers: s min h d w y */
    double def;           /* default of numbers, integers, shares, durations (in
                           * .unit), booleans (0 or 1) */
    const char *def_str;  /* default of strings and enums (the name) */
    double min, max;      /* see .bounds; for lists of numbers, per element */
    unsigned bounds;
    size_t max_count;     /* arrays, maps, lists: most elements; strings: most
                           * bytes; 0 = no limit beyond the file size */
    unsigned flags;
    const char *doc;       /* what the field means, for the reference page */
    const char *mechanism; /* the domain mechanism it represents (free text) */
    const char *label, *label_zh; /* a human name for reports and sliders (NULL: none) */
    double lever_lo, lever_hi, lever_step; /* SCN_LEVER numbers: the slider's range */
} scn_field;

/* A lever's slider range: SCN_LEVER_RANGE(4, 40, 1). */
#define SCN_LEVER_RANGE(lo, hi, step) .lever_lo = (lo), .lever_hi = (hi), .lever_step = (step)

/* A table of fields. The top-level key "extends" is reserved: the loader
 * consumes it before validation. */
typedef struct scn_schema {
    const char *name;     /* what one such object is called ("department") */
    const scn_field *fields;
    size_t nfields;
    size_t size;          /* sizeof the bound struct */
    const char *doc;
} scn_schema;

#define SCN_SCHEMA(T, name_, fields_, doc_)                                            \
    {                                                                                  \
        .name = (name_), .fields = (fields_),                                          \
        .nfields = sizeof(fields_) / sizeof((fields_)[0]), .size = sizeof(T), .doc = (doc_) \
    }

/* Checks a schema table for programmer mistakes (defaults out of range, enum
 * default not among the choices, bound member of the wrong size, duplicate names,
 * unknown duration unit...). SIM_ERR_INPUT with one line per mistake. Tests call
 * it; the loader does not. */
int scn_schema_check(const scn_schema *schema, sim_err *err);

/* Calls fn for every field in depth-first table order with its dotted path
 * ("departments[].staff": [] marks "each element"). Stops and returns fn's
 * value when it is not 0. */
typedef int scn_visit_fn(const char *path, const scn_field *field, int depth, void *ud);
int scn_schema_walk(const scn_schema *schema, scn_visit_fn *fn, void *ud);

/* The field a schema path names ("departments[].staff", "departments[3].staff",
 * "departments.housing.staff" all name the same field); NULL if none. */
const scn_field *scn_schema_find(const scn_schema *schema, const char *path);

/* A human name for what a path names, for reports and sliders: the field's
 * .label (.label_zh under zh, when it has one), else its name with spaces for
 * underscores; qualified by the element names and labelled objects on the way
 * ("city_management · staff per 100k residents"). The path itself when the
 * schema does not know it. Writes at most n bytes to buf; returns buf. */
const char *scn_path_label(const scn_schema *schema, const char *path, int zh, char *buf, size_t n);

/* ---- documents --------------------------------------------------------------- */

typedef struct scn_doc scn_doc;

typedef struct scn_pos {
    const char *file; /* NULL when unknown; "command line" for scn_set_number values */
    unsigned line;    /* 0 when unknown */
    unsigned col;
} scn_pos;

/* Reads path and the files it extends, merges them (objects key by key,
 * recursively; arrays and scalars replace; null removes an inherited key) and
 * returns the merged document. The document remembers schema for scn_bind and
 * scn_set_number; with a NULL schema it can only be read (scn_doc_root). */
int scn_doc_load(const scn_schema *schema, const char *path, scn_doc **out, sim_err *err);

/* The same from memory; name is used in messages. flags: SCN_PARSE_NO_EXTENDS
 * rejects "extends" (fuzzing, tests); otherwise it resolves relative to name. */
enum { SCN_PARSE_NO_EXTENDS = 1u << 0 };
int scn_doc_parse(const scn_schema *schema, const char *name, const char *text, size_t len,
                  unsigned flags, scn_doc **out, sim_err *err);

void scn_doc_destroy(scn_doc *doc);

/* The merged tree, for tools that need more than the typed struct. Owned by doc. */
const struct cJSON *scn_doc_root(const scn_doc *doc);
/* Where a node of that tree was written ({NULL, 0, 0} if not known). */
scn_pos scn_pos_of(const scn_doc *doc, const struct cJSON *node);
/* Where the value (and its key, when key_pos is not NULL) at a document path
 * was written. Paths: "a.b", "list[2].c", "list.NAME.c" (the element whose
 * "name" member is NAME). False when the path is not in the document. */
bool scn_doc_pos(const scn_doc *doc, const char *path, scn_pos *value_pos, scn_pos *key_pos);

/* Sets a numeric field by path before scn_bind (sweeps, command-line
 * overrides). The path must name a number, integer, share or duration field of
 * the schema (in its documented unit), a map entry, or a number-list element.
 * Array elements are named by index ("departments[2].staff") or by the value of
 * their "name" member ("departments.housing.staff", UTF-8 names too); the
 * element must exist in the document.
 * Missing objects on the way and missing map entries are created. The value is
 * range-checked by scn_bind, like any value in the file. */
int scn_set_number(scn_doc *doc, const char *path, double value, sim_err *err);

/* A field set from outside the file: `--set PATH=VALUE`, a sweep's value, a
 * calibration's candidate, a slider of the classroom server. The value is
 * text, read by the type of the field it sets: a number (or, for durations, a
 * duration such as "2d"), an enum's name or a string, true/false, or JSON for
 * objects and lists. This one struct carries every override through the
 * program. */
typedef struct scn_override {
    const char *path;
    const char *value;
} scn_override;

/* Sets the field at path from text, before scn_bind (same paths as
 * scn_set_number; objects on the way are created). The value is checked by
 * scn_bind like any value in the file, positioned at "command line". */
int scn_set_text(scn_doc *doc, const char *path, const char *text, sim_err *err);

/* The same with the value's nodes positioned at `origin` ("built-in defaults")
 * rather than "command line". */
int scn_set_text_from(scn_doc *doc, const char *path, const char *text, const char *origin, sim_err *err);

/* Applies overrides in order; reports every bad one. */
int scn_apply(scn_doc *doc, const scn_override *ovr, size_t n, sim_err *err);

/* Validates the whole document against the schema in one pass and fills cfg
 * (schema->size bytes). On SIM_OK the caller owns cfg and frees it with
 * scn_config_free; otherwise cfg is zeroed and owns nothing. */
int scn_bind(scn_doc *doc, void *cfg, sim_err *err);

/* Like scn_bind, but on SIM_ERR_INPUT cfg stays filled — every invalid or
 * missing value replaced by its default (strings may be NULL) — so a model can
 * run its own checks and report every problem of the file in one pass. The
 * caller frees cfg with scn_config_free after SIM_OK and SIM_ERR_INPUT alike;
 * after SIM_ERR_RUNTIME cfg owns nothing. */
int scn_bind_keep(scn_doc *doc, void *cfg, sim_err *err);

/* scn_doc_load + scn_bind + scn_doc_destroy, for callers with no checks of their own. */
int scn_load_config(const scn_schema *schema, const char *path, void *cfg, sim_err *err);

/* Reports a model-level problem in the standard form, positioned at the value
 * the path names (or at the nearest part of the path that exists):
 *   scn_problem(doc, err, "routing.targets.property", "no department \"%s\"; allowed: %s", ...)
 * prints  a.json:12:19: routing.targets.property: no department "x"; allowed: ...
 * Returns SIM_ERR_INPUT. */
int scn_problem(const scn_doc *doc, sim_err *err, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- typed configurations ------------------------------------------------------ */

/* Frees every string, array, map and list cfg owns and zeroes them; cfg itself
 * is the caller's. Accepts NULL and configs that were never bound (all zero). */
void scn_config_free(const scn_schema *schema, void *cfg);

/* Deep copy (one replication's private copy for a timeline to change). On
 * failure dst is zeroed and owns nothing. */
int scn_config_copy(const scn_schema *schema, void *dst, const void *src, sim_err *err);

/* A numeric field inside one bound config, found once and set many times. */
typedef struct scn_ref {
    const scn_field *field;
    void *where;              /* the double or int inside the config */
    char path[SCN_PATH_MAX];  /* as resolved, for messages */
} scn_ref;

/* Finds the numeric, enum or boolean field a path names inside cfg (same paths
 * as scn_set_number; the map entry must exist). With SCN_RESOLVE_LIVE, fields without SCN_LIVE are
 * refused ("cannot change during a run"). */
enum { SCN_RESOLVE_LIVE = 1u << 0 };
int scn_resolve(const scn_schema *schema, void *cfg, const char *path, unsigned flags,
                scn_ref *out, sim_err *err);
/* Range-checks value (in the field's unit, like the file; an enum's choice by
 * index; a boolean as 0 or 1) and stores it. */
int scn_ref_set(const scn_ref *ref, double value, sim_err *err);
/* The same from text: an enum's choice by name, true/false, or a number. */
int scn_ref_set_text(const scn_ref *ref, const char *text, sim_err *err);

/* ---- values ---------------------------------------------------------------------- */

/* "90s" "30min" "2h" "7d" "2w" "1y" (y = 365 d), decimals allowed ("1.5h"), one
 * space allowed before the unit; or a bare number in default_unit. Hours out.
 * SIM_ERR_INPUT (nothing in err) when malformed. */
int scn_parse_duration(const char *text, const char *default_unit, double *hours);
/* Hours per unit ("min" → 1/60), or 0 for an unknown unit. */
double scn_unit_hours(const char *unit);

/* ---- documentation ----------------------------------------------------------------- */

/* Writes the Markdown reference page: one table per object (path, type, unit,
 * default, allowed values, live, meaning, mechanism). Deterministic, so a test
 * can compare a committed page with a fresh one. SIM_ERR_RUNTIME on write error. */
int scn_write_markdown(const scn_schema *schema, const char *title, const char *intro,
                       FILE *out);

#endif
