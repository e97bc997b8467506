/* The Markdown reference page and the schema self-check. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_fixture.h"

static char *markdown(const scn_schema *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert(f != NULL);
    cr_assert(eq(int, scn_write_markdown(s, "Engine test reference", "Generated from the test "
                                                                    "schema.", f),
                 SIM_OK));
    fclose(f);
    return buf;
}

#define HAS(text, s) cr_assert(strstr((text), (s)) != NULL, "expected in the page:\n%s", (s))

Test(scn_doc, reference_page_lists_every_field)
{
    char *md = markdown(&t_schema);
    HAS(md, "# Engine test reference\n\nGenerated from the test schema.\n");
    HAS(md, "\n## Top level\n\nThe whole scenario.\n\n"
            "| Field | Type | Unit | Default | Allowed | Live | Meaning | Mechanism |\n");
    HAS(md, "| `extends` | string |");
    HAS(md, "\n## `staffing`\n\nWho works where.\n");
    HAS(md, "\n## `departments[]`\n\nOne line department.\n");
    HAS(md, "| `staffing.community_workers_per_10k` | number | workers per 10,000 residents | 12 | "
            "from 0 to 200 workers per 10,000 residents | yes | Community workers \\| per 10,000 "
            "residents. | Staffing ratio |\n");
    HAS(md, "| `horizon` | duration | d | 365 d | more than 0 and at most 36500 d; a number of d, "
            "or \"30min\" \"2h\" \"7d\" \"2w\" \"1y\" |  | Simulated time. |  |\n");
    HAS(md, "| `rule` | one of |  | `layered` | `layered`, `whistle`, `hotline`, `grab`, "
            "`multi_dispatch` |  | Routing rule. | Dispatch |\n");
    HAS(md, "| `departments` | list of department |  | required | not empty; at most 100 "
            "elements |");
    HAS(md, "| `departments[].name` | string |  | required | not empty; at most 64 bytes |");
    HAS(md, "| `departments[].staff` | whole number | people | 5 | from 1 to 10000 people | yes |");
    HAS(md, "| `satisfaction_threshold` | share (0-1) |  | 0.8 | from 0 to 1 |");
    HAS(md, "| `category_mix` | map: name → number |  | empty | from 0 to 1; values add up to 1 |");
    HAS(md, "| `overtime` | true/false |  | false |");
    HAS(md, "| `name` | string |  | \"unnamed\" |");
    /* one row per field: 17 fields and extends */
    size_t rows = 0;
    for (const char *p = md; (p = strstr(p, "\n| `")) != NULL; p++)
        rows++;
    cr_assert(eq(sz, rows, 18));
    char *again = markdown(&t_schema);
    cr_assert(eq(str, md, again), "the page is deterministic");
    free(again);
    free(md);
}

Test(scn_doc, committed_reference_page_is_up_to_date)
{
    /* How a model keeps docs/scenario.md current: compare the committed page
     * with a fresh one; GOVSIM_REGEN=1 rewrites it. */
    char path[4096];
    fx_path(path, sizeof path, "tests/scenarios/scn_test/reference.md");
    char *md = markdown(&t_schema);
    if (getenv("GOVSIM_REGEN") != NULL) {
        FILE *f = fopen(path, "w");
        cr_assert(f != NULL);
        fputs(md, f);
        fclose(f);
    }
    FILE *f = fopen(path, "r");
    cr_assert(f != NULL, "missing %s: run the tests with GOVSIM_REGEN=1", path);
    static char committed[65536];
    size_t n = fread(committed, 1, sizeof committed - 1, f);
    committed[n] = '\0';
    fclose(f);
    cr_assert(eq(str, committed, md), "%s is stale: run the tests with GOVSIM_REGEN=1", path);
    free(md);
}

Test(scn_doc, write_error_reported)
{
    FILE *f = fopen("/dev/full", "w");
    if (f == NULL)
        cr_skip_test("no /dev/full");
    cr_assert(eq(int, scn_write_markdown(&t_schema, "t", NULL, f), SIM_ERR_RUNTIME));
    fclose(f);
}

Test(scn_doc, test_schema_is_sound)
{
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_schema_check(&t_schema, &err), SIM_OK), "%s", sim_err_text(&err));
}

typedef struct bad_cfg {
    double x;
    int n;
    double *list;
    size_t nlist;
    int e;
    double d;
} bad_cfg;

static const char *const colours[] = {"red", "green", NULL};

static void schema_fails(const scn_field *fields, size_t n, const char *expect)
{
    scn_schema s = {.name = "bad", .fields = fields, .nfields = n, .size = sizeof(bad_cfg),
                    .doc = "x"};
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_schema_check(&s, &err), SIM_ERR_INPUT), "accepted; expected %s", expect);
    assert_has(&err, expect);
}

#define ONE(...) ((const scn_field[]){__VA_ARGS__}), 1

Test(scn_doc, schema_mistakes_are_caught)
{
    schema_fails(ONE({.name = "x", .type = SCN_NUMBER, SCN_AT(bad_cfg, x), .def = 5,
                      SCN_RANGE(0, 1), .doc = "d"}),
                 "schema x: default 5 is outside the field's range");
    schema_fails(ONE({.name = "n", .type = SCN_NUMBER, SCN_AT(bad_cfg, n), .doc = "d"}),
                 "schema n: bound to a member of 4 bytes; a number needs 8");
    schema_fails(ONE({.name = "x", .type = SCN_NUMBER, .doc = "d"}), "(use SCN_AT)");
    schema_fails(ONE({.name = "n", .type = SCN_INTEGER, SCN_AT(bad_cfg, n), .def = 0.5,
                      .doc = "d"}),
                 "schema n: default 0.5 is not a whole number");
    schema_fails(ONE({.name = "e", .type = SCN_ENUM, SCN_AT(bad_cfg, e), .choices = colours,
                      .def_str = "blue", .doc = "d"}),
                 "schema e: default \"blue\" is not among the choices");
    schema_fails(ONE({.name = "e", .type = SCN_ENUM, SCN_AT(bad_cfg, e), .doc = "d"}),
                 "schema e: an enum needs choices");
    schema_fails(ONE({.name = "d", .type = SCN_DURATION, SCN_AT(bad_cfg, d), .unit = "hours",
                      .doc = "d"}),
                 "schema d: a duration's unit must be one of s, min, h, d, w, y");
    schema_fails(ONE({.name = "x", .type = SCN_NUMBER, SCN_AT(bad_cfg, x)}),
                 "schema x: no documentation");
    schema_fails(ONE({.name = "x", .type = SCN_NUMBER, SCN_AT(bad_cfg, x), SCN_RANGE(2, 1),
                      .def = 1.5, .doc = "d"}),
                 "schema x: min is above max");
    schema_fails(ONE({.name = "extends", .type = SCN_NUMBER, SCN_AT(bad_cfg, x), .doc = "d"}),
                 "schema extends: the name is reserved");
    schema_fails(ONE({.name = "a.b", .type = SCN_NUMBER, SCN_AT(bad_cfg, x), .doc = "d"}),
                 "a name is needed, without '.', '[' or ']'");
    schema_fails(ONE({.name = "list", .type = SCN_NUMBER_LIST, SCN_AT(bad_cfg, list), .doc = "d"}),
                 "schema list: needs a size_t count member of its own (SCN_COUNT_AT)");
    schema_fails(ONE({.name = "x", .type = SCN_NUMBER, SCN_AT(bad_cfg, x), .flags = SCN_SUM_TO_ONE,
                      .doc = "d"}),
                 "SCN_SUM_TO_ONE applies to maps only");
    schema_fails(ONE({.name = "x", .type = SCN_OBJECT, SCN_AT(bad_cfg, x), .doc = "d"}),
                 "schema x: needs a sub-schema (.sub)");
    schema_fails(((const scn_field[]){
                     {.name = "x", .type = SCN_NUMBER, SCN_AT(bad_cfg, x), .doc = "d"},
                     {.name = "x", .type = SCN_NUMBER, SCN_AT(bad_cfg, d), .doc = "d"}}),
                 2, "schema x: field listed twice");
    schema_fails(((const scn_field[]){
                     {.name = "x", .type = SCN_NUMBER, SCN_AT(bad_cfg, x), .doc = "d"},
                     {.name = "y", .type = SCN_NUMBER, SCN_AT(bad_cfg, x), .doc = "d"}}),
                 2, "schema y: its member overlaps another field's");
}
