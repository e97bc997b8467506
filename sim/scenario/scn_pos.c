/*
 * scn_pos.c — the scenario document: its merged tree, the files it came from,
 * and where every value was written.
 *
 * The position index maps a cJSON node's address to its position. Nodes are
 * never freed before the document (replaced subtrees go to the graveyard), so
 * an address keeps naming one node for the document's whole life and the index
 * needs no deletion.
 */
#include "scn_int.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "sim_mem.h"

static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void install(void)
{
    /* Every cJSON allocation goes through sim_mem, so tests can make the Nth one
     * fail. Process-wide, set once, before any scenario tree exists. */
    cJSON_Hooks h = {sim_malloc, sim_free};
    cJSON_InitHooks(&h);
}

void scn__install_hooks(void) { pthread_once(&hooks_once, install); }

int scn__doc_new(const scn_schema *schema, scn_doc **out, sim_err *err)
{
    scn__install_hooks();
    *out = NULL;
    scn_doc *doc = sim_calloc(1, sizeof *doc);
    if (doc == NULL)
        return sim_err_nomem(err, "loading a scenario");
    doc->schema = schema;
    doc->cmdline = UINT32_MAX;
    doc->graveyard = cJSON_CreateArray();
    if (doc->graveyard == NULL) {
        sim_free(doc);
        return sim_err_nomem(err, "loading a scenario");
    }
    *out = doc;
    return SIM_OK;
}

void scn_doc_destroy(scn_doc *doc)
{
    if (doc == NULL)
        return;
    cJSON_Delete(doc->root);
    cJSON_Delete(doc->graveyard);
    for (size_t i = 0; i < doc->nfiles; i++)
        sim_free(doc->files[i]);
    sim_free(doc->files);
    sim_free(doc->tab);
    sim_free(doc);
}

int scn__file_add(scn_doc *doc, const char *name, uint32_t *idx)
{
    if (doc->nfiles == doc->capfiles) {
        size_t ncap = doc->capfiles ? doc->capfiles * 2 : 4;
        char **f = sim_reallocarray(doc->files, ncap, sizeof *f);
        if (f == NULL)
            return SIM_ERR_RUNTIME;
        doc->files = f;
        doc->capfiles = ncap;
    }
    char *copy = sim_strdup(name);
    if (copy == NULL)
        return SIM_ERR_RUNTIME;
    doc->files[doc->nfiles] = copy;
    *idx = (uint32_t)doc->nfiles++;
    return SIM_OK;
}

void scn__bury(scn_doc *doc, cJSON *node)
{
    if (node != NULL)
        cJSON_AddItemToArray(doc->graveyard, node); /* links only: cannot fail */
}

static size_t slot(const void *p, size_t mask)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x & mask;
}

static void insert(scn_posrec *tab, size_t cap, const scn_posrec *rec, size_t *count)
{
    size_t i = slot(rec->node, cap - 1);
    while (tab[i].node != NULL && tab[i].node != rec->node)
        i = (i + 1) & (cap - 1);
    if (tab[i].node == NULL)
        (*count)++;
    tab[i] = *rec;
}

int scn__pos_reserve(scn_doc *doc, size_t more)
{
    size_t need = doc->tabn + more;
    if (need * 2 <= doc->tabcap)
        return SIM_OK;
    size_t cap = doc->tabcap ? doc->tabcap : 64;
    while (cap < need * 2) {
        if (cap > SIZE_MAX / 4)
            return SIM_ERR_RUNTIME;
        cap *= 2;
    }
    scn_posrec *tab = sim_calloc(cap, sizeof *tab);
    if (tab == NULL)
        return SIM_ERR_RUNTIME;
    size_t n = 0;
    for (size_t i = 0; i < doc->tabcap; i++)
        if (doc->tab[i].node != NULL)
            insert(tab, cap, &doc->tab[i], &n);
    sim_free(doc->tab);
    doc->tab = tab;
    doc->tabcap = cap;
    doc->tabn = n;
    return SIM_OK;
}

int scn__pos_put(scn_doc *doc, const scn_posrec *rec)
{
    if (scn__pos_reserve(doc, 1) != SIM_OK)
        return SIM_ERR_RUNTIME;
    insert(doc->tab, doc->tabcap, rec, &doc->tabn);
    return SIM_OK;
}

const scn_posrec *scn__pos_get(const scn_doc *doc, const cJSON *node)
{
    if (doc == NULL || node == NULL || doc->tabcap == 0)
        return NULL;
    size_t i = slot(node, doc->tabcap - 1);
    while (doc->tab[i].node != NULL) {
        if (doc->tab[i].node == node)
            return &doc->tab[i];
        i = (i + 1) & (doc->tabcap - 1);
    }
    return NULL;
}

static scn_pos to_pos(const scn_doc *doc, const scn_posrec *r, int at_key)
{
    scn_pos p = {NULL, 0, 0};
    if (r == NULL)
        return p;
    p.file = doc->files[r->file];
    if (at_key && r->kline != 0) {
        p.line = r->kline;
        p.col = r->kcol;
    } else {
        p.line = r->line;
        p.col = r->col;
    }
    return p;
}

scn_pos scn_pos_of(const scn_doc *doc, const struct cJSON *node)
{
    return to_pos(doc, scn__pos_get(doc, node), 0);
}

const struct cJSON *scn_doc_root(const scn_doc *doc) { return doc ? doc->root : NULL; }

bool scn_doc_pos(const scn_doc *doc, const char *path, scn_pos *value_pos, scn_pos *key_pos)
{
    const cJSON *nearest;
    const cJSON *n = scn__doc_find(doc->root, path, &nearest);
    if (n == NULL)
        return false;
    const scn_posrec *r = scn__pos_get(doc, n);
    if (value_pos != NULL)
        *value_pos = to_pos(doc, r, 0);
    if (key_pos != NULL) {
        *key_pos = to_pos(doc, r, 1);
        if (r == NULL || r->kline == 0)
            key_pos->line = key_pos->col = 0;
    }
    return true;
}

void scn__vreport(const scn_doc *doc, sim_err *err, int status, const cJSON *node, int at_key,
                  const char *path, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    scn_pos p = to_pos(doc, scn__pos_get(doc, node), at_key);
    const char *sep = path != NULL && path[0] != '\0' ? ": " : "";
    if (path == NULL)
        path = "";
    if (p.file != NULL && p.line != 0)
        sim_err_add(err, status, "%s:%u:%u: %s%s%s", p.file, p.line, p.col, path, sep, msg);
    else if (p.file != NULL)
        sim_err_add(err, status, "%s: %s%s%s", p.file, path, sep, msg);
    else if (doc != NULL && doc->nfiles > 0)
        sim_err_add(err, status, "%s: %s%s%s", doc->files[0], path, sep, msg);
    else
        sim_err_add(err, status, "%s%s%s", path, sep, msg);
}

void scn__report(const scn_doc *doc, sim_err *err, int status, const cJSON *node, int at_key,
                 const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scn__vreport(doc, err, status, node, at_key, path, fmt, ap);
    va_end(ap);
}

int scn_problem(const scn_doc *doc, sim_err *err, const char *path, const char *fmt, ...)
{
    const cJSON *nearest = NULL;
    const cJSON *n = doc != NULL ? scn__doc_find(doc->root, path, &nearest) : NULL;
    va_list ap;
    va_start(ap, fmt);
    scn__vreport(doc, err, SIM_ERR_INPUT, n != NULL ? n : nearest, 0, path, fmt, ap);
    va_end(ap);
    return SIM_ERR_INPUT;
}
