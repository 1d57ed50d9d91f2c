#!/usr/bin/env python3
"""tickets.py — support tickets at scale (issue 15), through the real stack
(nginx → FastCGI workers → MariaDB).

  1. a private stack (bench/lib.sh) with the demo seed and $BENCH_TICKETS
     tickets (1,000,000) made in SQL over the demo's Palamu panchayats:
     statuses, priorities and ages mixed, most with the Medininagar BI or
     the Palamu DI;
  2. reads, one request at a time ($BENCH_READS each): the BI's "my" list
     and "open in my area" list, the DI's dashboard of the district by
     place, the state admin's dashboard of the state by type, and the
     similar open tickets offered while raising (GET
     /api/v1/tickets/similar, with the two query plans): p50/p95;
  3. raise: $BENCH_CLIENTS (32) VLEs (made for the bench, one panchayat
     each) raising tickets for $BENCH_SECONDS (20) seconds, first flat out
     (each client sends its next raise when the last is answered), then
     open loop at each rate of $BENCH_RATES (200 raises a second in all:
     each raise is due at its time whether or not the last was answered,
     and its latency counts from then, so a backlog shows): rate,
     p50/p95/p99, the CPU time per raise of the FastCGI workers and of
     mariadbd (/proc), which a busy shared machine does not distort, and
     the statements per raise (Questions); first the statements of one
     raise alone;
  4. escalation: for each chunk size of $BENCH_CHUNKS (500),
     $BENCH_OVERDUE (100,000) tickets made overdue at the BI and the
     summary rebuilt, then `gramsewactl ticket-escalate --chunk N` timed,
     then run again (it must find nothing: idempotent).  The first run
     also escalates the generated data's own overdue tickets.

Targets (issue 15): list and dashboard p95 < 50 ms, raise p95 < 30 ms at 32
clients, escalation of 100 k overdue tickets < 30 s.  Prints figures only,
never asserts on timing.  BENCH_BASE/BENCH_VAR, GS_BENCH_BUILD and
BENCH_KEEP=1 as for apps.py; BENCH_PHASES (reads,raise,escalate) picks the
phases; BENCH_RATES and BENCH_CHUNKS are comma lists.  Standard library only.
"""
import os
import re
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apps import Stack, Client, login, line, log  # noqa: E402

N = int(os.environ.get("BENCH_TICKETS", "1000000"))
READS = int(os.environ.get("BENCH_READS", "100"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
OVERDUE = int(os.environ.get("BENCH_OVERDUE", "100000"))
PHASES = os.environ.get("BENCH_PHASES", "reads,raise,escalate").split(",")
RATES = [int(x) for x in os.environ.get("BENCH_RATES", "200").split(",") if x]
CHUNKS = [int(x) for x in os.environ.get("BENCH_CHUNKS", "500").split(",") if x]


def generate(stack):
    """N tickets in SQL, spread over Palamu's panchayats (a few seconds per 100 k)."""
    t = time.time()
    stack.sql("CREATE TEMPORARY TABLE gps (n INT PRIMARY KEY AUTO_INCREMENT, id INT, path VARCHAR(255)); "
              "INSERT INTO gps (id, path) SELECT id, path FROM locations WHERE type = 'panchayat' "
              "AND path LIKE (SELECT CONCAT(path, '%') FROM locations WHERE type = 'district' AND name_en = 'Palamu'); "
              "SET @g = (SELECT COUNT(*) FROM gps); "
              "SET @bi = (SELECT id FROM users WHERE username = 'bi'); SET @di = (SELECT id FROM users WHERE username = 'di'); "
              "SET @csc = (SELECT id FROM users WHERE username = 'csc1'); "
              "SET @ty = (SELECT id FROM ticket_types WHERE code = 'TECH_HW_INTERNET'); "
              "INSERT INTO tickets (number, kind, type_id, priority, location_id, loc_path, raised_by, channel, subject, body, "
              "assignee_id, resolver_role, status, created_at, due_at, resolved_at, updated_at, breached) "
              "SELECT CONCAT('TB', LPAD(s.seq, 8, '0')), 'support', @ty, 1 + s.seq % 4, g.id, g.path, @csc, 'csc', "
              "CONCAT('Bench ticket ', s.seq), 'Generated for the benchmark.', IF(s.seq % 3 = 0, @di, @bi), "
              "IF(s.seq % 3 = 0, 'di', 'bi'), ELT(1 + s.seq % 6, 'assigned', 'in_progress', 'resolved', 'closed', "
              "'awaiting_info', 'closed'), NOW() - INTERVAL (s.seq % 90) DAY - INTERVAL (s.seq % 1440) MINUTE, "
              "NOW() + INTERVAL 3 DAY - INTERVAL (s.seq % 90) DAY, IF(s.seq % 6 IN (2, 3, 5), NOW() - INTERVAL (s.seq % 80) DAY, NULL), "
              "NOW(), s.seq % 10 = 0 FROM seq_1_to_{N} s JOIN gps g ON g.n = 1 + s.seq % @g; "
              "ANALYZE TABLE tickets;".replace("{N}", str(N)))
    log("%d tickets in %.0f s" % (N, time.time() - t))
    rebuild(stack)


def rebuild(stack):
    """The dashboards' summary rows after tickets were written in SQL."""
    t = time.time()
    out = stack.ctl("ticket-sums", "rebuild").strip()
    print("%s in %.1f s" % (out, time.time() - t))


def cpu_ticks(stack):
    """CPU time (utime + stime, clock ticks) of the FastCGI supervisor's
    workers and of mariadbd, from /proc: the cost of a phase whatever else
    the machine is doing."""
    def pids():
        out = []
        for f in ("run/gramsewa-fcgi.pid", "run/mariadb.pid"):
            try:
                p = int(open(os.path.join(stack.var, f)).read())
            except (OSError, ValueError):
                continue
            out.append(p)
            try:
                with open("/proc/%d/task/%d/children" % (p, p)) as c:
                    out += [int(x) for x in c.read().split()]
            except OSError:
                pass
        return out

    total = {"workers": 0, "mariadb": 0}
    mpid = int(open(os.path.join(stack.var, "run/mariadb.pid")).read())
    for p in pids():
        try:
            f = open("/proc/%d/stat" % p).read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total["mariadb" if p == mpid else "workers"] += int(f[11]) + int(f[12])
    return total


def reads(stack, label, token, path):
    c = Client(stack.host, stack.port, token)
    st, _, _ = c.request("GET", path)
    if st != 200:
        print("%s: %d" % (label, st))
        return
    lat = []
    t = time.perf_counter()
    before = cpu_ticks(stack)
    for _ in range(READS):
        st, _, dt = c.request("GET", path)
        lat.append(dt)
    print(line(label, lat, time.perf_counter() - t))
    cpu_line(label, before, cpu_ticks(stack), len(lat))


def vles(stack, n):
    """n VLEs of their own (the demo has two): copies of csc1 with the demo
    password, each holding the csc role at a Palamu panchayat of its own.
    32 clients as one user would queue on that user's audit chain shard,
    which no real VLE does.  Returns [(username, panchayat id)]."""
    tag = "%x" % int(time.time())
    stack.sql("INSERT INTO users (username, user_type, first_name, last_name, mobile, designation, pw_hash) "
              "SELECT CONCAT('bench_%s_v', LPAD(seq, 2, '0')), 'csc', 'Bench', CONCAT('VLE ', seq), '9000000198', "
              "designation, pw_hash FROM users u JOIN seq_0_to_%d s WHERE u.username = 'csc1'" % (tag, n - 1))
    stack.sql("INSERT INTO role_holdings (user_id, role, location_id, work_from) "
              "SELECT u.id, 'csc', g.id, '2024-04-01' FROM users u JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k "
              "FROM locations WHERE type = 'panchayat' AND path LIKE (SELECT CONCAT(path, '%%') FROM locations "
              "WHERE type = 'district' AND name_en = 'Palamu')) g ON g.k = CAST(RIGHT(u.username, 2) AS UNSIGNED) "
              "WHERE u.username LIKE 'bench\\_%s\\_v%%'" % tag)
    return [tuple(r) for r in stack.sql("SELECT u.username, rh.location_id FROM users u JOIN role_holdings rh ON rh.user_id = u.id "
                                        "WHERE u.username LIKE 'bench\\_%s\\_v%%' ORDER BY u.username" % tag)]


def statements(stack):
    """Statements the server has executed (Questions), for a count per raise."""
    return int(stack.sql("SHOW GLOBAL STATUS LIKE 'Questions'")[0][1])


def raise_once(c, gp):
    return c.request("POST", "/api/v1/tickets", {"type": "TECH_HW_INTERNET", "location": gp,
                                                 "subject": "Bench raise", "body": "No internet since morning."})


def raises(stack, tokens, rate):
    """CLIENTS clients raising: flat out (rate 0: each sends its next raise
    when the last is answered) or open loop at `rate` raises a second in
    all (each raise is due at its time whether or not the last was
    answered, and its latency counts from then, so a backlog shows)."""
    lat, errors, lock = [], [0], threading.Lock()
    start = time.perf_counter() + 0.2
    end = start + SECONDS
    due = [0]

    def next_due():
        with lock:
            t = start + due[0] / rate
            due[0] += 1
        return t

    def client(tok, gp):
        c = Client(stack.host, stack.port, tok)
        mine = []
        while True:
            t0 = next_due() if rate else time.perf_counter()
            if t0 >= end:
                break
            if rate and t0 > time.perf_counter():
                time.sleep(t0 - time.perf_counter())
            st, _, dt = raise_once(c, gp)
            if st == 201:
                mine.append(time.perf_counter() - t0 if rate else dt)
            else:
                with lock:
                    errors[0] += 1
        with lock:
            lat.extend(mine)

    label = "raise, %d clients, %s" % (CLIENTS, "open loop at %d/s" % rate if rate else "flat out")
    before, q = cpu_ticks(stack), statements(stack)
    t = time.perf_counter()
    ts = [threading.Thread(target=client, args=k) for k in tokens]
    for x in ts:
        x.start()
    for x in ts:
        x.join()
    wall = time.perf_counter() - t
    q = statements(stack) - q - 1
    print(line(label, lat, wall, errors[0] and "%d errors" % errors[0]))
    cpu_line("raise", before, cpu_ticks(stack), len(lat))
    if lat:
        print("  statements per raise: %.1f" % (q / float(len(lat) + errors[0])))


def raise_phase(stack):
    who = vles(stack, CLIENTS)
    tokens = [(login(stack.host, stack.port, u), int(gp)) for u, gp in who]
    c = Client(stack.host, stack.port, tokens[0][0])
    for _ in range(3):  # the workers' copies of the catalogue and calendars
        raise_once(c, tokens[0][1])
    q = statements(stack)
    raise_once(c, tokens[0][1])
    print("one raise (API): %d statements" % (statements(stack) - q - 1))
    raises(stack, tokens, 0)
    for rate in RATES:
        raises(stack, tokens, rate)


def cpu_line(label, before, after, n):
    """CPU ms per request of the workers and of mariadbd between two cpu_ticks."""
    hz = os.sysconf("SC_CLK_TCK")
    if n:
        print("  %s CPU per request: workers %.2f ms, mariadb %.2f ms" % ((label,) + tuple(
            1000.0 * (after[k] - before[k]) / hz / n for k in ("workers", "mariadb"))))


def escalation(stack):
    """For each chunk size of BENCH_CHUNKS: OVERDUE tickets made overdue at
    the BI (the same tickets each time), the summary rebuilt, then
    `ticket-escalate --chunk` timed, then again (it must find nothing)."""
    hz = os.sysconf("SC_CLK_TCK")
    for chunk in CHUNKS:
        stack.sql("UPDATE tickets SET status = 'assigned', resolver_role = 'bi', due_at = NOW() - INTERVAL 1 HOUR "
                  "WHERE number LIKE 'TB%%' AND id <= (SELECT MIN(id) FROM (SELECT id FROM tickets WHERE number LIKE 'TB%%') x) "
                  "+ %d - 1" % OVERDUE)
        rebuild(stack)
        for run in ("first", "again"):
            t, before, kids = time.perf_counter(), cpu_ticks(stack), os.times()
            out = stack.ctl("ticket-escalate", "--chunk", str(chunk)).strip()
            after, kids2 = cpu_ticks(stack), os.times()
            wall, db = time.perf_counter() - t, (after["mariadb"] - before["mariadb"]) / float(hz)
            changed = sum(int(x) for x in re.findall(r"(\d+) (?:escalated|closed)", out))
            print("ticket-escalate --chunk %d (%s run, %d overdue made): %.1f s — %s; CPU: gramsewactl %.1f s, "
                  "mariadb %.1f s%s"
                  % (chunk, run, OVERDUE, wall, out, kids2.children_user + kids2.children_system
                     - kids.children_user - kids.children_system, db,
                     " (%.3f ms a ticket changed)" % (1000.0 * db / changed) if changed else ""))


def main():
    stack = Stack()
    try:
        if stack.own:
            generate(stack)
        bi, di, sa = (login(stack.host, stack.port, u) for u in ("bi", "di", "stateadmin"))
        palamu = stack.sql("SELECT id FROM locations WHERE type = 'district' AND name_en = 'Palamu'")[0][0]
        print("tickets: %s in the database" % stack.sql("SELECT COUNT(*) FROM tickets")[0][0])
        if "reads" in PHASES:
            reads(stack, "BI's open tickets (list=my)", bi, "/api/v1/tickets?list=my")
            reads(stack, "BI's area (list=open)", bi, "/api/v1/tickets?list=open")
            reads(stack, "DI's dashboard, district by place", di, "/api/v1/tickets/dash?location=%s&by=place&days=30" % palamu)
            reads(stack, "state dashboard by type", sa, "/api/v1/tickets/dash?by=type&days=30")
            # while raising: the similar open tickets of a busy panchayat, as its VLE (who raised them all) and the BI
            gp = stack.sql("SELECT location_id FROM tickets WHERE number LIKE 'TB%' GROUP BY location_id "
                           "ORDER BY COUNT(*) DESC LIMIT 1")[0][0]
            similar = "/api/v1/tickets/similar?type=TECH_HW_INTERNET&location=%s&subject=Bench+ticket+77" % gp
            csc1 = stack.sql("SELECT id FROM users WHERE username = 'csc1'")[0][0]
            ty = stack.sql("SELECT id FROM ticket_types WHERE code = 'TECH_HW_INTERNET'")[0][0]
            for ix, q in (("k_ticket_similar", "location_id = %s" % gp), ("k_ticket_raiser_type", "raised_by = %s" % csc1)):
                print("  plan: " + " | ".join(" ".join(str(c) for c in r) for r in stack.sql(
                    "EXPLAIN SELECT t.id FROM tickets t FORCE INDEX (%s) WHERE t.type_id = %s AND t.%s "
                    "AND t.status IN ('new','assigned','in_progress','awaiting_info') ORDER BY t.id DESC LIMIT 50" % (ix, ty, q))))
            reads(stack, "similar open tickets, the VLE", login(stack.host, stack.port, "csc1"), similar)
            reads(stack, "similar open tickets, the BI", bi, similar)
        if "raise" in PHASES:
            raise_phase(stack)
        if "escalate" in PHASES:
            escalation(stack)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
