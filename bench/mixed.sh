#!/bin/bash
# bench/mixed.sh — the mixed load of a working day, in one command: a
# private stack (bench/lib.sh), the generated state and N applications
# (bench/gen_apps.py), users and sessions (bench/mixed_prep.py), then wrk
# with bench/mixed.lua (a C client: the load generator does not eat the
# cores it measures):
#
#   1. each class of request alone for --class-seconds (the cost of each):
#      static files, the QR verify page, public tracking (JSON), a
#      citizen's list and application (page and JSON API), an officer's
#      desk and an application on it, an officer taking the next
#      application and forwarding it (POSTs with CSRF), a CSC filing a
#      Birth Certificate (the apply form in one POST with CSRF);
#   2. the mix of all of them (MIX, below) for --duration;
#   3. nginx static against the QR verify page, plain wrk -t2 -c64, in the
#      same run, three rounds back to back; the median ratio (issue 17:
#      verify >= 0.11 of static).
#
# For every run it prints req/s, p50/p95/p99 per class, and the CPU time
# the workers, mariadbd and nginx used during it divided by the requests
# (from /proc/PID/stat): the cost per request, which hardly depends on
# how busy the machine is; 2 cores divided by it is the capacity.
#
#   bench/mixed.sh                      200,000 applications, ~4 minutes on
#                                       a quiet machine (10 at load 15)
#   bench/mixed.sh --apps 1000000       the issue's size (~2 minutes more)
#   bench/mixed.sh --perf               also perf record the workers and
#                                       mariadbd during the mix; prints the
#                                       top symbols (perf report --no-children)
#   bench/mixed.sh --build --apps 1000000
#                                       the issue's figures in one command: an
#                                       -O2 build of this checkout first (in
#                                       GS_BENCH_BUILD, default build-bench/ here;
#                                       configured once, brought up to date each
#                                       run), then the run at 1,000,000
#
# Options (or environment): --apps N (BENCH_APPS, 200000), --duration S
# (BENCH_DURATION, 30), --class-seconds S (5; 0 skips part 1), --conns N
# (BENCH_CONNS, 32: wrk threads, one connection each), --ratio-seconds S
# (5, each of the six runs; 0 skips part 3), --no-gen (BENCH_GEN=0: the stack has the data);
# MIX=class=weight,... (bench/mixed.lua has the default); MIX_GZIP=0 to
# not ask for gzip.  And bench/lib.sh's: GS_BENCH_BUILD, BENCH_BASE and
# BENCH_VAR (a running stack; BENCH_VAR is needed), BENCH_KEEP, GS_WORKERS.
# Prints figures only; never fails on a slow result.
set -u
. "$(dirname "$0")/lib.sh"
APPS=${BENCH_APPS:-200000}
DUR=${BENCH_DURATION:-30}
CONNS=${BENCH_CONNS:-32}
CLASS_S=5
RATIO_S=5
GEN=${BENCH_GEN:-1}
PERF=0
BUILD=0
while [ $# -gt 0 ]; do
    case "$1" in
    --apps) APPS=$2; shift ;;
    --duration) DUR=$2; shift ;;
    --conns) CONNS=$2; shift ;;
    --class-seconds) CLASS_S=$2; shift ;;
    --ratio-seconds) RATIO_S=$2; shift ;;
    --no-gen) GEN=0 ;;
    --perf) PERF=1 ;;
    --build) BUILD=1 ;;
    -h|--help) sed -n '2,/^set -u/p' "$0" | sed 's/^# \{0,1\}//; /^set -u/d'; exit 0 ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
    esac
    shift
done

gs_install $GS_BENCH_PKGS || exit 1
if [ "$BUILD" = 1 ]; then
    # an -O2 build of this checkout (not $ROOT/build, the tests' debug build)
    [ "$GS_BENCH_BUILD" = "$ROOT/build" ] && GS_BENCH_BUILD=$ROOT/build-bench
    export GS_BENCH_BUILD GS_BIN=$GS_BENCH_BUILD
    echo "# building $ROOT with -O2 in $GS_BENCH_BUILD"
    (cd "$ROOT" && { [ -x configure ] && [ ! configure.ac -nt configure ] || autoreconf -fi >/dev/null 2>&1; }) &&
        mkdir -p "$GS_BENCH_BUILD" && cd "$GS_BENCH_BUILD" &&
        { [ -f Makefile ] || "$ROOT/configure" >configure.out 2>&1; } &&
        make -j"$(nproc)" gramsewa-fcgi gramsewactl >make.out 2>&1 &&
        cd - >/dev/null || { echo "the -O2 build failed: see $GS_BENCH_BUILD/configure.out and make.out" >&2; exit 1; }
fi
bench_begin mixed
[ -n "$VAR" ] || { echo "mixed.sh needs the stack's directory (BENCH_VAR with BENCH_BASE)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/gsbench-mixed-out.XXXXXX)
trap 'rm -rf "$WORK"; bench_end' EXIT
echo "# mixed.sh: $BASE, workers ${GS_WORKERS:-4}, $(bench_build_kind), $(nproc) CPUs, $(bench_load), $APPS applications"

# ---- data ----
if [ "$GEN" = 1 ]; then
    t=$(date +%s)
    if [ -z "$(bench_sql "$VAR" "SELECT id FROM locations WHERE type = 'state' AND name_en LIKE 'Generated%' LIMIT 1")" ]; then
        gs_ctl "$VAR" gen-state >/dev/null || exit 1
    fi
    python3 "$BENCH_DIR/gen_apps.py" --var "$VAR" --apps "$APPS" | tail -1 || exit 1
    echo "data: $(($(date +%s) - t)) s"
fi
python3 "$BENCH_DIR/mixed_prep.py" --var "$VAR" --base "$BASE" --out "$WORK/data.tsv" || exit 1
echo "$(bench_sql "$VAR" "SELECT COUNT(*) FROM applications") applications in the database"

# ---- CPU accounting ----
# mixed_pids — "group pid" lines: the FastCGI workers, mariadbd, nginx's
# master and workers
mixed_pids() {
    local p
    for p in $(bench_worker_pids "$VAR"); do echo "worker $p"; done
    [ -f "$VAR/run/mariadb.pid" ] && echo "mariadbd $(cat "$VAR/run/mariadb.pid")"
    if [ -f "$VAR/run/nginx.pid" ]; then
        p=$(cat "$VAR/run/nginx.pid")
        echo "nginx $p"
        for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do echo "nginx $c"; done
    fi
}
# mixed_cpu — "group pid ticks" for each process (user + system time)
mixed_cpu() {
    mixed_pids | while read -r g p; do
        # fields after the ")" of the command name: utime is the 12th, stime the 13th
        awk -v g="$g" -v p="$p" '{ sub(/^.*\) /, ""); print g, p, $12 + $13 }' "/proc/$p/stat" 2>/dev/null
    done
}
# mixed_cpu_delta BEFORE AFTER — "group microseconds" per group, for
# processes present at both readings (a worker replaced meanwhile is left out)
mixed_cpu_delta() {
    awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { b[$1 " " $2] = $3; next }
        ($1 " " $2) in b { d[$1] += ($3 - b[$1 " " $2]) * 1e6 / hz }
        END { n = split("worker mariadbd nginx", o, " "); for (i = 1; i <= n; i++) print o[i], d[o[i]] + 0 }' "$1" "$2"
}

# run_mix LABEL MIX SECONDS — one wrk run of bench/mixed.lua and its figures
run_mix() {
    local label=$1 mix=$2 secs=$3
    mixed_cpu >"$WORK/cpu0"
    MIX=$mix MIX_LABEL=$label MIX_OUT=$WORK/t MIX_DATA=$WORK/data.tsv \
        wrk -t"$CONNS" -c"$CONNS" -d"${secs}s" --timeout 10s -s "$BENCH_DIR/mixed.lua" "$BASE/" >"$WORK/wrk.out" 2>&1
    mixed_cpu >"$WORK/cpu1"
    mixed_cpu_delta "$WORK/cpu0" "$WORK/cpu1" >"$WORK/cpu"
    grep -q "^$label: " "$WORK/wrk.out" || { echo "$label: wrk failed"; cat "$WORK/wrk.out" >&2; return; }
    python3 "$BENCH_DIR/mixed_sum.py" "$label" "$(sed -n "s/^$label: .* in \([0-9.]*\) s.*/\1/p" "$WORK/wrk.out")" \
        "$WORK/t" "$WORK/cpu"
}

# warm-up: every class once through the workers' caches
run_mix warm-up "static=1,verify=1,track=1,my=1,myapp=1,api=1,desk=1,view=1" 2 >/dev/null

# ---- 1. each class alone ----
if [ "$CLASS_S" != 0 ]; then
    echo "## each class alone, ${CLASS_S} s, $CONNS connections ($(bench_load))"
    for c in static verify track my myapp api desk view act submit; do
        run_mix "$c" "$c=1" "$CLASS_S"
    done
fi

# ---- 2. the mix ----
echo "## the mix, ${DUR} s, $CONNS connections, ${MIX:-the default mix of bench/mixed.lua} ($(bench_load))"
# perf: one recording of the workers, one of mariadbd (cpu-clock: a
# virtual machine often has no hardware cycle counter)
perf_pids=()
if [ "$PERF" = 1 ]; then
    for g in worker mariadbd; do
        pids=$(mixed_pids | awk -v g="$g" '$1 == g { print $2 }' | paste -sd,)
        perf record -q -e cpu-clock -g -o "$WORK/perf-$g.data" -p "$pids" -- sleep "$DUR" >/dev/null 2>&1 &
        perf_pids+=($!)
    done
fi
run_mix mixed "${MIX:-}" "$DUR"
if [ "$PERF" = 1 ]; then
    wait "${perf_pids[@]}"
    for g in worker mariadbd; do
        echo "perf: top symbols of the ${g}s (self time, perf report --no-children)"
        perf report -i "$WORK/perf-$g.data" --no-children --sort dso,symbol --stdio 2>/dev/null |
            grep -E '^ +[0-9.]+%' | head -"${PERF_TOP:-25}" | sed 's/[ -]*$//'
    done
fi

# ---- 3. the verify page against nginx static, same run ----
# three rounds of static then verify, back to back: other work on a shared
# machine drifts, and a ratio of two runs minutes apart measures the drift
if [ "$RATIO_S" != 0 ]; then
    v=$(awk -F'\t' '$1 == "verify" { print $2; exit }' "$WORK/data.tsv")
    echo "## nginx static against the QR verify page, wrk -t2 -c64, ${RATIO_S} s each, 3 rounds ($(bench_load))"
    : >"$WORK/ratios"
    for round in 1 2 3; do
        static=$(bench_wrk "static-$round" "$BASE/static/gs.css" -t2 -c64 -d"${RATIO_S}s")
        verify=$(bench_wrk "verify-$round" "$BASE$v" -t2 -c64 -d"${RATIO_S}s")
        echo "$static"
        echo "$verify"
        awk -v s="$(bench_rps "$static")" -v v="$(bench_rps "$verify")" 'BEGIN { if (s > 0) printf "%.3f\n", v / s }' >>"$WORK/ratios"
    done
    sort -n "$WORK/ratios" | awk '{ r[NR] = $1 } END { if (NR) printf "ratio to static: verify page %.3f (median of %s; target >= 0.11)\n", r[int((NR + 1) / 2)], NR }'
fi
echo "# done ($(bench_load))"
