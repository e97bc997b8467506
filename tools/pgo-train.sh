#!/bin/sh
# Train the release build's profile (Makefile, PGO): run the instrumented
# govsim on a few seconds of shipped scenarios, whose counts land in
# PROFILE_DIR, then mark the profile trained.
#
#   tools/pgo-train.sh INSTRUMENTED_GOVSIM PROFILE_DIR
#
# The scenarios cover what runs most: the Beijing-scale model at a hundredth
# of the size (bench/beijing_small.json, the hotline rule; two years), the
# layered default, the whistle rule and the order-grabbing platforms, each
# once on one thread. Functions no scenario runs are compiled as without a
# profile (-fprofile-partial-training), not as cold. Old counts are removed
# first: counts of an older build of a source would be merged into the new.
set -eu

[ $# -eq 2 ] || { echo "usage: tools/pgo-train.sh INSTRUMENTED_GOVSIM PROFILE_DIR" >&2; exit 2; }
bin=$1
dir=$2
[ -x "$bin" ] || { echo "pgo-train: $bin is not built" >&2; exit 2; }
mkdir -p "$dir"
rm -f "$dir"/*.gcda "$dir/trained"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

train() {
    "$bin" run "$@" --reps 1 --threads 1 --quiet --force --out "$out/run" ||
        { echo "pgo-train: the training run failed: govsim run $*" >&2; exit 1; }
}
train bench/beijing_small.json --set horizon=2y
train scenarios/default.json
train scenarios/beijing_whistle/whistle.json
train scenarios/multi_platform/three_platforms.json

# Each object of the program writes its counts at exit; none means the
# instrumentation or the names went wrong, and the build would silently be
# one without a profile.
n=$(find "$dir" -name '*.gcda' | wc -l)
[ "$n" -gt 0 ] || { echo "pgo-train: no counts were written to $dir" >&2; exit 1; }
touch "$dir/trained"
