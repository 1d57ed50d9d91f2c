#!/usr/bin/env python3
"""submits.py — CSC submits from many districts at once: do they scale with
clients, or queue on one row every submit in the state locks?  (issue 17,
item 3: the audit chain's head row, the commission and fee accounts.)

For each tree given (default: this one), in turn and in the same run:

  1. a private stack from that tree's bench/lib.sh (its sql/, its binaries)
     with the demo seed and a generated state of BENCH_DISTRICTS districts
     (16), one CSC operator per district (made in SQL, with an API session
     made as a log-in would make it, and a wallet topped up by gramsewactl),
     and a document-free copy of the income certificate (BSUB: government
     fee Rs 10, CSC charge Rs 20, so every submit moves money three times:
     fee, charge, commission) routed to the district's circle office;
  2. for 1, 2, 4, 8 and 16 clients (BENCH_CLIENTS), BENCH_DURATION seconds
     (10) each: client k files for its own district's village through its
     own CSC, as fast as it can, one keep-alive connection each;
  3. per step: submits/s, p50 and p95, refusals, and what the database
     waited on: InnoDB row lock waits and their time (the server's
     Innodb_row_lock_waits / Innodb_row_lock_time counters over the step),
     deadlocks, and the statements seen waiting for a lock (INNODB_TRX
     sampled every 50 ms, counted by their first words).

Trees: BENCH_TREES="before=/tmp/main-tree:/tmp/main-build after=.:/tmp/h17-build"
(name=tree:build; build holds an optimised gramsewa-fcgi and gramsewactl for
that tree).  Shapes: BENCH_SHAPES=one,cluster,multi (default one): one
server; the cluster of ./run.sh cluster (scripts/cluster.sh: 3 Galera nodes,
HAProxy sending every write to one, 3 application nodes, nginx); the same
with each application node writing to its own Galera node.  On the cluster
the counters are summed over the three nodes and include Galera's
certification failures and brute-force aborts.  Prints figures only; never
asserts.  Standard library only.
"""
import hashlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests", "http"))
from apps import Client, pct  # noqa: E402
from answers import answers_for  # noqa: E402

DISTRICTS = int(os.environ.get("BENCH_DISTRICTS", "16"))
STEPS = [int(x) for x in os.environ.get("BENCH_CLIENTS", "1,2,4,8,16").split(",")]
DURATION = float(os.environ.get("BENCH_DURATION", "10"))
CODE = "BSUB"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Stack:
    """A private stack of one tree with one build's binaries."""

    def __init__(self, tree, build):
        self.tree, self.build = os.path.abspath(tree), os.path.abspath(build)
        self.env = dict(os.environ, ROOT=self.tree, GS_BENCH_BUILD=self.build)
        for attempt in range(3):      # mariadb-install-db now and then fails on a shared /tmp: try again
            self.var = tempfile.mkdtemp(prefix="gsbench-submits.")
            p = subprocess.run(["bash", os.path.join(self.tree, "bench/lib.sh"), "up", self.var], env=self.env,
                               capture_output=True, text=True)
            if p.returncode == 0:
                break
            log("stack in %s failed:\n%s%s" % (self.var, p.stdout, p.stderr[-2000:]))
            self.stop()
        else:
            raise SystemExit("no stack")
        u = urllib.parse.urlsplit(p.stdout.strip().splitlines()[-1])
        self.host, self.port = u.hostname, u.port

    def stop(self):
        subprocess.run(["bash", os.path.join(self.tree, "bench/lib.sh"), "down", self.var], env=self.env,
                       capture_output=True)
        subprocess.run(["rm", "-rf", self.var])

    def sockets(self):
        return [os.path.join(self.var, "run/mariadb.sock")]

    def retries(self):
        """Transactions db_txn ran again (deadlock, lock wait timeout, Galera conflict)."""
        try:
            return open(os.path.join(self.var, "log/gramsewa.log"), errors="replace").read().count("transaction retry")
        except OSError:
            return 0

    def sql(self, q, sock=None):
        p = subprocess.run(["mariadb", "--no-defaults", "--socket=" + (sock or self.sockets()[0]), "-N", "-B",
                            "gramsewa", "-e", q], capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit("sql failed: %s\n%s" % (q[:200], p.stderr))
        return [line.split("\t") for line in p.stdout.splitlines()]

    def conf(self):
        return os.path.join(self.var, "gramsewa.conf")

    def ctl(self, *args):
        p = subprocess.run([os.path.join(self.build, "gramsewactl"), "-c", self.conf()]
                           + list(args), capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit("gramsewactl %s failed: %s%s" % (" ".join(args), p.stdout, p.stderr))
        return p.stdout


class ClusterStack(Stack):
    """The same tree and build as ./run.sh cluster runs them (scripts/cluster.sh
    in a temp dir on free ports): three Galera nodes, HAProxy, three
    application nodes of 3 workers, nginx.  With multi, application nodes 2
    and 3 write to Galera nodes 2 and 3 directly instead of through HAProxy
    (three writers: what hot rows stop)."""

    def __init__(self, tree, build, multi=False):
        self.tree, self.build = os.path.abspath(tree), os.path.abspath(build)
        self.env = dict(os.environ, ROOT=self.tree, GS_BIN=self.build, GS_CLUSTER_FREE_PORTS="1")
        self.script = os.path.join(self.tree, "scripts/cluster.sh")
        for attempt in range(3):      # a joining node now and then fails its state transfer on a loaded machine
            self.var = tempfile.mkdtemp(prefix="gsbench-cluster.")
            p = subprocess.run(["bash", self.script, "start", self.var], env=self.env, capture_output=True, text=True)
            if p.returncode == 0:
                break
            log("cluster in %s failed:\n%s%s" % (self.var, p.stdout, p.stderr[-1500:]))
            self.stop()
        else:
            raise SystemExit("no cluster")
        env = open(os.path.join(self.var, "cluster.env")).read()
        val = dict(line.split("=", 1) for line in env.splitlines() if "=" in line and not line.startswith("#"))
        self.host, self.port = val["GC_HTTP_ADDR"], int(val["GC_HTTP_PORT"])
        if multi:
            for n in (2, 3):
                conf = os.path.join(self.var, "app%d.conf" % n)
                lines = open(conf).read().splitlines()
                lines = ["db_host = 127.0.0.1%d" % n if ln.startswith("db_host") else
                         "db_port = %s" % val["GC_SQL_PORT"] if ln.startswith("db_port") else ln for ln in lines]
                open(conf, "w").write("\n".join(lines) + "\n")
                subprocess.run(["bash", "-c", '. "$ROOT/scripts/stack.sh"; gs_stop_pidfile "$1"',
                                "-", os.path.join(self.var, "run/app%d.pid" % n)], env=self.env, check=True)
                subprocess.run(["bash", self.script, "app-start", self.var, str(n)], env=self.env, check=True,
                               capture_output=True)

    def stop(self):
        subprocess.run(["bash", self.script, "stop", self.var], env=self.env, capture_output=True)
        subprocess.run(["rm", "-rf", self.var])

    def sockets(self):
        return [os.path.join(self.var, "run/db%d.sock" % n) for n in (1, 2, 3)]

    def conf(self):
        return os.path.join(self.var, "app1.conf")

    def retries(self):
        n = 0
        for i in (1, 2, 3):
            try:
                n += open(os.path.join(self.var, "log/app%d.log" % i), errors="replace").read().count("transaction retry")
            except OSError:
                pass
        return n


def setup(st):
    """The districts, their CSCs with sessions and wallets, the service;
    returns [(token, village id, mobile)] one per district, and the definition."""
    st.ctl("gen-state", "--name", "Benchsubmits", "--districts", str(DISTRICTS), "--blocks", str(DISTRICTS),
           "--panchayats", str(DISTRICTS * 2), "--villages", str(DISTRICTS * 4))
    d = json.loads(st.ctl("service", "export", "INC"))
    d["code"] = CODE
    d["name"] = {"en": "Submit benchmark", "hi": "जमा मापन"}
    d["documents"] = []
    d["fees"] = {"government_paise": 1000, "csc_charge_paise": 2000, "tatkal_paise": 0, "free_at_jsk": True}
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
    json.dump(d, f, ensure_ascii=False)
    f.close()
    st.ctl("service", "import", f.name, "--publish")
    os.unlink(f.name)
    rows = st.sql("SELECT d.id, (SELECT p.id FROM locations p WHERE p.type='panchayat' AND p.path LIKE CONCAT(d.path, '%') "
                  "ORDER BY p.id LIMIT 1), (SELECT v.id FROM locations v WHERE v.type='village' AND v.path LIKE "
                  "CONCAT(d.path, '%') ORDER BY v.id LIMIT 1) FROM locations d JOIN locations s ON d.path LIKE CONCAT(s.path, '%') "
                  "WHERE d.type='district' AND s.type='state' AND s.name_en='Benchsubmits' ORDER BY d.id")
    pw = st.sql("SELECT pw_hash FROM users WHERE username='csc1'")[0][0]
    out = []
    for i, (dist, gp, village) in enumerate(rows):
        user = "bsub%d" % i
        st.sql("INSERT INTO users (username, user_type, first_name, last_name, mobile, csc_id, pw_hash) "
               "VALUES ('%s', 'csc', 'Bench', 'CSC %d', '9100000000', 'BS%d', '%s'); "
               "INSERT INTO role_holdings (user_id, role, location_id, work_from) "
               "SELECT id, 'csc', %s, '2024-04-01' FROM users WHERE username='%s'" % (user, i, i, pw, gp, user))
        st.ctl("wallet-topup", user, "10000000", "bench-%d" % i)
        tok = secrets.token_urlsafe(32)
        st.sql("SET time_zone = '+05:30'; INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen, expires_at, "
               "ip, user_agent) SELECT UNHEX('%s'), id, 'api', NOW(), NOW(), NOW() + INTERVAL 1 DAY, '127.0.0.1', 'bench' "
               "FROM users WHERE username='%s'" % (hashlib.sha256(tok.encode()).hexdigest(), user))
        out.append((tok, int(village), "98%08d" % (i + 1)))
    c = Client(st.host, st.port, out[0][0])
    s, body, _ = c.request("GET", "/api/v1/services/" + CODE)
    if s != 200:
        raise SystemExit("service %s: %d %s" % (CODE, s, body[:200]))
    return out, json.loads(body)["definition"]


def waits(st):
    """The servers' lock and conflict counters now, summed over the nodes;
    and the application's transaction retries."""
    out = {"retries": st.retries()}
    for sock in st.sockets():
        for k, v in st.sql("SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_row_lock_waits', 'Innodb_row_lock_time', "
                           "'Innodb_deadlocks', 'wsrep_local_cert_failures', 'wsrep_local_bf_aborts')", sock):
            out[k] = out.get(k, 0) + int(v)
    return out


def sampler(st, stop, seen):
    """Counts the statements found waiting for a row lock, every 50 ms."""
    while not stop.is_set():
        for (q,) in st.sql("SELECT LEFT(REGEXP_REPLACE(IFNULL(trx_query, '?'), '\\\\s+', ' '), 60) "
                           "FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'"):
            seen[q] = seen.get(q, 0) + 1
        stop.wait(0.05)


def step(st, csc, defn, n):
    """n clients for DURATION seconds; returns the figures line."""
    lat, codes, lock = [], {}, threading.Lock()
    t_end = [0.0]
    go = threading.Barrier(n + 1)

    def client(k):
        tok, village, mobile = csc[k % len(csc)]
        c = Client(st.host, st.port, tok)
        body = {"service": CODE, "channel": "csc", "applicant": {"mobile": mobile}, "submit": True,
                "fields": answers_for(defn, mobile, "Bench Applicant", village), "documents": {}}
        mine, mcodes = [], {}
        go.wait()
        while time.time() < t_end[0]:
            s, rb, dt = c.request("POST", "/api/v1/applications", body)
            mcodes[s] = mcodes.get(s, 0) + 1
            if s in (200, 201):
                mine.append(dt)
            elif len(mcodes) == 2 and mcodes[s] == 1:
                log("  client %d: %d %s" % (k, s, rb[:200]))
        with lock:
            lat.extend(mine)
            for s, v in mcodes.items():
                codes[s] = codes.get(s, 0) + v
    ts = [threading.Thread(target=client, args=(k,)) for k in range(n)]
    for t in ts:
        t.start()
    w0 = waits(st)
    stop, seen = threading.Event(), {}
    smp = threading.Thread(target=sampler, args=(st, stop, seen))
    t0 = time.time()
    t_end[0] = t0 + DURATION
    smp.start()
    go.wait()
    for t in ts:
        t.join()
    wall = time.time() - t0
    stop.set()
    smp.join()
    w1 = waits(st)
    lat.sort()
    bad = sum(v for s, v in codes.items() if s not in (200, 201))
    top = sorted(seen.items(), key=lambda kv: -kv[1])[:3]
    d = {k: w1.get(k, 0) - w0.get(k, 0) for k in w1}
    galera = (", Galera certification failures %d, brute-force aborts %d"
              % (d["wsrep_local_cert_failures"], d["wsrep_local_bf_aborts"]) if "wsrep_local_cert_failures" in d else "")
    return ("%2d clients: %6.1f submits/s, p50 %6.1f ms, p95 %6.1f ms, %d refused; row lock waits %d (%d ms), "
            "deadlocks %d%s, transactions retried %d%s"
            % (n, len(lat) / wall, 1000 * pct(lat, 0.5), 1000 * pct(lat, 0.95), bad, d["Innodb_row_lock_waits"],
               d["Innodb_row_lock_time"], d.get("Innodb_deadlocks", 0), galera, d["retries"],
               "".join("\n      waiting (%d samples): %s" % (v, q) for q, v in top)))


SHAPES = {"one": "one server: MariaDB and one application node of 4 workers",
          "cluster": "cluster: 3 Galera nodes, HAProxy (one writer), 3 application nodes of 3 workers",
          "multi": "cluster, 3 writers: application node N writes to Galera node N"}


def main():
    trees = os.environ.get("BENCH_TREES") or "this=%s:%s" % (os.path.dirname(HERE),
                                                             os.environ.get("GS_BENCH_BUILD", os.path.join(HERE, "..", "build")))
    shapes = os.environ.get("BENCH_SHAPES", "one").split(",")
    ncpu = os.cpu_count()
    for spec in trees.split():
        name, _, rest = spec.partition("=")
        tree, _, build = rest.partition(":")
        for shape in shapes:
            log("== %s, %s: tree %s, binaries %s" % (name, shape, tree, build))
            try:
                st = Stack(tree, build) if shape == "one" else ClusterStack(tree, build, shape == "multi")
            except SystemExit as e:
                print("== %s, %s: not measured (%s)" % (name, SHAPES[shape], e), flush=True)
                continue
            try:
                csc, defn = setup(st)
                print("== %s, %s (%s; %d CPUs, load average %s; %d districts, one CSC each; %.0f s per step)"
                      % (name, SHAPES[shape], tree, ncpu, " ".join(open("/proc/loadavg").read().split()[:3]), len(csc),
                         DURATION), flush=True)
                for n in STEPS:
                    print("  " + step(st, csc, defn, n), flush=True)
                print("  ledger-verify: %s" % st.ctl("ledger-verify").strip().splitlines()[-1], flush=True)
                print("  audit-verify: %s" % st.ctl("audit-verify").strip(), flush=True)
            finally:
                st.stop()


if __name__ == "__main__":
    main()
