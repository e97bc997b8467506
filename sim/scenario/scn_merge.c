/*
 * scn_merge.c — "extends": a scenario starts from another file and overrides
 * it by deep merge.
 *
 * Rules (those of JSON Merge Patch, RFC 7396, except that a null with nothing
 * to remove is kept, so validation reports it instead of dropping a typo):
 *  - objects merge key by key, recursively;
 *  - arrays and scalars replace what the base file had;
 *  - null removes an inherited key, so the field falls back to its default.
 * The extending file's nodes are kept and the base's missing keys move into
 * them, so the top-level object and every object both files define are
 * positioned in the file that was loaded, and every inherited value in the
 * base file it came from. The path in "extends" is relative to the file that
 * holds it. Cycles are found by device and inode, so a.json and ./a.json are
 * the same file.
 */
#include "scn_int.h"

#include <string.h>
#include <sys/stat.h>

#include "sim_mem.h"

typedef struct chain {
    const char *names[SCN_MAX_EXTENDS + 1];
    dev_t dev[SCN_MAX_EXTENDS + 1];
    ino_t ino[SCN_MAX_EXTENDS + 1];
    int known[SCN_MAX_EXTENDS + 1];
    size_t n;
    int noted; /* a line already names the chain */
} chain;

static void chain_text(const chain *c, const char *last, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < c->n && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s -> ", c->names[i]);
    if (len < n)
        snprintf(buf + len, n - len, "%s", last);
}

static void merge_under(scn_doc *doc, cJSON *over, cJSON *base)
{
    cJSON *m;
    while ((m = base->child) != NULL) {
        cJSON_DetachItemViaPointer(base, m);
        cJSON *o = scn__member(over, m->string, strlen(m->string));
        if (o == NULL) {
            cJSON_AddItemToArray(over, m); /* inherited; links only, keeps the key */
        } else if (cJSON_IsNull(o)) {
            scn__bury(doc, cJSON_DetachItemViaPointer(over, o));
            scn__bury(doc, m);
        } else if (cJSON_IsObject(o) && cJSON_IsObject(m)) {
            merge_under(doc, o, m);
            scn__bury(doc, m);
        } else {
            scn__bury(doc, m); /* overridden */
        }
    }
}

static char *join(const char *from, const char *rel)
{
    const char *slash = strrchr(from, '/');
    if (rel[0] == '/' || slash == NULL)
        return sim_strdup(rel);
    size_t dir = (size_t)(slash - from) + 1, n = strlen(rel);
    char *p = sim_malloc(dir + n + 1);
    if (p != NULL) {
        memcpy(p, from, dir);
        memcpy(p + dir, rel, n + 1);
    }
    return p;
}

static int load_file(scn_doc *doc, const char *path, chain *ch, const cJSON *ext, unsigned flags,
                     cJSON **out, sim_err *err);

/* Problems found inside a base file name that file; one line more says which
 * file extended it, once, at the innermost level. */
static void note_chain(scn_doc *doc, chain *ch, const cJSON *ext, const char *base, sim_err *err)
{
    if (ch->noted)
        return;
    char trail[1024];
    chain_text(ch, base, trail, sizeof trail);
    scn__report(doc, err, SIM_ERR_INPUT, ext, 0, "extends",
                "the base file has the problems above (chain: %s)", trail);
    ch->noted = 1;
}

/* Parses one file's text and, when it extends another, loads and merges that. */
static int load_text(scn_doc *doc, const char *name, char *text, size_t len, chain *ch,
                     unsigned flags, const struct stat *id, cJSON **out, sim_err *err)
{
    uint32_t fileno;
    *out = NULL;
    if (scn__file_add(doc, name, &fileno) != SIM_OK)
        return sim_err_nomem(err, "loading a scenario");
    cJSON *root;
    int st = scn__parse(doc, fileno, text, len, &root, err);
    if (st != SIM_OK)
        return st;
    cJSON *ext = scn__member(root, "extends", 7);
    if (ext == NULL) {
        *out = root;
        return SIM_OK;
    }
    const char *fname = doc->files[fileno];
    if (flags & SCN_PARSE_NO_EXTENDS) {
        st = SIM_ERR_INPUT;
        scn__report(doc, err, st, ext, 1, "extends", "not allowed here");
    } else if (!cJSON_IsString(ext) || ext->valuestring[0] == '\0') {
        char got[96];
        scn__describe(ext, got, sizeof got);
        st = SIM_ERR_INPUT;
        scn__report(doc, err, st, ext, 0, "extends",
                    "expected the path of a scenario file, got %s; allowed: a non-empty string "
                    "such as \"baseline.json\"",
                    got);
    }
    if (st != SIM_OK) {
        scn__bury(doc, root);
        return st;
    }
    scn__bury(doc, cJSON_DetachItemViaPointer(root, ext)); /* kept for its position */
    char *base_path = join(fname, ext->valuestring);
    if (base_path == NULL) {
        scn__bury(doc, root);
        return sim_err_nomem(err, "loading a scenario");
    }
    ch->names[ch->n] = fname;
    ch->known[ch->n] = id != NULL;
    if (id != NULL) {
        ch->dev[ch->n] = id->st_dev;
        ch->ino[ch->n] = id->st_ino;
    }
    ch->n++;
    cJSON *base = NULL;
    st = load_file(doc, base_path, ch, ext, flags, &base, err);
    if (st == SIM_ERR_INPUT)
        note_chain(doc, ch, ext, base_path, err);
    ch->n--;
    if (st == SIM_OK && !cJSON_IsObject(base)) {
        char got[96];
        scn__describe(base, got, sizeof got);
        st = SIM_ERR_INPUT;
        scn__report(doc, err, st, base, 0, NULL,
                    "a scenario extended by %s must be a JSON object { ... }, got %s", fname, got);
    }
    sim_free(base_path);
    if (st != SIM_OK) {
        scn__bury(doc, base);
        scn__bury(doc, root);
        return st;
    }
    merge_under(doc, root, base);
    scn__bury(doc, base);
    *out = root;
    return SIM_OK;
}

static int load_file(scn_doc *doc, const char *path, chain *ch, const cJSON *ext, unsigned flags,
                     cJSON **out, sim_err *err)
{
    *out = NULL;
    char prefix[SCN_PATH_MAX + 64] = "", trail[1024], suffix[sizeof trail + 16] = "";
    if (ext != NULL) {
        scn_pos p = scn_pos_of(doc, ext);
        snprintf(prefix, sizeof prefix, "%s:%u:%u: extends: ", p.file, p.line, p.col);
        chain_text(ch, path, trail, sizeof trail);
        snprintf(suffix, sizeof suffix, " (chain: %s)", trail);
    }
    struct stat st;
    int have_id = stat(path, &st) == 0;
    for (size_t i = 0; have_id && i < ch->n; i++) {
        if (ch->known[i] && ch->dev[i] == st.st_dev && ch->ino[i] == st.st_ino) {
            chain_text(ch, path, trail, sizeof trail);
            ch->noted = 1;
            return sim_err_add(err, SIM_ERR_INPUT, "%scycle: %s", prefix, trail);
        }
    }
    ch->noted = ext != NULL;
    if (ch->n >= SCN_MAX_EXTENDS)
        return sim_err_add(err, SIM_ERR_INPUT, "%s%s: extends chain longer than %d files%s",
                           prefix, path, SCN_MAX_EXTENDS, suffix);
    char *text;
    size_t len;
    int rc = scn__read_file(path, prefix, suffix, &text, &len, err);
    if (rc != SIM_OK)
        return rc;
    ch->noted = 0;
    rc = load_text(doc, path, text, len, ch, flags, have_id ? &st : NULL, out, err);
    sim_free(text);
    return rc;
}

int scn_doc_load(const scn_schema *schema, const char *path, scn_doc **out, sim_err *err)
{
    scn_doc *doc;
    *out = NULL;
    int st = scn__doc_new(schema, &doc, err);
    if (st != SIM_OK)
        return st;
    chain ch = {.n = 0};
    st = load_file(doc, path, &ch, NULL, 0, &doc->root, err);
    if (st != SIM_OK) {
        scn_doc_destroy(doc);
        return st;
    }
    *out = doc;
    return SIM_OK;
}

int scn_doc_parse(const scn_schema *schema, const char *name, const char *text, size_t len,
                  unsigned flags, scn_doc **out, sim_err *err)
{
    *out = NULL;
    if (len > SCN_MAX_FILE_BYTES)
        return sim_err_add(err, SIM_ERR_INPUT,
                           "%s: too large (%zu bytes); a scenario may hold at most %zu bytes",
                           name, len, SCN_MAX_FILE_BYTES);
    if (len == 0)
        return sim_err_add(err, SIM_ERR_INPUT, "%s: empty; a scenario is a JSON object { ... }",
                           name);
    scn_doc *doc;
    int st = scn__doc_new(schema, &doc, err);
    if (st != SIM_OK)
        return st;
    char *copy = sim_malloc(len + 1);
    if (copy == NULL) {
        scn_doc_destroy(doc);
        return sim_err_nomem(err, "loading a scenario");
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    chain ch = {.n = 0};
    st = load_text(doc, name, copy, len, &ch, flags, NULL, &doc->root, err);
    sim_free(copy);
    if (st != SIM_OK) {
        scn_doc_destroy(doc);
        return st;
    }
    *out = doc;
    return SIM_OK;
}
