/*
 * scn_doc.c — what a schema says about itself: the list of its fields, a
 * check of the table, and the Markdown reference page.
 */
#include "scn_int.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#define SCHEMA_DEPTH 16 /* guards against a schema that contains itself */

static size_t path_each(scn_path *p)
{
    size_t old = p->len;
    if (p->len + 2 < sizeof p->s) {
        memcpy(p->s + p->len, "[]", 3);
        p->len += 2;
    }
    return old;
}

static int walk(const scn_schema *s, scn_path *p, int depth, scn_visit_fn *fn, void *ud)
{
    if (depth >= SCHEMA_DEPTH)
        return 0;
    for (size_t i = 0; i < s->nfields; i++) {
        const scn_field *f = &s->fields[i];
        size_t mark = scn__path_name(p, f->name);
        int r = fn(p->s, f, depth, ud);
        if (r == 0 && f->type == SCN_OBJECT && f->sub != NULL)
            r = walk(f->sub, p, depth + 1, fn, ud);
        if (r == 0 && f->type == SCN_ARRAY && f->sub != NULL) {
            path_each(p);
            r = walk(f->sub, p, depth + 1, fn, ud);
        }
        scn__path_pop(p, mark);
        if (r != 0)
            return r;
    }
    return 0;
}

int scn_schema_walk(const scn_schema *schema, scn_visit_fn *fn, void *ud)
{
    scn_path p;
    p.len = 0;
    p.s[0] = '\0';
    return walk(schema, &p, 0, fn, ud);
}

/* ---- checking a table ---- */

static size_t storage(scn_type t)
{
    switch (t) {
    case SCN_NUMBER:
    case SCN_SHARE:
    case SCN_DURATION: return sizeof(double);
    case SCN_INTEGER:
    case SCN_ENUM: return sizeof(int);
    case SCN_BOOL: return sizeof(bool);
    case SCN_OBJECT: return 0;
    default: return sizeof(void *);
    }
}

static int has_count(scn_type t)
{
    return t == SCN_ARRAY || t == SCN_MAP || t == SCN_STRING_LIST || t == SCN_NUMBER_LIST;
}

static int numeric(scn_type t)
{
    return t == SCN_NUMBER || t == SCN_INTEGER || t == SCN_SHARE || t == SCN_DURATION;
}

/* Whether two members of one struct overlap: a sign of a copied SCN_AT or a
 * forgotten SCN_COUNT_AT (which leaves the count at offset 0). */
static int overlap(size_t a, size_t alen, size_t b, size_t blen)
{
    return alen > 0 && blen > 0 && a < b + blen && b < a + alen;
}

static int overlaps_other(const scn_schema *s, size_t i, size_t off, size_t len)
{
    for (size_t j = 0; j < s->nfields; j++) {
        const scn_field *g = &s->fields[j];
        if (j != i && overlap(off, len, g->offset, g->size))
            return 1;
        if (has_count(g->type) && (j != i || off != g->count_offset) &&
            overlap(off, len, g->count_offset, sizeof(size_t)))
            return 1;
    }
    return 0;
}

static void check(const scn_schema *s, scn_path *p, int depth, sim_err *err)
{
#define BAD(...) sim_err_add(err, SIM_ERR_INPUT, __VA_ARGS__)
    if (depth >= SCHEMA_DEPTH) {
        BAD("schema %s: nested deeper than %d (does it contain itself?)", p->s, SCHEMA_DEPTH);
        return;
    }
    for (size_t i = 0; i < s->nfields; i++) {
        const scn_field *f = &s->fields[i];
        if (f->name == NULL || f->name[0] == '\0' || strpbrk(f->name, ".[]") != NULL) {
            BAD("schema %s: field %zu: a name is needed, without '.', '[' or ']'", s->name, i);
            continue;
        }
        size_t mark = scn__path_name(p, f->name);
        const char *at = p->s;
        if (depth == 0 && strcmp(f->name, "extends") == 0)
            BAD("schema extends: the name is reserved for the extends mechanism");
        for (size_t j = 0; j < i; j++)
            if (s->fields[j].name != NULL && strcmp(s->fields[j].name, f->name) == 0)
                BAD("schema %s: field listed twice", at);
        if (f->size == 0 || (storage(f->type) != 0 && f->size != storage(f->type)))
            BAD("schema %s: bound to a member of %zu bytes; %s needs %zu (use SCN_AT)", at,
                f->size, scn__type_text(f), storage(f->type));
        if (f->offset + f->size > s->size)
            BAD("schema %s: member lies outside the %zu-byte struct", at, s->size);
        if (has_count(f->type) && (f->count_size != sizeof(size_t) ||
                                   f->count_offset + sizeof(size_t) > s->size ||
                                   overlaps_other(s, i, f->count_offset, sizeof(size_t))))
            BAD("schema %s: needs a size_t count member of its own (SCN_COUNT_AT)", at);
        else if (overlaps_other(s, i, f->offset, f->size))
            BAD("schema %s: its member overlaps another field's", at);
        if ((f->type == SCN_OBJECT || f->type == SCN_ARRAY) && f->sub == NULL)
            BAD("schema %s: needs a sub-schema (.sub)", at);
        if (f->type == SCN_OBJECT && f->sub != NULL && f->size != f->sub->size)
            BAD("schema %s: member is %zu bytes, sub-schema %s describes %zu", at, f->size,
                f->sub->name, f->sub->size);
        if (f->doc == NULL || f->doc[0] == '\0')
            BAD("schema %s: no documentation (.doc)", at);
        if ((f->bounds & SCN_LO) && (f->bounds & SCN_HI) && !(f->min <= f->max))
            BAD("schema %s: min is above max", at);
        if ((f->flags & SCN_SUM_TO_ONE) && f->type != SCN_MAP)
            BAD("schema %s: SCN_SUM_TO_ONE applies to maps only", at);
        if (f->type == SCN_DURATION && scn_unit_hours(f->unit) == 0)
            BAD("schema %s: a duration's unit must be one of s, min, h, d, w, y", at);
        if (f->type == SCN_ENUM) {
            size_t n = 0;
            while (f->choices != NULL && f->choices[n] != NULL)
                n++;
            int found = 0;
            for (size_t k = 0; k < n && f->def_str != NULL; k++)
                found |= strcmp(f->choices[k], f->def_str) == 0;
            if (n == 0)
                BAD("schema %s: an enum needs choices", at);
            else if (!found && !(f->flags & SCN_REQUIRED))
                BAD("schema %s: default \"%s\" is not among the choices", at,
                    f->def_str ? f->def_str : "(none)");
        }
        if (numeric(f->type) && !(f->flags & SCN_REQUIRED)) {
            if (!isfinite(f->def) || scn__out_of_range(f, f->def))
                BAD("schema %s: default %g is outside the field's range", at, f->def);
            if (f->type == SCN_INTEGER && f->def != floor(f->def))
                BAD("schema %s: default %g is not a whole number", at, f->def);
        }
        if (f->type == SCN_OBJECT && f->sub != NULL)
            check(f->sub, p, depth + 1, err);
        if (f->type == SCN_ARRAY && f->sub != NULL) {
            path_each(p);
            check(f->sub, p, depth + 1, err);
        }
        scn__path_pop(p, mark);
    }
#undef BAD
}

int scn_schema_check(const scn_schema *schema, sim_err *err)
{
    scn_path p;
    p.len = 0;
    p.s[0] = '\0';
    unsigned before = err->lines;
    check(schema, &p, 0, err);
    return err->lines != before ? SIM_ERR_INPUT : SIM_OK;
}

/* ---- the reference page ---- */

static void cell(FILE *out, const char *s)
{
    /* A table cell cannot hold '|' or a line break. */
    fputs("| ", out);
    for (; s != NULL && *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else if (*s == '\n')
            fputc(' ', out);
        else
            fputc(*s, out);
    }
    fputc(' ', out);
}

static const char *type_word(const scn_field *f, char *buf, size_t n)
{
    switch (f->type) {
    case SCN_NUMBER: return "number";
    case SCN_INTEGER: return "whole number";
    case SCN_BOOL: return "true/false";
    case SCN_STRING: return "string";
    case SCN_ENUM: return "one of";
    case SCN_SHARE: return "share (0-1)";
    case SCN_DURATION: return "duration";
    case SCN_OBJECT: return "object";
    case SCN_ARRAY: snprintf(buf, n, "list of %s", f->sub ? f->sub->name : "objects"); return buf;
    case SCN_MAP: return "map: name → number";
    case SCN_STRING_LIST: return "list of strings";
    case SCN_NUMBER_LIST: return "list of numbers";
    }
    return "";
}

static void default_text(const scn_field *f, char *buf, size_t n)
{
    char v[32];
    scn__fmt_num(v, sizeof v, f->def);
    if (f->flags & SCN_REQUIRED) {
        snprintf(buf, n, "required");
        return;
    }
    switch (f->type) {
    case SCN_NUMBER:
    case SCN_INTEGER:
    case SCN_SHARE: snprintf(buf, n, "%s", v); break;
    case SCN_DURATION: snprintf(buf, n, "%s %s", v, f->unit); break;
    case SCN_BOOL: snprintf(buf, n, "%s", f->def != 0 ? "true" : "false"); break;
    case SCN_STRING: snprintf(buf, n, f->def_str ? "\"%s\"" : "(none)", f->def_str); break;
    case SCN_ENUM: snprintf(buf, n, "`%s`", f->def_str ? f->def_str : f->choices[0]); break;
    case SCN_OBJECT: snprintf(buf, n, "see below"); break;
    default: snprintf(buf, n, "empty"); break;
    }
}

static void allowed_text(const scn_field *f, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    if (f->type == SCN_ENUM) {
        for (size_t k = 0; f->choices[k] != NULL && len < n; k++)
            len += (size_t)snprintf(buf + len, n - len, "%s`%s`", k ? ", " : "", f->choices[k]);
        return;
    }
    if (numeric(f->type) || f->type == SCN_MAP || f->type == SCN_NUMBER_LIST)
        scn__range_text(f, buf, n);
    len = strlen(buf);
    if (f->type == SCN_DURATION && len < n)
        len += (size_t)snprintf(buf + len, n - len, "%sa number of %s, or \"30min\" \"2h\" \"7d\" "
                                "\"2w\" \"1y\"", len ? "; " : "", f->unit);
    if ((f->flags & SCN_NONEMPTY) && len < n)
        len += (size_t)snprintf(buf + len, n - len, "%snot empty", len ? "; " : "");
    if (f->max_count != 0 && len < n)
        len += (size_t)snprintf(buf + len, n - len, "%sat most %zu %s", len ? "; " : "",
                                f->max_count, f->type == SCN_STRING ? "bytes" : "elements");
    if ((f->flags & SCN_SUM_TO_ONE) && len < n)
        snprintf(buf + len, n - len, "%svalues add up to 1", len ? "; " : "");
}

static void section(FILE *out, const scn_schema *s, scn_path *p, int depth)
{
    if (depth >= SCHEMA_DEPTH)
        return;
    if (depth == 0)
        fputs("\n## Top level\n\n", out);
    else
        fprintf(out, "\n## `%s`\n\n", p->s);
    if (s->doc != NULL && s->doc[0] != '\0')
        fprintf(out, "%s\n\n", s->doc);
    fputs("| Field | Type | Unit | Default | Allowed | Live | Meaning | Mechanism |\n", out);
    fputs("|---|---|---|---|---|---|---|---|\n", out);
    if (depth == 0)
        fputs("| `extends` | string | | (none) | path of a scenario file, relative to this one "
              "| | Start from that scenario and override it: objects merge key by key, lists "
              "and values replace, null removes an inherited setting. | |\n",
              out);
    char buf[512], word[64];
    for (size_t i = 0; i < s->nfields; i++) {
        const scn_field *f = &s->fields[i];
        size_t mark = scn__path_name(p, f->name);
        snprintf(buf, sizeof buf, "`%s`", p->s);
        cell(out, buf);
        cell(out, type_word(f, word, sizeof word));
        cell(out, f->unit);
        default_text(f, buf, sizeof buf);
        cell(out, buf);
        allowed_text(f, buf, sizeof buf);
        cell(out, buf);
        cell(out, f->flags & SCN_LIVE ? "yes" : "");
        cell(out, f->doc);
        cell(out, f->mechanism);
        fputs("|\n", out);
        scn__path_pop(p, mark);
    }
    for (size_t i = 0; i < s->nfields; i++) {
        const scn_field *f = &s->fields[i];
        if ((f->type != SCN_OBJECT && f->type != SCN_ARRAY) || f->sub == NULL)
            continue;
        size_t mark = scn__path_name(p, f->name);
        if (f->type == SCN_ARRAY)
            path_each(p);
        section(out, f->sub, p, depth + 1);
        scn__path_pop(p, mark);
    }
}

int scn_write_markdown(const scn_schema *schema, const char *title, const char *intro,
                       FILE *out)
{
    scn_path p;
    p.len = 0;
    p.s[0] = '\0';
    fprintf(out, "# %s\n", title);
    if (intro != NULL && intro[0] != '\0')
        fprintf(out, "\n%s\n", intro);
    section(out, schema, &p, 0);
    if (fflush(out) != 0 || ferror(out))
        return SIM_ERR_RUNTIME;
    return SIM_OK;
}
