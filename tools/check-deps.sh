#!/bin/sh
# No circles among files: the modules of govsim depend on each other one way.
#
# Two graphs, and neither may have a cycle:
#  1. includes: file A includes the header of module B (a module is NAME.c
#     and NAME.h), for every source and header of sim/, models/, app/ and include/;
#  2. symbols: object A uses a function or variable that object B defines
#     (nm on the release build's objects), which also catches calls made
#     through one shared header.
# Calls upward go through callbacks (function pointers), which neither graph
# sees. Prints each cycle and exits 1; `make check-deps` runs it, CI too.
#
#   tools/check-deps.sh [BUILD_DIR]     (default build/release; make builds it first)
set -eu
cd "$(dirname "$0")/.."
B=${1:-build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# module names: NAME for sim/x/NAME.c, include/x/NAME.h, and NAME_int.h (a
# module's internal header, shared by its files) ...
find sim models app include -name '*.h' | sed 's#.*/##; s#\.h$##; s#_int$##' | sort -u >"$work/headers"
find sim models app include -name '*.[ch]' | sort | xargs awk '
    FNR == 1 { m = FILENAME; sub(/.*\//, "", m); sub(/\.[ch]$/, "", m); sub(/_int$/, "", m) }
    /^#[ \t]*include[ \t]*"/ {
        h = $0; sub(/^[^"]*"/, "", h); sub(/".*$/, "", h); sub(/.*\//, "", h)
        if (h ~ /\.h$/) { sub(/\.h$/, "", h); sub(/_int$/, "", h); print m, h }
    }' | awk 'NR == FNR {h[$1] = 1; next} $1 != $2 && ($2 in h)' "$work/headers" - | sort -u >"$work/includes"

objs=$(find "$B/sim" "$B/models" "$B/app/cli" -name '*.o' 2>/dev/null | sort)
[ -n "$objs" ] || { echo "check-deps: no objects in $B (run make first)" >&2; exit 2; }
# One nm over every object (-A names the file on each line: "FILE: ... SYMBOL").
# shellcheck disable=SC2086
nm -A -g --defined-only $objs | awk '{f = $1; sub(/:.*$/, "", f); sub(/.*\//, "", f); sub(/\.o$/, "", f); print $NF, f}' >"$work/defs"
# shellcheck disable=SC2086
nm -A -u $objs | awk '{f = $1; sub(/:.*$/, "", f); sub(/.*\//, "", f); sub(/\.o$/, "", f); print f, $NF}' >"$work/uses"
awk 'NR == FNR {def[$1] = $2; next} ($2 in def) && def[$2] != $1 {print $1, def[$2]}' \
    "$work/defs" "$work/uses" | sort -u >"$work/symbols"

# Cycles: modules that depend on nothing left, or that nothing left depends on,
# are removed until none is; what remains lies on a cycle (or between two),
# and its edges are printed.
cycles() {
    awk '
    { from[NR] = $1; to[NR] = $2; node[$1] = 1; node[$2] = 1; n = NR }
    END {
        do {
            changed = 0
            for (v in node) {
                out = 0; in_ = 0
                for (i = 1; i <= n; i++) {
                    if (from[i] == v && (to[i] in node)) out = 1
                    if (to[i] == v && (from[i] in node)) in_ = 1
                }
                if (!out || !in_) { delete node[v]; changed = 1 }
            }
        } while (changed)
        bad = 0
        for (i = 1; i <= n; i++)
            if ((from[i] in node) && (to[i] in node)) { print "  " from[i] " -> " to[i]; bad = 1 }
        exit bad
    }' "$1"
}

status=0
if ! out=$(cycles "$work/includes"); then
    echo "check-deps: modules include each other in a circle:" >&2
    echo "$out" >&2
    status=1
fi
if ! out=$(cycles "$work/symbols"); then
    echo "check-deps: objects use each other's symbols in a circle:" >&2
    echo "$out" >&2
    status=1
fi
[ $status -eq 0 ] && echo "check-deps: no circles ($(wc -l <"$work/includes") include edges, $(wc -l <"$work/symbols") symbol edges)"
exit $status
