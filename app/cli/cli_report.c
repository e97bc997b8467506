/*
 * cli_report.c — report.html: the command line, the scenario files'
 * descriptions and the settings that differ between them, handed to the page
 * writer (sim_report.c).
 *
 * "What was compared" reads the scenario files again through the scenario
 * language (extends resolved) and compares the merged documents with
 * scn_diff_docs(): what the files say, with the schema's defaults standing in
 * for what they leave out. Values the model derives while loading (built-in
 * lists) are not shown as values; a list only some files write is shown as its
 * length against "default".
 */
#include "cli_report.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scn_diff.h"
#include "sim_mem.h"
#include "sim_report.h"

static int safe_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
           strchr("_@%+=:,./-", c) != NULL;
}

char *cli_shell_quote(int argc, char *const *argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += 4 * strlen(argv[i]) + 3;
    char *out = sim_malloc(n), *o = out;
    if (out == NULL)
        return NULL;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        int plain = *s != '\0';
        for (const char *p = s; *p && plain; p++)
            plain = safe_char((unsigned char)*p);
        if (i > 0)
            *o++ = ' ';
        if (plain) {
            size_t len = strlen(s);
            memcpy(o, s, len);
            o += len;
            continue;
        }
        *o++ = '\'';
        for (const char *p = s; *p; p++) {
            if (*p == '\'') {
                memcpy(o, "'\\''", 4);
                o += 4;
            } else {
                *o++ = *p;
            }
        }
        *o++ = '\'';
    }
    *o = '\0';
    return out;
}

/* SOURCE_DATE_EPOCH (reproducible builds convention) when set, else now. */
static time_t report_time(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e != NULL && *e >= '0' && *e <= '9') {
        errno = 0;
        char *end;
        unsigned long long v = strtoull(e, &end, 10);
        if (errno == 0 && *end == '\0' && v <= (unsigned long long)INT32_MAX * 4)
            return (time_t)v;
    }
    return time(NULL);
}

/* Cut s after max characters, in place, with an ellipsis (when it saves room). */
static void shorten(char *s, size_t max)
{
    size_t chars = 0, i = 0;
    while (s[i] && chars < max) {
        i++;
        while ((s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (strlen(s + i) > 3)
        memcpy(s + i, "\xE2\x80\xA6", 4);
}

typedef struct gathered {
    scn_doc **docs;
    size_t n_docs;
    scn_diff *diff;
    const char **files, **descriptions;
    sim_report_row *rows;
    sim_report_cell *cells;
    char *labels; /* ROW_LABEL bytes per row */
} gathered;

enum { ROW_LABEL = 192 };

static void gathered_free(gathered *g)
{
    for (size_t i = 0; g->docs != NULL && i < g->n_docs; i++)
        scn_doc_destroy(g->docs[i]);
    sim_free(g->docs);
    scn_diff_destroy(g->diff);
    sim_free(g->files);
    sim_free(g->descriptions);
    sim_free(g->rows);
    sim_free(g->cells);
    sim_free(g->labels);
}

static const char *cell_word(scn_diff_kind kind, int zh)
{
    switch (kind) {
    case SCN_DIFF_UNSET: return zh ? "默认" : "default";
    case SCN_DIFF_PRESENT: return zh ? "有" : "listed";
    case SCN_DIFF_ABSENT: return zh ? "无" : "not listed";
    default: return "";
    }
}

/* The rows of "what was compared" from the differences of the documents. */
static int make_rows(gathered *g, const cli_args *a, const model_kind *m, size_t n, sim_err *err)
{
    static const char *const skip[] = {"name", "description", "model", NULL};
    int rc = scn_diff_docs((const scn_doc *const *)g->docs, g->n_docs, skip, &g->diff, err);
    if (rc != SIM_OK)
        return rc;
    size_t rows = g->diff->n_rows < CLI_REPORT_MAX_ROWS ? g->diff->n_rows : CLI_REPORT_MAX_ROWS;
    g->rows = sim_calloc(rows ? rows : 1, sizeof *g->rows);
    g->cells = sim_calloc(rows > 0 ? rows * n : 1, sizeof *g->cells);
    g->labels = sim_calloc(rows ? rows : 1, ROW_LABEL);
    if (g->rows == NULL || g->cells == NULL || g->labels == NULL)
        return sim_err_nomem(err, "writing report.html");
    for (size_t r = 0; r < rows; r++) {
        scn_diff_row *dr = &g->diff->rows[r];
        /* the model's report label, else the schema's human name */
        const char *l = sim_report_label(m->report, m->plots, dr->path, a->zh);
        if (l == dr->path)
            l = scn_path_label(m->schema, dr->path, a->zh, &g->labels[r * ROW_LABEL], ROW_LABEL);
        g->rows[r].label = l;
        g->rows[r].path = dr->path;
        g->rows[r].cells = &g->cells[r * n];
        for (size_t c = 0; c < n; c++) {
            scn_diff_cell *dc = &dr->cells[c];
            sim_report_cell *cell = &g->cells[r * n + c];
            if (dc->text != NULL)
                shorten(dc->text, 80);
            if (dc->kind == SCN_DIFF_ITEMS) {
                /* "12 entries": room for the longest word after the count */
                char *t = sim_realloc(dc->text, strlen(dc->text) + 16);
                if (t == NULL)
                    return sim_err_nomem(err, "writing report.html");
                strcat(t, a->zh ? " 项" : " entries");
                dc->text = t;
            }
            cell->text = dc->text != NULL ? dc->text : cell_word(dc->kind, a->zh);
            cell->muted = dc->kind == SCN_DIFF_DEFAULT || dc->kind == SCN_DIFF_UNSET ||
                          dc->kind == SCN_DIFF_ABSENT;
        }
    }
    return SIM_OK;
}

static int gather(gathered *g, const cli_args *a, const model_kind *m, size_t n, sim_err *err)
{
    g->files = sim_calloc(n, sizeof *g->files);
    g->descriptions = sim_calloc(n, sizeof *g->descriptions);
    g->n_docs = a->n_files;
    g->docs = sim_calloc(g->n_docs, sizeof *g->docs);
    if (g->files == NULL || g->descriptions == NULL || g->docs == NULL)
        return sim_err_nomem(err, "writing report.html");
    for (size_t i = 0; i < g->n_docs; i++) {
        int rc = scn_doc_load(m->schema, a->files[i], &g->docs[i], err);
        if (rc != SIM_OK)
            return rc;
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(scn_doc_root(g->docs[i]), "description");
        for (size_t c = 0; c < n; c++)
            if (c == i || a->cmd == CLI_SWEEP) {
                g->files[c] = a->files[i];
                g->descriptions[c] = cJSON_IsString(d) ? d->valuestring : NULL;
            }
    }
    return a->cmd == CLI_COMPARE ? make_rows(g, a, m, n, err) : SIM_OK;
}

int cli_report_write(const cli_args *a, const model_kind *m, const sim_exp *exp,
                     const sim_plot_opts *po, int figures, sim_err *err)
{
    static const char *const names[] = {[CLI_RUN] = "run", [CLI_COMPARE] = "compare", [CLI_SWEEP] = "sweep"};
    size_t n = sim_exp_configs(exp);
    gathered g = {0};
    char *line = cli_shell_quote(a->argc, a->argv);
    int rc = line == NULL ? sim_err_nomem(err, "writing report.html") : gather(&g, a, m, n, err);
    if (rc == SIM_OK) {
        sim_report_info info = {
            .version = CLI_VERSION,
            .command = names[a->cmd],
            .model = m->kind,
            .time_unit = m->time_unit,
            .command_line = line,
            .when = report_time(),
            .zh = a->zh,
            .files = g.files,
            .descriptions = g.descriptions,
            .rows = g.rows,
            .n_rows = g.diff != NULL && g.diff->n_rows < CLI_REPORT_MAX_ROWS ? g.diff->n_rows
                      : g.diff != NULL ? CLI_REPORT_MAX_ROWS : 0,
            .rows_left_out = g.diff != NULL && g.diff->n_rows > CLI_REPORT_MAX_ROWS
                                 ? g.diff->n_rows - CLI_REPORT_MAX_ROWS : 0,
            .plot = po,
            .figures = figures,
            .target = po->target,
            .target_res = po->target_res,
        };
        rc = sim_report_write(po->dir, exp, m->plots, m->report, &info, err);
    }
    gathered_free(&g);
    sim_free(line);
    return rc;
}
