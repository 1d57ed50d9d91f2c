"""gs.py — a small HTTP test kit for GramSewa over the real stack.

Each test is a function decorated with @test; run() calls them in order and
prints "ok - name" or "not ok - name: reason" per test.  Client keeps cookies,
fetches CSRF tokens from forms, and speaks JSON for the API.  Standard
library only (Debian's python3)."""
import http.client
import json
import os
import re
import subprocess
import sys
import time
import traceback
import urllib.parse

BASE = os.environ.get("GS_TEST_BASE", "http://127.0.0.1:8080")
VAR = os.environ.get("GS_TEST_VAR", "")
CTL = os.environ.get("GS_TEST_CTL", "build/gramsewactl")
_u = urllib.parse.urlsplit(BASE)
HOST, PORT = _u.hostname, _u.port or 80
PASSWORD = "demo-pass-2026"

_tests = []


def test(fn):
    _tests.append(fn)
    return fn


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def __repr__(self):
        return "<%d %s>" % (self.status, self.text[:200])


_ips = iter(range(1, 1 << 22))
_IP_BASE = (os.getpid() % 200 + 20) << 16


def _next_ip():
    """A loopback address of its own (127.x.y.z): each client is a different
    visitor to the product's per-address limits, as real visitors are."""
    n = _IP_BASE + next(_ips)
    return "127.%d.%d.%d" % ((n >> 16) & 255, (n >> 8) & 255, max(n & 255, 1))


class Client:
    """A browser-like client: cookies, CSRF, no automatic redirects; it
    connects from a loopback address of its own (ip=... to choose one)."""

    def __init__(self, token=None, ip=None):
        self.cookies = {}
        self.token = token
        self.ip = ip or _next_ip()

    def request(self, method, path, body=None, headers=None, ctype=None, raw=False):
        h = dict(headers or {})
        if self.cookies and not path.startswith("/api/"):
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if body is not None and not isinstance(body, (bytes, bytearray)):
            if ctype == "json" or (ctype is None and not isinstance(body, dict)):
                body = json.dumps(body).encode()
                h.setdefault("Content-Type", "application/json")
            else:
                body = urllib.parse.urlencode(body, doseq=True).encode()
                h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif ctype:
            h["Content-Type"] = ctype
        path = urllib.parse.quote(path, safe="/?=&%:@+,;~!*'()$[]")
        c = http.client.HTTPConnection(HOST, PORT, timeout=60, source_address=(self.ip, 0))
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
            hdrs = r.getheaders()
        finally:
            c.close()
        for k, v in hdrs:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                val = rest.split(";")[0]
                if "Max-Age=0" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        return Resp(r.status, hdrs, data)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, data=None, **kw):
        return self.request("POST", path, body=data if data is not None else {}, **kw)

    def csrf_from(self, html):
        m = re.search(r'name="csrf" value="([^"]+)"', html)
        return m.group(1) if m else None

    def form_post(self, page, action, data, ctype=None):
        """GET page, take its CSRF token, POST data to action."""
        r = self.get(page)
        assert r.status == 200, "GET %s -> %d" % (page, r.status)
        tok = self.csrf_from(r.text)
        assert tok, "no csrf token on " + page
        d = dict(data)
        d["csrf"] = tok
        return self.post(action, d, ctype=ctype)

    def login(self, username, password=PASSWORD):
        r = self.form_post("/login", "/login", {"username": username, "password": password})
        assert r.status == 303, "login %s -> %d %s" % (username, r.status, r.text[:300])
        return r

    def api_login(self, username, password=PASSWORD):
        r = self.request("POST", "/api/v1/auth/login", body={"username": username, "password": password}, ctype="json")
        assert r.status == 200, "api login %s -> %r" % (username, r)
        self.token = r.json()["token"]
        return r.json()

    def api(self, method, path, body=None, headers=None):
        return self.request(method, "/api/v1" + path, body=body, headers=headers, ctype="json" if body is not None else None)


def ctl(*args, check=True, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run([CTL, "-c", os.path.join(VAR, "gramsewa.conf")] + list(args),
                       capture_output=True, text=True, env=e)
    if check and p.returncode != 0:
        raise AssertionError("gramsewactl %s failed (%d): %s %s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def workers():
    """The supervisor's pid and its workers' pids."""
    pid = int(open(os.path.join(VAR, "run/gramsewa-fcgi.pid")).read())
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return pid, sorted(int(x) for x in out)


def reload_workers():
    """SIGHUP the supervisor (it re-reads the config) and wait until every
    worker has been replaced; returns the new workers."""
    import signal
    sup, before = workers()
    os.kill(sup, signal.SIGHUP)
    deadline = time.time() + 15
    after = before
    while time.time() < deadline:
        _, after = workers()
        if len(after) == len(before) and not set(after) & set(before):
            break
        time.sleep(0.05)
    return after


# Time.  The product keeps Indian Standard Time (UTC+05:30) whatever the
# machine's zone, so a test never asks the machine for "today" (its date is
# the UTC date here, a day behind after 18:30 UTC): it asks these.  Under the
# test clock the runner gives the workers and these helpers the same
# GS_FAKE_NOW="T@A" (the clock read T at real time A and runs on).
IST = 5 * 3600 + 30 * 60
_T0 = time.time()


def now():
    """Unix seconds on the product's clock (the test clock when one is set)."""
    fake = os.environ.get("GS_FAKE_NOW", "")
    if not fake:
        return time.time()
    t, _, anchor = fake.partition("@")
    return int(t) + time.time() - (int(anchor) if anchor else _T0)


def today(days=0):
    """The IST date (YYYY-MM-DD) the product calls today, plus days."""
    return time.strftime("%Y-%m-%d", time.gmtime(now() + IST + days * 86400))


def iso_time(offset=0):
    """The product's clock as ISO 8601 with +05:30, offset seconds away."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+05:30", time.gmtime(now() + IST + offset))


def fin_year(day):
    """The financial year (April to March) of a YYYY-MM-DD date: 2026-27."""
    y = int(day[:4]) - (int(day[5:7]) < 4)
    return "%d-%02d" % (y, (y + 1) % 100)


def sql(query):
    """Run SQL on the test database (for checking outcomes, never for setup
    that the product can do itself).  Returns rows as lists of strings.  The
    session is the product's: IST, and on the test clock, so NOW() and
    CURDATE() here mean what they mean in the product."""
    clock = "SET time_zone = '+05:30';"
    if os.environ.get("GS_FAKE_NOW"):
        clock += " SET timestamp = %.6f;" % now()
    p = subprocess.run(["mariadb", "--no-defaults", "--socket=" + os.path.join(VAR, "run/mariadb.sock"),
                        "-N", "-B", "gramsewa", "-e", clock + " " + query], capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError("sql failed: " + p.stderr)
    return [line.split("\t") for line in p.stdout.splitlines()]


def send_notifications():
    """Runs the sender until nothing is due (one run takes at most 1,000, and
    a whole suite queues more)."""
    while True:
        out = ctl("send-notifications").stdout
        if re.search(r"notifications: 0 due", out):
            return


def notifications_log():
    try:
        with open(os.path.join(VAR, "log/notifications.log"), encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return ""


_API = {}


def api_as(user):
    """An API client logged in as user (one per user, kept for the run)."""
    if user not in _API:
        c = Client()
        c.api_login(user)
        _API[user] = c
    return _API[user]


def trusting_nssdb(tmp):
    """An NSS database in tmp trusting the stack's CA, for pdfsig -nssdir."""
    d = os.path.join(tmp, "nss")
    if not os.path.isdir(d):
        os.makedirs(d)
        subprocess.run(["certutil", "-N", "-d", "sql:" + d, "--empty-password"], check=True, capture_output=True)
        subprocess.run(["certutil", "-A", "-d", "sql:" + d, "-n", "GramSewa CA", "-t", "CT,C,C", "-i",
                        os.path.join(VAR, "data/keys/ca.cert.pem")], check=True, capture_output=True)
    return d


def eq(a, b, what=""):
    assert a == b, "%s: expected %r, got %r" % (what, b, a)


def run():
    passed = failed = 0
    only = sys.argv[1:] or None
    for fn in _tests:
        if only and fn.__name__ not in only:
            continue
        name = fn.__name__
        try:
            fn()
            passed += 1
            print("ok - %s" % name, flush=True)
        except Exception as e:  # noqa: BLE001 - report every failure as a test result
            failed += 1
            msg = str(e).replace("\n", " ")[:400]
            print("not ok - %s: %s" % (name, msg), flush=True)
            traceback.print_exc(limit=3, file=sys.stdout)
    print("%d passed, %d failed" % (passed, failed), flush=True)
    sys.exit(1 if failed else 0)
