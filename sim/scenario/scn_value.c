/*
 * scn_value.c — durations, ranges, value descriptions and "did you mean".
 */
#include "scn_int.h"

#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Seconds per unit: whole numbers, so a conversion rounds once (30 min is
 * exactly 0.5 h). */
static const struct {
    const char *unit;
    double secs;
} units[] = {
    {"s", 1}, {"min", 60}, {"h", 3600}, {"d", 86400}, {"w", 604800}, {"y", 31536000},
};

static double unit_secs(const char *unit)
{
    if (unit == NULL)
        return 0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(unit, units[i].unit) == 0)
            return units[i].secs;
    return 0;
}

double scn_unit_hours(const char *unit) { return unit_secs(unit) / 3600; }

double scn__to_hours(double v, const char *unit) { return v * unit_secs(unit) / 3600; }

double scn__from_hours(double h, const char *unit)
{
    double s = unit_secs(unit);
    return s > 0 ? h * 3600 / s : 0;
}

int scn_parse_duration(const char *text, const char *default_unit, double *hours)
{
    /* Parsed by hand rather than strtod: strtod follows the locale's decimal
     * point and accepts hex, inf and nan, none of which a duration may be. */
    const char *p = text;
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    double v = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9') {
        v = v * 10 + (*p++ - '0');
        digits++;
    }
    if (*p == '.') {
        p++;
        double scale = 0.1;
        while (*p >= '0' && *p <= '9') {
            v += (*p++ - '0') * scale;
            scale /= 10;
            digits++;
        }
    }
    if (digits == 0 || digits > 30)
        return SIM_ERR_INPUT;
    if (*p == ' ')
        p++;
    const char *unit = *p == '\0' ? default_unit : p;
    if (unit_secs(unit) == 0)
        return SIM_ERR_INPUT;
    *hours = scn__to_hours(neg ? -v : v, unit);
    return SIM_OK;
}

void scn__fmt_num(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.10g", v);
}

const char *scn__type_text(const scn_field *f)
{
    switch (f->type) {
    case SCN_NUMBER: return "a number";
    case SCN_INTEGER: return "a whole number";
    case SCN_BOOL: return "true or false";
    case SCN_STRING: return "a string";
    case SCN_ENUM: return "one of the names listed";
    case SCN_SHARE: return "a share from 0 to 1";
    case SCN_DURATION: return "a duration";
    case SCN_OBJECT: return "an object { ... }";
    case SCN_ARRAY: return "a list [ ... ] of objects";
    case SCN_MAP: return "an object of \"name\": number pairs";
    case SCN_STRING_LIST: return "a list [ ... ] of strings";
    case SCN_NUMBER_LIST: return "a list [ ... ] of numbers";
    }
    return "a value";
}

/* Copies at most max bytes of s, cut on a character boundary. */
static int clip(const char *s, int max)
{
    int n = (int)strnlen(s, (size_t)max + 1);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

void scn__quote(const char *s, char *buf, size_t n)
{
    int k = clip(s, 40);
    snprintf(buf, n, "\"%.*s%s\"", k, s, s[k] ? "..." : "");
}

void scn__describe(const cJSON *node, char *buf, size_t n)
{
    if (cJSON_IsString(node)) {
        char q[64];
        scn__quote(node->valuestring, q, sizeof q);
        snprintf(buf, n, "the string %s", q);
    } else if (cJSON_IsNumber(node)) {
        char v[32];
        scn__fmt_num(v, sizeof v, node->valuedouble);
        snprintf(buf, n, "the number %s", v);
    } else if (cJSON_IsTrue(node)) {
        snprintf(buf, n, "true");
    } else if (cJSON_IsFalse(node)) {
        snprintf(buf, n, "false");
    } else if (cJSON_IsNull(node)) {
        snprintf(buf, n, "null");
    } else if (cJSON_IsArray(node)) {
        snprintf(buf, n, "a list");
    } else if (cJSON_IsObject(node)) {
        snprintf(buf, n, "an object");
    } else {
        snprintf(buf, n, "a value");
    }
}

void scn__range_text(const scn_field *f, char *buf, size_t n)
{
    char lo[32], hi[32];
    unsigned b = f->bounds;
    double mn = f->min, mx = f->max;
    if (f->type == SCN_SHARE) {
        /* Shares live in [0, 1] whatever else the row says. */
        if (!(b & SCN_LO) || mn < 0) {
            mn = 0;
            b = (b & ~(unsigned)SCN_LO_OPEN) | SCN_LO;
        }
        if (!(b & SCN_HI) || mx > 1) {
            mx = 1;
            b = (b & ~(unsigned)SCN_HI_OPEN) | SCN_HI;
        }
    }
    scn__fmt_num(lo, sizeof lo, mn);
    scn__fmt_num(hi, sizeof hi, mx);
    const char *unit = f->unit != NULL && f->type != SCN_SHARE ? f->unit : "";
    const char *sp = unit[0] ? " " : "";
    if ((b & SCN_LO) && (b & SCN_HI)) {
        if (!(b & (SCN_LO_OPEN | SCN_HI_OPEN)))
            snprintf(buf, n, "from %s to %s%s%s", lo, hi, sp, unit);
        else
            snprintf(buf, n, "%s %s and %s %s%s%s", b & SCN_LO_OPEN ? "more than" : "at least", lo,
                     b & SCN_HI_OPEN ? "less than" : "at most", hi, sp, unit);
    } else if (b & SCN_LO) {
        snprintf(buf, n, "%s %s%s%s", b & SCN_LO_OPEN ? "more than" : "at least", lo, sp, unit);
    } else if (b & SCN_HI) {
        snprintf(buf, n, "%s %s%s%s", b & SCN_HI_OPEN ? "less than" : "at most", hi, sp, unit);
    } else {
        buf[0] = '\0';
    }
}

int scn__out_of_range(const scn_field *f, double v)
{
    unsigned b = f->bounds;
    if (f->type == SCN_SHARE && (v < 0 || v > 1))
        return 1;
    if ((b & SCN_LO) && ((b & SCN_LO_OPEN) ? !(v > f->min) : !(v >= f->min)))
        return 1;
    if ((b & SCN_HI) && ((b & SCN_HI_OPEN) ? !(v < f->max) : !(v <= f->max)))
        return 1;
    return 0;
}

/* Optimal string alignment distance (adjacent transpositions count 1), in
 * bytes; names longer than 63 bytes are not compared. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return (size_t)-1;
    size_t d[64][64];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[la][lb];
}

static int same_ignoring_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

const char *scn__suggest(const char *word, scn_cand_fn *cand, const void *ctx, size_t n)
{
    const char *best = NULL;
    size_t bestd = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        const char *c = cand(ctx, i);
        if (same_ignoring_case(word, c))
            return c; /* keys are case-sensitive; this is the likeliest slip */
        size_t d = distance(word, c);
        size_t longer = strlen(word) > strlen(c) ? strlen(word) : strlen(c);
        size_t limit = longer / 3;
        if (limit < 1)
            limit = 1;
        if (limit > 3)
            limit = 3;
        if (d <= limit && d < bestd) {
            best = c;
            bestd = d;
        }
    }
    return best;
}

const char *scn__field_name_at(const void *schema, size_t i)
{
    return ((const scn_schema *)schema)->fields[i].name;
}

const char *scn__choice_at(const void *choices, size_t i)
{
    return ((const char *const *)choices)[i];
}

void scn__join_names(char *buf, size_t n, scn_cand_fn *cand, const void *ctx, size_t count)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        const char *c = cand(ctx, i);
        size_t need = strlen(c) + (i ? 2 : 0);
        if (len + need + 4 >= n || len + need > 200) {
            snprintf(buf + len, n - len, "%s...", i ? ", " : "");
            return;
        }
        len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "", c);
    }
}

const scn_field *scn__field(const scn_schema *schema, const char *name, size_t len)
{
    for (size_t i = 0; i < schema->nfields; i++)
        if (strlen(schema->fields[i].name) == len && memcmp(schema->fields[i].name, name, len) == 0)
            return &schema->fields[i];
    return NULL;
}

int scn__bad(sim_err *err, const char *path, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sim_err_add(err, SIM_ERR_INPUT, "%s: %s", path, msg);
}
