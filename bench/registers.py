#!/usr/bin/env python3
"""registers.py — panchayat registers at state size, through the real stack.

  1. a private stack (bench/lib.sh) with the demo seed (the built-in
     registers) and the full-size synthetic state (gen-state: 4,398 gram
     panchayats); $BENCH_GPS of its panchayats get a VLE with an API
     session (made in SQL: a log-in would measure Argon2id);
  2. $BENCH_REGS books per panchayat (20: the 12 built-in registers of
     this FY and 8 of them of the FY before), each with $BENCH_ENTRIES
     verified, chained entries (4,398 x 20 x 1,000 = 88 M rows, the
     issue's size), streamed as TSV into LOAD DATA LOCAL INFILE, 100 books
     a load, the hashes computed here as reg_entry_hash does, so
     register-verify passes (checked on 5 random books);
     BENCH_GEN_MINUTES stops early (the books of the GPs not reached stay
     empty), and it stops under 27 GB free on the disk;
  3. entry save: one save alone, listing the statements the worker sent
     (MariaDB's general log) and counting statements, transactions and
     row-lock waits; then cash-book entries submitted through the API by
     the VLEs ($BENCH_CLIENTS at once, $BENCH_DURATION s; each save takes
     the book's lock, the next serial, the chain and the balance):
     p50/p95/p99 and the workers' and MariaDB's CPU per save (/proc);
  4. a register page: the API page of 200 entries with totals and
     balances, and the HTML book page, of random full books: p50/p95,
     CPU and statements per page (after one untimed view of each book,
     which counts the generated book's totals once: 058).

Targets (issue 13): entry save p95 < 30 ms, a register page p95 < 50 ms.
Prints figures only, never asserts on timing.  Environment:
  BENCH_GPS        panchayats with books (200; 4398 is the whole state)
  BENCH_ENTRIES    entries per book (1000)
  BENCH_REGS       books per panchayat (20)
  BENCH_GEN=0      no generation (a rerun on a kept stack: BENCH_BASE/BENCH_VAR)
  BENCH_GEN_MINUTES  stop generating after this long (0: no limit)
  BENCH_CLIENTS    concurrent savers (8)
  BENCH_DURATION   seconds of saving (10)
  BENCH_BASE/BENCH_VAR, GS_BENCH_BUILD, BENCH_KEEP=1 as for apps.py
Standard library only.
"""
import hashlib
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apps import Stack, Client, line, log  # noqa: E402  (the stack and HTTP client of apps.py)
from exam import stack_pids, cpu_ms  # noqa: E402  (the workers' and MariaDB's CPU from /proc)

GPS = int(os.environ.get("BENCH_GPS", "200"))
ENTRIES = int(os.environ.get("BENCH_ENTRIES", "1000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
REGS = int(os.environ.get("BENCH_REGS", "20"))
BATCH = int(os.environ.get("BENCH_BATCH", "100"))
GEN = os.environ.get("BENCH_GEN", "1") != "0"
GEN_SECONDS = 60 * float(os.environ.get("BENCH_GEN_MINUTES", "0"))
DURATION = float(os.environ.get("BENCH_DURATION", "10"))


def setup(stack):
    """The state, VLEs with sessions, books full of entries; returns
    [(token, gp id, cash book id)]."""
    t = time.time()
    if not stack.sql("SELECT id FROM locations WHERE type='state' AND name_en='Benchstate'"):
        stack.ctl("gen-state", "--name", "Benchstate")
    spath = stack.sql("SELECT path FROM locations WHERE type='state' AND name_en='Benchstate'")[0][0]
    log("gen-state: %.1f s" % (time.time() - t))
    t = time.time()
    stack.sql("INSERT IGNORE INTO users (username, user_type, first_name, last_name, mobile, csc_id, pw_hash) "
              "SELECT CONCAT('rv', l.id), 'csc', 'Bench', CONCAT('VLE ', l.id), '9100000000', CONCAT('RV', l.id), 'x' "
              "FROM locations l WHERE l.type = 'panchayat' AND l.path LIKE '%s%%' ORDER BY l.id LIMIT %d" % (spath, GPS))
    stack.sql("INSERT INTO role_holdings (user_id, role, location_id, work_from) "
              "SELECT u.id, 'csc', CAST(SUBSTRING(u.csc_id, 3) AS UNSIGNED), '2024-04-01' FROM users u "
              "LEFT JOIN role_holdings rh ON rh.user_id = u.id WHERE u.csc_id LIKE 'RV%' AND rh.id IS NULL")
    rows = stack.sql("SELECT u.id, CAST(SUBSTRING(u.csc_id, 3) AS UNSIGNED) FROM users u WHERE u.csc_id LIKE 'RV%' ORDER BY u.id")
    vles, values = [], []
    for uid, gp in rows:
        tok, web = secrets.token_urlsafe(32), secrets.token_urlsafe(32)     # an API and a page session
        for t_, kind in ((tok, "api"), (web, "web")):
            values.append("(UNHEX('%s'), %s, '%s', NOW(), NOW(), NOW() + INTERVAL 1 DAY, '127.0.0.1', 'bench')"
                          % (hashlib.sha256(t_.encode()).hexdigest(), uid, kind))
        vles.append([tok, int(gp), int(uid), web])
    for i in range(0, len(values), 400):
        stack.sql("SET time_zone = '+05:30'; INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen, expires_at, "
                  "ip, user_agent) VALUES " + ",".join(values[i:i + 400]))
    log("VLEs with sessions: %d (%.1f s)" % (len(vles), time.time() - t))
    # books: REGS per GP -- every published register this FY, then (when
    # REGS is more) the same registers' books of earlier years
    t = time.time()
    defs = stack.sql("SELECT id FROM register_defs WHERE published_version_id IS NOT NULL AND kind = 'register' ORDER BY id")
    fy0 = int(stack.sql("SELECT YEAR(CURDATE()) - (MONTH(CURDATE()) < 4)")[0][0])
    for k in range(REGS):
        y = fy0 - k // len(defs)
        stack.sql("SET time_zone = '+05:30'; "
                  "INSERT IGNORE INTO register_books (def_id, version_id, location_id, fy, balances, opening, created_at) "
                  "SELECT d.id, d.published_version_id, CAST(SUBSTRING(u.csc_id, 3) AS UNSIGNED), '%d-%02d', "
                  "'{\"cash\":1000000000,\"bank\":0}', '{}', NOW() FROM register_defs d JOIN users u ON u.csc_id LIKE 'RV%%' "
                  "WHERE d.id = %s" % (y, (y + 1) % 100, defs[k % len(defs)][0]))
    books = stack.sql("SELECT b.id, b.location_id, '', u.id FROM register_books b "
                      "JOIN users u ON u.csc_id = CONCAT('RV', b.location_id) WHERE b.last_serial = 0 ORDER BY b.location_id, b.id")
    log("books: %d (%.1f s)" % (len(books), time.time() - t))
    filled = generate(stack, books) if GEN else 0
    for b in random.sample(books[:filled], min(5, filled)):    # the bulk path's chains are the app's
        log("  " + stack.ctl("register-verify", "--book", b[0]).strip())
    cash = dict((int(gp), int(b)) for gp, b in stack.sql(
        "SELECT b.location_id, b.id FROM register_books b JOIN register_defs d ON d.id = b.def_id "
        "WHERE d.code = 'CASHBOOK' AND b.fy = '%d-%02d' AND b.last_serial >= %d" % (fy0, (fy0 + 1) % 100, ENTRIES)))
    return [(v[0], v[1], cash.get(v[1]), v[3]) for v in vles if cash.get(v[1])], list(cash.values())


ENTRY_COLS = "book_id, serial, entry_date, data, amounts, status, entered_by, entered_at, submitted_at, verified_at, prev_hash, hash"


def generate(stack, books):
    """ENTRIES chained entries in each book: rows written as TSV to LOAD DATA
    LOCAL INFILE (one load per BATCH books, unique and foreign-key checks
    off: the rows are right by construction), each row's hash computed here
    exactly as register.c reg_entry_hash does (SHA-256 of the previous hash,
    a newline and the canonical entry JSON), so register-verify passes; then
    each book's last_serial and head_hash.  Prints rows/s."""
    day = time.strftime("%Y-%m-%d")
    data = json.dumps({"date": day, "voucher_no": "G", "particulars": "generated", "receipt_cash": 100000},
                      separators=(",", ":"))
    at = time.strftime("%Y-%m-%d %H:%M:%S")
    sql = ("SET SESSION unique_checks = 0; SET SESSION foreign_key_checks = 0; "
           "LOAD DATA LOCAL INFILE '/dev/stdin' INTO TABLE register_entries CHARACTER SET utf8mb4 "
           "FIELDS TERMINATED BY '\\t' ESCAPED BY '' LINES TERMINATED BY '\\n' (%s)" % ENTRY_COLS)
    for knob in ("innodb_log_file_size = 1073741824", "innodb_doublewrite = 0"):   # the bench database only: fewer checkpoints
        try:
            stack.sql("SET GLOBAL " + knob)
        except SystemExit as e:
            log("  (not set: %s: %s)" % (knob, str(e).splitlines()[-1]))
    t, rows = time.time(), 0
    sha = hashlib.sha256
    for i in range(0, len(books), BATCH):
        if GEN_SECONDS and time.time() - t > GEN_SECONDS:
            log("  stopped after %d s (BENCH_GEN_MINUTES): %d of %d books filled, the rest left empty" % (
                time.time() - t, i, len(books)))
            break
        if shutil.disk_usage(stack.var).free < 27e9:    # the disk is shared: keep > 25 GB free
            log("  stopped: under 27 GB free on the disk; %d of %d books filled" % (i, len(books)))
            break
        heads = []
        p = subprocess.Popen(["mariadb", "--no-defaults", "--local-infile=1", "--socket=" + os.path.join(stack.var, "run/mariadb.sock"),
                              "gramsewa", "-e", sql], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        out = p.stdin
        for b in books[i:i + BATCH]:
            book, by = int(b[0]), int(b[3])
            pre = ('\n{"book":%d,"serial":' % book).encode()
            post = (',"date":"%s","corrects":null,"by":%d,"data":%s}' % (day, by, data)).encode()
            row = ("\t%s\t%s\t{\"cash\":100000}\tverified\t%d\t%s\t%s\t%s\t" % (day, data, by, at, at, at)).encode()
            prev, lines = b"", []
            for s in range(1, ENTRIES + 1):
                ss = str(s).encode()
                h = sha(prev + pre + ss + post).hexdigest().encode()
                lines.append(b"%d\t%s%s%s\t%s\n" % (book, ss, row, prev, h))
                prev = h
            out.write(b"".join(lines))
            heads.append((book, prev.decode()))
        out.close()
        if p.wait() != 0:
            raise SystemExit("LOAD DATA failed: %s" % p.stderr.read().decode(errors="replace"))
        rows += len(heads) * ENTRIES
        stack.sql("UPDATE register_books b JOIN (%s) h ON h.id = b.id SET b.last_serial = %d, b.head_hash = h.hash, "
                  "b.last_entry_at = NOW()" % (" UNION ALL ".join("SELECT %d AS id, '%s' AS hash" % x for x in heads), ENTRIES))
        if (i // BATCH) % 20 == 0:
            log("  entries: %d rows, %d of %d books (%.0f s, %.0f rows/s)" % (rows, i + len(heads), len(books), time.time() - t,
                                                                          rows / max(time.time() - t, 1e-3)))
    log("entries: %d rows generated in %.1f s (%.0f rows/s)" % (rows, time.time() - t, rows / max(time.time() - t, 1e-3)))
    return rows // ENTRIES


def db_counts(stack):
    """The server's statement counters: statements (Questions: every
    statement a client sent, prepared executions included), transactions
    (Com_commit + Com_rollback) and row locks waited for."""
    r = dict(stack.sql("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit', 'Com_rollback', "
                       "'Innodb_row_lock_waits', 'Innodb_row_lock_time')"))
    return {"statements": int(r["Questions"]) - 1, "transactions": int(r["Com_commit"]) + int(r["Com_rollback"]),
            "lock waits": int(r["Innodb_row_lock_waits"]), "lock wait ms": int(r["Innodb_row_lock_time"])}


def saves(stack, vles):
    """One save alone first (statements of a save, nothing else running),
    then CLIENTS savers for DURATION s: latency, CPU per save."""
    # a long generation outlasts the sessions' idle time
    stack.sql("SET time_zone = '+05:30'; UPDATE sessions SET last_seen = NOW() WHERE user_agent = 'bench'")
    v = vles[0]
    body = {"data": {"date": time.strftime("%Y-%m-%d"), "voucher_no": "B0", "particulars": "bench", "payment_cash": "1.00"},
            "submit": True}
    c0 = Client(stack.host, stack.port, v[0])
    c0.request("GET", "/api/v1/registers")   # the session and the worker's prepared statements warm
    c0.request("POST", "/api/v1/registers/CASHBOOK/entries", body)
    glog = os.path.join(stack.var, "run", "save-general.log")
    stack.sql("SET GLOBAL general_log_file = '%s'; SET GLOBAL log_output = 'FILE'; SET GLOBAL general_log = 1" % glog)
    b = db_counts(stack)
    st, _, _ = c0.request("POST", "/api/v1/registers/CASHBOOK/entries", body)
    a = db_counts(stack)
    stack.sql("SET GLOBAL general_log = 0")
    for ln in open(glog, errors="replace").read().splitlines():   # what the worker's connection sent
        if " Execute\t" in ln or (" Query\t" in ln and "GLOBAL" not in ln):
            log("    " + ln.split("\t")[-1][:150])
    os.unlink(glog)
    print("  one entry save (status %d): %s" % (st, ", ".join("%s %d" % (k, a[k] - b[k] - (k == "statements")) for k in a)),
          flush=True)
    workers, db = stack_pids(stack.var)
    before, n0 = (cpu_ms(workers), cpu_ms(db)), db_counts(stack)
    lat, codes, lock = [], {}, threading.Lock()
    t_end = time.time() + DURATION

    def client(k):
        mine = vles[k::CLIENTS]
        c = {v[0]: Client(stack.host, stack.port, v[0]) for v in mine}
        n = 0
        while time.time() < t_end:
            v = mine[n % len(mine)]
            n += 1
            body = {"data": {"date": time.strftime("%Y-%m-%d"), "voucher_no": "B%d" % n, "particulars": "bench",
                             "payment_cash": "%d.%02d" % (random.randint(1, 500), random.randint(0, 99))}, "submit": True}
            st, _, dt = c[v[0]].request("POST", "/api/v1/registers/CASHBOOK/entries", body)
            with lock:
                lat.append(dt)
                codes[st] = codes.get(st, 0) + 1
    t = time.time()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
    [th.start() for th in threads]
    [th.join() for th in threads]
    print(line("entry save (%d clients)" % CLIENTS, lat, time.time() - t, "" if set(codes) == {201} else codes), flush=True)
    after, n1 = (cpu_ms(workers), cpu_ms(db)), db_counts(stack)
    n = max(len(lat), 1)
    print("  per save: FastCGI workers %.2f ms CPU, MariaDB %.2f ms CPU, %.1f statements; row-lock waits %d (%d ms) "
          "in %d saves" % ((after[0] - before[0]) / n, (after[1] - before[1]) / n, (n1["statements"] - n0["statements"] - 1) / n,
                           n1["lock waits"] - n0["lock waits"], n1["lock wait ms"] - n0["lock wait ms"], len(lat)), flush=True)


def pages(stack, vles, books):
    # the generated books have no totals on their row yet (058): each is
    # counted once, by its first reader; do that before timing
    t = time.time()
    for v in vles:
        Client(stack.host, stack.port, v[0]).request("GET", "/api/v1/registers/CASHBOOK/%d" % v[2])
    log("totals counted for %d books (%.1f s)" % (len(vles), time.time() - t))
    for label, path in (("register page (API, 200 entries)", "/api/v1/registers/CASHBOOK/%d"),
                        ("register page (HTML)", "/registers/CASHBOOK/%d")):
        lat, bad = [], 0
        workers, db = stack_pids(stack.var)
        before, n0 = (cpu_ms(workers), cpu_ms(db)), db_counts(stack)["statements"]
        t = time.time()
        for i in range(200):
            v = random.choice(vles)
            c = Client(stack.host, stack.port, v[0])
            if path.startswith("/registers"):
                c.token = None
                c.cookies["gs_s"] = v[3]
            st, _, dt = c.request("GET", path % v[2])
            lat.append(dt)
            bad += st != 200
        print(line(label, lat, time.time() - t, bad and ("%d not 200" % bad)), flush=True)
        after, n1 = (cpu_ms(workers), cpu_ms(db)), db_counts(stack)["statements"]
        print("  per page: FastCGI workers %.2f ms CPU, MariaDB %.2f ms CPU, %.1f statements" % (
            (after[0] - before[0]) / len(lat), (after[1] - before[1]) / len(lat), (n1 - n0 - 1) / len(lat)), flush=True)


def main():
    stack = Stack()
    try:
        load = os.getloadavg()[0]
        print("registers: %d GPs x registers x %d entries; %d CPUs, load %.1f" % (GPS, ENTRIES, os.cpu_count(), load), flush=True)
        vles, books = setup(stack)
        saves(stack, vles)
        pages(stack, vles, books)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
