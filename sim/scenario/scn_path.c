/*
 * scn_path.c — dotted field paths: "staffing.workers_per_10k",
 * "departments[2].staff", "departments.住房.staff" (the element whose "name"
 * member is 住房), "departments[].staff" (every element, schema paths only).
 *
 * A name segment runs to the next '.', '[' or ']', so map keys and element
 * names holding those characters cannot be addressed; everything else,
 * UTF-8 included, can.
 */
#include "scn_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_mem.h"
#include "sim_strbuf.h"

int scn__seg_next(const char **pp, scn_seg *seg)
{
    const char *p = *pp;
    if (*p == '\0')
        return 0;
    if (*p == '[') {
        p++;
        if (*p == ']') {
            seg->kind = SCN_SEG_EACH;
        } else {
            size_t v = 0, digits = 0;
            while (*p >= '0' && *p <= '9' && digits < 9) {
                v = v * 10 + (size_t)(*p - '0');
                p++;
                digits++;
            }
            if (digits == 0 || *p != ']')
                return -1;
            seg->kind = SCN_SEG_INDEX;
            seg->index = v;
        }
        p++;
    } else {
        const char *s = p;
        while (*p != '\0' && *p != '.' && *p != '[' && *p != ']')
            p++;
        if (p == s)
            return -1;
        seg->kind = SCN_SEG_NAME;
        seg->s = s;
        seg->len = (size_t)(p - s);
    }
    if (*p == '.') {
        p++;
        if (*p == '\0' || *p == '.' || *p == '[')
            return -1;
    } else if (*p != '\0' && *p != '[') {
        return -1;
    }
    *pp = p;
    return 1;
}

cJSON *scn__member(const cJSON *obj, const char *key, size_t keylen)
{
    if (!cJSON_IsObject(obj))
        return NULL;
    for (cJSON *c = obj->child; c != NULL; c = c->next)
        if (c->string != NULL && strlen(c->string) == keylen && memcmp(c->string, key, keylen) == 0)
            return c;
    return NULL;
}

cJSON *scn__named_element(const cJSON *arr, const char *name, size_t len)
{
    if (!cJSON_IsArray(arr))
        return NULL;
    for (cJSON *e = arr->child; e != NULL; e = e->next) {
        const cJSON *n = scn__member(e, "name", 4);
        if (cJSON_IsString(n) && strlen(n->valuestring) == len &&
            memcmp(n->valuestring, name, len) == 0)
            return e;
    }
    return NULL;
}

cJSON *scn__nth(const cJSON *arr, size_t i)
{
    cJSON *e = arr->child;
    while (e != NULL && i-- > 0)
        e = e->next;
    return e;
}

size_t scn__count(const cJSON *arr)
{
    size_t n = 0;
    for (const cJSON *e = arr->child; e != NULL; e = e->next)
        n++;
    return n;
}

const cJSON *scn__doc_find(const cJSON *root, const char *path, const cJSON **nearest)
{
    *nearest = root;
    if (root == NULL || path == NULL)
        return NULL;
    const cJSON *cur = root;
    const char *p = path;
    scn_seg seg;
    int r;
    while ((r = scn__seg_next(&p, &seg)) == 1) {
        const cJSON *next = NULL;
        if (seg.kind == SCN_SEG_NAME && cJSON_IsObject(cur))
            next = scn__member(cur, seg.s, seg.len);
        else if (seg.kind == SCN_SEG_NAME && cJSON_IsArray(cur))
            next = scn__named_element(cur, seg.s, seg.len);
        else if (seg.kind == SCN_SEG_INDEX && cJSON_IsArray(cur))
            next = scn__nth(cur, seg.index);
        if (next == NULL)
            return NULL;
        cur = next;
        *nearest = cur;
    }
    return r == 0 ? cur : NULL;
}

/* ---- building paths for messages ---- */

static void append(scn_path *p, const char *s, size_t n)
{
    size_t room = sizeof p->s - 1 - p->len;
    if (n > room) {
        /* Cut on a character boundary and say so. */
        n = room > 3 ? room - 3 : 0;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        memcpy(p->s + p->len, s, n);
        p->len += n;
        size_t dots = sizeof p->s - 1 - p->len < 3 ? sizeof p->s - 1 - p->len : 3;
        memcpy(p->s + p->len, "...", dots);
        p->len += dots;
    } else {
        memcpy(p->s + p->len, s, n);
        p->len += n;
    }
    p->s[p->len] = '\0';
}

size_t scn__path_name(scn_path *p, const char *name)
{
    size_t old = p->len;
    if (p->len > 0)
        append(p, ".", 1);
    append(p, name, strlen(name));
    return old;
}

size_t scn__path_index(scn_path *p, size_t i)
{
    size_t old = p->len;
    char b[32];
    int n = snprintf(b, sizeof b, "[%zu]", i);
    append(p, b, (size_t)n);
    return old;
}

void scn__path_pop(scn_path *p, size_t len)
{
    p->len = len;
    p->s[len] = '\0';
}

/* ---- schema paths ---- */

const scn_field *scn_schema_find(const scn_schema *schema, const char *path)
{
    const char *p = path;
    scn_seg seg = {0}; /* set whenever scn__seg_next returns 1; GCC -O3 cannot tell */
    const scn_field *f = NULL, *last = NULL; /* f: awaiting its element or entry */
    int r, done = 0;
    while ((r = scn__seg_next(&p, &seg)) == 1) {
        if (done)
            return NULL;
        if (f == NULL) {
            if (seg.kind != SCN_SEG_NAME || (f = scn__field(schema, seg.s, seg.len)) == NULL)
                return NULL;
            last = f;
            if (f->type == SCN_OBJECT) {
                schema = f->sub;
                f = NULL;
            }
        } else if (f->type == SCN_ARRAY) {
            schema = f->sub;
            f = NULL;
        } else if (f->type == SCN_MAP && seg.kind == SCN_SEG_NAME) {
            done = 1;
        } else if ((f->type == SCN_NUMBER_LIST || f->type == SCN_STRING_LIST) &&
                   seg.kind != SCN_SEG_NAME) {
            done = 1;
        } else {
            return NULL;
        }
    }
    return r == 0 ? last : NULL;
}

static const char *field_label(const scn_field *f, int zh)
{
    return zh && f->label_zh != NULL ? f->label_zh : f->label;
}

/* name (up to len bytes) with spaces for underscores */
static void put_words(sim_strbuf *b, const char *name, size_t len)
{
    for (size_t i = 0; i < len; i++)
        sim_sb_put(b, name[i] == '_' ? " " : &name[i], 1);
}

const char *scn_path_label(const scn_schema *schema, const char *path, int zh, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    snprintf(buf, n, "%s", path);
    const scn_field *last = scn_schema_find(schema, path);
    if (last == NULL)
        return buf;
    sim_strbuf b, prefix;
    sim_sb_init(&b);
    sim_sb_init(&prefix);
    const char *seg = path;
    while (1) {
        size_t len = strcspn(seg, ".");
        if (seg[len] == '\0')
            break;
        size_t name_len = strcspn(seg, ".[");
        sim_sb_put(&prefix, path + prefix.len, (size_t)(seg + len - path) - prefix.len);
        const scn_field *f = prefix.failed ? NULL : scn_schema_find(schema, prefix.p);
        if (f != NULL && strlen(f->name) == name_len && strncmp(f->name, seg, name_len) == 0) {
            if (f->type == SCN_OBJECT && field_label(f, zh) != NULL) {
                sim_sb_puts(&b, field_label(f, zh));
                sim_sb_puts(&b, " \xC2\xB7 ");
            }
        } else {
            sim_sb_put(&b, seg, name_len); /* an element's or an entry's name */
            sim_sb_puts(&b, " \xC2\xB7 ");
        }
        seg += len + 1;
    }
    if (field_label(last, zh) != NULL)
        sim_sb_puts(&b, field_label(last, zh));
    else if (strncmp(last->name, seg, strcspn(seg, "[")) == 0)
        put_words(&b, last->name, strlen(last->name));
    else
        sim_sb_puts(&b, seg); /* a map's key */
    if (!b.failed)
        snprintf(buf, n, "%s", b.p);
    sim_sb_free(&b);
    sim_sb_free(&prefix);
    return buf;
}
