/* Output helpers: safe names, exact numbers, directories, atomic files, gnuplot quoting. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim_output.h"
#include "sim_plot.h"
#include "util.h"

static void safe(const char *in, const char *want)
{
    char out[256];
    sim_out_safe_name(in, out, sizeof out);
    cr_assert(eq(str, out, (char *)want), "in '%s'", in);
}

Test(output, safe_names_keep_utf8)
{
    safe("社区网格 A", "社区网格 A");
    safe("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j");
    safe("../../etc/passwd", "_.._etc_passwd");
    safe("..", "scenario");
    safe("  .hidden", "hidden");
    safe("tab\there\nnl", "tab_here_nl");
    safe("bad\xff\xfe utf8", "bad__ utf8");
    safe("\xe7\xbd", "__"); /* a cut-off character */
    safe("", "scenario");
    safe("trailing. . ", "trailing");
    /* Length is capped at a character boundary: 100 three-byte characters → 66. */
    char long_name[301] = "";
    for (int i = 0; i < 100; i++)
        strcat(long_name, "区");
    char out[256];
    sim_out_safe_name(long_name, out, sizeof out);
    cr_assert(eq(sz, strlen(out), 198));
    sim_out_safe_name(long_name, out, 8);
    cr_assert(eq(str, out, "区区"));
}

Test(output, numbers_read_back_exactly)
{
    double xs[] = {0.1, 1.0 / 3.0, 1e-300, 123456789.125, -2.5, 0.0, 5e-324, 1.7976931348623157e308};
    char buf[40];
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        sim_out_number(xs[i], buf, sizeof buf);
        cr_assert(eq(dbl, strtod(buf, NULL), xs[i]), "%s", buf);
    }
    sim_out_number(0.1, buf, sizeof buf);
    cr_assert(eq(str, buf, "0.1")); /* shortest, not 0.10000000000000001 */
    sim_out_number(NAN, buf, sizeof buf);
    cr_assert(eq(str, buf, ""));
    sim_out_number(-INFINITY, buf, sizeof buf);
    cr_assert(eq(str, buf, "-Inf"));
}

Test(output, gnuplot_quoting)
{
    char out[128];
    cr_assert(eq(sz, sim_gp_quote("it's `x` \\n", out, sizeof out), 14));
    cr_assert(eq(str, out, "'it''s `x` \\n'"));
    sim_gp_quote("a\nb\rc", out, sizeof out);
    cr_assert(eq(str, out, "'a b c'"));
    cr_assert(eq(sz, sim_gp_quote("toolong", out, 5), (size_t)-1));
}

static int write_hello(FILE *f, void *ctx, sim_err *err)
{
    (void)ctx;
    (void)err;
    fputs("hello\n", f);
    return SIM_OK;
}

static int write_fail(FILE *f, void *ctx, sim_err *err)
{
    (void)ctx;
    fputs("half", f);
    return sim_err_add(err, SIM_ERR_RUNTIME, "stopped");
}

Test(output, directories_and_atomic_files)
{
    char *tmp = tmpdir_new();
    sim_err err;
    sim_err_init(&err);
    char *deep = pjoin(tmp, "a/b//c/");
    cr_assert(eq(int, sim_out_prepare_dir(deep, &err), SIM_OK), "%s", sim_err_text(&err));
    struct stat st;
    char *c = pjoin(tmp, "a/b/c");
    cr_assert(stat(c, &st) == 0 && S_ISDIR(st.st_mode));
    cr_assert(eq(int, sim_out_prepare_dir(deep, &err), SIM_OK)); /* exists already: fine */

    cr_assert(eq(int, sim_out_atomic(c, "f.txt", write_hello, NULL, &err), SIM_OK));
    char *f = pjoin(c, "f.txt");
    char *text = slurp(f, NULL);
    cr_assert(eq(str, text, "hello\n"));
    free(text);
    /* A failed write leaves the old file and no temporary. */
    cr_assert(eq(int, sim_out_atomic(c, "f.txt", write_fail, NULL, &err), SIM_ERR_RUNTIME));
    text = slurp(f, NULL);
    cr_assert(eq(str, text, "hello\n"));
    free(text);
    cr_assert(eq(int, count_files_containing(tmp, ".tmp-"), 0));

    /* An existing file is not a directory, nor a place for one; nothing is created. */
    sim_err_init(&err);
    cr_assert(eq(int, sim_out_prepare_dir(f, &err), SIM_ERR_INPUT));
    cr_assert(eq(u32, err.lines, 1));
    char *under = pjoin(f, "x/y");
    sim_err_init(&err);
    cr_assert(eq(int, sim_out_prepare_dir(under, &err), SIM_ERR_INPUT));
    cr_assert(eq(u32, err.lines, 1));
    if (geteuid() != 0) { /* root writes anywhere */
        char *ro = pjoin(tmp, "ro");
        mkdir(ro, 0555);
        char *in_ro = pjoin(ro, "new/deeper");
        sim_err_init(&err);
        cr_assert(eq(int, sim_out_prepare_dir(in_ro, &err), SIM_ERR_INPUT));
        cr_assert(eq(int, count_files_containing(ro, ""), 0));
        chmod(ro, 0755);
        free(ro);
        free(in_ro);
    }
    free(under);
    free(f);
    free(c);
    free(deep);
    rm_rf(tmp);
    free(tmp);
}
