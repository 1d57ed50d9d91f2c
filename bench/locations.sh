#!/bin/bash
# bench/locations.sh — the location tree at full size.
#
#   1. gramsewactl gen-state with its defaults (24 districts, 263 blocks,
#      4398 panchayats, 32811 villages, and their offices); prints the time.
#   2. At 8 concurrent clients (wrk -t2 -c8, keep-alive, a random query per
#      request from a list built through the API):
#        search   GET /api/v1/locations?q=PREFIX   (by prefix length:
#                 1-2 characters, 3-6, whole names; English and Hindi)
#        picker   GET /api/v1/locations?type=village&within=PANCHAYAT&limit=1000
#                 (what static/picker.js asks for)
#        parent   GET /api/v1/locations?parent=ID  (districts, blocks, panchayats)
#      prints req/s and client p50/p95/p99 over loopback, and the FastCGI
#      request time (p50/p95 of the worker's own clock, from the
#      GS_LOG_ALL log lines) when the stack is ours.
#
# Prints figures only.  Environment: bench/lib.sh, and
#   BENCH_DURATION  seconds per run (10)
#   BENCH_CONNS     concurrent clients (8)
#   BENCH_GEN=0     skip gen-state (the stack already has the state)
set -u
. "$(dirname "$0")/lib.sh"
DUR=${BENCH_DURATION:-10}
CONNS=${BENCH_CONNS:-8}
export GS_LOG_ALL=${GS_LOG_ALL:-1}	# per-request times in gramsewa.log (our stack only)

bench_begin locations
echo "# locations.sh: $BASE, workers ${GS_WORKERS:-4}, $(bench_build_kind), $(nproc) CPUs, $(bench_load), wrk -t2 -c$CONNS -d${DUR}s"

if [ "${BENCH_GEN:-1}" = 1 ]; then
    if [ -z "$VAR" ]; then
        echo "gen-state: skipped (BENCH_BASE without BENCH_VAR)"
    else
        t0=$(date +%s.%N)
        out=$(gs_ctl "$VAR" gen-state 2>&1)
        rc=$?
        t1=$(date +%s.%N)
        if [ $rc -ne 0 ]; then
            echo "gen-state: FAILED ($rc): $out"
            exit 1
        fi
        n=$(bench_sql "$VAR" "SELECT GROUP_CONCAT(CONCAT(c, ' ', type) ORDER BY FIELD(type,'district','block','panchayat','village') SEPARATOR ', ')
            FROM (SELECT type, COUNT(*) c FROM locations WHERE path LIKE CONCAT((SELECT path FROM locations WHERE type='state'
            ORDER BY id DESC LIMIT 1), '%') AND type IN ('district','block','panchayat','village') GROUP BY type) x")
        awk -v a="$t0" -v b="$t1" -v o="$out" -v n="$n" 'BEGIN { printf "gen-state: %.1f s wall (%s); %s\n", b - a, n, o }'
        bench_sql "$VAR" "ANALYZE TABLE locations, offices" >/dev/null
    fi
fi

# ---- query lists, through the API ----
LISTS=$(mktemp -d)
trap 'rm -rf "$LISTS"; bench_end' EXIT
python3 - "$BASE" "$LISTS" <<'PYEOF' || { echo "could not build the query lists"; exit 1; }
import json, random, sys, urllib.parse, urllib.request
base, out = sys.argv[1], sys.argv[2]
random.seed(7)

def get(path):
    with urllib.request.urlopen(base + path, timeout=60) as r:
        return json.loads(r.read())["items"]

districts = get("/api/v1/locations?type=district&limit=1000")
blocks = get("/api/v1/locations?type=block&limit=1000")
panchayats = get("/api/v1/locations?type=panchayat&limit=1000")
# villages of a sample of panchayats, for names to search
names_en, names_hi = set(), set()
for p in random.sample(panchayats, min(150, len(panchayats))):
    for v in get("/api/v1/locations?type=village&within=%d&limit=1000" % p["id"]):
        names_en.add(v["name_en"])
        if v.get("name_hi"):
            names_hi.add(v["name_hi"])
for x in blocks + panchayats + districts:
    names_en.add(x["name_en"])
    if x.get("name_hi"):
        names_hi.add(x["name_hi"])
names_en, names_hi = sorted(names_en), sorted(names_hi)

def q(s):
    return "/api/v1/locations?q=" + urllib.parse.quote(s, safe="")

def chars(s, n):
    return s[:n]

short, mid, full = [], [], []
for _ in range(2000):
    en = random.choice(names_en)
    hi = random.choice(names_hi) if names_hi else en
    src = en if random.random() < 0.75 else hi
    short.append(q(chars(src, random.randint(1, 2))))
    mid.append(q(chars(src, random.randint(3, 6))))
    full.append(q(src))
picker = ["/api/v1/locations?type=village&within=%d&limit=1000" % p["id"] for p in panchayats]
parent = ["/api/v1/locations?parent=%d" % x["id"] for x in random.sample(panchayats, min(1000, len(panchayats))) +
          random.sample(blocks, min(300, len(blocks))) + districts]
for name, rows in (("search-short", short), ("search-mid", mid), ("search-full", full), ("picker", picker), ("parent", parent)):
    with open("%s/%s" % (out, name), "w") as f:
        f.write("\n".join(rows) + "\n")
print("query lists: %d districts, %d blocks, %d panchayats listed; %d English and %d Hindi names sampled"
      % (len(districts), len(blocks), len(panchayats), len(names_en), len(names_hi)))
PYEOF

# server_ms FROM — p50/p95 of the logged request times of /api/v1/locations
# written to gramsewa.log after byte offset FROM.
server_ms() {
    [ -n "$VAR" ] && [ -f "$VAR/log/gramsewa.log" ] || return 0
    tail -c +"$(( $1 + 1 ))" "$VAR/log/gramsewa.log" |
        awk '$5 == "GET" && $6 == "/api/v1/locations" && $7 == "200" { sub(/ms$/, "", $8); print $8 }' |
        sort -n | awk 'function pct(p,  i) { i = int(NR * p) + 1; return v[i > NR ? NR : i] }
            { v[NR] = $1; s += $1 }
            END { if (NR == 0) exit
                  printf "  server (FastCGI request time): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, mean %.2f ms over %d requests\n",
                         pct(0.50), pct(0.95), pct(0.99), s / NR, NR }'
}

for kind in search-short search-mid search-full picker parent; do
    WRK_PATHS=$LISTS/$kind wrk -s "$BENCH_DIR/wrk.lua" -t1 -c2 -d1s "$BASE/" >/dev/null 2>&1	# warm
    off=0
    [ -n "$VAR" ] && [ -f "$VAR/log/gramsewa.log" ] && off=$(stat -c %s "$VAR/log/gramsewa.log")
    WRK_PATHS=$LISTS/$kind bench_wrk "$kind" "$BASE/" -t2 -c"$CONNS" -d"${DUR}s"
    server_ms "$off"
done
echo "(search-short: 1-2 characters; search-mid: 3-6; search-full: whole names; 3 in 4 English, 1 in 4 Hindi)"
