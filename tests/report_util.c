/* report_util.c — reading report.html in tests (see report_util.h). */
#include "report_util.h"
#include "cli_util.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *next_tag(const char *p, const char *open, const char **end)
{
    const char *t = strstr(p, open);
    if (t == NULL)
        return NULL;
    const char *e = strchr(t, '>');
    if (e == NULL)
        return NULL;
    *end = e;
    return t;
}

int tag_attr(const char *tag, const char *end, const char *name, char *buf, size_t size)
{
    size_t n = strlen(name);
    for (const char *p = tag; p + n + 2 < end; p++) {
        if (!isspace((unsigned char)p[0]) || strncmp(p + 1, name, n) != 0 || p[n + 1] != '=')
            continue;
        char q = p[n + 2];
        const char *v = p + n + 3, *e = v;
        while (e < end && *e != q)
            e++;
        size_t len = (size_t)(e - v);
        if (len >= size)
            len = size - 1;
        memcpy(buf, v, len);
        buf[len] = '\0';
        return 1;
    }
    return 0;
}

double attr_num(const char *tag, const char *end, const char *name)
{
    char buf[64];
    if (!tag_attr(tag, end, name, buf, sizeof buf) || buf[0] == '\0')
        return NAN;
    return strtod(buf, NULL);
}

double shown_number(const char *p, size_t stop, int *decimals)
{
    char buf[64];
    size_t o = 0;
    int in_tag = 0, started = 0, after_point = -1;
    for (size_t i = 0; p[i] && i < stop && o + 1 < sizeof buf; i++) {
        char c = p[i];
        if (c == '<')
            in_tag = 1;
        if (in_tag) {
            if (c == '>')
                in_tag = 0;
            if (started)
                break;
            continue;
        }
        if (strncmp(p + i, "\xE2\x88\x92", 3) == 0 && !started) {
            buf[o++] = '-';
            i += 2;
            continue;
        }
        if ((c == '+' || c == '-') && !started) {
            buf[o++] = c;
            continue;
        }
        if (isdigit((unsigned char)c)) {
            started = 1;
            buf[o++] = c;
            if (after_point >= 0)
                after_point++;
            continue;
        }
        if (c == ',' && started)
            continue;
        if (c == '.' && started && after_point < 0) {
            buf[o++] = c;
            after_point = 0;
            continue;
        }
        if (started)
            break;
        o = 0; /* a sign not followed by a digit */
    }
    buf[o] = '\0';
    *decimals = after_point < 0 ? 0 : after_point;
    return started ? strtod(buf, NULL) : NAN;
}

static int starts_ci(const char *p, const char *s) { return strncasecmp(p, s, strlen(s)) == 0; }

const char *external_reference(const char *html)
{
    static const char *const banned[] = {
        "http:", "https:", "ftp:", "file:", "//", "src=", "srcset", "@import", "<script", "<link",
        "<iframe", "<object", "<embed", "<img", "<image", "<base", "http-equiv", "<foreignobject",
        "<frame", "<audio", "<video", "<source", "<track", "<portal", NULL,
    };
    for (const char *p = html; *p; p++) {
        for (size_t i = 0; banned[i] != NULL; i++)
            if (starts_ci(p, banned[i]))
                return banned[i];
        if (starts_ci(p, "url(")) {
            const char *q = p + 4;
            while (*q == ' ' || *q == '\'' || *q == '"')
                q++;
            if (*q != '#')
                return "url() not pointing at a #fragment";
        }
        if (starts_ci(p, "href=")) {
            const char *q = p + 5;
            if (*q == '\'' || *q == '"')
                q++;
            if (*q != '#')
                return "href not pointing at a #fragment";
        }
    }
    return NULL;
}

size_t count_of(const char *text, const char *s)
{
    size_t n = 0, len = strlen(s);
    for (const char *p = strstr(text, s); p != NULL; p = strstr(p + len, s))
        n++;
    return n;
}

const cJSON *summary_stat(const cJSON *sum, size_t c, const char *group, const char *kpi, int diff)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(sum, diff ? "differences" : "results");
    const cJSON *r = cJSON_GetArrayItem(list, (int)(diff ? c - 1 : c));
    if (r == NULL)
        return NULL;
    const cJSON *block = strcmp(group, "all") == 0
                             ? cJSON_GetObjectItemCaseSensitive(r, "kpis")
                             : cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "groups"), group);
    return cJSON_GetObjectItemCaseSensitive(block, kpi);
}

/* summary.json is written by cJSON, which keeps its 15-digit text when that
 * reads back within DBL_EPSILON of the value (not necessarily to the same bits);
 * the page writes the shortest text that reads back exactly. */
int same_number(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return fabs(a - b) <= 2 * DBL_EPSILON * fmax(fabs(a), fabs(b));
}

/* The good direction of a KPI, from what it measures (not from the program):
 * rates up; times, backlogs, costs, gaps down; counts and loads neither. */
int good_direction(const char *kpi)
{
    size_t n = strlen(kpi);
    if (strncmp(kpi, "repeat_contact", 14) == 0 || strcmp(kpi, "wait_prob") == 0)
        return -1; /* contacts again, having to wait: fewer is better */
    if (n > 5 && strcmp(kpi + n - 5, "_rate") == 0)
        return +1;
    if (strstr(kpi, "_min") != NULL || strstr(kpi, "_h") != NULL || strncmp(kpi, "backlog", 7) == 0 ||
        strncmp(kpi, "cost", 4) == 0 || strncmp(kpi, "equity_gap", 10) == 0)
        return -1;
    return 0;
}

/* The tone a difference must have: better or worse when significant and at
 * least a point (shares) or a twentieth of the baseline (the rest); small when
 * significant below that or without a direction; ns otherwise. */
const char *expected_tone(const char *kpi, const cJSON *df, double base, int share)
{
    if (!cJSON_IsTrue(at(df, "significant")))
        return "ns";
    double m = num_at(df, "mean");
    int dir = good_direction(kpi);
    double threshold = share ? 0.01 : 0.05 * fabs(base);
    if (dir == 0 || fabs(m) < threshold)
        return "small";
    return (m > 0) == (dir > 0) ? "better" : "worse";
}

