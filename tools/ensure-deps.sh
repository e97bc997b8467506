#!/bin/sh
# Install the Debian packages a make target needs, and nothing when all are there.
# Usage: tools/ensure-deps.sh PROFILE...   (build test demo bench mpi report fuzz)
#        tools/ensure-deps.sh --list PROFILE...
# Called by the Makefile; set GOVSIM_NO_APT=1 to only report what is missing.
set -eu

# zlib1g-dev: xlsxwriter's pkg-config file links -lz, and Debian's
# libxlsxwriter-dev does not depend on it (a fresh machine failed to link).
# valgrind in bench: bench/work.sh counts instructions with callgrind.
pkgs_for() {
    case "$1" in
        build)  echo "gcc make pkg-config libgsl-dev libcjson-dev libxlsxwriter-dev zlib1g-dev libmicrohttpd-dev" ;;
        demo)   echo "gnuplot-nox fonts-noto-cjk" ;;
        test)   echo "libcriterion-dev gnuplot-nox fonts-noto-cjk valgrind python3 python3-pandas python3-openpyxl python3-websocket" ;;
        bench)  echo "python3 python3-simpy valgrind" ;;
        mpi)    echo "libopenmpi-dev openmpi-bin" ;;
        report) echo "chromium" ;;
        fuzz)   echo "clang libclang-rt-dev" ;;
        *) echo "ensure-deps: unknown profile '$1' (allowed: build demo test bench mpi report fuzz)" >&2; exit 2 ;;
    esac
}

# --list PROFILE...: print the profiles' packages and install nothing
# (tools/check-packages.sh reads them).
if [ "${1:-}" = --list ]; then
    shift
    for profile in "$@"; do
        pkgs_for "$profile"
    done
    exit 0
fi

missing=""
for profile in "$@"; do
    for p in $(pkgs_for "$profile"); do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        case "$status" in
            *"install ok installed"*) ;;
            *) case " $missing " in *" $p "*) ;; *) missing="$missing $p" ;; esac ;;
        esac
    done
done

[ -z "$missing" ] && exit 0

echo "govsim: installing missing Debian packages:$missing" >&2
if [ "${GOVSIM_NO_APT:-0}" = 1 ]; then
    echo "govsim: GOVSIM_NO_APT=1, not installing; run: apt-get install$missing" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "govsim: not root and no sudo; as root run: apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $sudo apt-get install -y --no-install-recommends $missing >/dev/null 2>&1; then
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends $missing
fi
