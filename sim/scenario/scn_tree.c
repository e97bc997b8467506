/*
 * scn_tree.c — the cJSON tree of one file and the position of each of its
 * values.
 *
 * Once scn_lex.c has accepted the text, cJSON builds the tree from the same
 * bytes; a depth-first walk of that tree visits values in the order the
 * scanner recorded them, which pairs each node with its position. Duplicate
 * keys, which cJSON keeps silently, are found during that walk.
 */
#include "scn_int.h"

#include <stdlib.h>
#include <string.h>

#include "sim_mem.h"

typedef struct dupkey {
    const cJSON *node;
    size_t idx;
    const cJSON *first; /* earlier member with the same key, if any */
} dupkey;

typedef struct attach_ctx {
    scn_doc *doc;
    uint32_t fileno;
    const char *name;
    const scn_rec *recs;
    size_t nrecs;
    sim_err *err;
    int status;
    size_t k; /* next record */
    dupkey *scratch;
    size_t capscratch;
    scn_path path;
} attach_ctx;

static int by_key(const void *a, const void *b)
{
    const dupkey *x = a, *y = b;
    int c = strcmp(x->node->string, y->node->string);
    if (c != 0)
        return c;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int by_idx(const void *a, const void *b)
{
    const dupkey *x = a, *y = b;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Duplicate keys of one object, reported in document order. */
static int check_duplicates(attach_ctx *A, const cJSON *obj)
{
    size_t n = 0;
    for (const cJSON *c = obj->child; c != NULL; c = c->next)
        n++;
    if (n < 2)
        return SIM_OK;
    if (n > A->capscratch) {
        dupkey *s = sim_reallocarray(A->scratch, n, sizeof *s);
        if (s == NULL)
            return A->status = sim_err_nomem(A->err, "checking duplicate fields");
        A->scratch = s;
        A->capscratch = n;
    }
    size_t i = 0;
    for (const cJSON *c = obj->child; c != NULL; c = c->next, i++)
        A->scratch[i] = (dupkey){c, i, NULL};
    qsort(A->scratch, n, sizeof *A->scratch, by_key);
    int any = 0;
    for (i = 1; i < n; i++) {
        if (strcmp(A->scratch[i].node->string, A->scratch[i - 1].node->string) == 0) {
            const cJSON *first = A->scratch[i - 1].first ? A->scratch[i - 1].first
                                                         : A->scratch[i - 1].node;
            A->scratch[i].first = first;
            any = 1;
        }
    }
    if (!any)
        return SIM_OK;
    qsort(A->scratch, n, sizeof *A->scratch, by_idx);
    for (i = 0; i < n; i++) {
        if (A->scratch[i].first == NULL)
            continue;
        const scn_posrec *p = scn__pos_get(A->doc, A->scratch[i].first);
        size_t mark = scn__path_name(&A->path, A->scratch[i].node->string);
        scn__report(A->doc, A->err, SIM_ERR_INPUT, A->scratch[i].node, 1, A->path.s,
                    "duplicate field (also given at %u:%u); JSON would keep both, so remove one",
                    p ? p->kline : 0, p ? p->kcol : 0);
        scn__path_pop(&A->path, mark);
    }
    A->status = SIM_ERR_INPUT;
    return SIM_OK; /* keep walking: report the duplicates of every object at once */
}

static int attach(attach_ctx *A, const cJSON *node)
{
    if (A->k >= A->nrecs || (node->type & 0xFF) != A->recs[A->k].kind)
        return A->status = sim_err_add(A->err, SIM_ERR_RUNTIME,
                                       "%s: internal error: the syntax check and cJSON read this "
                                       "file differently",
                                       A->name);
    const scn_rec *r = &A->recs[A->k++];
    scn_posrec p = {node, A->fileno, r->line, r->col, r->kline, r->kcol};
    if (scn__pos_put(A->doc, &p) != SIM_OK)
        return A->status = sim_err_nomem(A->err, "indexing scenario positions");
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
        return SIM_OK;
    size_t i = 0;
    for (const cJSON *c = node->child; c != NULL; c = c->next, i++) {
        size_t mark = cJSON_IsObject(node) ? scn__path_name(&A->path, c->string)
                                           : scn__path_index(&A->path, i);
        int st = attach(A, c);
        scn__path_pop(&A->path, mark);
        if (st == SIM_ERR_RUNTIME)
            return st;
    }
    if (cJSON_IsObject(node))
        return check_duplicates(A, node);
    return SIM_OK;
}

int scn__parse(scn_doc *doc, uint32_t fileno, char *text, size_t len, cJSON **out, sim_err *err)
{
    *out = NULL;
    const char *name = doc->files[fileno];
    if (scn__check_text(name, text, len, err) != SIM_OK)
        return SIM_ERR_INPUT;
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    scn_rec *recs;
    size_t nrecs;
    int st = scn__scan(name, text, len, bom, &recs, &nrecs, err);
    if (st != SIM_OK)
        return st;
    /* The text passed the strict check: cJSON can fail here only for memory. */
    cJSON *root = cJSON_ParseWithLengthOpts(text + bom, len - bom + 1, NULL, 1);
    if (root == NULL) {
        sim_free(recs);
        return sim_err_nomem(err, "building the JSON tree");
    }
    attach_ctx A = {.doc = doc, .fileno = fileno, .name = name, .recs = recs, .nrecs = nrecs,
                    .err = err};
    A.path.s[0] = '\0';
    if (scn__pos_reserve(doc, nrecs) != SIM_OK)
        A.status = sim_err_nomem(err, "indexing scenario positions");
    else
        attach(&A, root);
    if (A.status == SIM_OK && A.k != nrecs)
        A.status = sim_err_add(err, SIM_ERR_RUNTIME,
                               "%s: internal error: the syntax check and cJSON read this file "
                               "differently",
                               name);
    sim_free(A.scratch);
    sim_free(recs);
    if (A.status != SIM_OK) {
        scn__bury(doc, root); /* its nodes are in the index: keep their addresses unique */
        return A.status;
    }
    *out = root;
    return SIM_OK;
}
