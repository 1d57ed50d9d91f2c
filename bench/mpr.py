#!/usr/bin/env python3
"""mpr.py — monthly progress reports at state size, through the real stack.

  1. a private stack (bench/lib.sh) with the demo seed (the built-in MPR
     DP_MPR) and the full-size synthetic state (gen-state: 4,398 gram
     panchayats);
  2. generated in SQL: last month's report of every panchayat of that
     state, approved, with figures that differ by GP, and the summary rows
     the district in-charges' approvals would have written (every place
     from the GP up to the state); $BENCH_PENDING of the reports are left
     submitted instead;
  3. approval: a block in-charge and a district in-charge over the state
     (sessions made in SQL: a log-in would measure Argon2id) approve the
     pending reports through the API; the DI's approval is the transaction
     that adds a report to the summary rows of its GP and every place
     above it: p50/p95;
  4. the state consolidation (API and HTML page: figures, the divisions
     under it, status counts, not-submitted and pending lists), a
     district's, and the state's CSV: p50/p95 of $BENCH_READS requests
     each; and a check that the state's figure equals the sum of the
     reports (the summary rows are right);
  5. a GP's report of this month opened (not yet filed: the built-in
     MPR's four figures from the system computed, one query each):
     p50/p95 of $BENCH_READS requests.

Target (issue 13): a state MPR consolidation < 1 s from summary rows.
Prints figures only, never asserts on timing.  Environment:
  BENCH_PENDING    reports approved through the API (200)
  BENCH_READS      requests per page measured (100)
  BENCH_BASE/BENCH_VAR, GS_BENCH_BUILD, BENCH_KEEP=1 as for apps.py
Standard library only.
"""
import hashlib
import json
import os
import secrets
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apps import Stack, Client, line, log  # noqa: E402  (the stack and HTTP client of apps.py)

PENDING = int(os.environ.get("BENCH_PENDING", "200"))
READS = int(os.environ.get("BENCH_READS", "100"))
CODE = "DP_MPR"
NUMBERS = ["registers_updated", "entries_made", "gram_sabhas_held", "services_integrated", "services_other",
           "trainings_attended", "survey_tasks_completed", "grievances_received", "grievances_resolved", "days_functional"]
OPTIONS = ["good", "intermittent", "none"]


def last_month():
    t = time.gmtime(time.time() + 19800)
    y, m = t.tm_year, t.tm_mon - 1
    return "%04d-%02d" % (y - (m < 1), m or 12)


def session(stack, username, role, loc):
    """A staff user holding role over loc, with an API session; its token."""
    stack.sql("INSERT IGNORE INTO users (username, user_type, first_name, last_name, mobile, pw_hash) "
              "VALUES ('%s', 'staff', 'Bench', '%s', '9100000001', 'x')" % (username, role))
    uid = stack.sql("SELECT id FROM users WHERE username = '%s'" % username)[0][0]
    if not stack.sql("SELECT id FROM role_holdings WHERE user_id = %s" % uid):
        stack.sql("INSERT INTO role_holdings (user_id, role, location_id, work_from) VALUES (%s, '%s', %s, '2024-04-01')"
                  % (uid, role, loc))
    tok, web = secrets.token_urlsafe(32), secrets.token_urlsafe(32)     # an API and a page session
    for t, kind in ((tok, "api"), (web, "web")):
        stack.sql("SET time_zone = '+05:30'; INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen, expires_at, "
                  "ip, user_agent) VALUES (UNHEX('%s'), %s, '%s', NOW(), NOW(), NOW() + INTERVAL 1 DAY, '127.0.0.1', 'bench')"
                  % (hashlib.sha256(t.encode()).hexdigest(), uid, kind))
    return tok, web


def setup(stack, month):
    """The state and its reports; returns (state id, state path, a district id, the pending GPs)."""
    t = time.time()
    if not stack.sql("SELECT id FROM locations WHERE type='state' AND name_en='Benchstate'"):
        stack.ctl("gen-state", "--name", "Benchstate")
    sid, spath = stack.sql("SELECT id, path FROM locations WHERE type='state' AND name_en='Benchstate'")[0]
    district = stack.sql("SELECT id FROM locations WHERE type='district' AND path LIKE '%s%%' ORDER BY id LIMIT 1" % spath)[0][0]
    gps = int(stack.sql("SELECT COUNT(*) FROM locations WHERE type='panchayat' AND path LIKE '%s%%'" % spath)[0][0])
    log("gen-state: %d GPs (%.1f s)" % (gps, time.time() - t))
    t = time.time()
    did, vid = stack.sql("SELECT id, published_version_id FROM register_defs WHERE code = '%s'" % CODE)[0]
    period = month + "-01"
    # the figures of GP id: each number (id * k) % range, the option id % 3
    data = "JSON_OBJECT(%s, 'internet', ELT(l.id %% 3 + 1, 'good', 'intermittent', 'none'))" % ", ".join(
        "'%s', (l.id * %d) %% %d" % (n, i + 3, 31 if n in ("gram_sabhas_held", "trainings_attended", "days_functional") else 500)
        for i, n in enumerate(NUMBERS))
    stack.sql("SET time_zone = '+05:30'; INSERT IGNORE INTO mpr_reports (def_id, version_id, location_id, period, data, status, "
              "entered_by, created_at, updated_at, submitted_by, first_submitted_at, submitted_at, bi_at, di_at) "
              "SELECT %s, %s, l.id, '%s', %s, 'approved', 1, NOW(), NOW(), 1, NOW(), NOW(), NOW(), NOW() FROM locations l "
              "WHERE l.type = 'panchayat' AND l.path LIKE '%s%%'" % (did, vid, period, data, spath))
    pending = [r[0] for r in stack.sql("SELECT r.location_id FROM mpr_reports r JOIN locations l ON l.id = r.location_id "
                                       "WHERE r.def_id = %s AND r.period = '%s' AND l.path LIKE '%s%%' ORDER BY r.location_id "
                                       "LIMIT %d" % (did, period, spath, PENDING))]
    if pending:
        stack.sql("UPDATE mpr_reports SET status = 'submitted', bi_at = NULL, di_at = NULL WHERE def_id = %s AND period = '%s' "
                  "AND location_id IN (%s)" % (did, period, ",".join(pending)))
    log("reports: %d approved, %d submitted (%.1f s)" % (gps - len(pending), len(pending), time.time() - t))
    # the summary rows of the approved ones, every place from the GP up
    t = time.time()
    stack.sql("DELETE FROM mpr_sums WHERE def_id = %s AND period = '%s'" % (did, period))
    items = ["SELECT '_reports' AS item, 1 AS n, r.location_id AS gp FROM mpr_reports r WHERE %s"]
    items += ["SELECT '%s', JSON_VALUE(r.data, '$.%s'), r.location_id FROM mpr_reports r WHERE %%s" % (n, n) for n in NUMBERS]
    items += ["SELECT CONCAT('internet=', JSON_VALUE(r.data, '$.internet')), 1, r.location_id FROM mpr_reports r WHERE %s"]
    where = "r.def_id = %s AND r.period = '%s' AND r.status = 'approved'" % (did, period)
    stack.sql("INSERT INTO mpr_sums (def_id, period, location_id, item, n) "
              "SELECT %s, '%s', a.id, x.item, SUM(x.n) FROM (%s) x JOIN locations g ON g.id = x.gp "
              "JOIN JSON_TABLE(CONCAT('[', REPLACE(TRIM(BOTH '/' FROM g.path), '/', ','), ']'), '$[*]' "
              "COLUMNS (id INT UNSIGNED PATH '$')) a GROUP BY a.id, x.item"
              % (did, period, " UNION ALL ".join(q % where for q in items)))
    n = stack.sql("SELECT COUNT(*) FROM mpr_sums WHERE def_id = %s AND period = '%s'" % (did, period))[0][0]
    log("summary rows: %s (%.1f s)" % (n, time.time() - t))
    return sid, spath, district, pending, did, period


def approvals(stack, sid, month, pending):
    bi, _ = session(stack, "benchbi", "bi", sid)
    di, _ = session(stack, "benchdi", "di", sid)
    cb, cd = Client(stack.host, stack.port, bi), Client(stack.host, stack.port, di)
    for label, c in (("BI approval", cb), ("DI approval (adds to the summary rows up the tree)", cd)):
        lat, bad = [], {}
        t = time.time()
        for gp in pending:
            st, body, dt = c.request("POST", "/api/v1/mpr/%s/%s/approve" % (CODE, month), {"location": int(gp)})
            lat.append(dt)
            if st != 200:
                bad[st] = bad.get(st, 0) + 1
        print(line(label, lat, time.time() - t, bad or 0), flush=True)


def this_month():
    t = time.gmtime(time.time() + 19800)
    return "%04d-%02d" % (t.tm_year, t.tm_mon)


def reads(stack, sid, district, month, gp):
    tok, web = session(stack, "benchstate", "state_admin", sid)
    c = Client(stack.host, stack.port, tok)
    page = Client(stack.host, stack.port)
    page.cookies["gs_s"] = web
    for label, path in (("state consolidation (API)", "/api/v1/mpr/%s/%s?location=%s" % (CODE, month, sid)),
                        ("state consolidation (HTML page)", "/mpr/%s/%s?location=%s" % (CODE, month, sid)),
                        ("district consolidation (API)", "/api/v1/mpr/%s/%s?location=%s" % (CODE, month, district)),
                        ("state consolidation (CSV)", "/mpr/%s/%s/csv?location=%s" % (CODE, month, sid)),
                        ("state consolidation (PDF)", "/mpr/%s/%s/pdf?location=%s" % (CODE, month, sid)),
                        ("a GP's approved report, nothing computed (API)", "/api/v1/mpr/%s/%s?location=%s" % (CODE, month, gp)),
                        ("a GP's open report, 4 figures computed (API)",
                         "/api/v1/mpr/%s/%s?location=%s" % (CODE, this_month(), gp))):
        lat, bad = [], 0
        t = time.time()
        for _ in range(READS):
            st, body, dt = (page if path.startswith("/mpr") else c).request("GET", path)
            lat.append(dt)
            bad += st != 200
        print(line(label, lat, time.time() - t, bad and ("%d not 200" % bad)), flush=True)
    return json.loads(c.request("GET", "/api/v1/mpr/%s/%s?location=%s" % (CODE, month, sid))[1])


def main():
    stack = Stack()
    try:
        month = last_month()
        print("mpr: the state's reports for %s; %d CPUs, load %.1f" % (month, os.cpu_count(), os.getloadavg()[0]), flush=True)
        sid, spath, district, pending, did, period = setup(stack, month)
        approvals(stack, sid, month, pending)
        gp = stack.sql("SELECT r.location_id FROM mpr_reports r JOIN locations l ON l.id = r.location_id WHERE r.def_id = %s "
                       "AND r.period = '%s' AND r.status = 'approved' AND l.path LIKE '%s%%' ORDER BY r.location_id LIMIT 1"
                       % (did, period, spath))[0][0]
        got = reads(stack, sid, district, month, gp)
        want = stack.sql("SELECT COUNT(*), IFNULL(SUM(JSON_VALUE(r.data, '$.entries_made')), 0) FROM mpr_reports r "
                         "JOIN locations l ON l.id = r.location_id WHERE r.def_id = %s AND r.period = '%s' "
                         "AND r.status = 'approved' AND l.path LIKE '%s%%'" % (did, period, spath))[0]
        fig = got.get("figures", {})
        print("state figures: %s reports approved, entries_made %s (the reports: %s, %s) %s"
              % (fig.get("_reports"), fig.get("entries_made"), want[0], want[1],
                 "agree" if [str(fig.get("_reports")), str(fig.get("entries_made"))] == want else "DISAGREE"), flush=True)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
