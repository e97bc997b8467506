/*
 * sim_html.c — escaped HTML text and gnuplot SVG files inlined into a page.
 *
 * The SVG inliner is a small tag scanner, not an XML parser: it accepts what
 * gnuplot's svg terminal writes (quoted attributes, escaped text) and refuses
 * anything it does not recognise, which is the safe direction for a page that
 * promises to load nothing from elsewhere and to run nothing.
 */
#include "sim_html.h"

#include <ctype.h>
#include <string.h>

#include "sim_mem.h"
#include "sim_output.h"

#define MAX_SVG_BYTES ((size_t)64 << 20)

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 && p[0] < 0xE0 ? 2 : 0;
    if (n == 0)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    /* Overlong forms, surrogates and code points above U+10FFFF. */
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
        return 0;
    return n;
}

void sim_html_text(sim_strbuf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        switch (*p) {
        case '&': sim_sb_puts(b, "&amp;"); p++; continue;
        case '<': sim_sb_puts(b, "&lt;"); p++; continue;
        case '>': sim_sb_puts(b, "&gt;"); p++; continue;
        case '"': sim_sb_puts(b, "&quot;"); p++; continue;
        case '\'': sim_sb_puts(b, "&#39;"); p++; continue;
        default: break;
        }
        if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7F) {
            sim_sb_put(b, " ", 1);
            p++;
            continue;
        }
        size_t n = utf8_len(p);
        if (n == 0) {
            sim_sb_puts(b, "\xEF\xBF\xBD");
            p++;
        } else {
            sim_sb_put(b, (const char *)p, n);
            p += n;
        }
    }
}

/* ---- the scanner ---- */

typedef struct scan {
    const char *p;
    sim_strbuf *out;
    const char *prefix;
    const char *why; /* set when the file is refused */
} scan;

static const char *const allowed_elements[] = {
    "g", "path", "polygon", "polyline", "line", "rect", "circle", "ellipse", "text", "tspan",
    "title", "desc", "defs", "use", "symbol", "clipPath", "mask", "pattern", "marker",
    "linearGradient", "radialGradient", "stop", "filter", "feFlood", "feComposite", "feOffset",
    "feGaussianBlur", "feBlend", "feMerge", "feMergeNode", "feColorMatrix", NULL,
};

static int allowed(const char *name, size_t len)
{
    for (size_t i = 0; allowed_elements[i] != NULL; i++)
        if (strlen(allowed_elements[i]) == len && strncmp(allowed_elements[i], name, len) == 0)
            return 1;
    return 0;
}

static int is_name_char(char c)
{
    return c != '\0' && !isspace((unsigned char)c) && c != '=' && c != '/' && c != '>' &&
           c != '<' && c != '"' && c != '\'';
}

static int refuse(scan *s, const char *why)
{
    if (s->why == NULL)
        s->why = why;
    return 0;
}

/* An attribute value: ids get the prefix, and so does every reference, which
 * must point inside the document. */
static int put_value(scan *s, const char *name, size_t nlen, const char *v, size_t vlen)
{
    int is_id = nlen == 2 && strncmp(name, "id", 2) == 0;
    int is_href = (nlen == 4 && strncmp(name, "href", 4) == 0) ||
                  (nlen > 5 && strncmp(name + nlen - 5, ":href", 5) == 0);
    if (is_id) {
        sim_sb_puts(s->out, s->prefix);
        sim_sb_put(s->out, v, vlen);
        return 1;
    }
    if (is_href) {
        if (vlen < 2 || v[0] != '#')
            return refuse(s, "a link that leaves the figure");
        sim_sb_put(s->out, "#", 1);
        sim_sb_puts(s->out, s->prefix);
        sim_sb_put(s->out, v + 1, vlen - 1);
        return 1;
    }
    const char *end = v + vlen;
    while (v < end) {
        const char *u = NULL;
        for (const char *q = v; q + 4 <= end && u == NULL; q++)
            if (strncmp(q, "url(", 4) == 0)
                u = q;
        if (u == NULL) {
            sim_sb_put(s->out, v, (size_t)(end - v));
            break;
        }
        const char *t = u + 4;
        while (t < end && (*t == ' ' || *t == '\'' || *t == '"'))
            t++;
        if (t >= end || *t != '#')
            return refuse(s, "a url() that leaves the figure");
        sim_sb_put(s->out, v, (size_t)(t + 1 - v));
        sim_sb_puts(s->out, s->prefix);
        v = t + 1;
    }
    return 1;
}

/* The attributes of a start tag up to and including its '>' (or "/>"). */
static int put_attributes(scan *s, int root)
{
    for (;;) {
        const char *p = s->p;
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '>' || (p[0] == '/' && p[1] == '>')) {
            s->p = p;
            return 1;
        }
        const char *name = p;
        while (is_name_char(*p))
            p++;
        size_t nlen = (size_t)(p - name);
        if (nlen == 0)
            return refuse(s, "a malformed tag");
        if (nlen > 2 && tolower((unsigned char)name[0]) == 'o' && tolower((unsigned char)name[1]) == 'n')
            return refuse(s, "an event-handler attribute");
        while (isspace((unsigned char)*p))
            p++;
        const char *v = NULL;
        size_t vlen = 0;
        char quote = '"';
        if (*p == '=') {
            p++;
            while (isspace((unsigned char)*p))
                p++;
            if (*p != '"' && *p != '\'')
                return refuse(s, "an unquoted attribute value");
            quote = *p++;
            v = p;
            while (*p && *p != quote)
                p++;
            if (*p != quote)
                return refuse(s, "an unterminated attribute value");
            vlen = (size_t)(p - v);
            p++;
        }
        s->p = p;
        int drop = root && ((nlen == 5 && strncmp(name, "width", 5) == 0) ||
                            (nlen == 6 && strncmp(name, "height", 6) == 0) ||
                            (nlen >= 5 && strncmp(name, "xmlns", 5) == 0));
        if (drop)
            continue;
        sim_sb_put(s->out, " ", 1);
        sim_sb_put(s->out, name, nlen);
        if (v == NULL)
            continue;
        sim_sb_put(s->out, "=", 1);
        sim_sb_put(s->out, &quote, 1);
        if (!put_value(s, name, nlen, v, vlen))
            return 0;
        sim_sb_put(s->out, &quote, 1);
    }
}

/* The root element's content, up to and including </svg>. */
static int put_body(scan *s)
{
    static const char generic_title[] = "<title>Gnuplot</title>";
    for (;;) {
        const char *lt = strchr(s->p, '<');
        if (lt == NULL)
            return refuse(s, "no closing </svg>");
        sim_sb_put(s->out, s->p, (size_t)(lt - s->p));
        s->p = lt;
        if (strncmp(lt, "<!--", 4) == 0) {
            const char *end = strstr(lt + 4, "-->");
            if (end == NULL)
                return refuse(s, "an unterminated comment");
            s->p = end + 3;
            continue;
        }
        if (strncmp(lt, generic_title, sizeof generic_title - 1) == 0) {
            s->p = lt + sizeof generic_title - 1;
            continue;
        }
        int closing = lt[1] == '/';
        const char *name = lt + 1 + closing;
        const char *p = name;
        while (is_name_char(*p))
            p++;
        size_t len = (size_t)(p - name);
        if (closing && len == 3 && strncmp(name, "svg", 3) == 0) {
            while (isspace((unsigned char)*p))
                p++;
            if (*p != '>')
                return refuse(s, "a malformed tag");
            sim_sb_puts(s->out, "</svg>");
            return 1;
        }
        if (len == 0 || !allowed(name, len))
            return refuse(s, "an element other than drawing elements");
        sim_sb_put(s->out, lt, (size_t)(p - lt));
        s->p = p;
        if (closing) {
            while (isspace((unsigned char)*s->p))
                s->p++;
            if (*s->p != '>')
                return refuse(s, "a malformed tag");
        } else if (!put_attributes(s, 0)) {
            return 0;
        }
        if (*s->p == '/') {
            sim_sb_puts(s->out, "/>");
            s->p += 2;
        } else {
            sim_sb_put(s->out, ">", 1);
            s->p++;
        }
    }
}

int sim_html_svg(sim_strbuf *b, const char *path, const char *prefix, const char *title,
                 sim_err *err)
{
    char *text = NULL;
    int rc = sim_out_read_file(path, MAX_SVG_BYTES, &text, NULL, err);
    if (rc != SIM_OK)
        return rc;
    sim_strbuf out;
    sim_sb_init(&out);
    scan s = {text, &out, prefix, NULL};
    const char *root = strstr(text, "<svg");
    if (root == NULL || !(isspace((unsigned char)root[4]) || root[4] == '>')) {
        refuse(&s, "no <svg> element");
    } else {
        s.p = root + 4;
        sim_sb_puts(&out, "<svg");
        if (put_attributes(&s, 1)) {
            if (*s.p == '/') {
                refuse(&s, "an empty figure");
            } else {
                s.p++;
                sim_sb_puts(&out, " role=\"img\" aria-label=\"");
                sim_html_text(&out, title);
                sim_sb_puts(&out, "\"><title>");
                sim_html_text(&out, title);
                sim_sb_puts(&out, "</title>");
                put_body(&s);
            }
        }
    }
    if (s.why != NULL)
        rc = sim_err_add(err, SIM_ERR_RUNTIME, "%s: not inlined: it holds %s", path, s.why);
    else if (out.failed)
        rc = sim_err_nomem(err, "inlining a figure");
    else
        sim_sb_put(b, out.p, out.len);
    sim_sb_free(&out);
    sim_free(text);
    return rc;
}
