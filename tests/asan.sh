#!/usr/bin/env bash
# GramSewa — the whole suite against AddressSanitizer + UBSan builds of the
# FastCGI worker and gramsewactl.  Every HTTP and browser test is load on
# the worker; afterwards every sanitizer report (invalid access, undefined
# behaviour, leaks found when a worker exits) is listed, and the run fails
# if there is any.
#   tests/asan.sh            (after ./run.sh test has installed the packages)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B="$ROOT/build-asan"
mkdir -p "$B" && cd "$B" || exit 1
[ -x "$ROOT/configure" ] || (cd "$ROOT" && autoreconf -fi >/dev/null 2>&1)
if [ ! -f Makefile ]; then
    # no --enable-debug: GCC's format checks misfire under -fsanitize=undefined
    "$ROOT/configure" --enable-asan CFLAGS="-O1 -g" >configure.out 2>&1 || { cat configure.out; exit 1; }
fi
make -j"$(nproc)" gramsewa-fcgi gramsewactl >make.out 2>&1 || { tail -20 make.out; exit 1; }
REPORTS=$(mktemp -d /tmp/gramsewa-asan.XXXXXX)
export ASAN_OPTIONS="log_path=$REPORTS/asan:detect_leaks=1:abort_on_error=0:halt_on_error=0"
export UBSAN_OPTIONS="log_path=$REPORTS/ubsan:print_stacktrace=1"
GS_BIN="$B" "$ROOT/tests/run-all.sh"
rc=$?
n=$(cat "$REPORTS"/* 2>/dev/null | grep -cE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:")
echo "sanitizer reports: $n (in $REPORTS)"
if [ "$n" -gt 0 ]; then
    grep -hE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|^    #[0-4] " "$REPORTS"/* | head -60
    exit 1
fi
exit $rc
