/* Validation and binding: typed values and defaults, every kind of problem,
 * all problems in one pass, "did you mean", durations. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_fixture.h"

Test(scn_schema, typed_values_and_units)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_load("tests/scenarios/scn_test/full.json", &c, &err), SIM_OK), "%s",
              sim_err_text(&err));
    cr_assert(eq(dbl, c.horizon_h, 2 * 8760.0));      /* "2y", y = 365 d */
    cr_assert(eq(dbl, c.response_limit_h, 0.75));     /* 45, in the field's unit (min) */
    cr_assert(c.overtime);
    cr_assert(eq(int, c.rule, T_WHISTLE));
    cr_assert(eq(dbl, c.satisfaction, 0.75));
    cr_assert(eq(dbl, c.staffing.workers_per_10k, 18));
    cr_assert(eq(int, c.staffing.households_per_grid, 300));
    cr_assert(eq(sz, c.ndepartments, 2));
    cr_assert(eq(int, c.departments[0].staff, 12));
    cr_assert(eq(dbl, c.departments[0].service_h, 1.5)); /* "1.5h" */
    cr_assert(eq(int, c.departments[0].kind, T_STREET)); /* default */
    cr_assert(eq(int, c.departments[1].kind, T_DISTRICT));
    cr_assert(eq(dbl, c.departments[1].service_h, 3)); /* plain number: hours */
    cr_assert(eq(sz, c.nmix, 2));
    cr_assert(eq(str, c.mix[0].name, "property"));   /* file order */
    cr_assert(eq(dbl, c.mix[0].value, 0.3));
    cr_assert(eq(sz, c.ntags, 2));
    cr_assert(eq(str, c.tags[1], "b"));
    cr_assert(eq(sz, c.nweights, 2));
    cr_assert(eq(dbl, c.weights[1], 2.5));
    scn_config_free(&t_schema, &c);
    cr_assert(c.departments == NULL && c.ndepartments == 0 && c.name == NULL && c.tags == NULL);
    scn_config_free(&t_schema, &c); /* twice is harmless: everything was zeroed */
    scn_config_free(&t_schema, NULL);
    cr_assert(eq(int, fx_leaks(), 0));
}

Test(scn_schema, every_default_filled_in)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_parse("{\"departments\": [{\"name\": \"x\"}]}", &c, &err), SIM_OK), "%s",
              sim_err_text(&err));
    cr_assert(eq(str, c.name, "unnamed"));
    cr_assert(eq(dbl, c.horizon_h, 365 * 24.0));
    cr_assert(eq(dbl, c.response_limit_h, 0.5));
    cr_assert(c.overtime == false);
    cr_assert(eq(int, c.rule, T_LAYERED));
    cr_assert(eq(dbl, c.satisfaction, 0.8));
    cr_assert(eq(dbl, c.staffing.workers_per_10k, 12));
    cr_assert(eq(int, c.staffing.households_per_grid, 300));
    cr_assert(eq(int, c.departments[0].staff, 5));
    cr_assert(eq(dbl, c.departments[0].service_h, 2));
    cr_assert(eq(int, c.departments[0].kind, T_STREET));
    cr_assert(c.mix == NULL && c.nmix == 0 && c.tags == NULL && c.weights == NULL);
    scn_config_free(&t_schema, &c);
}

Test(scn_schema, all_problems_in_one_pass)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_load("tests/scenarios/scn_test/many_problems.json", &c, &err),
                 SIM_ERR_INPUT));
    static const char *const expect[] = {
        "many_problems.json:2:3: nmae: unknown field (did you mean \"name\"?); allowed: name, "
        "horizon,",
        "many_problems.json:3:14: horizon: malformed duration: the string \"2 fortnights\"; "
        "allowed: more than 0 and at most 36500 d (a plain number counts in d;",
        "many_problems.json:4:21: response_limit: 0 is out of range; allowed: from 1 to 10080 min",
        "many_problems.json:5:15: overtime: expected true or false, got the string \"yes\"",
        "many_problems.json:6:11: rule: unknown value \"whistel\" (did you mean \"whistle\"?); "
        "allowed: layered, whistle, hotline, grab, multi_dispatch",
        "many_problems.json:7:29: satisfaction_threshold: 1.5 is out of range; allowed: from 0 to 1",
        "many_problems.json:9:5: staffing.community_workers_per_10K: unknown field (did you mean "
        "\"community_workers_per_10k\"?)",
        "many_problems.json:10:35: staffing.households_per_grid_worker: 10.5 is not a whole number",
        "many_problems.json:13:28: departments[0].staff: 0 is out of range; allowed: whole numbers "
        "from 1 to 10000 people",
        "many_problems.json:14:5: departments[1].name: missing required field (a string)",
        "many_problems.json:15:14: departments[2].name: empty string",
        "many_problems.json:15:26: departments[2].kind: unknown value \"province\"; allowed: "
        "street, district",
        "many_problems.json:15:54: departments[2].service_time: \"-1h\" (-1 h) is out of range; "
        "allowed: more than 0 and at most 8760 h",
        "many_problems.json:17:19: category_mix: the values add up to 1.1; allowed: values adding "
        "up to 1",
        "many_problems.json:18:18: tags[1]: expected a string, got the number 3",
        "many_problems.json:19:18: weights[1]: -2 is out of range; allowed: at least 0",
        "many_problems.json:19:22: weights[2]: the number is too large (it overflows to infinity)",
        "many_problems.json:20:3: households_per_grid_worker: unknown field here (there is a field "
        "staffing.households_per_grid_worker)",
    };
    size_t n = sizeof expect / sizeof expect[0];
    for (size_t i = 0; i < n; i++)
        assert_has(&err, expect[i]);
    cr_assert(eq(u32, err.lines, (unsigned)n), "%s", sim_err_text(&err));
    /* one line each, in document order */
    const char *text = sim_err_text(&err);
    for (size_t i = 1; i < n; i++) {
        char a[40], b[40];
        snprintf(a, sizeof a, "%.30s", expect[i - 1]);
        snprintf(b, sizeof b, "%.30s", expect[i]);
        cr_assert(strstr(text, a) < strstr(text, b), "%s before %s", a, b);
    }
    cr_assert(c.departments == NULL && c.name == NULL, "a failed bind leaves nothing owned");
    cr_assert(eq(int, fx_leaks(), 0));
}

static void bad(const char *text, const char *expect)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_parse(text, &c, &err), SIM_ERR_INPUT), "accepted: %s", text);
    assert_has(&err, expect);
}

#define DEPT "\"departments\": [{\"name\": \"x\"}]"

Test(scn_schema, wrong_types)
{
    bad("{" DEPT ", \"staffing\": {\"community_workers_per_10k\": \"18\"}}",
        "mem.json:1:76: staffing.community_workers_per_10k: expected a number, got the string "
        "\"18\" (write a number without quotes); allowed: from 0 to 200 workers per 10,000 "
        "residents");
    bad("{" DEPT ", \"name\": 3}", "name: expected a string, got the number 3");
    bad("{" DEPT ", \"overtime\": \"true\"}",
        "overtime: expected true or false, got the string \"true\" (write true or false without "
        "quotes)");
    bad("{" DEPT ", \"staffing\": [1]}",
        "staffing: expected an object { ... } (a staffing), got a list");
    bad("{\"departments\": {\"name\": \"x\"}}",
        "departments: expected a list [ ... ] of objects, got an object");
    bad("{\"departments\": [\"x\"]}",
        "departments[0]: expected an object { ... } (a department), got the string \"x\"");
    bad("{" DEPT ", \"category_mix\": [0.5, 0.5]}",
        "category_mix: expected an object of \"name\": number pairs, got a list");
    bad("{" DEPT ", \"category_mix\": {\"a\": \"all\"}}",
        "category_mix.a: expected a number, got the string \"all\"");
    bad("{" DEPT ", \"weights\": [true]}", "weights[0]: expected a number, got true");
    bad("{" DEPT ", \"rule\": 2}", "rule: expected one of the names listed, got the number 2; "
                                   "allowed: layered, whistle");
    bad("{" DEPT ", \"horizon\": false}", "horizon: expected a duration, got false");
    bad("{" DEPT ", \"tags\": \"a\"}", "tags: expected a list [ ... ] of strings, got the string");
}

Test(scn_schema, numbers_out_of_range_or_absurd)
{
    bad("{\"departments\": [{\"name\": \"x\", \"staff\": -3}]}",
        "departments[0].staff: -3 is out of range; allowed: whole numbers from 1 to 10000 people");
    bad("{\"departments\": [{\"name\": \"x\", \"staff\": 1e9}]}",
        "departments[0].staff: 1000000000 is out of range");
    bad("{\"departments\": [{\"name\": \"x\", \"staff\": 1e10}]}",
        "departments[0].staff: 1e+10 is not a whole number that fits in an int");
    bad("{\"departments\": [{\"name\": \"x\", \"staff\": 2.5}]}",
        "departments[0].staff: 2.5 is not a whole number");
    bad("{" DEPT ", \"horizon\": 0}",
        "horizon: 0 is out of range; allowed: more than 0 and at most 36500 d");
    bad("{" DEPT ", \"horizon\": -1e999}",
        "horizon: the number is too large (it overflows to minus infinity); allowed: more than 0");
    bad("{" DEPT ", \"staffing\": {\"community_workers_per_10k\": 1e999}}",
        "the number is too large (it overflows to infinity); allowed: from 0 to 200");
    bad("{" DEPT ", \"satisfaction_threshold\": -0.1}", "-0.1 is out of range; allowed: from 0 to 1");
    bad("{" DEPT ", \"category_mix\": {\"a\": 1.5, \"b\": -0.5}}",
        "category_mix.a: 1.5 is out of range; allowed: from 0 to 1");
}

Test(scn_schema, empty_missing_and_null)
{
    bad("{\"departments\": []}", "mem.json:1:17: departments: empty list; allowed: at least one "
                                 "department");
    bad("{\"name\": \"a\"}", "mem.json:1:1: departments: missing required field (a list [ ... ] "
                             "of objects)");
    bad("{\"departments\": [{\"staff\": 3}]}",
        "mem.json:1:18: departments[0].name: missing required field (a string)");
    bad("{\"departments\": [{\"name\": \"\"}]}", "departments[0].name: empty string");
    bad("{" DEPT ", \"name\": null}",
        "mem.json:1:42: name: null is not a value; remove the line to use the default");
    bad("{\"departments\": null}", "departments: null is not a value; remove the line to use the "
                                   "default (this field has none: it is required)");
    bad("{" DEPT ", \"category_mix\": {\"\": 1}}", "category_mix.: empty name");
    bad("{\"departments\": [{\"name\": \"0123456789012345678901234567890123456789012345678901234567"
        "89012345\"}]}",
        "departments[0].name: string of 66 bytes; allowed: at most 64 bytes");
    /* The wrong kind of object is one problem, not one per missing field. */
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_parse("{\"departments\": [3]}", &c, &err), SIM_ERR_INPUT));
    cr_assert(eq(u32, err.lines, 1), "%s", sim_err_text(&err));
}

Test(scn_schema, too_many_elements)
{
    size_t cap = 16 + 101 * 16;
    char *text = malloc(cap);
    size_t k = (size_t)sprintf(text, "{\"departments\": [");
    for (int i = 0; i < 101; i++)
        k += (size_t)sprintf(text + k, "%s{\"name\": \"d\"}", i ? "," : "");
    sprintf(text + k, "]}");
    bad(text, "departments: 101 elements; allowed: at most 100");
    free(text);
}

Test(scn_schema, did_you_mean)
{
    bad("{" DEPT ", \"horzion\": 3}", "horzion: unknown field (did you mean \"horizon\"?)");
    bad("{" DEPT ", \"Overtime\": true}", "Overtime: unknown field (did you mean \"overtime\"?)");
    bad("{" DEPT ", \"staffing\": {\"comunity_workers_per_10k\": 3}}",
        "staffing.comunity_workers_per_10k: unknown field (did you mean "
        "\"community_workers_per_10k\"?); allowed: community_workers_per_10k, "
        "households_per_grid_worker");
    bad("{\"departments\": [{\"name\": \"x\", \"staf\": 3}]}",
        "departments[0].staf: unknown field (did you mean \"staff\"?); allowed: name, staff, "
        "service_time, kind");
    bad("{" DEPT ", \"community_workers_per_10k\": 3}",
        "community_workers_per_10k: unknown field here (there is a field "
        "staffing.community_workers_per_10k)");
    bad("{" DEPT ", \"rule\": \"Grab\"}", "rule: unknown value \"Grab\" (did you mean \"grab\"?)");
    bad("{" DEPT ", \"rule\": \"multidispatch\"}",
        "unknown value \"multidispatch\" (did you mean \"multi_dispatch\"?)");
    /* nothing close: no guess, the list of what is allowed */
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_parse("{" DEPT ", \"zzzz\": 1}", &c, &err), SIM_ERR_INPUT));
    assert_has(&err, "zzzz: unknown field; allowed: name, horizon, response_limit,");
    assert_lacks(&err, "did you mean");
}

Test(scn_schema, durations_in_the_file)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_parse("{" DEPT ", \"horizon\": \"36h\", \"response_limit\": \"90s\"}", &c,
                               &err),
                 SIM_OK), "%s", sim_err_text(&err));
    cr_assert(eq(dbl, c.horizon_h, 36));
    cr_assert(eq(dbl, c.response_limit_h, 0.025));
    scn_config_free(&t_schema, &c);
    cr_assert(eq(int, fx_parse("{" DEPT ", \"horizon\": 1.5}", &c, &err), SIM_OK));
    cr_assert(eq(dbl, c.horizon_h, 36)); /* plain number: days, the field's unit */
    scn_config_free(&t_schema, &c);
    bad("{" DEPT ", \"horizon\": \"101y\"}",
        "horizon: \"101y\" (36865 d) is out of range; allowed: more than 0 and at most 36500 d");
    bad("{" DEPT ", \"response_limit\": \"2 hours\"}", "response_limit: malformed duration");
    bad("{" DEPT ", \"response_limit\": \"5m\"}",
        "a string takes a unit: \"90s\", \"30min\", \"2h\", \"7d\", \"2w\", \"1y\")");
}

static double dur(const char *s, const char *unit)
{
    double h = NAN;
    cr_assert(eq(int, scn_parse_duration(s, unit, &h), SIM_OK), "refused %s", s);
    return h;
}

Test(scn_schema, duration_parser)
{
    cr_assert(eq(dbl, dur("90s", "h"), 0.025));
    cr_assert(eq(dbl, dur("30min", "h"), 0.5));
    cr_assert(eq(dbl, dur("30 min", "h"), 0.5));
    cr_assert(eq(dbl, dur("2h", "d"), 2));
    cr_assert(eq(dbl, dur("1.5h", "d"), 1.5));
    cr_assert(eq(dbl, dur("7d", "h"), 168));
    cr_assert(eq(dbl, dur("2w", "h"), 336));
    cr_assert(eq(dbl, dur("1y", "h"), 8760));
    cr_assert(eq(dbl, dur("90", "min"), 1.5));
    cr_assert(eq(dbl, dur("-2h", "h"), -2));
    double h;
    static const char *const malformed[] = {"", "h", "2", "2hours", "2 h ", "1e3h", "2m", "--1h",
                                            "1,5h", "2  h", "inf", "nan", "0x10h", "2H"};
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++)
        cr_assert(eq(int, scn_parse_duration(malformed[i], "", &h), SIM_ERR_INPUT), "accepted %s",
                  malformed[i]);
    cr_assert(eq(dbl, scn_unit_hours("min"), 1.0 / 60));
    cr_assert(eq(dbl, scn_unit_hours("parsec"), 0));
}

Test(scn_schema, root_must_be_an_object)
{
    bad("[1, 2]", "mem.json:1:1: a scenario is a JSON object { ... }, got a list");
    bad("3", "mem.json:1:1: a scenario is a JSON object { ... }, got the number 3");
}

Test(scn_schema, many_problems_are_capped_not_lost)
{
    /* 400 unknown fields: every one counted, the text stays within sim_err's buffer */
    size_t cap = 64 + 400 * 24;
    char *text = malloc(cap);
    size_t k = (size_t)sprintf(text, "{" DEPT);
    for (int i = 0; i < 400; i++)
        k += (size_t)sprintf(text + k, ", \"unknown_%d\": 1", i);
    sprintf(text + k, "}");
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_parse(text, &c, &err), SIM_ERR_INPUT));
    cr_assert(eq(u32, err.lines, 400));
    cr_assert(err.dropped > 0);
    assert_has(&err, "unknown_0: unknown field");
    assert_has(&err, "more problems");
    cr_assert(strlen(sim_err_text(&err)) < SIM_ERR_BUFSZ);
    free(text);
}
