# govsim — build, test, demo and benchmarks.
#
#   make              build ./govsim (release: -O3, link-time and profile-guided
#                     optimisation; PGO=0 without the profile)
#   make test         install missing packages, build, run every test
#   make test SANITIZE=1   the same under AddressSanitizer + UBSan
#   make demo         run the default scenario and draw its figures
#   make bench        run the benchmarks (figures printed as "key: value")
#   make mutants      break the kernel on purpose and check the tests notice
#   make mpi          build ./govsim-mpi (Open MPI; `make test` builds and tests it too)
#   make fuzz         fuzz the scenario loader for FUZZ_SECONDS (60) with libFuzzer
#   make valgrind     the command line on small scenarios under valgrind memcheck
#   make check-deps   no circles among modules (includes and symbols)
#   make check-packages  every library linked comes from a package make installs
#
# Every build variant lives in its own directory under build/, so release and
# sanitizer objects never mix.

SANITIZE ?= 0
V ?= release
ifeq ($(SANITIZE),1)
V := asan
endif
B := build/$(V)

CC ?= cc
PKGS := gsl libcjson xlsxwriter libmicrohttpd
# Read when first used and then kept (the $(eval) turns each into a simple
# variable): on a fresh machine the Makefile is parsed before `deps` has
# installed pkg-config and the libraries, so a value read at parse time would
# be the fallback, or nothing.
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $(PKGS) 2>/dev/null))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $$(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lcjson -lxlsxwriter -lz -lmicrohttpd))$(PKG_LIBS)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
# HAVE_INLINE: GSL's inline versions of gsl_rng_uniform and its like
# (gsl_inline.h; the same functions, so the same draws): an arrival draws
# seventeen numbers, and each call through the library costs a call more.
CFLAGS_BASE = -std=c11 $(WARN) -D_POSIX_C_SOURCE=200809L -DHAVE_INLINE $(PKG_CFLAGS) -MMD -MP
ifeq ($(V),asan)
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
# -O3 and link-time optimisation: a megacity run makes about ten calls an event
# into other files' small functions (the clock, a server's state, the
# statistics), which LTO inlines. Instructions of bench_beijing on 0.01 y
# 3,363 -> 2,851 M; every result bit for bit (no -ffast-math, and -std=c11 keeps
# floating-point contraction off). `make LTO=` builds without it.
LTO ?= -flto=auto
OPT := -O3 -g $(LTO)
endif
# Profile-guided optimisation of the release build (GCC): its objects are
# compiled with the counts of an instrumented build of the same sources
# (build/pgo-gen: the same flags plus -fprofile-generate) that ran a few
# seconds of shipped scenarios (tools/pgo-train.sh), so GCC lays out, inlines
# and unrolls by what runs. bench_beijing 0.02 -> 0.04 y: 1,573 -> 1,466
# instructions an event (callgrind), 0.950 of the time (0.916-0.986, 10
# pairs; docs/performance.md). Every result bit for bit: a profile moves code,
# never floating-point arithmetic. Both builds name each object's profile
# alike (-dumpdir, -dumpbase): GCC keys a static function's counts by that
# name, and with each build's own object path it found none of them ("Missing
# counts for called function"). A changed source retrains the profile before
# its object is compiled again. `make PGO=0` builds without it.
PGO ?= 1
PGO_GEN := build/pgo-gen
PGO_DIR := build/pgo-profile
PGO_STAMP :=
PGO_ON :=
ifeq ($(V)$(PGO),release1)
OPT += -fprofile-use -fprofile-partial-training -Wno-missing-profile
PGO_STAMP := $(PGO_DIR)/trained
PGO_ON := 1
endif
ifeq ($(V),pgo-gen)
OPT += -fprofile-generate -fprofile-update=single
PGO_ON := 1
endif
# One definition for both builds: if they named an object's profile
# differently, the counts would silently stop matching.
PGO_NAME = $(if $(PGO_ON),-dumpdir $(CURDIR)/$(PGO_DIR)/ -dumpbase $(subst /,-,$*))
# gcc-ar: an archive of LTO objects needs the compiler's plugin for its index.
AR_CMD := $(if $(and $(LTO),$(shell command -v gcc-ar 2>/dev/null)),gcc-ar,ar)
CFLAGS ?=
LDFLAGS ?=
ALL_CFLAGS = $(CFLAGS_BASE) $(OPT) $(CFLAGS)
ALL_LDFLAGS := $(OPT) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lpthread -lm

# The layers, bottom up (docs/architecture.md). Each folder is compiled with
# the include paths of its own layer and the layers below it only, so a file
# that includes a header of a layer above does not compile. Public headers are
# in include/LAYER, a layer's internal ones next to its sources.
INC_kernel := -Iinclude/kernel -Isim/kernel
INC_experiment := $(INC_kernel) -Iinclude/experiment -Isim/experiment
INC_output := $(INC_experiment) -Iinclude/output -Isim/output
INC_scenario := $(INC_kernel) -Iinclude/scenario -Isim/scenario
INC_models := $(INC_output) -Iinclude/scenario -Iinclude/models
INC_governance := $(INC_models) -Iinclude/governance -Imodels/governance -Imodels/governance/routing
INC_routing := $(INC_governance)
INC_mmc := $(INC_models) -Iinclude/mmc -Imodels/mmc
INC_registry := $(INC_models) -Iinclude/governance -Iinclude/mmc
INC_app := $(INC_registry) -Iinclude/app -Iapp/cli
INC_mpi := $(INC_app) -Iapp/mpi
# Tests and benchmarks look at every layer, internals included.
INC_all := $(INC_app) $(INC_scenario) -Imodels/governance -Imodels/governance/routing -Imodels/mmc -Iapp/mpi

# layer_of(object dir prefix): pattern-specific include paths for every build variant.
define layer_paths
$(1)/sim/kernel/%.o: LAYER_INC = $$(INC_kernel)
$(1)/sim/experiment/%.o: LAYER_INC = $$(INC_experiment)
$(1)/sim/output/%.o: LAYER_INC = $$(INC_output)
$(1)/sim/scenario/%.o: LAYER_INC = $$(INC_scenario)
$(1)/models/%.o: LAYER_INC = $$(INC_registry)
$(1)/models/governance/%.o: LAYER_INC = $$(INC_governance)
$(1)/models/governance/routing/%.o: LAYER_INC = $$(INC_routing)
$(1)/models/mmc/%.o: LAYER_INC = $$(INC_mmc)
$(1)/app/cli/%.o: LAYER_INC = $$(INC_app)
$(1)/app/mpi/%.o: LAYER_INC = $$(INC_mpi)
$(1)/tests/%.o: LAYER_INC = $$(INC_all)
$(1)/gen/%.o: LAYER_INC =
endef

LIB_SRC := $(wildcard sim/*/*.c models/*.c models/*/*.c models/*/*/*.c) \
           $(filter-out app/cli/main.c,$(wildcard app/cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
# The gnuplot templates of plots/ are compiled in, so the binary needs no data files.
PLOT_TEMPLATES := $(wildcard plots/*.gp)
LIB_OBJ += $(B)/gen/plot_templates.o
# govsim serve's page likewise (app/cli/serve_page.html).
LIB_OBJ += $(B)/gen/serve_page.o
MAIN_OBJ := $(B)/app/cli/main.o
TEST_SRC := $(wildcard tests/*.c tests/validity/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(B)/%.o)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)

CRITERION_LIBS = $(eval CRITERION_LIBS := $$(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion))$(CRITERION_LIBS)

.PHONY: all test demo bench mutants clean deps mpi fuzz fuzz-build valgrind check-deps check-packages

all: govsim

# One dependency check per make run, for the profiles the goals need (running
# apt-get twice at once would fight over dpkg's lock). The tests render
# report.html in headless Chromium and run govsim-mpi, so `test` needs the
# report and mpi profiles too.
DEPS_PROFILES := build $(sort $(filter test demo bench mpi report fuzz,$(MAKECMDGOALS)) $(if $(filter mutants valgrind,$(MAKECMDGOALS)),test) $(if $(filter mutants,$(MAKECMDGOALS)),report mpi) $(if $(filter test,$(MAKECMDGOALS)),report mpi) $(if $(filter fuzz-build,$(MAKECMDGOALS)),fuzz) $(if $(filter check-packages,$(MAKECMDGOALS)),test mpi))
deps:
	@tools/ensure-deps.sh $(DEPS_PROFILES)

$(eval $(call layer_paths,$(B)))

$(B)/%.o: %.c | deps $(PGO_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PGO_NAME) $(LAYER_INC) -c $< -o $@

# The release build's profile (PGO above): govsim built instrumented by make
# itself (its own objects and dependency files under build/pgo-gen), then run
# on the training scenarios. Order-only for the objects: a new profile
# recompiles nothing by itself, a changed source recompiles its own object
# with it. Objects outside the program (tests, benchmarks, MPI) find no
# counts and are compiled as without.
PGO_SOURCES := $(LIB_SRC) app/cli/main.c $(PLOT_TEMPLATES) app/cli/serve_page.html \
               $(wildcard include/*/*.h sim/*/*.h models/*.h models/*/*.h models/*/*/*.h app/cli/*.h)
$(PGO_DIR)/trained: $(PGO_SOURCES) tools/pgo-train.sh | deps
	@$(MAKE) --no-print-directory V=pgo-gen $(PGO_GEN)/govsim
	sh tools/pgo-train.sh $(PGO_GEN)/govsim $(PGO_DIR)

$(B)/gen/plot_templates.c: tools/embed-templates.sh $(PLOT_TEMPLATES)
	@mkdir -p $(dir $@)
	sh tools/embed-templates.sh $(PLOT_TEMPLATES) > $@.tmp && mv $@.tmp $@

$(B)/gen/plot_templates.o: $(B)/gen/plot_templates.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/gen/serve_page.c: tools/embed-text.sh app/cli/serve_page.html
	@mkdir -p $(dir $@)
	sh tools/embed-text.sh serve_page_html app/cli/serve_page.html > $@.tmp && mv $@.tmp $@

$(B)/gen/serve_page.o: $(B)/gen/serve_page.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libgovsim.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR_CMD) rcs $@ $^

$(B)/govsim: $(MAIN_OBJ) $(B)/libgovsim.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

govsim: $(B)/govsim
	@[ "$(V)" = release ] && cp $< $@ || true

# govsim-mpi: the same program with its replications spread over MPI ranks.
# MPI code lives in app/mpi/ only, so nothing else needs MPI to build. The flags are
# read when first used (=, not :=), after `deps` has installed Open MPI.
MPI_CFLAGS = $(shell pkg-config --cflags ompi-c 2>/dev/null || mpicc --showme:compile 2>/dev/null)
MPI_LIBS = $(shell pkg-config --libs ompi-c 2>/dev/null || mpicc --showme:link 2>/dev/null || echo -lmpi)
MPI_SRC := $(wildcard app/mpi/*.c)
MPI_OBJ := $(MPI_SRC:%.c=$(B)/%.o)

$(B)/app/mpi/%.o: app/mpi/%.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LAYER_INC) $(MPI_CFLAGS) -c $< -o $@

$(B)/govsim-mpi: $(MPI_OBJ) $(B)/libgovsim.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(MPI_LIBS) $(LIBS)

mpi: $(B)/govsim-mpi
	@[ "$(V)" = release ] && cp $< govsim-mpi || true

$(B)/tests/%.o: tests/%.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LAYER_INC) -Wno-missing-prototypes -c $< -o $@

$(B)/govsim-tests: $(TEST_OBJ) $(B)/libgovsim.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CRITERION_LIBS) $(LIBS)

# A routing rule that exists only in the tests (tests/plugin/): the registry is
# compiled once more with the test's registry line, and linked before the
# library, into govsim-plugin and govsim-tests-plugin; the suites that iterate
# the registry (conservation, memory, consultation, multi_dispatch) then run on
# that rule too, unedited.
PLUGIN_OBJ := $(B)/plugin/route_registry.o $(B)/plugin/route_direct.o $(B)/plugin/registry.o \
              $(B)/plugin/model_ishigami.o
PLUGIN_SUITES := @(gov_conservation|gov_memory|gov_consultation|gov_multi|plugin)/*

$(B)/plugin/route_registry.o: models/governance/routing/route_registry.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(INC_routing) -Itests/plugin -DGOV_EXTRA_RULES_HEADER='"extra_rules.h"' -c $< -o $@

$(B)/plugin/route_direct.o: tests/plugin/route_direct.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(INC_routing) -c $< -o $@

# A model likewise (tests/plugin/model_ishigami.c: functions with known sensitivity indices).
$(B)/plugin/registry.o: models/registry.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(INC_registry) -Itests/plugin -DGOV_EXTRA_MODELS_HEADER='"extra_models.h"' -c $< -o $@

$(B)/plugin/model_ishigami.o: tests/plugin/model_ishigami.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(INC_models) -c $< -o $@

$(B)/govsim-plugin: $(MAIN_OBJ) $(PLUGIN_OBJ) $(B)/libgovsim.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/govsim-tests-plugin: $(TEST_OBJ) $(PLUGIN_OBJ) $(B)/libgovsim.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CRITERION_LIBS) $(LIBS)

# The test binary finds the CLI under test through GOVSIM_BIN and the sources through
# GOVSIM_SRC. Criterion's synthesis line is the last thing printed.
# Under the sanitizers, LeakSanitizer reports at the exit of a test's process,
# after Criterion has counted the test as passed; so the log is searched and any
# sanitizer report fails the run. tests/lsan.supp says why one report of
# Criterion's own is suppressed.
TEST_ENV := GOVSIM_BIN=$(abspath $(B)/govsim) GOVSIM_MPI_BIN=$(abspath $(B)/govsim-mpi) \
	GOVSIM_PLUGIN_BIN=$(abspath $(B)/govsim-plugin) GOVSIM_SRC=$(CURDIR)
TEST_BINS := $(B)/govsim $(B)/govsim-mpi $(B)/govsim-plugin $(B)/govsim-tests $(B)/govsim-tests-plugin
ifeq ($(V),asan)
test: deps $(TEST_BINS)
	@( export LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0; \
	   $(TEST_ENV) $(B)/govsim-tests-plugin --filter '$(PLUGIN_SUITES)' && \
	   $(TEST_ENV) $(B)/govsim-tests $(TEST_ARGS); echo $$? > $(B)/test.rc ) 2>&1 | tee $(B)/test.log
	@if grep -q -E "ERROR: (LeakSanitizer|AddressSanitizer)|runtime error:" $(B)/test.log; then \
	    echo "govsim: sanitizer reports in the test log ($(B)/test.log): failing" >&2; exit 1; fi
	@exit $$(cat $(B)/test.rc)
else
test: deps $(TEST_BINS)
	$(TEST_ENV) $(B)/govsim-tests-plugin --filter '$(PLUGIN_SUITES)'
	$(TEST_ENV) $(B)/govsim-tests $(TEST_ARGS)
endif

# The governance scenario once it exists, the M/M/c demonstration until then;
# --force: each demo replaces the results of the last one.
DEMO_SCENARIO ?= $(firstword $(wildcard scenarios/default.json) scenarios/mmc_demo.json)
demo: deps govsim
	./govsim run $(DEMO_SCENARIO) --plot --force

$(B)/bench/%: bench/%.c $(B)/libgovsim.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(INC_all) -Wno-missing-prototypes -o $@ $< $(B)/libgovsim.a $(LIBS)

bench: deps $(BENCH_BIN) $(B)/govsim
	@B=$(B) sh bench/run.sh

# The command line on small scenarios under valgrind memcheck: any error or
# definite/indirect leak fails (tools/valgrind.sh). The release build.
valgrind: deps govsim
	@sh tools/valgrind.sh ./govsim

# No circles among modules: includes and symbols (tools/check-deps.sh).
check-deps: govsim
	@tools/check-deps.sh $(B)

# Every library on the link lines comes from a package `deps` installs, or one
# they depend on (tools/check-packages.sh): what merely happens to be on this
# machine would link here and fail on a fresh one.
check-packages: deps
	@tools/check-packages.sh build -- $(LIBS)
	@tools/check-packages.sh build test -- $(CRITERION_LIBS)
	@tools/check-packages.sh build mpi -- $(MPI_LIBS)

# Deliberately broken kernels must fail the tests (not part of `make test`).
mutants: deps
	@tools/mutants.sh

# libFuzzer on the scenario loader (tests/fuzz/README.md): the library built by
# clang with ASan + UBSan and coverage, the corpus kept in build/fuzz/corpus and
# seeded from every shipped, broken-test and regression scenario. A crash, leak,
# sanitizer report or time-out fails the target and leaves the input in
# build/fuzz/artifacts/.
FUZZ_B := build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_ARGS ?=
FUZZ_CFLAGS = $(CFLAGS_BASE) -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
FUZZ_OBJ := $(LIB_SRC:%.c=$(FUZZ_B)/%.o) $(FUZZ_B)/gen/plot_templates.o $(FUZZ_B)/gen/serve_page.o
FUZZ_SEEDS := tests/fuzz/seeds tests/fuzz/regressions scenarios tests/scenarios

$(eval $(call layer_paths,$(FUZZ_B)))

$(FUZZ_B)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $(LAYER_INC) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_B)/gen/plot_templates.o: $(B)/gen/plot_templates.c | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_B)/gen/serve_page.o: $(B)/gen/serve_page.c | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_B)/libgovsim.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^

$(FUZZ_B)/fuzz_scenario: tests/fuzz/fuzz_scenario.c $(FUZZ_B)/libgovsim.a | deps
	clang $(FUZZ_CFLAGS) $(INC_all) -fsanitize=fuzzer -o $@ $< $(FUZZ_B)/libgovsim.a $(LIBS)

# Every field name and choice of the governance schema, for the mutator.
$(FUZZ_B)/scenario.dict: models/governance/gov_schema.c tests/fuzz/base.dict
	@mkdir -p $(dir $@)
	{ cat tests/fuzz/base.dict; grep -o '"[a-z][a-z0-9_]*"' models/governance/gov_schema.c | sort -u | \
	  sed 's/.*/&/'; } > $@.tmp && mv $@.tmp $@

fuzz-build: $(FUZZ_B)/fuzz_scenario $(FUZZ_B)/scenario.dict

# libFuzzer's progress goes to build/fuzz/fuzz*.log; the figures are printed at
# the end, the log's tail on a finding.
fuzz: deps fuzz-build
	@mkdir -p $(FUZZ_B)/corpus $(FUZZ_B)/artifacts
	@rm -f $(FUZZ_B)/fuzz*.log
	@echo "fuzzing the scenario loader for $(FUZZ_SECONDS) s, $(FUZZ_JOBS) job(s); log in $(FUZZ_B)/fuzz.log"
	@cd $(FUZZ_B) && if ./fuzz_scenario -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=8192 -dict=scenario.dict -artifact_prefix=artifacts/ -print_final_stats=1 \
	    $(if $(filter-out 1,$(FUZZ_JOBS)),-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) $(FUZZ_ARGS) \
	    corpus $(addprefix $(CURDIR)/,$(FUZZ_SEEDS)) > fuzz.log 2>&1; then \
	    grep -h -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec)' fuzz*.log; \
	    grep -h ' cov: ' fuzz*.log | tail -n 1; \
	else tail -n 60 fuzz*.log; echo "fuzz: failed; a finding is kept in $(FUZZ_B)/artifacts/" >&2; exit 1; fi

clean:
	rm -rf build govsim govsim-mpi

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(MPI_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d) $(PLUGIN_OBJ:.o=.d)
