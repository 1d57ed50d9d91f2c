#!/usr/bin/env python3
"""mixed_prep.py — the users, sessions and samples of bench/mixed.sh's
mixed load, written as one tab-separated file that bench/mixed.lua reads.

    bench/mixed_prep.py --var VAR --base URL --out FILE [--officers N] [--citizens N] [--certs N]

On a stack that holds the demo seed and bench/gen_apps.py's applications:

  officers   N karmacharis of the busy office (the demo karmachari's,
             where gen_apps.py queues thousands; put back to --queue
             waiting by SQL, so each run starts alike), made in SQL with the demo
             password, each with a web session (cookie) and the CSRF token
             of its desk page: they list their desk, open applications,
             take the next one and forward it (POST with CSRF)
  citizens   N citizens of gen_apps.py with applications, each with a web
             session and an API session: their /my page, an application of
             theirs as a page and through the JSON API
  CSC        csc1 and csc2 (wallets topped up) with web sessions and the
             CSRF token of the apply page: a Birth Certificate filed in one
             POST of the whole form (the apply page's no-script path)
  verify     the QR URLs of certificates issued for the run: Birth
             Certificates filed by csc1 through the API and approved by the
             demo panchayat sewak (certificate rendered, signed, QR record)
  track      application number and mobile pairs for the public tracking API

Sessions are made as a log-in makes them (the SHA-256 of a random
43-character token), so the run does not start with dozens of Argon2id
log-ins.  Standard library only, plus the HTTP tests' helpers for valid
answers (tests/http/answers.py, lifecycle.py).
"""
import argparse
import hashlib
import http.client
import json
import os
import random
import re
import secrets
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "demo-pass-2026"
STATIC = ["/static/gs.css", "/static/form.js", "/static/picker.js", "/static/favicon.svg"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Stack:
    def __init__(self, var, base, build):
        self.var, self.base, self.build = var, base.rstrip("/"), build
        u = urllib.parse.urlsplit(self.base)
        self.host, self.port = u.hostname, u.port or 80

    def sql(self, q):
        p = subprocess.run(["mariadb", "--no-defaults", "--socket=" + os.path.join(self.var, "run/mariadb.sock"),
                            "-N", "-B", "gramsewa", "-e", q], capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit("sql failed: %s\n%s" % (q[:200], p.stderr))
        return [line.split("\t") for line in p.stdout.splitlines()]

    def ctl(self, *args):
        p = subprocess.run([os.path.join(self.build, "gramsewactl"), "-c", os.path.join(self.var, "gramsewa.conf")]
                           + list(args), capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit("gramsewactl %s failed: %s%s" % (" ".join(args), p.stdout, p.stderr))
        return p.stdout

    def request(self, method, path, body=None, headers=None):
        """One request on a fresh connection; returns (status, headers, body bytes)."""
        c = http.client.HTTPConnection(self.host, self.port, timeout=60)
        h = dict(headers or {})
        if isinstance(body, dict):
            body = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def sessions(self, user_ids, kind):
        """A session of kind ('web' or 'api') for each user id, made as a
        log-in makes it; returns the raw tokens in the same order."""
        toks, values = [], []
        for uid in user_ids:
            tok = secrets.token_urlsafe(32)
            toks.append(tok)
            values.append("(UNHEX('%s'), %d, '%s', NOW(), NOW(), NOW() + INTERVAL 1 DAY, '127.0.0.1', 'bench')"
                          % (hashlib.sha256(tok.encode()).hexdigest(), int(uid), kind))
        for i in range(0, len(values), 400):
            self.sql("SET time_zone = '+05:30'; INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen, "
                     "expires_at, ip, user_agent) VALUES " + ",".join(values[i:i + 400]))
        return toks

    def csrf(self, cookie, path):
        """The CSRF token on path's form for the web session cookie."""
        st, _, body = self.request("GET", path, headers={"Cookie": "gs_s=" + cookie})
        m = re.search(rb'name="csrf" value="([^"]+)"', body)
        if st != 200 or not m:
            raise SystemExit("no CSRF token on %s (%d)" % (path, st))
        return m.group(1).decode()


def officers(stack, n):
    """n karmacharis of the busy office with web sessions; returns
    (office id, [(cookie, csrf)])."""
    kr = stack.sql("SELECT rh.office_id, rh.location_id, rh.work_from FROM users u JOIN role_holdings rh "
                   "ON rh.user_id = u.id WHERE u.username = 'karmachari' AND rh.role = 'karmachari' AND rh.active = 1 LIMIT 1")
    if not kr:
        raise SystemExit("no demo karmachari: seed-demo first")
    office, loc, work_from = kr[0]
    tag = "%x" % int(time.time())
    stack.sql("INSERT INTO users (username, user_type, first_name, last_name, mobile, designation, pw_hash) "
              "SELECT CONCAT('mix_%s_k', LPAD(seq, 2, '0')), 'staff', 'Bench', CONCAT('Karmachari ', seq), '9000000199', "
              "'Rajasv Karmachari', pw_hash FROM users u JOIN seq_0_to_%d s WHERE u.username = 'karmachari'" % (tag, n - 1))
    stack.sql("INSERT INTO role_holdings (user_id, role, office_id, location_id, work_from) SELECT id, 'karmachari', %s, %s, '%s' "
              "FROM users WHERE username LIKE 'mix\\_%s\\_k%%'" % (office, loc, work_from, tag))
    ids = [r[0] for r in stack.sql("SELECT id FROM users WHERE username LIKE 'mix\\_%s\\_k%%' ORDER BY id" % tag)]
    return office, [(c, stack.csrf(c, "/desk")) for c in stack.sessions(ids, "web")]


def refill_desk(stack, office, n):
    """Puts the busy office's karmachari desk back to n waiting: every run
    starts with the same queue (the desk page counts it; the desk actions
    of earlier runs moved applications on to the circle inspector).  By
    SQL, back to stage 0: benchmark data, no audit.  Returns the count."""
    have = int(stack.sql("SELECT COUNT(*) FROM applications WHERE stage_office_id = %s AND stage_role = 'karmachari' "
                         "AND status = 'pending'" % office)[0][0])
    if have < n:
        stack.sql("UPDATE applications a JOIN services s ON s.id = a.service_id SET a.stage_idx = 0, a.stage_role = "
                  "'karmachari', a.claimed_by = NULL, a.claimed_until = NULL, a.forwarded_by = NULL WHERE "
                  "a.stage_office_id = %s AND a.status = 'pending' AND a.stage_idx = 1 AND a.stage_role = 'ci' "
                  "AND s.code IN ('INC', 'RES', 'CST', 'LPC') LIMIT %d" % (office, n - have))
    elif have > n:
        stack.sql("UPDATE applications SET stage_idx = 1, stage_role = 'ci', claimed_by = NULL, claimed_until = NULL "
                  "WHERE stage_office_id = %s AND status = 'pending' AND stage_role = 'karmachari' ORDER BY id DESC "
                  "LIMIT %d" % (office, have - n))
    return int(stack.sql("SELECT COUNT(*) FROM applications WHERE stage_office_id = %s AND stage_role = 'karmachari' "
                         "AND status = 'pending'" % office)[0][0])


def citizens(stack, n):
    """n citizens who applied, with web and API sessions; returns
    [(cookie, token, [numbers])]."""
    lo, hi = (int(x) for x in stack.sql("SELECT MIN(id), MAX(id) FROM users WHERE user_type = 'citizen'")[0])
    rows = stack.sql("SELECT a.applicant_id, GROUP_CONCAT(a.number ORDER BY a.id DESC SEPARATOR ' ') FROM applications a "
                     "WHERE a.applicant_id IN (%s) AND a.number IS NOT NULL GROUP BY a.applicant_id LIMIT %d"
                     % (",".join(str(random.randint(lo, hi)) for _ in range(n * 4)), n))
    ids = [r[0] for r in rows]
    web, api = stack.sessions(ids, "web"), stack.sessions(ids, "api")
    return [(web[i], api[i], rows[i][1].split(" ")[:5]) for i in range(len(rows))]


def cscs(stack):
    """csc1 and csc2 with money and web sessions; returns [(cookie, csrf)]."""
    tag = "%x" % int(time.time())
    out = []
    for who in ("csc1", "csc2"):
        stack.ctl("wallet-topup", who, "10000000", "mix-%s" % tag)
        uid = stack.sql("SELECT id FROM users WHERE username = '%s'" % who)[0][0]
        cookie = stack.sessions([uid], "web")[0]
        out.append((cookie, stack.csrf(cookie, "/apply/BRT")))
    return out


def submit_body(stack, lifecycle):
    """The apply page's whole form for a Birth Certificate, urlencoded,
    without its CSRF token (the load adds the session's)."""
    st, _, body = stack.request("GET", "/api/v1/services/BRT")
    d = json.loads(body)["definition"]
    form = {"applicant_mobile": "9000000001", "submit": "1"}
    form.update(lifecycle.page_fields(d, lifecycle.answers_for(d)))
    return urllib.parse.urlencode(form)


def issue_certs(stack, lifecycle, n):
    """n Birth Certificates filed by csc1 and approved by the panchayat
    sewak through the API; returns their QR verify paths."""
    tok = {}
    for who in ("csc1", "panchayatsewak"):
        uid = stack.sql("SELECT id FROM users WHERE username = '%s'" % who)[0][0]
        tok[who] = {"Authorization": "Bearer " + stack.sessions([uid], "api")[0]}
    st, _, body = stack.request("GET", "/api/v1/services/BRT")
    d = json.loads(body)["definition"]
    fields = lifecycle.answers_for(d)
    office = None
    for _ in range(n):
        st, _, body = stack.request("POST", "/api/v1/applications", {"service": "BRT", "applicant": {"mobile": "9000000001"},
                                    "submit": True, "fields": fields, "documents": {}}, tok["csc1"])
        if st not in (200, 201):
            raise SystemExit("filing BRT: %d %s" % (st, body[:300]))
        office = office or json.loads(body)["office"]["id"]
    paths = []
    for _ in range(n):
        st, _, body = stack.request("POST", "/api/v1/desk/next", {"office": office, "role": "panchayat_sewak"},
                                    tok["panchayatsewak"])
        no = json.loads(body).get("number") if st == 200 else None
        if not no:
            raise SystemExit("desk/next: %d %s" % (st, body[:200]))
        st, _, body = stack.request("POST", "/api/v1/applications/%s/actions" % no,
                                    {"action": "approve", "remarks": "registered"}, tok["panchayatsewak"])
        if st != 200:
            raise SystemExit("approve %s: %d %s" % (no, st, body[:300]))
        paths.append("/" + json.loads(body)["certificate"]["verify_url"].split("/", 3)[3])
    return paths


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--var", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--build", default=os.environ.get("GS_BENCH_BUILD") or os.path.join(os.path.dirname(HERE), "build"))
    ap.add_argument("--officers", type=int, default=32)
    ap.add_argument("--citizens", type=int, default=200)
    ap.add_argument("--certs", type=int, default=20)
    ap.add_argument("--track", type=int, default=5000)
    ap.add_argument("--queue", type=int, default=4000, help="applications waiting at the busy desk at the start")
    a = ap.parse_args()
    # the HTTP tests' helpers read their stack from the environment
    os.environ["GS_TEST_VAR"], os.environ["GS_TEST_BASE"] = a.var, a.base
    sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "http"))
    import lifecycle  # noqa: E402
    random.seed(20261203)
    stack = Stack(a.var, a.base, a.build)
    t = time.time()
    office, offs = officers(stack, a.officers)
    queue = refill_desk(stack, office, a.queue)
    cits = citizens(stack, a.citizens)
    csc = cscs(stack)
    verify = issue_certs(stack, lifecycle, a.certs)
    lo, hi = (int(x) for x in stack.sql("SELECT MIN(id), MAX(id) FROM applications WHERE number IS NOT NULL")[0])
    ids = ",".join(str(random.randint(lo, hi)) for _ in range(a.track))
    track = stack.sql("SELECT number, applicant_mobile FROM applications WHERE number IS NOT NULL AND id IN (%s)" % ids)
    # applications an officer of the busy office opens from its desk (not taken: viewing only)
    views = [r[0] for r in stack.sql("SELECT number FROM applications WHERE stage_office_id = %s AND status = 'pending' "
                                     "ORDER BY id DESC LIMIT 2000" % office)]
    with open(a.out, "w") as f:
        w = lambda *cols: f.write("\t".join(str(c) for c in cols) + "\n")  # noqa: E731
        w("office", office)
        w("submit_body", submit_body(stack, lifecycle))
        for c, k in offs:
            w("officer", c, k)
        for c, tk, nos in cits:
            w("citizen", c, tk, *nos)
        for c, k in csc:
            w("csc", c, k)
        for p in verify:
            w("verify", p)
        for no, mob in track:
            w("track", no, mob)
        for no in views:
            w("view", no)
        for p in STATIC:
            w("static", p)
    log("prep: %d officers, %d citizens, %d CSCs, %d certificates, %d tracking pairs, %d applications to view, "
        "%d waiting at the busy desk (office %s) in %.1f s"
        % (len(offs), len(cits), len(csc), len(verify), len(track), len(views), queue, office, time.time() - t))


if __name__ == "__main__":
    main()
