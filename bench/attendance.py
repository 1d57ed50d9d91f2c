#!/usr/bin/env python3
"""attendance.py — the morning check-in of every VLE of a state, through the
real stack (nginx → FastCGI workers → MariaDB).

  1. a private stack (bench/lib.sh) with the demo seed, the full-size
     synthetic state (gramsewactl gen-state: 24 districts, 263 blocks,
     4,398 gram panchayats), demonstration points and approved geofences
     for its panchayats (gramsewactl attendance-points STATE --approve),
     4,500 VLEs (one per panchayat, a second at the first 102) made in SQL
     with API sessions of their own (log-ins would measure Argon2id, not
     attendance), and a device enrolled for each through the API;
  2. paced: check-ins at the target rate (5/s: 4,500 in 15 minutes) for
     $BENCH_PACED seconds, each at the VLE's panchayat with a few metres
     of wander: p50/p95/p99;
  3. sustained: the rest of the VLEs as fast as $BENCH_CLIENTS clients can
     (what the rate could be);
  4. burst: 200 VLEs released at once (one check-in each, 200 concurrent
     connections): p95, the slowest, the wall time;
  5. the state's availability map page (SVG by block outlines), its
     GeoJSON and the availability API, read from the summary rows, one
     request at a time: p50/p95.

Targets (issue 16): >= 5 check-ins/s sustained with p95 < 30 ms, a burst of
200 concurrent served, the state map page < 100 ms.  Prints figures only,
never asserts on timing.  Environment:
  BENCH_PACED      seconds of paced check-ins (60; 900 is the whole quarter hour)
  BENCH_RATE       paced check-ins per second (5)
  BENCH_CLIENTS    clients of the sustained part (16)
  BENCH_PHASES     which parts run: checkins,reads (reads alone on a kept stack:
                   BENCH_BASE=... BENCH_VAR=... BENCH_PHASES=reads)
  BENCH_BASE/BENCH_VAR, GS_BENCH_BUILD, BENCH_KEEP=1 as for apps.py
Standard library only.
"""
import hashlib
import http.client
import json
import os
import random
import re
import secrets
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apps import BUILD, Stack, Client, login, line, pct, log  # noqa: E402  (the stack and HTTP client of apps.py)

BURST = 200
EXTRA = 102          # 4,398 panchayats + 102 = 4,500 VLEs
IST = 19800


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S+05:30", time.gmtime(t + IST))


def setup(stack):
    """The state, its points, the VLEs with sessions and devices; returns
    [(token, device, lat, lon)] and the state's location id."""
    t = time.time()
    if not stack.sql("SELECT id FROM locations WHERE type='state' AND name_en='Benchstate'"):
        stack.ctl("gen-state", "--name", "Benchstate")
    state, spath = stack.sql("SELECT id, path FROM locations WHERE type='state' AND name_en='Benchstate'")[0]
    print("gen-state: %.1f s" % (time.time() - t), flush=True)
    t = time.time()
    print(stack.ctl("attendance-points", state, "--approve").strip() + " (%.1f s)" % (time.time() - t), flush=True)
    t = time.time()
    pw = stack.sql("SELECT pw_hash FROM users WHERE username='csc1'")[0][0]
    stack.sql("INSERT IGNORE INTO users (username, user_type, first_name, last_name, mobile, csc_id, pw_hash) "
              "SELECT CONCAT('bv', l.id), 'csc', 'Bench', CONCAT('VLE ', l.id), '9100000000', CONCAT('BV', l.id), '%s' "
              "FROM locations l WHERE l.type = 'panchayat' AND l.path LIKE '%s%%'" % (pw, spath))
    stack.sql("INSERT IGNORE INTO users (username, user_type, first_name, last_name, mobile, csc_id, pw_hash) "
              "SELECT CONCAT('bw', l.id), 'csc', 'Bench', CONCAT('VLE2 ', l.id), '9100000000', CONCAT('BW', l.id), '%s' "
              "FROM locations l WHERE l.type = 'panchayat' AND l.path LIKE '%s%%' ORDER BY l.id LIMIT %d" % (pw, spath, EXTRA))
    stack.sql("INSERT INTO role_holdings (user_id, role, location_id, work_from) "
              "SELECT u.id, 'csc', CAST(SUBSTRING(u.csc_id, 3) AS UNSIGNED), '2024-04-01' FROM users u "
              "LEFT JOIN role_holdings rh ON rh.user_id = u.id WHERE (u.csc_id LIKE 'BV%' OR u.csc_id LIKE 'BW%') "
              "AND rh.id IS NULL")
    rows = stack.sql("SELECT u.id, u.username, f.lat, f.lon FROM users u JOIN geofences f "
                     "ON f.location_id = CAST(SUBSTRING(u.csc_id, 3) AS UNSIGNED) "
                     "WHERE u.csc_id LIKE 'BV%' OR u.csc_id LIKE 'BW%' ORDER BY u.id")
    # API sessions made as the log-in would make them: the SHA-256 of a
    # random 43-character token
    vles, values = [], []
    for uid, username, lat, lon in rows:
        tok = secrets.token_urlsafe(32)
        values.append("(UNHEX('%s'), %s, 'api', NOW(), NOW(), NOW() + INTERVAL 1 DAY, '127.0.0.1', 'bench')"
                      % (hashlib.sha256(tok.encode()).hexdigest(), uid))
        vles.append([tok, "BENCH-" + username, float(lat), float(lon), username])
    for i in range(0, len(values), 400):     # one argument of mariadb -e stays under 128 kB
        stack.sql("SET time_zone = '+05:30'; "      # the product's clock: IST wall times
                  "INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen, expires_at, ip, user_agent) "
                  "VALUES " + ",".join(values[i:i + 400]))
    print("VLEs with sessions: %d (%.1f s)" % (len(vles), time.time() - t), flush=True)
    t = time.time()
    admin = login(stack.host, stack.port, "stateadmin")
    todo = list(vles)
    lock = threading.Lock()

    def enrol():
        c = Client(stack.host, stack.port, admin)
        while True:
            with lock:
                if not todo:
                    return
                v = todo.pop()
            st, body, _ = c.request("POST", "/api/v1/attendance/devices", {"vle": v[4], "device_id": v[1]})
            if st not in (201, 409):
                raise SystemExit("enrol %s: %d %s" % (v[4], st, body[:200]))
    threads = [threading.Thread(target=enrol) for _ in range(8)]
    [th.start() for th in threads]
    [th.join() for th in threads]
    print("devices enrolled: %d (%.1f s)" % (len(vles), time.time() - t), flush=True)
    return vles, state


def checkin(c, v):
    """One live check-in a few metres from the panchayat's point."""
    body = {"lat": round(v[2] + random.uniform(-0.0002, 0.0002), 6), "lon": round(v[3] + random.uniform(-0.0002, 0.0002), 6),
            "accuracy_m": random.randint(4, 25), "fix_at": iso(time.time() - random.randint(1, 20)), "is_mock": False,
            "device_id": v[1]}
    return c.request("POST", "/api/v1/attendance/checkins", body)


def run_clients(stack, vles, n_clients, pace=None):
    """Check-ins of vles by n_clients threads (one connection each), paced
    to `pace` per second in all when given.  Returns (latencies, wall,
    statuses)."""
    lat, codes, lock = [], {}, threading.Lock()
    queue = list(vles)
    t0 = time.perf_counter()

    def work():
        while True:
            with lock:
                if not queue:
                    return
                v = queue.pop()
                n = len(vles) - len(queue) - 1
            if pace:
                due = t0 + n / pace
                wait = due - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
            cl = Client(stack.host, stack.port, v[0])     # a phone: a connection of its own
            st, body, dt = checkin(cl, v)
            if cl.c:
                cl.c.close()
            with lock:
                lat.append(dt)
                key = st if st != 201 else json.loads(body)["status"]
                codes[key] = codes.get(key, 0) + 1
    threads = [threading.Thread(target=work) for _ in range(n_clients)]
    [th.start() for th in threads]
    [th.join() for th in threads]
    return lat, time.perf_counter() - t0, codes


def burst(stack, vles):
    """BURST VLEs, each on its own connection, released together."""
    gate = threading.Barrier(len(vles))
    lat, codes, lock = [], {}, threading.Lock()
    clients = [Client(stack.host, stack.port, v[0]) for v in vles]
    t0 = [0.0]

    def one(i):
        c = clients[i]
        c.c = http.client.HTTPConnection(stack.host, stack.port, timeout=120)
        c.c.connect()
        gate.wait()
        if i == 0:
            t0[0] = time.perf_counter()
        st, body, dt = checkin(c, vles[i])
        with lock:
            lat.append(dt)
            key = st if st != 201 else json.loads(body)["status"]
            codes[key] = codes.get(key, 0) + 1
    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(vles))]
    [th.start() for th in threads]
    [th.join() for th in threads]
    return lat, time.perf_counter() - t0[0], codes


def reads(stack, state):
    """The state's map page, GeoJSON and availability, one at a time."""
    web = Client(stack.host, stack.port)
    st, body, _ = web.request("GET", "/login")
    tok = re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()
    web.request("POST", "/login", ("username=stateadmin&password=demo-pass-2026&csrf=" + tok).encode(),
                ctype="application/x-www-form-urlencoded")
    api = Client(stack.host, stack.port, login(stack.host, stack.port, "stateadmin"))
    for label, c, path in (("state map page (SVG, 263 block outlines)", web, "/attendance/map?location=%s" % state),
                           ("state map GeoJSON (4,398 panchayats)", web, "/attendance/map.json?location=%s" % state),
                           ("state availability page (by block)", web, "/attendance?location=%s" % state),
                           ("state availability API", api, "/api/v1/attendance/availability?location=%s" % state)):
        c.request("GET", path)     # warm
        lat, size = [], 0
        for _ in range(20):
            st, body, dt = c.request("GET", path)
            if st != 200:
                raise SystemExit("%s: %d %s" % (path, st, body[:200]))
            lat.append(dt)
            size = len(body)
        lat.sort()
        print("%s: p50 %.1f ms, p95 %.1f ms (%d kB)" % (label, 1000 * pct(lat, 0.5), 1000 * pct(lat, 0.95), size // 1024),
              flush=True)


def main():
    paced = float(os.environ.get("BENCH_PACED", "60"))
    rate = float(os.environ.get("BENCH_RATE", "5"))
    clients = int(os.environ.get("BENCH_CLIENTS", "16"))
    stack = Stack()
    try:
        kind = "-O0 debug build" if "--enable-debug" in open(os.path.join(BUILD, "config.log"), errors="replace").read() \
            else "optimised build"
        print("attendance benchmark (%s, %d CPUs, load average %s)" % (kind, os.cpu_count(),
                                                                      open("/proc/loadavg").read().split()[0]), flush=True)
        phases = os.environ.get("BENCH_PHASES", "checkins,reads").split(",")
        if "checkins" not in phases:
            reads(stack, stack.sql("SELECT id FROM locations WHERE type='state' AND name_en='Benchstate'")[0][0])
            return
        vles, state = setup(stack)
        random.seed(16)
        random.shuffle(vles)
        n_paced = min(len(vles) - BURST, int(paced * rate))
        lat, wall, codes = run_clients(stack, vles[:n_paced], 8, pace=rate)
        print(line("paced check-ins at %g/s" % rate, lat, wall, codes), flush=True)
        rest = vles[n_paced:len(vles) - BURST]
        lat, wall, codes = run_clients(stack, rest, clients)
        print(line("sustained check-ins, %d clients" % clients, lat, wall, codes), flush=True)
        lat, wall, codes = burst(stack, vles[len(vles) - BURST:])
        lat.sort()
        print("burst of %d concurrent check-ins: p50 %.1f ms, p95 %.1f ms, slowest %.1f ms, all done in %.2f s (%s)"
              % (BURST, 1000 * pct(lat, 0.5), 1000 * pct(lat, 0.95), 1000 * lat[-1], wall, codes), flush=True)
        done = stack.sql("SET time_zone = '+05:30'; SELECT status, COUNT(*) FROM attendance_days WHERE day = CURDATE() "
                         "GROUP BY status")
        print("attendance_days today: %s" % ", ".join("%s %s" % tuple(r) for r in done), flush=True)
        if "reads" in phases:
            reads(stack, state)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
