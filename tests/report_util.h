/* report_util.h — reading report.html in tests: tags, attributes, numbers, URLs. */
#ifndef TEST_REPORT_UTIL_H
#define TEST_REPORT_UTIL_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* The next start tag at or after p whose text begins with `open` (e.g.
 * "<td class=\"rate\""); NULL if none. *end gets its closing '>'. */
const char *next_tag(const char *p, const char *open, const char **end);

/* The value of attribute name in the tag [tag, end) into buf (size bytes);
 * 0 when the tag has no such attribute. */
int tag_attr(const char *tag, const char *end, const char *name, char *buf, size_t size);

/* The number an attribute holds (NaN for an empty value, as summary.json's null). */
double attr_num(const char *tag, const char *end, const char *name);

/* The first number in visible text from p on (digits grouped with ',', U+2212 as
 * minus, '+' allowed), skipping tags; *decimals gets how many digits followed
 * the point. NaN when none before `stop` characters. */
double shown_number(const char *p, size_t stop, int *decimals);

/* A problem with the page's self-containment (first one found), or NULL: any
 * http:, https:, ftp:, file: or protocol-relative //, src=, srcset, @import,
 * url() or href not pointing at a #fragment, and the elements that load or run
 * something (script, link, iframe, object, embed, img, image, base, meta refresh,
 * foreignObject). Case-insensitive. */
const char *external_reference(const char *html);

/* Number of occurrences of s in text. */
size_t count_of(const char *text, const char *s);

/* The node summary.json holds for configuration c, group g ("all" or a class),
 * KPI k: results[c].kpis.k or results[c].groups.g.k; with diff,
 * differences[c-1].... NULL if absent. */
const cJSON *summary_stat(const cJSON *sum, size_t c, const char *group, const char *kpi, int diff);

/* The same number as far as summary.json can tell (within its cJSON rounding,
 * 2 ulp), or both NaN. */
int same_number(double a, double b);

/* A KPI's good direction from what it measures (not from the program): +1
 * rates, -1 times, backlogs, costs and gaps, 0 counts and loads. */
int good_direction(const char *kpi);
/* The tone a paired difference df (summary.json's) must have: "better" or
 * "worse" when significant and at least a point (shares) or a twentieth of
 * the baseline's mean base (the rest); "small" below that or without a
 * direction; "ns" when not significant. */
const char *expected_tone(const char *kpi, const cJSON *df, double base, int share);

#endif
