#!/usr/bin/env python3
"""exam.py — one exam window of the online exam through the real stack
(nginx → FastCGI workers → MariaDB).

  1. a private stack (bench/lib.sh) with the demo seed; a bank of 40
     questions in two categories and an exam drawing 10 of them, loaded
     with gramsewactl exam-import; $BENCH_CANDIDATES VLEs (5,000) made in
     SQL with API sessions of their own (log-ins would measure Argon2id);
  2. starts: every candidate starts an attempt (layout drawn and frozen),
     16 clients;
  3. answer saves: $BENCH_CLIENTS candidates (200) at once, each on its
     own keep-alive connection, saving every answer of its attempt: first
     $BENCH_PACED candidates (1000) reading each question for a random
     0..2×$BENCH_THINK seconds (5: an exam's pace is a question in tens of
     seconds), then the rest flat out (the capacity): p50/p95/p99;
  4. grading and certificates: the window ends (the attempts' deadlines
     are moved into the past in SQL: the bench does not wait an hour) and
     $BENCH_JOBS `gramsewactl exam-close` jobs at once (2) finish every
     attempt: graded, and about 60 % pass and get a signed PDF certificate
     with its QR; the wall time for all of them.

Targets (issue 14): answer save p95 < 20 ms at 200 concurrent candidates;
grading + certificate for 5,000 attempts < 60 s.  Prints figures only,
never asserts on timing.  Environment: BENCH_CANDIDATES (5000),
BENCH_CLIENTS (200), BENCH_JOBS (2), GS_BENCH_BUILD, BENCH_KEEP=1 as for
apps.py.  Standard library only.
"""
import hashlib
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apps import BUILD, Stack, Client, line, pct  # noqa: E402  (the stack and HTTP client of apps.py)

IST = 19800
CODE = "BENCH-EXAM"


def bank():
    cats = [{"code": "bx-%d" % k, "name_en": "Bench %d" % k, "name_hi": "बेंच %d" % k} for k in (1, 2)]
    qs = []
    for i in range(40):
        q = {"key": "bx-q%d" % i, "category": "bx-%d" % (1 + i % 2), "body_en": "Bench question %d" % i,
             "body_hi": "बेंच प्रश्न %d" % i, "marks": 1, "neg_marks": 0.25}
        if i % 4 == 0:
            q.update(type="tf", answer=True)
        elif i % 4 == 1:
            q.update(type="numeric", answer=i, tolerance=0.5)
        elif i % 4 == 2:
            q.update(type="multi", answer=[0, 2], options=[{"en": "o%d" % k, "hi": "वि%d" % k} for k in range(4)])
        else:
            q.update(type="single", answer=1, options=[{"en": "o%d" % k, "hi": "वि%d" % k} for k in range(4)])
        qs.append(q)
    t = time.time()
    fmt = lambda x: time.strftime("%Y-%m-%d %H:%M", time.gmtime(x + IST))
    ex = {"code": CODE, "title_en": "Bench exam", "title_hi": "बेंच परीक्षा", "audience": ["csc"], "opens_at": fmt(t - 3600),
          "closes_at": fmt(t + 6 * 3600), "time_limit_s": 3600, "pass_pct": 50, "max_attempts": 1,
          "layout": [{"category": "bx-1", "n": 5}, {"category": "bx-2", "n": 5}]}
    return {"categories": cats, "questions": qs, "exams": [ex]}


def setup(stack, n):
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(bank(), f)
    f.close()
    print(stack.ctl("exam-import", f.name).strip(), flush=True)
    os.unlink(f.name)
    t = time.time()
    place = stack.sql("SELECT location_id FROM role_holdings rh JOIN users u ON u.id = rh.user_id WHERE u.username = 'csc1'")[0][0]
    pw = stack.sql("SELECT pw_hash FROM users WHERE username='csc1'")[0][0]
    stack.sql("INSERT IGNORE INTO users (username, user_type, first_name, last_name, mobile, csc_id, pw_hash) "
              "SELECT CONCAT('bx', seq), 'csc', 'Bench', CONCAT('Candidate ', seq), '9100000000', CONCAT('BX', seq), '%s' "
              "FROM seq_1_to_%d" % (pw, n))
    stack.sql("INSERT INTO role_holdings (user_id, role, location_id, work_from) SELECT u.id, 'csc', %s, '2024-04-01' "
              "FROM users u LEFT JOIN role_holdings rh ON rh.user_id = u.id WHERE u.csc_id LIKE 'BX%%' AND rh.id IS NULL" % place)
    ids = [r[0] for r in stack.sql("SELECT id FROM users WHERE csc_id LIKE 'BX%' ORDER BY id")]
    toks, values = [], []
    for uid in ids:
        tok = secrets.token_urlsafe(32)
        toks.append(tok)
        values.append("(UNHEX('%s'), %s, 'api', NOW(), NOW(), NOW() + INTERVAL 1 DAY, '127.0.0.1', 'bench')"
                      % (hashlib.sha256(tok.encode()).hexdigest(), uid))
    for i in range(0, len(values), 400):
        stack.sql("SET time_zone = '+05:30'; INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen, expires_at, "
                  "ip, user_agent) VALUES " + ",".join(values[i:i + 400]))
    print("candidates with sessions: %d (%.1f s)" % (len(toks), time.time() - t), flush=True)
    return toks


def parallel(items, n_threads, fn):
    """fn(client_token, item) over items by n_threads; returns (latencies, wall, codes)."""
    lat, codes, lock = [], {}, threading.Lock()
    queue = list(items)
    t0 = time.perf_counter()

    def work():
        while True:
            with lock:
                if not queue:
                    return
                it = queue.pop()
            for st, dt in fn(it):
                with lock:
                    lat.append(dt)
                    codes[st] = codes.get(st, 0) + 1
    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    [th.start() for th in threads]
    [th.join() for th in threads]
    return lat, time.perf_counter() - t0, codes


def stack_pids(var):
    """The FastCGI workers (children of the pool's master) and mariadbd of the stack in var."""
    def pidfile(name):
        try:
            return int(open(os.path.join(var, "run", name)).read().split()[0])
        except (OSError, ValueError, IndexError):
            return None
    master, db = pidfile("gramsewa-fcgi.pid"), pidfile("mariadb.pid")
    workers = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                st = open("/proc/%s/stat" % d).read()
            except OSError:
                continue
            if int(st.rsplit(")", 1)[1].split()[1]) == master:
                workers.append(int(d))
    return workers, [db] if db else []


def cpu_ms(pids):
    """User + system CPU of pids so far, in ms (/proc/PID/stat utime + stime)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in pids:
        try:
            f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(f[11]) + int(f[12])
    return total * 1000.0 / tick


def cpu_line(before, after, saves):
    """CPU per save of the workers and MariaDB between two cpu_ms pairs."""
    if not saves:
        return "cpu: no saves"
    return "  cpu per save: FastCGI workers %.2f ms, MariaDB %.2f ms (over %d saves)" % (
        (after[0] - before[0]) / saves, (after[1] - before[1]) / saves, saves)


def right(slot):
    """A response, right about 70 % of the time."""
    ok = random.random() < 0.7
    t, n = slot["type"], int(slot["body_en"].split()[-1])
    if t == "tf":
        return ok
    if t == "numeric":
        return n if ok else n + 3
    if t == "multi":
        return [0, 2] if ok else [1]
    return 1 if ok else 0


def main():
    n = int(os.environ.get("BENCH_CANDIDATES", "5000"))
    clients = int(os.environ.get("BENCH_CLIENTS", "200"))
    jobs = int(os.environ.get("BENCH_JOBS", "2"))
    think = float(os.environ.get("BENCH_THINK", "5"))
    stack = Stack()
    try:
        kind = "-O0 debug build" if "--enable-debug" in open(os.path.join(BUILD, "config.log"), errors="replace").read() \
            else "optimised build"
        print("exam benchmark (%s, %d CPUs, load average %s)" % (kind, os.cpu_count(), open("/proc/loadavg").read().split()[0]),
              flush=True)
        toks = setup(stack, n)
        attempts = {}

        def start(tok):
            c = Client(stack.host, stack.port, tok)
            st, body, dt = c.request("POST", "/api/v1/exams/%s/attempts" % CODE)
            if st in (200, 201):
                attempts[tok] = json.loads(body)["slots"]
            return [(st, dt)]
        lat, wall, codes = parallel(toks, 16, start)
        print(line("attempt starts (layout drawn and frozen), 16 clients", lat, wall, codes), flush=True)
        random.seed(14)

        def answerer(think):
            def answer(tok):
                c = Client(stack.host, stack.port, tok)      # a candidate: a keep-alive connection of its own
                out = []
                for s in attempts.get(tok, []):
                    if think:
                        time.sleep(random.uniform(0, 2 * think))   # reading the question
                    st, _, dt = c.request("POST", "/api/v1/exams/%s/attempts/1/answers/%d" % (CODE, s["slot"]),
                                          {"response": right(s)})
                    out.append((st, dt))
                if c.c:
                    c.c.close()
                return out
            return answer
        cands = list(attempts)
        paced = cands[:min(len(cands), int(os.environ.get("BENCH_PACED", "1000")))]
        workers, db = stack_pids(stack.var)
        cpu = lambda: (cpu_ms(workers), cpu_ms(db))   # noqa: E731
        before = cpu()
        lat, wall, codes = parallel(paced, clients, answerer(think))
        print(line("answer saves, %d candidates at once, %.1f s to read each question on average" % (clients, think), lat, wall,
                   codes), flush=True)
        print(cpu_line(before, cpu(), len(lat)), flush=True)
        before = cpu()
        lat, wall, codes = parallel(cands[len(paced):], clients, answerer(0))
        print(line("answer saves, %d candidates at once flat out (capacity)" % clients, lat, wall, codes), flush=True)
        print(cpu_line(before, cpu(), len(lat)), flush=True)
        stack.sql("UPDATE exam_attempts SET deadline_at = NOW() - INTERVAL 2 HOUR WHERE state = 'inprogress'")
        conf = os.path.join(stack.var, "gramsewa.conf")
        t = time.perf_counter()
        procs = [subprocess.Popen([os.path.join(BUILD, "gramsewactl"), "-c", conf, "exam-close"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(jobs)]
        outs = [p.communicate()[0] for p in procs]
        wall = time.perf_counter() - t
        done = sum(o.count(" finished: ") for o in outs)
        certs = sum(o.count("certificate ") for o in outs)
        print("grading + certificates: %d attempts finished (%d passed with a signed certificate) by %d exam-close jobs in %.1f s "
              "(%.1f attempts/s)" % (done, certs, jobs, wall, done / wall if wall else 0), flush=True)
        left = stack.sql("SELECT COUNT(*) FROM exam_attempts WHERE state <> 'finished'")[0][0]
        print("attempts left open: %s" % left, flush=True)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
