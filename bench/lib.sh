#!/bin/bash
# bench/lib.sh — shared by the benchmark scripts: a private stack built
# from scripts/stack.sh, run from the binaries in $GS_BENCH_BUILD (default
# $ROOT/build; point it at an optimised build, see bench/README.md), and a
# wrk wrapper.  Source it, or run it as a command:
#
#   bench/lib.sh up VAR      start a stack in VAR (created), print its base URL
#   bench/lib.sh down VAR    stop the stack in VAR (by its pid files)
#
# Environment:
#   GS_BENCH_BUILD  directory holding gramsewa-fcgi and gramsewactl
#   BENCH_BASE      use the running stack at this URL instead of starting one
#   BENCH_VAR       that stack's var directory (for pid files, logs, SQL);
#                   optional with BENCH_BASE, some figures need it
#   BENCH_KEEP=1    leave the private stack running (and its directory) at exit
#   GS_WORKERS, GS_DB_FLUSH (default 2 here), GS_DB_POOL (default 1G here),
#   GS_ACCESS_LOG (default off here) — passed to scripts/stack.sh
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export ROOT=${ROOT:-$(cd "$BENCH_DIR/.." && pwd)}
# shellcheck source=../scripts/stack.sh
. "$ROOT/scripts/stack.sh"
export GS_BENCH_BUILD=${GS_BENCH_BUILD:-$ROOT/build}
export GS_DB_FLUSH=${GS_DB_FLUSH:-2}
export GS_DB_POOL=${GS_DB_POOL:-1G}
export GS_ACCESS_LOG=${GS_ACCESS_LOG:-off}

# scripts/stack.sh runs the programs in $GS_BIN: the benchmark build
export GS_BIN=$GS_BENCH_BUILD

# bench_sql VAR SQL — run SQL on the stack's database, tab-separated, no header.
bench_sql() { mariadb --no-defaults --socket="$1/run/mariadb.sock" -N -B gramsewa -e "$2"; }

# bench_fcgi_start VAR — the FastCGI pool from the benchmark build, and
# wait until its workers are up.  GS_LOG_ALL=1 in the environment makes every
# request log its time.
bench_fcgi_start() {
    local var=$1
    gs_pid_alive "$var/run/gramsewa-fcgi.pid" && return 0
    setsid "$GS_BIN/gramsewa-fcgi" -c "$var/gramsewa.conf" </dev/null >>"$var/log/gramsewa.log" 2>&1 &
    for _ in $(seq 1 100); do
        [ -n "$(bench_worker_pids "$var")" ] && [ -S "$var/run/gramsewa.sock" ] && return 0
        sleep 0.05
    done
    return 0
}

# bench_app_start VAR PORT — gs_app_start with the benchmark binaries.
bench_app_start() { gs_app_start "$1" "$2"; }

# bench_fcgi_restart VAR — a fresh worker pool (same config, same database).
bench_fcgi_restart() {
    gs_stop_pidfile "$1/run/gramsewa-fcgi.pid"
    bench_fcgi_start "$1"
}

# bench_worker_pids VAR — the FastCGI workers (children of the supervisor).
bench_worker_pids() {
    local f=$1/run/gramsewa-fcgi.pid sup
    [ -f "$f" ] || return 0
    sup=$(cat "$f")
    cat /proc/"$sup"/task/*/children 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+$' | sort -n
}

# bench_rss_kb PID — VmRSS in kB.
bench_rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# bench_stack_up VAR — a private stack in VAR with the demo seed; sets
# BENCH_PORT and BASE.  Prints progress on stderr.
bench_stack_up() {
    local var=$1
    mkdir -p "$var"
    if [ ! -x "$GS_BENCH_BUILD/gramsewa-fcgi" ] || [ ! -x "$GS_BENCH_BUILD/gramsewactl" ]; then
        gs_log "no binaries in $GS_BENCH_BUILD (build first, or set GS_BENCH_BUILD)"; return 1
    fi
    if [ -f "$var/port" ]; then BENCH_PORT=$(cat "$var/port"); else BENCH_PORT=$(gs_free_port); echo "$BENCH_PORT" > "$var/port"; fi
    gs_stack_init "$var" "$BENCH_PORT" || return 1
    gs_db_start "$var" || return 1
    gs_ctl "$var" migrate >"$var/log/bench-setup.log" 2>&1 || { cat "$var/log/bench-setup.log" >&2; return 1; }
    gs_ctl "$var" seed-demo >>"$var/log/bench-setup.log" 2>&1 || { cat "$var/log/bench-setup.log" >&2; return 1; }
    bench_app_start "$var" "$BENCH_PORT" || return 1
    BASE="http://127.0.0.1:$BENCH_PORT"
    export BENCH_PORT BASE
}

# bench_begin NAME — the stack for a benchmark script: BENCH_BASE/BENCH_VAR
# if given, else a private one in a temp directory stopped at exit.
# Sets BASE, VAR (may be empty with BENCH_BASE) and OWN (1 if ours).
bench_begin() {
    if [ -n "${BENCH_BASE:-}" ]; then
        BASE=${BENCH_BASE%/}
        VAR=${BENCH_VAR:-}
        OWN=0
    else
        VAR=$(mktemp -d "/tmp/gsbench-$1.XXXXXX")
        OWN=1
        trap bench_end EXIT
        trap 'exit 130' INT TERM
        gs_log "starting a private stack in $VAR (binaries: $GS_BENCH_BUILD, $(bench_build_kind))"
        bench_stack_up "$VAR" || exit 1
    fi
    export BASE VAR OWN
}

bench_end() {
    [ "${OWN:-0}" = 1 ] || return 0
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        gs_log "stack left running in $VAR at $BASE (stop: bench/lib.sh down $VAR)"
        return 0
    fi
    gs_stack_stop "$VAR"
    rm -rf "$VAR"
}

# bench_load — the load average now (other work on the machine skews figures).
bench_load() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"; }

# bench_build_kind — "-O2" or "-O0 (debug)" from the build's config.log.
bench_build_kind() {
    local log=$GS_BENCH_BUILD/config.log
    if grep -q -- '--enable-asan' "$log" 2>/dev/null; then echo "ASan build"
    elif grep -q -- '--enable-debug' "$log" 2>/dev/null; then echo "-O0 debug build"
    else echo "-O2 build"; fi
}

# bench_wrk LABEL URL [wrk options...] — runs wrk with bench/wrk.lua and
# prints its one-line figure.  WRK_PATHS=FILE picks a random path from FILE
# per request; WRK_LIMIT=N stops each thread after N responses.
bench_wrk() {
    local label=$1 url=$2 out; shift 2
    out=$(WRK_LABEL=$label wrk -s "$BENCH_DIR/wrk.lua" "$@" "$url" 2>&1)
    if grep -q "^$label: " <<<"$out"; then
        grep "^$label: " <<<"$out"
    else
        echo "$label: wrk failed" ; printf '%s\n' "$out" >&2
    fi
}

# bench_wrk_n LABEL URL N [wrk options...] — about N requests (WRK_PATHS as
# above) over 2 threads: each thread stops after N/2 responses; wrk's main
# thread sleeps for -d regardless, so it is woken with SIGINT once only it
# is left.
bench_wrk_n() {
    local label=$1 url=$2 n=$3 out pid; shift 3
    out=$(mktemp)
    WRK_LABEL=$label WRK_LIMIT=$(( (n + 1) / 2 )) wrk -s "$BENCH_DIR/wrk.lua" -t2 -d3600s "$@" "$url" >"$out" 2>&1 &
    pid=$!
    sleep 0.2
    while kill -0 "$pid" 2>/dev/null; do
        [ "$(ls /proc/$pid/task 2>/dev/null | wc -l)" -le 1 ] && kill -INT "$pid" 2>/dev/null
        sleep 0.1
    done
    wait "$pid" 2>/dev/null
    if grep -q "^$label: " "$out"; then grep "^$label: " "$out"; else echo "$label: wrk failed"; cat "$out" >&2; fi
    rm -f "$out"
}

# bench_rps LINE — the req/s number of a bench_wrk line.
bench_rps() { sed -n 's/^[^:]*: \([0-9.]*\) req\/s.*/\1/p' <<<"$1"; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-}" in
        up) [ -n "${2:-}" ] || { echo "usage: $0 up VAR" >&2; exit 2; }
            bench_stack_up "$2" || exit 1; echo "$BASE" ;;
        down) [ -n "${2:-}" ] || { echo "usage: $0 down VAR" >&2; exit 2; }
            gs_stack_stop "$2" ;;
        *) echo "usage: $0 up VAR | down VAR" >&2; exit 2 ;;
    esac
fi
