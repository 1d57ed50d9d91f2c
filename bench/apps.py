#!/usr/bin/env python3
"""apps.py — applications at volume, through the real stack.

  1. a private stack (bench/lib.sh) with the demo seed, the full-size
     synthetic state (gramsewactl gen-state) and N applications from
     bench/gen_apps.py (N = $BENCH_APPS, default 1,000,000);
  2. the desk queue of the busy office (the demo karmachari's, Medininagar
     circle, with thousands waiting): GET /api/v1/desk/queue one client at a
     time and 8 at once, and the HTML desk page GET /desk;
  3. submits: POST /api/v1/documents for the required documents, then
     POST /api/v1/applications (CSC channel, csc1/csc2), 4 clients;
  4. a sustained mixed load (default 30 s, 32 clients in 2 processes of
     16 threads, keep-alive): per operation 70% tracking reads
     (GET /api/v1/track), 20% desk actions (POST /api/v1/desk/next, then
     POST /api/v1/applications/NO/actions forward, each client its own
     karmachari at the busy office), 10% submits (upload, then file).
     Prints req/s and p50/p95/p99 per request kind and overall
     (target >= 1,500 req/s on a 2-core machine).

Prints figures only, never asserts on timing.  Environment:
  BENCH_APPS       applications to generate (1000000; 100000 for a quick run)
  BENCH_BASE       use that running stack (needs BENCH_VAR: its directory)
  BENCH_GEN=0      do not generate (the stack already holds the data)
  BENCH_DURATION   seconds of mixed load (30)
  BENCH_CLIENTS    mixed-load clients (32)
  BENCH_PROCS      client processes (2)
  BENCH_PHASES     which parts run (queue,submit,dash,mixed); add "kinds" for 10 s of
                   each kind alone after the mix (track only, desk only, submit only)
  BENCH_MIX        percentages track,desk,submit of the mixed load (70,20,10)
  GS_BENCH_BUILD   binaries (see bench/lib.sh), BENCH_KEEP=1 keeps the stack
Standard library only.
"""
import http.client
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "http"))
from answers import answers_for  # noqa: E402  (shared with the HTTP tests)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("ROOT") or os.path.dirname(HERE)
BUILD = os.environ.get("GS_BENCH_BUILD") or os.path.join(ROOT, "build")
PASSWORD = "demo-pass-2026"
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"xref\n0 3\n0000000000 65535 f\r\n0000000009 00000 n\r\n0000000052 00000 n\r\n"
       b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n96\n%%EOF\n")
SUBMIT_SERVICES = ["INC", "RES", "CST", "LPC"]	# circle services: they land in the busy office's queue


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def lib(*args):
    """Runs bench/lib.sh with arguments; returns its stdout."""
    p = subprocess.run(["bash", os.path.join(HERE, "lib.sh")] + list(args), capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("bench/lib.sh %s failed:\n%s%s" % (" ".join(args), p.stdout, p.stderr))
    return p.stdout.strip()


class Stack:
    def __init__(self):
        self.own = not os.environ.get("BENCH_BASE")
        if self.own:
            self.var = tempfile.mkdtemp(prefix="gsbench-apps.")
            log("starting a private stack in %s (binaries: %s)" % (self.var, BUILD))
            self.base = lib("up", self.var)
        else:
            self.base = os.environ["BENCH_BASE"].rstrip("/")
            self.var = os.environ.get("BENCH_VAR", "")
            if not self.var:
                raise SystemExit("apps.py with BENCH_BASE needs BENCH_VAR (the stack directory: SQL and gramsewactl)")
        u = urllib.parse.urlsplit(self.base)
        self.host, self.port = u.hostname, u.port or 80

    def stop(self):
        if not self.own:
            return
        if os.environ.get("BENCH_KEEP") == "1":
            log("stack left running in %s at %s (stop: bench/lib.sh down %s)" % (self.var, self.base, self.var))
            return
        lib("down", self.var)
        shutil.rmtree(self.var, ignore_errors=True)

    def sql(self, q):
        p = subprocess.run(["mariadb", "--no-defaults", "--socket=" + os.path.join(self.var, "run/mariadb.sock"), "-N", "-B",
                            "gramsewa", "-e", q], capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit("sql failed: %s\n%s" % (q[:200], p.stderr))
        return [line.split("\t") for line in p.stdout.splitlines()]

    def ctl(self, *args):
        p = subprocess.run([os.path.join(BUILD, "gramsewactl"), "-c", os.path.join(self.var, "gramsewa.conf")] + list(args),
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit("gramsewactl %s failed: %s%s" % (" ".join(args), p.stdout, p.stderr))
        return p.stdout


# ---- HTTP ----

class Client:
    """One keep-alive connection; returns (status, body bytes, seconds)."""

    def __init__(self, host, port, token=None):
        self.host, self.port, self.token = host, port, token
        self.c = None
        self.cookies = {}

    def request(self, method, path, body=None, ctype=None, headers=None):
        h = dict(headers or {})
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = json.dumps(body).encode()
            ctype = ctype or "application/json"
        if ctype:
            h["Content-Type"] = ctype
        for attempt in (0, 1):
            if self.c is None:
                self.c = http.client.HTTPConnection(self.host, self.port, timeout=120)
            t = time.perf_counter()
            try:
                self.c.request(method, path, body=body, headers=h)
                r = self.c.getresponse()
                data = r.read()
            except (http.client.HTTPException, OSError):
                self.c.close()
                self.c = None
                if attempt:
                    return 599, b"", time.perf_counter() - t
                continue
            dt = time.perf_counter() - t
            for k, v in r.getheaders():
                if k.lower() == "set-cookie":
                    name, _, rest = v.partition("=")
                    self.cookies[name] = rest.split(";")[0]
            if r.getheader("Connection", "").lower() == "close":
                self.c.close()
                self.c = None
            return r.status, data, dt
        return 599, b"", 0.0


def login(host, port, user):
    c = Client(host, port)
    st, body, _ = c.request("POST", "/api/v1/auth/login", {"username": user, "password": PASSWORD})
    if st != 200:
        raise SystemExit("log-in %s: %d %s" % (user, st, body[:200]))
    return json.loads(body)["token"]


def quote(path):
    return urllib.parse.quote(path, safe="/?=&%:@+,;~!*'()$[]")


def multipart(doc_type, mobile, data=PDF, name="doc.pdf", ctype="application/pdf"):
    b = "GSBENCH%08x" % random.getrandbits(32)
    parts = []
    for k, v in (("doc_type", doc_type), ("mobile", mobile)):
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                  % (b, name, ctype)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % b).encode())
    return b"".join(parts), "multipart/form-data; boundary=" + b


# ---- figures ----

def pct(v, p):
    if not v:
        return 0.0
    return v[min(len(v) - 1, int(len(v) * p))]


def line(label, lat, wall, errors=0, extra=""):
    lat = sorted(lat)
    n = len(lat)
    s = "%s: %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%d requests in %.1f s" % (
        label, n / wall if wall else 0, 1000 * pct(lat, 0.5), 1000 * pct(lat, 0.95), 1000 * pct(lat, 0.99), n, wall)
    if errors:
        s += ", %s" % errors
    return s + ")" + extra


def status_note(codes):
    bad = {k: v for k, v in codes.items() if not (200 <= k < 400)}
    return ", ".join("%d x %s" % (v, k) for k, v in sorted(bad.items())) if bad else ""


# ---- the operations ----

class World:
    """What the clients need: tokens, samples, definitions (picklable)."""


def op_track(w, c, rec):
    no, mob = random.choice(w.track)
    st, _, dt = c.request("GET", quote("/api/v1/track?number=%s&mobile=%s" % (no, mob)))
    rec("track", st, dt)


def op_desk(w, c, rec):
    st, body, dt = c.request("POST", "/api/v1/desk/next", {"office": w.busy_office, "role": "karmachari"})
    rec("desk_next", st, dt)
    if st != 200:
        return
    no = json.loads(body).get("number")
    if not no:
        rec("desk_empty", 200, 0.0)
        return
    st, body, dt = c.request("POST", quote("/api/v1/applications/%s/actions" % no),
                             {"action": "forward", "remarks": "documents verified"})
    rec("desk_forward", st, dt)


def op_submit(w, c, rec, csc_token):
    code = random.choice(SUBMIT_SERVICES)
    d = w.defs[code]
    mobile = random.choice(w.mobiles)
    tok = c.token
    c.token = csc_token
    try:
        docs = {}
        for doc in d["documents"]:
            if doc["required"]:
                body, ctype = multipart(doc["code"], mobile)
                st, rb, dt = c.request("POST", "/api/v1/documents", body, ctype=ctype)
                rec("upload", st, dt)
                if st != 201:
                    return None
                docs[doc["code"]] = json.loads(rb)["id"]
        place = random.choice(w.villages)
        body = {"service": code, "channel": "csc", "applicant": {"mobile": mobile}, "submit": True,
                "tatkal": bool(d.get("processing", {}).get("tatkal", {}).get("allowed")) and random.random() < 0.1,
                "fields": answers_for(d, mobile, "Bench Applicant", place), "documents": docs}
        st, rb, dt = c.request("POST", "/api/v1/applications", body)
        rec("submit", st, dt)
        if st in (200, 201):
            return json.loads(rb).get("number")
        if st >= 400 and not w.submit_error:
            w.submit_error = "%d %s" % (st, rb[:300].decode(errors="replace"))
        return None
    finally:
        c.token = tok


def client_loop(w, k, t_start, t_end, out):
    """One mixed-load client: its own connection and desk user."""
    rnd = random.Random(k * 7919 + 1)
    random.seed(k * 104729 + int(t_start))
    c = Client(w.host, w.port, w.desk_tokens[k % len(w.desk_tokens)])
    csc = w.csc_tokens[k % len(w.csc_tokens)]
    recs = []

    def rec(kind, st, dt):
        recs.append((kind, st, dt, time.time()))
    while time.time() < t_start:
        time.sleep(0.001)
    p_track, p_desk = w.mix[0] / 100.0, (w.mix[0] + w.mix[1]) / 100.0
    while time.time() < t_end:
        r = rnd.random()
        if r < p_track:
            op_track(w, c, rec)
        elif r < p_desk:
            op_desk(w, c, rec)
        else:
            op_submit(w, c, rec, csc)
    out.extend(recs)


def proc_main(w, ks, t_start, t_end, q):
    out = []
    ts = [threading.Thread(target=client_loop, args=(w, k, t_start, t_end, out)) for k in ks]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    q.put(out)


# ---- main ----

def main():
    n_apps = int(os.environ.get("BENCH_APPS", "1000000"))
    dur = float(os.environ.get("BENCH_DURATION", "30"))
    clients = int(os.environ.get("BENCH_CLIENTS", "32"))
    procs = int(os.environ.get("BENCH_PROCS", "2"))
    stack = Stack()
    try:
        run(stack, n_apps, dur, clients, procs)
    finally:
        stack.stop()


def run(stack, n_apps, dur, clients, procs):
    kind = "-O0 debug build" if "--enable-debug" in open(os.path.join(BUILD, "config.log"), errors="replace").read() \
        else "-O2 build" if os.path.exists(os.path.join(BUILD, "config.log")) else "?"
    print("# apps.py: %s, %d applications, workers %s, %s, %d CPUs, load average %s" % (
        stack.base, n_apps, os.environ.get("GS_WORKERS", "4"), kind, os.cpu_count(),
        " ".join(open("/proc/loadavg").read().split()[:3])), flush=True)
    # ---- data ----
    if os.environ.get("BENCH_GEN", "1") == "1":
        if not stack.sql("SELECT id FROM locations WHERE type = 'state' AND name_en LIKE 'Generated%' LIMIT 1"):
            t = time.time()
            out = stack.ctl("gen-state").strip()
            print("gen-state: %.1f s (%s)" % (time.time() - t, out), flush=True)
        p = subprocess.run([sys.executable, os.path.join(HERE, "gen_apps.py"), "--var", stack.var, "--apps", str(n_apps)],
                           text=True, capture_output=True)
        sys.stdout.write(p.stdout)
        if p.returncode != 0:
            raise SystemExit("gen_apps.py failed:\n" + p.stderr)
    total = int(stack.sql("SELECT COUNT(*) FROM applications")[0][0])

    # ---- set-up: money, desk users, samples ----
    tag = "%x" % int(time.time())
    for who in ("csc1", "csc2"):
        for i in range(3):
            stack.ctl("wallet-topup", who, "10000000", "bench-%s-%d" % (tag, i))
    kr = stack.sql("SELECT u.id, rh.office_id, rh.location_id, rh.work_from, l.path FROM users u JOIN role_holdings rh "
                   "ON rh.user_id = u.id JOIN locations l ON l.id = rh.location_id WHERE u.username = 'karmachari' "
                   "AND rh.role = 'karmachari' AND rh.active = 1 LIMIT 1")
    if not kr:
        raise SystemExit("no demo karmachari: seed-demo first")
    kid, busy_office, busy_loc, work_from, busy_path = kr[0]
    n_desk = max(clients, 8)
    names = ["bench_%s_k%02d" % (tag, i) for i in range(n_desk)]
    # desk users for the benchmark: karmacharis of the same office, the demo password
    stack.sql("INSERT INTO users (username, user_type, first_name, last_name, mobile, designation, pw_hash) "
              "SELECT CONCAT('bench_%s_k', LPAD(seq, 2, '0')), 'staff', 'Bench', CONCAT('Karmachari ', seq), '9000000199', "
              "'Rajasv Karmachari', pw_hash FROM users u JOIN seq_0_to_%d s WHERE u.username = 'karmachari'" % (tag, n_desk - 1))
    stack.sql("INSERT INTO role_holdings (user_id, role, office_id, location_id, work_from) SELECT id, 'karmachari', %s, %s, '%s' "
              "FROM users WHERE username LIKE 'bench\\_%s\\_k%%'" % (busy_office, busy_loc, work_from, tag))
    w = World()
    w.host, w.port, w.busy_office = stack.host, stack.port, int(busy_office)
    w.submit_error = None
    w.mix = [float(x) for x in os.environ.get("BENCH_MIX", "70,20,10").split(",")]
    t = time.time()
    toks = {}
    lock = threading.Lock()

    def lg(u):
        tk = login(w.host, w.port, u)
        with lock:
            toks[u] = tk
    users = names + ["karmachari", "csc1", "csc2"]
    for i in range(0, len(users), 4):
        ts = [threading.Thread(target=lg, args=(u,)) for u in users[i:i + 4]]
        for th in ts:
            th.start()
        for th in ts:
            th.join()
    w.desk_tokens = [toks[u] for u in names]
    w.csc_tokens = [toks["csc1"], toks["csc2"]]
    ktok = toks["karmachari"]
    lo, hi = (int(x) for x in stack.sql("SELECT MIN(id), MAX(id) FROM applications WHERE number IS NOT NULL")[0])
    ids = sorted(set(random.randint(lo, hi) for _ in range(30000)))
    w.track = []
    for i in range(0, len(ids), 5000):
        w.track += [tuple(r) for r in stack.sql("SELECT number, applicant_mobile FROM applications WHERE number IS NOT NULL "
                                                "AND id IN (%s)" % ",".join(map(str, ids[i:i + 5000])))]
    w.mobiles = [r[0] for r in stack.sql("SELECT mobile FROM users WHERE user_type = 'citizen' ORDER BY RAND() LIMIT 5000")]
    w.villages = [int(r[0]) for r in stack.sql("SELECT id FROM locations WHERE type = 'village' AND active = 1 AND path LIKE '%s%%'"
                                                 % busy_path)]
    w.defs = {}
    anon = Client(w.host, w.port)
    for code in SUBMIT_SERVICES:
        st, body, _ = anon.request("GET", "/api/v1/services/" + code)
        if st == 200:
            w.defs[code] = json.loads(body)["definition"]
    queue = int(stack.sql("SELECT COUNT(*) FROM applications WHERE stage_office_id = %s AND stage_role = 'karmachari' "
                          "AND status = 'pending'" % busy_office)[0][0])
    print("set-up: %d applications in the database, %d waiting at the busy desk (office %s); %d desk users logged in, "
          "%d tracking pairs sampled in %.1f s" % (total, queue, busy_office, len(names), len(w.track), time.time() - t), flush=True)

    phases = os.environ.get("BENCH_PHASES", "queue,submit,dash,mixed").split(",")
    if "queue" in phases:
        desk_queue(w, ktok, busy_office, lock)
    if "submit" in phases:
        submits(w, lock)
    if "mixed" in phases:
        mixed(w, stack, clients, procs, dur, busy_office, queue)
    if "dash" in phases:
        dashboards(w, stack, lock)
    if "kinds" in phases:	# each kind alone: where the mixed load's time goes
        mix = w.mix
        for alone in ([100, 0, 0], [0, 100, 0], [0, 0, 100]):
            w.mix = alone
            mixed(w, stack, clients, procs, min(dur, 10), busy_office, None)
        w.mix = mix


def web_login(w, username):
    """A browser-like client logged in through the form, or None."""
    web = Client(w.host, w.port)
    st, body, _ = web.request("GET", "/login")
    m = re.search(rb'name="csrf" value="([^"]+)"', body)
    form = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrf": m.group(1).decode() if m else ""})
    st, _, _ = web.request("POST", "/login", form.encode(), ctype="application/x-www-form-urlencoded")
    return web if st == 303 else None


def one_then_eight(w, lock, label, c, path, n=20, unit="kB"):
    """GET path: once to warm up, n times from one client, then 5 s from 8
    clients sharing c's log-in; prints both lines."""
    c.request("GET", path)
    lat, codes = [], {}
    t = time.time()
    body = b""
    for _ in range(n):
        st, body, dt = c.request("GET", path)
        lat.append(dt)
        codes[st] = codes.get(st, 0) + 1
    print(line(label + ", 1 client", lat, time.time() - t, status_note(codes), ", %d %s" % (len(body) // 1024, unit)), flush=True)
    lat8, codes8 = [], {}
    end = time.time() + 5

    def client():
        cc = Client(w.host, w.port, c.token)
        cc.cookies = dict(c.cookies)
        while time.time() < end:
            st, _, dt = cc.request("GET", path)
            with lock:
                lat8.append(dt)
                codes8[st] = codes8.get(st, 0) + 1
    t = time.time()
    ts = [threading.Thread(target=client) for _ in range(8)]
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    print(line(label + ", 8 clients", lat8, time.time() - t, status_note(codes8)), flush=True)


def dashboards(w, stack, lock):
    """The state dashboard and a district drill-down over the generated
    state (where the applications are), as JSON and as the HTML page; the
    last 30 days, one client then 8."""
    st_id = stack.sql("SELECT id FROM locations WHERE type = 'state' AND name_en LIKE 'Generated%' LIMIT 1")
    if not st_id:
        print("dashboards: skipped (no generated state)")
        return
    state = st_id[0][0]
    district = stack.sql("SELECT id FROM locations WHERE type = 'district' AND path LIKE CONCAT((SELECT path FROM locations "
                         "WHERE id = %s), '%%') ORDER BY id LIMIT 1" % state)[0][0]
    api = Client(w.host, w.port, login(w.host, w.port, "stateadmin"))
    web = web_login(w, "stateadmin")
    for label, c, path in (("dashboard JSON, state", api, "/api/v1/dash/summary?location=%s" % state),
                           ("dashboard JSON, district", api, "/api/v1/dash/summary?location=%s" % district),
                           ("dashboard page, state", web, "/dash?location=%s" % state),
                           ("dashboard page, district", web, "/dash?location=%s" % district)):
        if c is None:
            print("%s: log-in through the form failed" % label)
            continue
        one_then_eight(w, lock, label, c, path)


def desk_queue(w, ktok, busy_office, lock):
    one_then_eight(w, lock, "desk queue API", Client(w.host, w.port, ktok),
                   "/api/v1/desk/queue?office=%s&role=karmachari" % busy_office, n=50, unit="kB per answer")
    # the HTML desk page, logged in through the form
    web = web_login(w, "karmachari")
    if web:
        one_then_eight(w, lock, "desk page /desk", web, "/desk", unit="kB per page")
    else:
        print("desk page: log-in through the form failed")



def submits(w, lock):
    recs = []

    def srec(kind, st, dt):
        with lock:
            recs.append((kind, st, dt, time.time()))

    def sclient(k):
        random.seed(k)
        c = Client(w.host, w.port, None)
        for _ in range(25):
            op_submit(w, c, srec, w.csc_tokens[k % 2])
    t = time.time()
    ts = [threading.Thread(target=sclient, args=(k,)) for k in range(4)]
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    wall = time.time() - t
    for kind in ("upload", "submit"):
        lat = [r[2] for r in recs if r[0] == kind]
        codes = {}
        for r in recs:
            if r[0] == kind:
                codes[r[1]] = codes.get(r[1], 0) + 1
        print(line("%s (4 clients)" % ("POST /api/v1/documents" if kind == "upload" else "submit POST /api/v1/applications"),
                   lat, wall, status_note(codes)), flush=True)
    if w.submit_error:
        print("  first submit error: " + w.submit_error)
        w.submit_error = None



def mixed(w, stack, clients, procs, dur, busy_office, queue):
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    t_start = time.time() + 1.0
    t_end = t_start + dur
    ps = []
    for p in range(procs):
        ks = list(range(p, clients, procs))
        pr = ctx.Process(target=proc_main, args=(w, ks, t_start, t_end, q))
        pr.start()
        ps.append(pr)
    allrecs = []
    for _ in ps:
        allrecs.extend(q.get())
    for pr in ps:
        pr.join()
    wall = max(r[3] for r in allrecs) - t_start if allrecs else dur
    print("mixed load: %d clients (%d processes), %.0f s: %g%% track, %g%% desk (next + forward), %g%% submit (upload + file)"
          % (clients, procs, dur, w.mix[0], w.mix[1], w.mix[2]), flush=True)
    kinds = ["track", "desk_next", "desk_forward", "upload", "submit"]
    for kind in kinds:
        rs = [r for r in allrecs if r[0] == kind]
        if not rs and queue is None:
            continue
        codes = {}
        for r in rs:
            codes[r[1]] = codes.get(r[1], 0) + 1
        print("  " + line(kind, [r[2] for r in rs], wall, status_note(codes)), flush=True)
    empty = sum(1 for r in allrecs if r[0] == "desk_empty")
    reqs = [r for r in allrecs if r[0] != "desk_empty"]
    codes = {}
    for r in reqs:
        codes[r[1]] = codes.get(r[1], 0) + 1
    print("  " + line("overall", [r[2] for r in reqs], wall, status_note(codes),
                      " — target >= 1,500 req/s" + ("; desk queue ran empty %d times" % empty if empty else "")), flush=True)
    if w.submit_error:
        print("  first submit error: " + w.submit_error)
    left = int(stack.sql("SELECT COUNT(*) FROM applications WHERE stage_office_id = %s AND stage_role = 'karmachari' "
                         "AND status = 'pending'" % busy_office)[0][0])
    if queue is not None:
        print("  busy desk: %d waiting before the mixed load, %d after" % (queue, left), flush=True)


if __name__ == "__main__":
    main()
