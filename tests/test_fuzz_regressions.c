/* Every input the fuzzer ever found a problem with (tests/fuzz/regressions), and
 * the fuzzer's seeds, replayed through the fuzz target itself: loader, size
 * estimate and a short replication. Under `make test SANITIZE=1` a memory error
 * or leak in any of them fails the run. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_scenario.c"
#include "util.h"

static size_t replay_dir(const char *rel)
{
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL, "GOVSIM_SRC is not set");
    char *dir = pjoin(src, rel);
    DIR *d = opendir(dir);
    cr_assert(d != NULL, "cannot open %s", dir);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
            continue;
        char *path = pjoin(dir, e->d_name);
        size_t len = 0;
        char *data = slurp(path, &len);
        cr_assert(data != NULL, "cannot read %s", path);
        /* A crash names the test only: running build/fuzz/fuzz_scenario on the files names the input. */
        cr_expect(eq(int, LLVMFuzzerTestOneInput((const uint8_t *)data, len), 0), "%s", path);
        free(data);
        free(path);
        n++;
    }
    closedir(d);
    free(dir);
    return n;
}

Test(fuzz, regression_inputs_replay_cleanly)
{
    LLVMFuzzerInitialize(NULL, NULL);
    cr_assert(gt(sz, replay_dir("tests/fuzz/regressions"), 0));
}

Test(fuzz, seeds_load_and_run)
{
    LLVMFuzzerInitialize(NULL, NULL);
    cr_assert(gt(sz, replay_dir("tests/fuzz/seeds"), 0));
}
