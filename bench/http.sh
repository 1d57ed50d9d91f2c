#!/bin/bash
# bench/http.sh — request throughput of the three layers, and worker memory.
#
#   1. wrk -t2 -c64 -d10s against a static file served by nginx
#      (/static/gs.css), /healthz (FastCGI + one DB round trip) and the
#      home page / (FastCGI + a ClearSilver template); prints req/s and
#      latency for each and the ratio of each to static
#      (targets: template >= 0.18 of static, healthz >= 0.11).
#   2. Worker RSS: on a fresh worker pool, 1,000 requests of a public mix,
#      VmRSS of every worker, 100,000 more, VmRSS again; prints the growth
#      per worker (target: within 1 MB).
#
# Prints figures only; never fails on a slow result.  Environment: see
# bench/lib.sh (GS_BENCH_BUILD, BENCH_BASE/BENCH_VAR, GS_WORKERS) and
#   BENCH_DURATION  seconds per wrk run (10)
#   BENCH_CONNS     wrk connections (64)
#   BENCH_RSS_N     requests between the two RSS readings (100000)
set -u
. "$(dirname "$0")/lib.sh"
DUR=${BENCH_DURATION:-10}
CONNS=${BENCH_CONNS:-64}
RSS_N=${BENCH_RSS_N:-100000}

bench_begin http
echo "# http.sh: $BASE, workers ${GS_WORKERS:-4}, $(bench_build_kind), $(nproc) CPUs, $(bench_load), wrk -t2 -c$CONNS -d${DUR}s"

# warm up every path once
for p in /static/gs.css /healthz /; do curl -fsS -o /dev/null "$BASE$p" || echo "warning: GET $p failed" >&2; done

static=$(bench_wrk static "$BASE/static/gs.css" -t2 -c"$CONNS" -d"${DUR}s")
echo "$static"
healthz=$(bench_wrk healthz "$BASE/healthz" -t2 -c"$CONNS" -d"${DUR}s")
echo "$healthz"
template=$(bench_wrk template "$BASE/" -t2 -c"$CONNS" -d"${DUR}s")
echo "$template"
s=$(bench_rps "$static"); h=$(bench_rps "$healthz"); t=$(bench_rps "$template")
if [ -n "$s" ] && [ -n "$h" ] && [ -n "$t" ]; then
    awk -v s="$s" -v h="$h" -v t="$t" 'BEGIN {
        printf "ratio to static: template %.3f (target >= 0.18), healthz %.3f (target >= 0.11)\n", t / s, h / s }'
fi

# ---- worker memory ----
if [ -z "$VAR" ]; then
    echo "worker RSS: skipped (BENCH_BASE without BENCH_VAR: no pid file to read)"
    exit 0
fi
if [ "$OWN" = 1 ]; then
    bench_fcgi_restart "$VAR"	# count from a fresh pool
    curl -fsS -o /dev/null "$BASE/healthz"
fi
# a public mix: template pages, JSON API reads, a DB ping
MIX=$(mktemp)
trap 'rm -f "$MIX"; bench_end' EXIT
cat > "$MIX" <<'EOF'
/
/healthz
/services
/login
/track
/api/v1/services
/api/v1/services/INC
/api/v1/locations?q=Med
/api/v1/locations?type=district
/verify
EOF
mix_run() { WRK_PATHS=$MIX bench_wrk_n "$2" "$BASE/" "$1" -c16; }
mix_run 1000 "warm-up" >/dev/null
declare -A before
pids=$(bench_worker_pids "$VAR")
for p in $pids; do before[$p]=$(bench_rss_kb "$p"); done
echo "$(mix_run "$RSS_N" "rss-mix")"
max=0
for p in $pids; do
    a=$(bench_rss_kb "$p")
    if [ -z "$a" ]; then
        echo "worker $p: gone (replaced during the run)"
        continue
    fi
    d=$((a - ${before[$p]}))
    [ "$d" -gt "$max" ] && max=$d
    awk -v p="$p" -v b="${before[$p]}" -v a="$a" -v d="$d" -v n="$RSS_N" 'BEGIN {
        printf "worker %d RSS: %.1f MB after 1,000 requests, %.1f MB after %d more: %+d kB\n", p, b / 1024, a / 1024, n, d }'
done
new=$(comm -13 <(echo "$pids") <(bench_worker_pids "$VAR") | tr '\n' ' ')
[ -n "$new" ] && echo "new workers during the run: $new"
awk -v m="$max" 'BEGIN { printf "worker RSS growth: at most %+d kB per worker (target: within 1024 kB)\n", m }'
