/*
 * scn_lex.c — the syntax check that runs before cJSON.
 *
 * cJSON reports neither line nor column, accepts some non-JSON (control
 * characters in strings, any byte below 0x21 as space), recurses up to 1000
 * levels and silently truncates numbers longer than 63 characters. So a strict,
 * iterative scanner reads the text first: it blanks comments to spaces (keeping
 * newlines, so byte offsets and positions do not move), checks the grammar with
 * an explicit stack (SCN_MAX_DEPTH), says what it expected where it stops, and
 * records the line:column of every value in document order for scn_tree.c.
 */
#include "scn_int.h"

#include <stdlib.h>
#include <string.h>

#include "sim_mem.h"

typedef struct lex {
    const char *name;
    char *s;
    size_t len, i;
    uint32_t line, col;
    sim_err *err;
    int status;
    scn_rec *recs;
    size_t nrecs, caprecs;
    struct {
        char c;
        uint32_t line, col;
    } stack[SCN_MAX_DEPTH];
    int depth;
    size_t num_end; /* just after the last number, to spot 2h written unquoted */
    size_t num_start;
} lex;

#define EOF_AT(L) ((L)->i >= (L)->len)
#define CUR(L) ((unsigned char)(L)->s[(L)->i])

static void adv(lex *L)
{
    unsigned char c = (unsigned char)L->s[L->i++];
    if (c == '\n') {
        L->line++;
        L->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        L->col++;
    }
}

static int lerr(lex *L, uint32_t line, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int lerr(lex *L, uint32_t line, uint32_t col, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->status = sim_err_add(L->err, SIM_ERR_INPUT, "%s:%u:%u: %s", L->name, line, col, msg);
    return L->status;
}

/* Full-width and typographic look-alikes a Chinese keyboard produces. */
static const struct {
    unsigned cp;
    const char *ascii;
} lookalikes[] = {
    {0xFF0C, ","}, {0xFF1A, ":"}, {0x201C, "\""}, {0x201D, "\""}, {0x2018, "\""},
    {0x2019, "\""}, {0x3000, "space"}, {0x00A0, "space"}, {0xFF5B, "{"}, {0xFF5D, "}"},
    {0xFF3B, "["}, {0xFF3D, "]"}, {0x3001, ","}, {0xFF1B, ","},
};

static unsigned decode(const unsigned char *s, size_t avail, size_t *n)
{
    /* The text passed the UTF-8 check, so only the length needs computing. */
    unsigned c = s[0];
    if (c < 0x80 || avail < 2) {
        *n = 1;
        return c;
    }
    if (c < 0xE0) {
        *n = 2;
        return ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    }
    if (c < 0xF0 || avail < 4) {
        *n = avail < 3 ? 1 : 3;
        return avail < 3 ? c : ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    }
    *n = 4;
    return ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

/* The index in lookalikes of the character at the current position, or -1. */
static int lookalike(const lex *L)
{
    if (EOF_AT(L) || CUR(L) < 0x80)
        return -1;
    size_t len;
    unsigned cp = decode((const unsigned char *)L->s + L->i, L->len - L->i, &len);
    for (size_t k = 0; k < sizeof lookalikes / sizeof lookalikes[0]; k++)
        if (lookalikes[k].cp == cp)
            return (int)k;
    return -1;
}

/* What is at the current position, for "expected X, got Y". */
static const char *got(const lex *L, char *buf, size_t n)
{
    if (EOF_AT(L))
        return "end of file";
    unsigned char c = CUR(L);
    if (c >= 0x20 && c < 0x7F) {
        snprintf(buf, n, "'%c'", c);
        return buf;
    }
    if (c < 0x80) {
        snprintf(buf, n, "control character 0x%02X", c);
        return buf;
    }
    size_t len;
    unsigned cp = decode((const unsigned char *)L->s + L->i, L->len - L->i, &len);
    int w = snprintf(buf, n, "'%.*s' (U+%04X)", (int)len, L->s + L->i, cp);
    int k = lookalike(L);
    if (k >= 0 && w > 0 && (size_t)w < n)
        snprintf(buf + w, n - (size_t)w, ", not ASCII: write %s%s%s instead",
                 lookalikes[k].ascii[1] ? "a " : "'", lookalikes[k].ascii,
                 lookalikes[k].ascii[1] ? "" : "'");
    return buf;
}

static int push_rec(lex *L, int kind, uint32_t kl, uint32_t kc)
{
    if (L->nrecs == L->caprecs) {
        size_t ncap = L->caprecs ? L->caprecs * 2 : 256;
        scn_rec *r = sim_reallocarray(L->recs, ncap, sizeof *r);
        if (r == NULL) {
            L->status = sim_err_nomem(L->err, "indexing scenario positions");
            return L->status;
        }
        L->recs = r;
        L->caprecs = ncap;
    }
    L->recs[L->nrecs++] = (scn_rec){L->line, L->col, kl, kc, kind};
    return SIM_OK;
}

static void blank(lex *L)
{
    char c = L->s[L->i];
    adv(L);
    if (c != '\n')
        L->s[L->i - 1] = ' ';
}

static int skip_ws(lex *L)
{
    while (!EOF_AT(L)) {
        unsigned char c = CUR(L);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            adv(L);
        } else if (c == '/' && L->i + 1 < L->len && L->s[L->i + 1] == '/') {
            while (!EOF_AT(L) && CUR(L) != '\n')
                blank(L);
        } else if (c == '/' && L->i + 1 < L->len && L->s[L->i + 1] == '*') {
            uint32_t l0 = L->line, c0 = L->col;
            blank(L);
            blank(L);
            for (;;) {
                if (EOF_AT(L))
                    return lerr(L, l0, c0, "unterminated comment: '/*' has no closing '*/'");
                if (CUR(L) == '*' && L->i + 1 < L->len && L->s[L->i + 1] == '/') {
                    blank(L);
                    blank(L);
                    break;
                }
                blank(L);
            }
        } else if (c == '/') {
            return lerr(L, L->line, L->col,
                        "unexpected '/'; comments are // to the end of the line or /* ... */");
        } else if (c == '#') {
            return lerr(L, L->line, L->col, "'#' does not start a comment here; use //");
        } else {
            break;
        }
    }
    return SIM_OK;
}

static int hex4(const lex *L, size_t at, unsigned *v)
{
    *v = 0;
    for (size_t k = 0; k < 4; k++) {
        if (at + k >= L->len)
            return -1;
        unsigned char c = (unsigned char)L->s[at + k];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10u;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10u;
        else
            return -1;
        *v = *v * 16 + d;
    }
    return 0;
}

static int scan_string(lex *L)
{
    uint32_t l0 = L->line, c0 = L->col;
    adv(L);
    for (;;) {
        if (EOF_AT(L))
            return lerr(L, l0, c0, "unterminated string: no closing '\"'");
        unsigned char c = CUR(L);
        if (c == '"') {
            adv(L);
            return SIM_OK;
        }
        if (c == '\n')
            return lerr(L, l0, c0,
                        "unterminated string: it runs to the end of the line (a line break "
                        "inside a string is written \\n)");
        if (c < 0x20)
            return lerr(L, L->line, L->col,
                        "control character 0x%02X in a string; write it as \\t, \\n or \\u00%02X",
                        c, c);
        if (c != '\\') {
            adv(L);
            continue;
        }
        uint32_t el = L->line, ec = L->col;
        adv(L);
        if (EOF_AT(L))
            return lerr(L, l0, c0, "unterminated string: no closing '\"'");
        c = CUR(L);
        if (strchr("\"\\/bfnrt", c) != NULL && c != '\0') {
            adv(L);
            continue;
        }
        if (c != 'u') {
            char b[64];
            return lerr(L, el, ec,
                        "invalid escape: backslash followed by %s; allowed: \\\" \\\\ \\/ \\b \\f "
                        "\\n \\r \\t \\uXXXX (a Windows path takes / or \\\\)",
                        got(L, b, sizeof b));
        }
        unsigned cp;
        if (hex4(L, L->i + 1, &cp) != 0)
            return lerr(L, el, ec, "\\u must be followed by four hexadecimal digits");
        for (int k = 0; k < 5; k++)
            adv(L);
        if (cp == 0)
            return lerr(L, el, ec, "\\u0000 (a NUL character) is not allowed in a string");
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return lerr(L, el, ec, "\\u%04X is half of a UTF-16 surrogate pair without its first half",
                        cp);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo;
            if (L->i + 1 >= L->len || L->s[L->i] != '\\' || L->s[L->i + 1] != 'u' ||
                hex4(L, L->i + 2, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
                return lerr(L, el, ec,
                            "\\u%04X must be followed by the second half of its surrogate pair "
                            "(\\uDC00 to \\uDFFF)",
                            cp);
            for (int k = 0; k < 6; k++)
                adv(L);
        }
    }
}

static int is_digit(const lex *L) { return !EOF_AT(L) && CUR(L) >= '0' && CUR(L) <= '9'; }

static int scan_number(lex *L)
{
    uint32_t l0 = L->line, c0 = L->col;
    size_t start = L->i;
    if (CUR(L) == '-') {
        adv(L);
        if (!EOF_AT(L) && (CUR(L) == 'I' || CUR(L) == 'i'))
            return lerr(L, l0, c0, "-Infinity is not a JSON number; give a finite number");
        if (!is_digit(L))
            return lerr(L, l0, c0, "'-' must be followed by a digit");
    }
    if (CUR(L) == '0') {
        adv(L);
        if (is_digit(L))
            return lerr(L, l0, c0, "leading zeros are not allowed in JSON numbers");
    } else {
        while (is_digit(L))
            adv(L);
    }
    if (!EOF_AT(L) && CUR(L) == '.') {
        adv(L);
        if (!is_digit(L))
            return lerr(L, L->line, L->col, "expected a digit after the decimal point");
        while (is_digit(L))
            adv(L);
    }
    if (!EOF_AT(L) && (CUR(L) == 'e' || CUR(L) == 'E')) {
        adv(L);
        if (!EOF_AT(L) && (CUR(L) == '+' || CUR(L) == '-'))
            adv(L);
        if (!is_digit(L))
            return lerr(L, L->line, L->col, "expected a digit in the exponent");
        while (is_digit(L))
            adv(L);
    }
    if (L->i - start > 63)
        return lerr(L, l0, c0, "number too long (%zu characters; at most 63)", L->i - start);
    L->num_start = start;
    L->num_end = L->i;
    return SIM_OK;
}

static int word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c >= 0x80;
}

/* A bare word where a value belongs: true/false/null, or a helpful error. */
static int scan_word(lex *L, uint32_t kl, uint32_t kc)
{
    uint32_t l0 = L->line, c0 = L->col;
    size_t start = L->i, n = 0;
    while (L->i + n < L->len && word_char((unsigned char)L->s[L->i + n]))
        n++;
    const char *w = L->s + start;
    static const struct {
        const char *w;
        int kind;
    } lits[] = {{"true", cJSON_True}, {"false", cJSON_False}, {"null", cJSON_NULL}};
    for (size_t k = 0; k < 3; k++) {
        if (n == strlen(lits[k].w) && memcmp(w, lits[k].w, n) == 0) {
            if (push_rec(L, lits[k].kind, kl, kc))
                return L->status;
            for (size_t j = 0; j < n; j++)
                adv(L);
            return SIM_OK;
        }
    }
    int shown = n > 40 ? 40 : (int)n;
    static const char *const nonfinite[] = {"NaN", "nan", "Infinity", "infinity", "inf", "Inf"};
    for (size_t k = 0; k < sizeof nonfinite / sizeof nonfinite[0]; k++)
        if (n == strlen(nonfinite[k]) && memcmp(w, nonfinite[k], n) == 0)
            return lerr(L, l0, c0, "%.*s is not a JSON number; give a finite number", shown, w);
    static const char *const upper[] = {"True", "TRUE", "False", "FALSE", "Null", "NULL", "None"};
    for (size_t k = 0; k < sizeof upper / sizeof upper[0]; k++)
        if (n == strlen(upper[k]) && memcmp(w, upper[k], n) == 0)
            return lerr(L, l0, c0, "unexpected word %.*s; JSON writes true, false and null in "
                                   "lower case", shown, w);
    if (n == 0) {
        char b[96];
        return lerr(L, l0, c0, "expected a value, got %s", got(L, b, sizeof b));
    }
    /* Cut at a character boundary so the message stays valid UTF-8. */
    while (shown > 0 && shown < (int)n && ((unsigned char)w[shown] & 0xC0) == 0x80)
        shown--;
    return lerr(L, l0, c0, "unexpected word %.*s%s; a string takes double quotes: \"%.*s%s\"",
                shown, w, shown < (int)n ? "..." : "", shown, w, shown < (int)n ? "..." : "");
}

static int scan_value(lex *L, uint32_t kl, uint32_t kc, int after_comma, int *opened)
{
    char b[96];
    *opened = 0;
    if (EOF_AT(L)) {
        if (L->depth > 0)
            return lerr(L, L->line, L->col,
                        "unexpected end of file: expected a value; '%c' opened at %u:%u is not "
                        "closed",
                        L->stack[L->depth - 1].c, L->stack[L->depth - 1].line,
                        L->stack[L->depth - 1].col);
        return lerr(L, L->line, L->col, "unexpected end of file: expected a value");
    }
    unsigned char c = CUR(L);
    switch (c) {
    case '{':
    case '[':
        if (L->depth >= SCN_MAX_DEPTH)
            return lerr(L, L->line, L->col, "objects and lists nested deeper than %d levels",
                        SCN_MAX_DEPTH);
        if (push_rec(L, c == '{' ? cJSON_Object : cJSON_Array, kl, kc))
            return L->status;
        L->stack[L->depth].c = (char)c;
        L->stack[L->depth].line = L->line;
        L->stack[L->depth].col = L->col;
        L->depth++;
        adv(L);
        *opened = 1;
        return SIM_OK;
    case '"':
        if (push_rec(L, cJSON_String, kl, kc))
            return L->status;
        return scan_string(L);
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        if (push_rec(L, cJSON_Number, kl, kc))
            return L->status;
        return scan_number(L);
    case '}':
    case ']':
        if (after_comma)
            return lerr(L, L->line, L->col, "'%c' after ','; JSON allows no trailing comma", c);
        return lerr(L, L->line, L->col, "expected a value, got '%c'", c);
    case '\'':
        return lerr(L, L->line, L->col, "strings take double quotes (\"), not single quotes");
    case '+':
        return lerr(L, L->line, L->col, "JSON numbers take no '+' sign");
    case '.':
        return lerr(L, L->line, L->col, "a number must start with a digit (write 0.5, not .5)");
    default:
        if (word_char(c) && lookalike(L) < 0)
            return scan_word(L, kl, kc);
        return lerr(L, L->line, L->col, "expected a value, got %s", got(L, b, sizeof b));
    }
}

static int unclosed(lex *L)
{
    return lerr(L, L->line, L->col, "unexpected end of file: '%c' opened at %u:%u is not closed",
                L->stack[L->depth - 1].c, L->stack[L->depth - 1].line,
                L->stack[L->depth - 1].col);
}

static int scan_key(lex *L, int after_comma, uint32_t *kl, uint32_t *kc)
{
    char b[96];
    if (EOF_AT(L))
        return unclosed(L);
    unsigned char c = CUR(L);
    if (c == '}' && after_comma)
        return lerr(L, L->line, L->col, "'}' after ','; JSON allows no trailing comma");
    if (c != '"') {
        if (c == '\'')
            return lerr(L, L->line, L->col, "field names take double quotes (\"), not single");
        if (word_char(c) && c < 0x80) {
            size_t n = 0;
            while (L->i + n < L->len && word_char((unsigned char)L->s[L->i + n]) && n < 40)
                n++;
            return lerr(L, L->line, L->col,
                        "expected a field name in double quotes, got %.*s; write \"%.*s\"",
                        (int)n, L->s + L->i, (int)n, L->s + L->i);
        }
        return lerr(L, L->line, L->col, "expected a field name in double quotes, got %s",
                    got(L, b, sizeof b));
    }
    *kl = L->line;
    *kc = L->col;
    if (scan_string(L) || skip_ws(L))
        return L->status;
    if (EOF_AT(L) || CUR(L) != ':')
        return lerr(L, L->line, L->col, "expected ':' after the field name, got %s",
                    got(L, b, sizeof b));
    adv(L);
    return skip_ws(L);
}

/* After a complete value: ',' or a closing bracket, or the end of the text. */
static int scan_after(lex *L, int *state)
{
    char b[96];
    if (skip_ws(L))
        return L->status;
    if (L->depth == 0) {
        if (!EOF_AT(L))
            return lerr(L, L->line, L->col,
                        "unexpected %s after the end of the JSON value; a scenario file holds "
                        "one object",
                        got(L, b, sizeof b));
        *state = 0;
        return SIM_OK;
    }
    if (EOF_AT(L))
        return unclosed(L);
    char open = L->stack[L->depth - 1].c;
    unsigned char c = CUR(L);
    if (c == ',') {
        adv(L);
        *state = open == '{' ? 'k' : 'v';
        return skip_ws(L);
    }
    if ((c == '}' && open == '{') || (c == ']' && open == '[')) {
        adv(L);
        L->depth--;
        *state = 'a';
        return SIM_OK;
    }
    if (L->i == L->num_end && word_char(c)) {
        size_t n = 0;
        while (L->i + n < L->len && word_char((unsigned char)L->s[L->i + n]) && n < 20)
            n++;
        int nl = (int)(L->num_end - L->num_start);
        return lerr(L, L->line, L->col,
                    "unexpected '%.*s' after the number %.*s; a value with a unit is a string: "
                    "\"%.*s%.*s\"",
                    (int)n, L->s + L->i, nl, L->s + L->num_start, nl, L->s + L->num_start,
                    (int)n, L->s + L->i);
    }
    const char *close = open == '{' ? "'}'" : "']'";
    const char *what = open == '{' ? "a field's value" : "a list element";
    if (c == '"' || (open == '[' && c != '}' && c != ']'))
        return lerr(L, L->line, L->col, "expected ',' or %s after %s, got %s (missing comma?)",
                    close, what, got(L, b, sizeof b));
    return lerr(L, L->line, L->col, "expected ',' or %s after %s, got %s ('%c' opened at %u:%u)",
                close, what, got(L, b, sizeof b), open, L->stack[L->depth - 1].line,
                L->stack[L->depth - 1].col);
}

static int scan(lex *L)
{
    if (skip_ws(L))
        return L->status;
    if (EOF_AT(L))
        return lerr(L, L->line, L->col,
                    "no JSON value: the file holds only spaces or comments; a scenario is a "
                    "JSON object { ... }");
    int state = 'v', after_comma = 0;
    uint32_t kl = 0, kc = 0;
    while (state != 0) {
        if (state == 'k') {
            if (scan_key(L, after_comma, &kl, &kc))
                return L->status;
            state = 'v';
        }
        if (state == 'v') {
            int opened;
            if (scan_value(L, kl, kc, after_comma, &opened))
                return L->status;
            kl = kc = 0;
            if (opened) {
                if (skip_ws(L))
                    return L->status;
                char open = L->stack[L->depth - 1].c;
                if (!EOF_AT(L) && CUR(L) == (open == '{' ? '}' : ']')) {
                    adv(L);
                    L->depth--;
                } else {
                    after_comma = 0;
                    state = open == '{' ? 'k' : 'v';
                    continue;
                }
            }
        }
        if (scan_after(L, &state))
            return L->status;
        after_comma = state == 'k' || state == 'v';
    }
    return SIM_OK;
}

int scn__scan(const char *name, char *text, size_t len, size_t start, scn_rec **recs,
              size_t *nrecs, sim_err *err)
{
    lex L = {.name = name, .s = text, .len = len, .i = start, .line = 1, .col = 1, .err = err,
             .num_end = (size_t)-1};
    *recs = NULL;
    *nrecs = 0;
    if (scan(&L) != SIM_OK) {
        sim_free(L.recs);
        return L.status;
    }
    *recs = L.recs;
    *nrecs = L.nrecs;
    return SIM_OK;
}
