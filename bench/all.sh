#!/bin/bash
# bench/all.sh — every benchmark in turn, each on its own private stack;
# the figures go to the terminal and to bench/out/results-DATE.txt.
#
#   GS_BENCH_BUILD=/tmp/gsbench-build bench/all.sh            # full sizes (~9 min)
#   GS_BENCH_BUILD=/tmp/gsbench-build BENCH_APPS=100000 bench/all.sh   # quick
#
# Environment: as for each script (bench/README.md).
set -u
DIR=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$DIR/out"
OUT=$DIR/out/results-$(date +%Y%m%d-%H%M).txt
{
    echo "# GramSewa benchmarks $(date -Iseconds), $(nproc) CPUs, $(uname -r), build ${GS_BENCH_BUILD:-$DIR/../build}"
    for b in http.sh locations.sh login.sh certs.sh apps.py mixed.sh; do
        t0=$(date +%s)
        "$DIR/$b"
        echo "# $b: exit $?, $(( $(date +%s) - t0 )) s"
    done
} 2>&1 | tee "$OUT"
echo "figures saved in $OUT"
