"""Log-in hardening: the lock-out under parallel guesses, the password-reset
throttle that must not reveal which usernames exist, redirects after log-in
and language switch that must stay on this site, and the config file that
holds the secrets."""
import http.client
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import threading
import time
import urllib.parse

from gs import Client, test, eq, run, sql, HOST, PORT, VAR, CTL
from lifecycle import create_employee

RUN = str(int(time.time() * 1000) % 10000000)
FAILED = "The username or password is not right"
SENT = "we have sent an OTP"


def api_login_status(username, password):
    """POST /api/v1/auth/login on a connection of its own; the status."""
    c = http.client.HTTPConnection(HOST, PORT, timeout=120)
    try:
        c.request("POST", "/api/v1/auth/login", body=json.dumps({"username": username, "password": password}),
                  headers={"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        return r.status
    finally:
        c.close()


def audit_count(action, username):
    return int(sql("SELECT COUNT(*) FROM audit_log WHERE entity='user' AND entity_id='%s' AND action='%s'"
                   % (username, action))[0][0])


@test
def parallel_wrong_passwords_keep_the_lock():
    admin = Client()
    admin.login("stateadmin")
    user, pw = create_employee(admin, "race" + RUN, mobile="9123456701")
    max_fail = 5  # login_max_fail (the stack uses the default)
    burst = 20
    gate = threading.Barrier(burst)
    statuses = []

    def guess(i):
        gate.wait()
        statuses.append(api_login_status(user, "wrong-password-%d" % i))

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(burst)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    eq(sorted(statuses), [401] * burst, "every wrong password refused")
    checked = audit_count("login.failed", user)
    assert checked <= max_fail, "%d passwords were checked against the real hash; at most %d may be" % (checked, max_fail)
    eq(checked + audit_count("login.refused_locked", user), burst, "every guess is either checked or refused as locked")
    eq(audit_count("login.locked", user), 1, "the lock was set once and never undone by a later failure")
    eq(sql("SELECT locked_until > NOW() + INTERVAL 10 MINUTE, failed_logins FROM users WHERE username='%s'" % user)[0],
       ["1", str(max_fail)], "locked for the configured time after the fifth failure")
    # while locked even the right password is refused, with the same answer
    eq(api_login_status(user, pw), 401, "right password during the lock (API)")
    c = Client()
    r = c.form_post("/login", "/login", {"username": user, "password": pw})
    assert FAILED in r.text and "gs_s" not in c.cookies, "right password during the lock (page)"
    eq(audit_count("login", user), 0, "no log-in while locked")


def reset(username, client=None):
    c = client or Client()
    return c.form_post("/login/reset", "/login/reset", {"username": username})


@test
def reset_throttle_same_for_known_and_unknown_usernames():
    admin = Client()
    admin.login("stateadmin")
    known, _ = create_employee(admin, "rst" + RUN, mobile="9123456702")
    unknown = "nosuch" + RUN
    pages = {name: [reset(name) for _ in range(4)] for name in (known, unknown)}
    statuses = {name: [r.status for r in rs] for name, rs in pages.items()}
    eq(statuses[unknown], statuses[known], "an unknown username is throttled exactly like a real one")
    eq(statuses[known], [200, 200, 200, 429], "three tries, then wait")
    for rs in pages.values():
        assert all(SENT in r.text for r in rs[:3]) and "Too many attempts" in rs[3].text, "the same pages"


@test
def reset_throttle_per_client_address_for_any_username():
    # a different username each time from one address: only the per-address
    # throttle can stop it
    probe = Client()
    statuses = [reset("probe%s-%d" % (RUN, i), probe).status for i in range(40)]
    assert 429 in statuses, "40 usernames from one address were never throttled"
    first = statuses.index(429)
    assert 10 <= first <= 35, "throttled after %d tries" % first
    admin = Client()
    admin.login("stateadmin")
    known, _ = create_employee(admin, "rsip" + RUN, mobile="9123456703")
    eq(reset(known, probe).status, 429, "a real username from that address gets the same answer")
    eq(reset("probe%s-x" % RUN, probe).status, 429, "and an unknown one")
    eq(reset("probe%s-y" % RUN).status, 200, "another address is not throttled")


HOSTILE = ["//evil.example/", "/\\evil.example", "/%09/evil.example", "/%0d/evil.example", "/%0a/evil.example",
           "/%0D%0A/evil.example", "%09//evil.example", "/%5Cevil.example", "https://evil.example/",
           "javascript:alert(1)", "/ok%0d%0aSet-Cookie:x=1", "/a%09b", "", "/" + "a" * 600]


@test
def lang_switch_stays_on_this_site():
    for nxt in HOSTILE:
        r = Client().get("/lang?lang=en&next=" + nxt)
        eq(r.status, 303, "next=" + nxt)
        eq(r.header("Location"), "/", "next=" + nxt)
    r = Client().get("/lang?lang=hi&next=/services/INC%3Fx%3D1")
    eq(r.header("Location"), "/services/INC?x=1", "a local path is kept")


@test
def login_next_stays_on_this_site():
    for nxt in HOSTILE:
        c = Client()
        page = c.get("/login?next=" + nxt)
        assert 'name="next" value=""' in page.text, "the form does not carry next=" + nxt
        # a hostile next posted straight to the form is ignored as well
        r = c.post("/login", {"csrf": c.csrf_from(page.text), "username": "co", "password": "demo-pass-2026",
                              "next": urllib.parse.unquote(nxt)})
        eq(r.status, 303, "logged in")
        eq(r.header("Location"), "/desk", "next=" + nxt)
    c = Client()
    page = c.get("/login?next=/desk/app")
    r = c.post("/login", {"csrf": c.csrf_from(page.text), "username": "co", "password": "demo-pass-2026",
                          "next": "/desk?x=1"})
    eq(r.header("Location"), "/desk?x=1", "a local next is followed")


def conf_copy(tmp, mode, keep_secrets=True):
    """The stack's config copied into tmp with its own socket and pid file
    (so a program started on it cannot touch the running stack)."""
    src = open(os.path.join(VAR, "gramsewa.conf"), encoding="utf-8").read().splitlines()
    out = []
    for line in src:
        key = line.split("=", 1)[0].strip()
        if key in ("socket", "pid_file"):
            continue
        if not keep_secrets and key in ("secret", "key_passphrase", "pay_key", "digilocker_key", "db_password",
                                        "telephony_webhook_secret"):
            continue
        out.append(line)
    out += ["socket = %s/fcgi.sock" % tmp, "pid_file = %s/fcgi.pid" % tmp]
    path = os.path.join(tmp, "gramsewa.conf")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.chmod(path, mode)
    return path


def run_prog(args, timeout=15):
    """Runs a program; (exit status, stderr).  A server that does not
    refuse keeps running: it is stopped and counts as a failure."""
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = p.communicate(timeout=timeout)
        return p.returncode, err
    except subprocess.TimeoutExpired:
        p.terminate()
        p.communicate(timeout=30)
        return None, "still running after %ds" % timeout


@test
def generated_config_is_private():
    mode = stat.S_IMODE(os.stat(os.path.join(VAR, "gramsewa.conf")).st_mode)
    eq(oct(mode), oct(0o600), "mode of the generated gramsewa.conf")


@test
def programs_refuse_a_readable_config_with_secrets():
    fcgi = os.path.join(os.path.dirname(CTL), "gramsewa-fcgi")
    tmp = tempfile.mkdtemp()
    try:
        for mode in (0o644, 0o640, 0o604):
            path = conf_copy(tmp, mode)
            rc, err = run_prog([CTL, "-c", path, "config"])
            assert rc not in (0, None), "gramsewactl ran on a %s config: %s" % (oct(mode), err)
            assert "chmod 600" in err and path in err, "gramsewactl says why: " + err
            rc, err = run_prog([fcgi, "-c", path])
            assert rc not in (0, None), "gramsewa-fcgi started on a %s config: %s" % (oct(mode), err)
            assert "chmod 600" in err and path in err, "gramsewa-fcgi says why: " + err
            assert not os.path.exists(os.path.join(tmp, "fcgi.sock")), "refused before listening"
        # the same file at 0600 is fine, and so is a readable one without secrets
        eq(run_prog([CTL, "-c", conf_copy(tmp, 0o600), "config"])[0], 0, "0600 config")
        eq(run_prog([CTL, "-c", conf_copy(tmp, 0o644, keep_secrets=False), "config"])[0], 0,
           "a readable config without secrets")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def csrf_token_is_masked_afresh_on_every_page():
    """HTML goes out gzipped (nginx), so a secret that is the same in every
    response could be read byte by byte through compressed sizes (BREACH).
    Each page carries the session's CSRF token under a fresh random mask;
    every masked form is accepted, a forged one is not."""
    c = Client()
    c.login("co")
    toks = [c.csrf_from(c.get("/profile").text) for _ in range(3)]
    assert all(toks), toks
    eq(len(set(toks)), 3, "three pages, three different token texts")
    # an empty first name: 422 once the token passed, 403 when it did not
    blank = {"first_name": "", "lang": "en"}
    for tok in toks:
        eq(c.post("/profile", dict(blank, csrf=tok)).status, 422, "a masked token of this session is accepted")
    forged = toks[0][:-2] + ("AA" if not toks[0].endswith("AA") else "BB")
    eq(c.post("/profile", dict(blank, csrf=forged)).status, 403, "a forged token is refused")
    other = Client()
    other.login("ci")
    eq(other.post("/profile", dict(blank, csrf=toks[0])).status, 403, "another session's token is refused")


if __name__ == "__main__":
    run()
