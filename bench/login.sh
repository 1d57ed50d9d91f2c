#!/bin/bash
# bench/login.sh — the cost of a password log-in (Argon2id verify, session
# row, audit row): N log-ins through POST /api/v1/auth/login one after the
# other, then N log-ins by each of 4 parallel clients; prints ms per log-in
# (mean and p50/p95 of each request) and log-ins/s.  Only correct passwords
# are sent: failures count against the per-address throttle.
#
# Prints figures only.  Environment: bench/lib.sh, and
#   BENCH_LOGINS    N (20)
#   BENCH_CLIENTS   parallel clients (4)
set -u
. "$(dirname "$0")/lib.sh"
N=${BENCH_LOGINS:-20}
CLIENTS=${BENCH_CLIENTS:-4}

bench_begin login
argon=""
if [ -n "$VAR" ]; then
    argon=$(gs_ctl "$VAR" config 2>/dev/null | awk -F' *= *' '$1 ~ /argon_(ops|mem_kib)$/ { printf ", %s %s", $1, $2 }')
fi
echo "# login.sh: $BASE, workers ${GS_WORKERS:-4}, $(bench_build_kind), $(nproc) CPUs, $(bench_load)$argon"

python3 - "$BASE" "$N" "$CLIENTS" <<'PYEOF'
import http.client, json, sys, threading, time, urllib.parse
base, n, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
u = urllib.parse.urlsplit(base)
USERS = ["stateadmin", "deptadmin", "karmachari", "ci", "co", "bdo", "sdo", "dm", "csc1", "csc2", "sewak"]

def login(conn, user):
    body = json.dumps({"username": user, "password": "demo-pass-2026"})
    t = time.perf_counter()
    conn.request("POST", "/api/v1/auth/login", body=body, headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    dt = time.perf_counter() - t
    if r.status != 200 or "token" not in json.loads(data):
        raise SystemExit("log-in of %s failed: %d %s" % (user, r.status, data[:200]))
    return dt

def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p))]

def report(label, times, wall):
    print("%s: %.1f ms per log-in (p50 %.1f ms, p95 %.1f ms), %.1f log-ins/s (%d log-ins in %.2f s)"
          % (label, 1000 * sum(times) / len(times), 1000 * pct(times, 0.5), 1000 * pct(times, 0.95),
             len(times) / wall, len(times), wall), flush=True)

conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
login(conn, "csc1")  # warm the connection and the worker
times = []
t0 = time.perf_counter()
for i in range(n):
    times.append(login(conn, USERS[i % len(USERS)]))
report("sequential", times, time.perf_counter() - t0)

times, lock, errors = [], threading.Lock(), []
def client(k):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    mine = []
    try:
        for i in range(n):
            mine.append(login(c, USERS[(k * n + i) % len(USERS)]))
    except BaseException as e:  # noqa: BLE001 - reported below
        errors.append(str(e))
    with lock:
        times.extend(mine)
ts = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
t0 = time.perf_counter()
for t in ts:
    t.start()
for t in ts:
    t.join()
wall = time.perf_counter() - t0
if errors:
    print("errors: " + "; ".join(errors[:3]))
if times:
    report("%d parallel clients" % clients, times, wall)
PYEOF
