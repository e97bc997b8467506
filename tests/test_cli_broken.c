/* Every broken scenario (tests/scenarios/broken: the generic ones and the
 * governance ones, plus a 10 MB file, JSON nested 10,000 deep and an unreadable
 * file made here) through the real command line: `check FILE` and `run FILE
 * --out DIR` exit 2 with exactly the lines expect.tsv gives (no more: a mistake
 * is reported once, without knock-on noise), and DIR is neither created nor
 * written to. Under the sanitizer build a leak or any sanitizer report makes
 * govsim exit with another status, so "exactly 2" also means "no leak". */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_util.h"

#define MAX_ROWS 512

typedef struct row {
    char file[128];
    char schema[32];
    char expect[512];
} row;

static char *src_path(const char *rel)
{
    const char *src = getenv("GOVSIM_SRC");
    return pjoin(src != NULL ? src : ".", rel);
}

static size_t read_manifest(row *rows, size_t max)
{
    char *path = src_path("tests/scenarios/broken/expect.tsv");
    FILE *f = fopen(path, "r");
    cr_assert(f != NULL, "cannot open %s", path);
    char line[1024];
    size_t n = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *a = strtok(line, "\t"), *b = strtok(NULL, "\t"), *c = strtok(NULL, "");
        cr_assert(a && b && c, "malformed row in expect.tsv: %s", line);
        cr_assert(n < max);
        snprintf(rows[n].file, sizeof rows[n].file, "%s", a);
        snprintf(rows[n].schema, sizeof rows[n].schema, "%s", b);
        snprintf(rows[n].expect, sizeof rows[n].expect, "%s", c);
        n++;
    }
    fclose(f);
    free(path);
    return n;
}

static int dir_is_empty(const char *dir)
{
    return file_exists(dir) && count_files_containing(dir, "") == 0;
}

/* One refusal: status 2, one stderr line per expected text and nothing else.
 * whole: each text is a whole line (governance rows); otherwise a part of one
 * (the generic rows say what the line must contain). */
static void assert_refused(const run_result *r, const char *what, const char *file,
                           const char *const *expect, size_t n_expect, int whole)
{
    cr_assert(eq(int, r->status, 2), "%s %s: status %d\nstderr:\n%s", what, file, r->status, r->err);
    for (size_t i = 0; i < n_expect; i++) {
        char want[600];
        snprintf(want, sizeof want, whole ? "govsim: %s\n" : "%s", expect[i]);
        cr_expect(strstr(r->err, want) != NULL, "%s %s: expected the line\n  %s\nin:\n%s", what, file,
                  expect[i], r->err);
    }
    cr_expect(eq(sz, count_lines(r->err), n_expect), "%s %s: %zu lines expected, got:\n%s", what, file,
              n_expect, r->err);
}

/* check FILE; run FILE --out NEW (must not appear); run FILE --out EMPTY (must stay empty). */
static void refuse_everywhere(const char *cwd, const char *tmp, const char *file,
                              const char *const *expect, size_t n_expect, int whole)
{
    run_result r;
    gov(&r, cwd, NULL, (const char *[]){"check", file, END});
    assert_refused(&r, "check", file, expect, n_expect, whole);
    cr_expect(eq(str, r.out, ""), "check %s printed on stdout:\n%s", file, r.out);
    run_free(&r);

    char *fresh = pjoin(tmp, "fresh-out");
    gov(&r, cwd, NULL, (const char *[]){"run", file, "--out", fresh, "--reps", "2", END});
    assert_refused(&r, "run", file, expect, n_expect, whole);
    run_free(&r);
    cr_assert(file_exists(fresh) == 0, "run %s created its output directory", file);
    free(fresh);

    char *existing = pjoin(tmp, "existing-out");
    gov(&r, cwd, NULL, (const char *[]){"run", file, "--out", existing, "--reps", "2", "--plot", END});
    assert_refused(&r, "run --plot", file, expect, n_expect, whole);
    run_free(&r);
    cr_assert(dir_is_empty(existing), "run %s wrote into an existing output directory", file);
    free(existing);
}

/* Runs every file of the manifest whose schema is one of `schemas`. */
static size_t run_corpus(const char *const *schemas)
{
    static row rows[MAX_ROWS];
    size_t n = read_manifest(rows, MAX_ROWS), files = 0;
    char *cwd = src_path("tests/scenarios/broken");
    char *tmp = tmpdir_new();
    char *existing = pjoin(tmp, "existing-out");
    cr_assert(mkdir(existing, 0755) == 0);
    for (size_t i = 0; i < n; i++) {
        int wanted = 0;
        for (size_t s = 0; schemas[s] != NULL; s++)
            wanted |= strcmp(rows[i].schema, schemas[s]) == 0;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(rows[j].file, rows[i].file) == 0;
        if (!wanted || seen)
            continue;
        /* every row of this file, wherever it is in the manifest */
        const char *expect[16];
        size_t n_expect = 0;
        for (size_t j = i; j < n; j++)
            if (strcmp(rows[j].file, rows[i].file) == 0) {
                cr_assert(n_expect < 16);
                expect[n_expect++] = rows[j].expect;
            }
        refuse_everywhere(cwd, tmp, rows[i].file, expect, n_expect, strcmp(rows[i].schema, "governance") == 0);
        files++;
    }
    free(existing);
    rm_rf(tmp);
    free(tmp);
    free(cwd);
    return files;
}

Test(cli_broken, generic_files_exit_2_with_their_messages_and_write_nothing, .timeout = 600)
{
    size_t files = run_corpus((const char *const[]){"any", NULL});
    cr_assert(files >= 40, "only %zu generic broken files", files);
}

Test(cli_broken, governance_files_exit_2_with_their_messages_and_write_nothing, .timeout = 600)
{
    size_t files = run_corpus((const char *const[]){"governance", NULL});
    cr_assert(files >= 25, "only %zu governance broken files", files);
}

/* Files too big or too odd to commit, made here. */
Test(cli_broken, generated_files_exit_2_and_write_nothing, .timeout = 300)
{
    char *tmp = tmpdir_new();
    char *existing = pjoin(tmp, "existing-out");
    cr_assert(mkdir(existing, 0755) == 0);
    free(existing);

    /* 10 MB: one long string in an object; refused from its size. */
    char *big = pjoin(tmp, "big.json");
    int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert(fd >= 0);
    static const char head[] = "{\"name\": \"";
    cr_assert(write(fd, head, sizeof head - 1) == (ssize_t)(sizeof head - 1));
    static char block[65536];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 160; i++)
        cr_assert(write(fd, block, sizeof block) == (ssize_t)sizeof block);
    cr_assert(write(fd, "\"}", 2) == 2);
    close(fd);
    refuse_everywhere(tmp, tmp, "big.json",
                      (const char *const[]){"big.json: file too large (10485772 bytes); a scenario file "
                                            "may hold at most 1048576 bytes (1 MiB)"},
                      1, 1);

    /* 10,000 levels of lists inside a governance field. '{' is level 1 at
     * column 1; "{\"categories\": " is 15 characters, so the 64th '[' (level
     * 65) is at column 16 + 63 = 79. */
    size_t depth = 10000;
    char *text = malloc(2 * depth + 64);
    cr_assert(text != NULL);
    size_t k = (size_t)sprintf(text, "{\"categories\": ");
    for (size_t i = 0; i < depth; i++)
        text[k++] = '[';
    for (size_t i = 0; i < depth; i++)
        text[k++] = ']';
    k += (size_t)sprintf(text + k, "}\n");
    char *deep = pjoin(tmp, "deep.json");
    cr_assert(spit(deep, text) == 0);
    free(text);
    refuse_everywhere(tmp, tmp, "deep.json",
                      (const char *const[]){"deep.json:1:79: objects and lists nested deeper than 64 levels"},
                      1, 1);

    /* A scenario nobody may read (root reads anything: then skipped). */
    if (geteuid() != 0) {
        char *secret = pjoin(tmp, "secret.json");
        cr_assert(spit(secret, "{\"name\": \"x\"}") == 0);
        chmod(secret, 0);
        refuse_everywhere(tmp, tmp, "secret.json",
                          (const char *const[]){"secret.json: cannot read: permission denied"}, 1, 1);
        remove(secret);
        free(secret);
    }
    remove(big);
    remove(deep);
    free(big);
    free(deep);
    rm_rf(tmp);
    free(tmp);
}
