"""The citizen's and the operator's filing journey (issue 12): in by mobile
number and back to the form they started, staff at their own log-in
address, error messages that name their field, the apply steps ending in
"Check your answers", and tracking without the mobile number in the URL."""
import re
import time
import urllib.parse

from gs import Client, test, eq, run, notifications_log

RUN = int(time.time() * 1000) % 1000000


def fresh_mobile(k):
    """A mobile number no other run has used (3 OTPs per number in 15 min)."""
    return "7%06d%03d" % (RUN, k)


def otp_after(mobile, send):
    """Runs send() and returns (its response, the log-in OTP it caused)."""
    pattern = r"to=%s .*? (\d{6}) is your GramSewa log-in OTP" % mobile
    before = len(re.findall(pattern, notifications_log()))
    r = send()
    deadline = time.time() + 5
    while time.time() < deadline:
        found = re.findall(pattern, notifications_log())
        if len(found) > before:
            return r, found[-1]
        time.sleep(0.05)   # the SMS log is written by another process
    raise AssertionError("no OTP for %s" % mobile)


def hidden(html, name):
    m = re.search(r'<input type="hidden" name="%s" value="([^"]*)"' % name, html)
    return m.group(1) if m else None


@test
def start_now_asks_a_citizen_for_the_mobile_number():
    c = Client()
    r = c.get("/apply/INC")
    eq(r.status, 303, "not logged in")
    loc = r.header("Location")
    eq(loc, "/login?next=" + urllib.parse.quote("/apply/INC", safe=""), "to the citizen's log-in")
    r = c.get(loc)
    eq(r.status, 200, "log-in page")
    assert "What is your mobile number?" in r.text, "asks for the mobile number first"
    assert 'id="f-username"' not in r.text, "no staff username form for citizens"
    eq(hidden(r.text, "next"), "/apply/INC", "where the citizen was going is kept")
    assert 'href="/staff/login' in r.text, "staff find their own address"


@test
def otp_log_in_goes_back_to_the_form_started():
    c = Client()
    mobile = fresh_mobile(1)
    page = c.get("/login?next=%2Fapply%2FINC")
    tok = c.csrf_from(page.text)
    r, code = otp_after(mobile, lambda: c.post("/login/otp", {"csrf": tok, "mobile": mobile, "next": "/apply/INC"}))
    eq(r.status, 200, "OTP sent")
    eq(hidden(r.text, "next"), "/apply/INC", "the OTP page keeps where to go")
    r = c.post("/login/otp/verify", {"csrf": c.csrf_from(r.text), "mobile": mobile, "otp": code, "next": "/apply/INC"})
    eq(r.status, 303, "logged in")
    eq(r.header("Location"), "/apply/INC", "back to the form, even on the first log-in")
    eq(c.get("/apply/INC").status, 200, "and the form opens")


@test
def otp_log_in_never_goes_to_another_site():
    c = Client()
    mobile = fresh_mobile(2)
    page = c.get("/login")
    tok = c.csrf_from(page.text)
    r, code = otp_after(mobile, lambda: c.post("/login/otp", {"csrf": tok, "mobile": mobile, "next": "//evil.example/x"}))
    r = c.post("/login/otp/verify", {"csrf": c.csrf_from(r.text), "mobile": mobile, "otp": code,
                                     "next": "//evil.example/x"})
    eq(r.status, 303, "logged in")
    assert not r.header("Location").startswith("//"), "stays on this site: %s" % r.header("Location")


@test
def staff_sign_in_at_their_own_address():
    c = Client()
    r = c.get("/desk")
    eq(r.status, 303, "not logged in")
    eq(r.header("Location"), "/staff/login?next=%2Fdesk", "a staff page sends to the staff log-in")
    page = c.get(r.header("Location"))
    eq(page.status, 200, "staff log-in page")
    assert 'id="f-username"' in page.text and 'action="/staff/login"' in page.text, "username and password form"
    r = c.post("/staff/login", {"csrf": c.csrf_from(page.text), "username": "co", "password": "demo-pass-2026",
                                "next": hidden(page.text, "next")})
    eq(r.status, 303, "signed in")
    eq(r.header("Location"), "/desk", "back to the page asked for")


run()
