/* Scenario reading: file-level refusals, syntax errors, comments and the
 * position of every value. Expected positions were counted by hand (columns
 * in characters), not copied from the program. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "scn_fixture.h"

static scn_doc *load_doc(const char *rel)
{
    char path[4096];
    sim_err err;
    sim_err_init(&err);
    fx_path(path, sizeof path, rel);
    scn_doc *doc = NULL;
    int st = scn_doc_load(&t_schema, path, &doc, &err);
    cr_assert(eq(int, st, SIM_OK), "%s", sim_err_text(&err));
    return doc;
}

static void assert_pos(const scn_doc *doc, const char *path, const char *file, unsigned line,
                       unsigned col)
{
    scn_pos p;
    cr_assert(scn_doc_pos(doc, path, &p, NULL), "no value at %s", path);
    cr_assert(p.file != NULL && strstr(p.file, file) != NULL, "%s: file %s, expected %s", path,
              p.file ? p.file : "(null)", file);
    cr_assert(p.line == line && p.col == col, "%s: at %u:%u, expected %u:%u", path, p.line,
              p.col, line, col);
}

Test(scn_read, positions_of_values_count_characters)
{
    scn_doc *doc = load_doc("tests/scenarios/scn_test/full.json");
    assert_pos(doc, "name", "full.json", 3, 11);
    assert_pos(doc, "horizon", "full.json", 4, 14);
    assert_pos(doc, "staffing", "full.json", 9, 15);
    assert_pos(doc, "departments[0]", "full.json", 14, 5);
    /* after 住房: 4 columns, not the 8 bytes it takes */
    assert_pos(doc, "departments[0].staff", "full.json", 14, 29);
    assert_pos(doc, "departments.住房.staff", "full.json", 14, 29);
    assert_pos(doc, "departments[1].kind", "full.json", 15, 47);
    assert_pos(doc, "category_mix.环境", "full.json", 17, 43);
    assert_pos(doc, "weights[1]", "full.json", 19, 18);
    scn_pos v, k;
    cr_assert(scn_doc_pos(doc, "departments[0].staff", &v, &k));
    cr_assert(k.line == 14 && k.col == 20, "key at %u:%u", k.line, k.col);
    cr_assert(scn_doc_pos(doc, "name", &v, &k));
    cr_assert(k.line == 3 && k.col == 3);
    cr_assert(scn_doc_pos(doc, "departments[2]", &v, NULL) == false);
    cr_assert(scn_doc_pos(doc, "nothing.here", &v, NULL) == false);
    const cJSON *root = scn_doc_root(doc);
    scn_pos r = scn_pos_of(doc, root);
    cr_assert(r.line == 2 && r.col == 1);
    scn_doc_destroy(doc);
}

Test(scn_read, chinese_names_pass_through)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_load("tests/scenarios/scn_test/full.json", &c, &err), SIM_OK), "%s",
              sim_err_text(&err));
    cr_assert(eq(str, c.name, "朝阳区 test"));
    cr_assert(eq(str, c.departments[0].name, "住房"));
    cr_assert(eq(str, c.mix[1].name, "环境"));
    scn_config_free(&t_schema, &c);
    /* \u escapes become the same UTF-8 bytes */
    cr_assert(eq(int, fx_parse("{\"name\": \"\\u671d\\u9633\", \"departments\": [{\"name\": "
                               "\"\\ud83d\\ude00\"}]}",
                               &c, &err),
                 SIM_OK), "%s", sim_err_text(&err));
    cr_assert(eq(str, c.name, "朝阳"));
    cr_assert(eq(str, c.departments[0].name, "\xF0\x9F\x98\x80"));
    scn_config_free(&t_schema, &c);
}

static void parse_fails(const char *text, const char *expect)
{
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc = NULL;
    int st = scn_doc_parse(&t_schema, "mem.json", text, strlen(text), SCN_PARSE_NO_EXTENDS, &doc,
                           &err);
    cr_assert(eq(int, st, SIM_ERR_INPUT), "accepted: %s", text);
    cr_assert(doc == NULL);
    assert_has(&err, expect);
}

Test(scn_read, comments_keep_positions)
{
    const char *text = "// line comment with \"quotes\" and /* in it\n"
                       "{ /* 中文注释 */ \"name\": \"http://x /* not a comment */\", // tail\n"
                       "  /* multi\n     line */ \"horizon\": 3,\n"
                       "  \"tags\": [\"a//b\"]\n}";
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc;
    cr_assert(eq(int, scn_doc_parse(&t_schema, "mem.json", text, strlen(text), 0, &doc, &err),
                 SIM_OK), "%s", sim_err_text(&err));
    /* line 2: '{' 1, ' ' 2, comment 3-12 (8 characters + 2 spaces inside), ' ' 13,
     * "name" 14-19, ':' 20, ' ' 21, value at 22 */
    assert_pos(doc, "name", "mem.json", 2, 22);
    assert_pos(doc, "horizon", "mem.json", 4, 25);
    const cJSON *root = scn_doc_root(doc);
    cr_assert(eq(str, cJSON_GetObjectItemCaseSensitive(root, "name")->valuestring,
                 "http://x /* not a comment */"));
    const cJSON *tags = cJSON_GetObjectItemCaseSensitive(root, "tags");
    cr_assert(eq(str, tags->child->valuestring, "a//b"));
    scn_doc_destroy(doc);
}

Test(scn_read, byte_order_mark_is_invisible)
{
    const char *text = "\xEF\xBB\xBF{\"horizon\": true}";
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc;
    cr_assert(eq(int, scn_doc_parse(&t_schema, "bom.json", text, strlen(text), 0, &doc, &err),
                 SIM_OK), "%s", sim_err_text(&err));
    assert_pos(doc, "horizon", "bom.json", 1, 13);
    t_cfg c;
    cr_assert(eq(int, scn_bind(doc, &c, &err), SIM_ERR_INPUT));
    assert_has(&err, "bom.json:1:13: horizon: expected a duration, got true");
    scn_doc_destroy(doc);
}

Test(scn_read, syntax_errors_say_where_and_what)
{
    parse_fails("{\"a\": 1,\n \"b\" 2}", "mem.json:2:6: expected ':' after the field name, got '2'");
    parse_fails("{\"a\": [1, 2}", "mem.json:1:12: expected ',' or ']' after a list element, got '}'");
    parse_fails("{\"a\": }", "mem.json:1:7: expected a value, got '}'");
    parse_fails("{\"a\": .5}", "mem.json:1:7: a number must start with a digit");
    parse_fails("{\"a\": 1.}", "mem.json:1:9: expected a digit after the decimal point");
    parse_fails("{\"a\": 1e}", "mem.json:1:9: expected a digit in the exponent");
    parse_fails("{\"a\": \"x\\u12\"}", "mem.json:1:9: \\u must be followed by four hexadecimal");
    parse_fails("{\"a\": \"\\udc00\"}", "mem.json:1:8: \\uDC00 is half of a UTF-16 surrogate pair");
    parse_fails("{\"a\": nul}", "mem.json:1:7: unexpected word nul");
    parse_fails("{\"a\": 'x'}", "mem.json:1:7: strings take double quotes");
    parse_fails("{\"a\": 1 /", "mem.json:1:9: unexpected '/'");
    parse_fails("{\"a\": [", "mem.json:1:8: unexpected end of file: expected a value; '[' opened at 1:7");
    parse_fails("{\"a\"", "mem.json:1:5: expected ':' after the field name, got end of file");
    parse_fails("{\"a\": 1", "mem.json:1:8: unexpected end of file: '{' opened at 1:1 is not closed");
    parse_fails("{\"a\":\u3000 1}", "not ASCII: write a space instead");
    parse_fails("{\"extends\": \"x.json\"}", "mem.json:1:2: extends: not allowed here");
}

Test(scn_read, one_error_line_for_a_syntax_error)
{
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc;
    const char *text = "{\"a\": [1, 2,, 3], \"b\": }";
    cr_assert(eq(int, scn_doc_parse(&t_schema, "m.json", text, strlen(text), 0, &doc, &err),
                 SIM_ERR_INPUT));
    cr_assert(eq(u32, err.lines, 1), "%s", sim_err_text(&err));
}

Test(scn_read, duplicate_keys_all_reported)
{
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc;
    const char *text = "{\"a\": 1,\n \"b\": {\"x\": 1, \"x\": 2, \"x\": 3},\n \"a\": 2}";
    cr_assert(eq(int, scn_doc_parse(&t_schema, "d.json", text, strlen(text), 0, &doc, &err),
                 SIM_ERR_INPUT));
    assert_has(&err, "d.json:2:16: b.x: duplicate field (also given at 2:8)");
    assert_has(&err, "d.json:2:24: b.x: duplicate field (also given at 2:8)");
    assert_has(&err, "d.json:3:2: a: duplicate field (also given at 1:2)");
    cr_assert(eq(u32, err.lines, 3), "%s", sim_err_text(&err));
}

Test(scn_read, case_sensitive_keys_are_not_duplicates)
{
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc;
    const char *text = "{\"name\": \"a\", \"Name\": \"b\"}";
    cr_assert(eq(int, scn_doc_parse(&t_schema, "c.json", text, strlen(text), 0, &doc, &err),
                 SIM_OK));
    t_cfg c;
    cr_assert(eq(int, scn_bind(doc, &c, &err), SIM_ERR_INPUT));
    assert_has(&err, "c.json:1:15: Name: unknown field (did you mean \"name\"?)");
    scn_doc_destroy(doc);
}

static void load_fails(const char *path, const char *expect)
{
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc = NULL;
    cr_assert(eq(int, scn_doc_load(&t_schema, path, &doc, &err), SIM_ERR_INPUT), "accepted %s",
              path);
    cr_assert(doc == NULL);
    assert_has(&err, expect);
    cr_assert(eq(u32, err.lines, 1), "%s", sim_err_text(&err));
}

Test(scn_read, file_refusals)
{
    char dir[64], path[128];
    fx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/none.json", dir);
    load_fails(path, "none.json: cannot read: no such file");
    load_fails(dir, "cannot read: is a directory");
    snprintf(path, sizeof path, "%s/none/x.json", dir);
    load_fails(path, "x.json: cannot read: no such file");
    snprintf(path, sizeof path, "%s/empty.json", dir);
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL);
    fclose(f);
    load_fails(path, "empty.json: empty file");
    char sub[160];
    snprintf(sub, sizeof sub, "%s/x.json", path);
    load_fails(sub, "cannot read: a part of the path is not a directory");
    remove(path);
    rmdir(dir);
}

Test(scn_read, ten_megabytes_refused_from_its_size)
{
    char dir[64], path[128];
    fx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/big.json", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert(fd >= 0);
    /* A real 10 MB scenario: one long string in an object. */
    static const char head[] = "{\"name\": \"";
    cr_assert(write(fd, head, sizeof head - 1) == (ssize_t)(sizeof head - 1));
    char block[65536];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 160; i++)
        cr_assert(write(fd, block, sizeof block) == (ssize_t)sizeof block);
    cr_assert(write(fd, "\"}", 2) == 2);
    close(fd);
    /* The size in the message comes from the file's metadata (nothing is read). */
    load_fails(path, "big.json: file too large (10485772 bytes); a scenario file may hold at "
                     "most 1048576 bytes");
    remove(path);
    rmdir(dir);
}

/* Only regular files are read. Before, a FIFO with no writer blocked the
 * loader forever (`govsim check f.json` hung) and /dev/zero was read up to the
 * size limit; /proc/self/mem's EIO was reported as a runtime failure (exit 1).
 * The timeout turns a hang into a failure. */
Test(scn_read, only_regular_files_are_read, .timeout = 20)
{
    load_fails("/dev/zero", "/dev/zero: cannot read: a device, not a scenario file");
    char dir[64], path[128], ext[128];
    fx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/f.json", dir);
    cr_assert(eq(int, mkfifo(path, 0600), 0));
    load_fails(path, "f.json: cannot read: a FIFO (named pipe), not a scenario file");
    /* Named by "extends", too. */
    snprintf(ext, sizeof ext, "%s/e.json", dir);
    FILE *f = fopen(ext, "w");
    cr_assert(f != NULL);
    fputs("{\"extends\": \"f.json\"}", f);
    fclose(f);
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc = NULL;
    cr_assert(eq(int, scn_doc_load(&t_schema, ext, &doc, &err), SIM_ERR_INPUT));
    assert_has(&err, "f.json: cannot read: a FIFO (named pipe)");
    remove(ext);
    remove(path);
    rmdir(dir);
    /* A file the kernel cannot read is bad input (exit 2), not a runtime failure. */
    load_fails("/proc/self/mem", "/proc/self/mem: cannot read: Input/output error");
}

Test(scn_read, nested_ten_thousand_deep_gives_one_clean_error)
{
    size_t depth = 10000, n = 2 * depth + 16;
    char *text = malloc(n);
    cr_assert(text != NULL);
    size_t k = 0;
    k += (size_t)sprintf(text, "{\"a\": ");
    for (size_t i = 0; i < depth; i++)
        text[k++] = '[';
    for (size_t i = 0; i < depth; i++)
        text[k++] = ']';
    text[k++] = '}';
    text[k] = '\0';
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc = NULL;
    cr_assert(eq(int, scn_doc_parse(&t_schema, "deep.json", text, k, 0, &doc, &err),
                 SIM_ERR_INPUT));
    /* '{' is level 1; the 64th '[' (column 7 + 63) would open level 65 */
    assert_has(&err, "deep.json:1:70: objects and lists nested deeper than 64 levels");
    cr_assert(eq(u32, err.lines, 1));
    free(text);
    /* exactly 64 levels is fine */
    char ok[200];
    k = (size_t)sprintf(ok, "{\"tags\": ");
    for (int i = 0; i < 63; i++)
        ok[k++] = '[';
    for (int i = 0; i < 63; i++)
        ok[k++] = ']';
    ok[k++] = '}';
    sim_err_init(&err);
    cr_assert(eq(int, scn_doc_parse(&t_schema, "ok.json", ok, k, 0, &doc, &err), SIM_OK), "%s",
              sim_err_text(&err));
    scn_doc_destroy(doc);
}

Test(scn_read, unreadable_file)
{
    if (geteuid() == 0)
        cr_skip_test("running as root: permissions do not stop reading");
    char dir[64], path[128];
    fx_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/secret.json", dir);
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL);
    fputs("{}", f);
    fclose(f);
    chmod(path, 0);
    load_fails(path, "secret.json: cannot read: permission denied");
    remove(path);
    rmdir(dir);
}

Test(scn_read, binary_garbage_is_refused)
{
    const char text[] = "{\"name\": \"ok\"}\x01\x02";
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc;
    cr_assert(eq(int, scn_doc_parse(&t_schema, "g.json", text, sizeof text - 1, 0, &doc, &err),
                 SIM_ERR_INPUT));
    assert_has(&err, "g.json:1:15: unexpected control character 0x01 after the end");
    const char nul[] = "{\"name\": \"o\0k\"}";
    sim_err_init(&err);
    cr_assert(eq(int, scn_doc_parse(&t_schema, "n.json", nul, sizeof nul - 1, 0, &doc, &err),
                 SIM_ERR_INPUT));
    assert_has(&err, "n.json:1:12: NUL byte");
}
