#!/bin/sh
# Every library on a link line comes from a package that `make` installs
# (tools/ensure-deps.sh) or that one of those depends on. A library that is
# merely present on this machine links here and fails on a fresh one: -lz did
# (xlsxwriter's pkg-config file asks for it, and libxlsxwriter-dev does not
# depend on zlib1g-dev).
#
#   tools/check-packages.sh PROFILE... -- LINK_FLAGS...
#   e.g. tools/check-packages.sh build -- -lgsl -lgslcblas -lcjson -lm
#
# Called by `make check-packages` (which passes the Makefile's link flags)
# on a machine where the packages are installed: the owner of each library is
# read from dpkg, the dependencies of the profiles' packages from apt-cache.
set -eu

profiles=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    profiles="$profiles $1"
    shift
done
[ $# -gt 0 ] || { echo "usage: tools/check-packages.sh PROFILE... -- LINK_FLAGS..." >&2; exit 2; }
shift
[ -n "$profiles" ] || { echo "check-packages: no profile given" >&2; exit 2; }
here=$(dirname "$0")

# shellcheck disable=SC2086
pkgs=$(sh "$here/ensure-deps.sh" --list $profiles)
# The packages installed with them: the profiles' packages and their
# dependencies (pre-dependencies included), recursively.
# shellcheck disable=SC2086
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances $pkgs 2>/dev/null | grep -v '^ ' | sort -u)
[ -n "$closure" ] || { echo "check-packages: apt-cache knows none of: $pkgs" >&2; exit 1; }

# The package that owns the file the linker would take for -lNAME: the -L
# directories first, then the compiler's own search path.
dirs=""
for f in "$@"; do
    case "$f" in -L*) dirs="$dirs ${f#-L}" ;; esac
done
owner() {
    file=""
    for d in $dirs; do
        for ext in so a; do
            [ -z "$file" ] && [ -e "$d/lib$1.$ext" ] && file="$d/lib$1.$ext"
        done
    done
    for ext in so a; do
        if [ -z "$file" ]; then
            f=$(${CC:-cc} -print-file-name="lib$1.$ext")
            [ "$f" != "lib$1.$ext" ] && file=$f
        fi
    done
    [ -n "$file" ] || return 0
    # The link itself, not what it points to (the -dev package owns the link);
    # a package may have registered it without /usr (merged /usr).
    file="$(cd "$(dirname "$file")" && pwd -P)/$(basename "$file")"
    for f in "$file" "${file#/usr}"; do
        pkg=$(dpkg -S "$f" 2>/dev/null | cut -d: -f1 | head -n 1)
        [ -n "$pkg" ] && { echo "$pkg"; return 0; }
    done
    return 0
}

bad=0
for f in "$@"; do
    case "$f" in -l*) ;; *) continue ;; esac
    lib=${f#-l}
    pkg=$(owner "$lib")
    if [ -z "$pkg" ]; then
        echo "check-packages: $f: no installed package provides lib$lib (profiles:$profiles)" >&2
        bad=1
    elif ! echo "$closure" | grep -qx "$pkg"; then
        echo "check-packages: $f comes from $pkg, which the profiles$profiles do not install (tools/ensure-deps.sh)" >&2
        bad=1
    fi
done
[ "$bad" = 0 ] && echo "check-packages:$profiles: every library of the link line is installed by the profiles"
exit "$bad"
