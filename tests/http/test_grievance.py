"""test_grievance.py — grievances (issue 15, item 5): the ticket engine with
kind grievance.  A citizen files online; a CSC files for a citizen for a
fee from its wallet and earns the grievance commission; the grievance is
routed to the department's resolver over the citizen's place; the citizen
gets the acknowledgement and resolution SMS, tracks it on /track, rates
it, and appeals the answer to the next level; /transparency counts them."""
import re
import time

from gs import Client, test, eq, run, sql, ctl
from lifecycle import citizen

RUN = str(int(time.time() * 1000) % 10000000)
MOBILE = "96%08d" % (int(RUN) % 100000000)
_c = {}


def me():
    """The citizen, logged in on the web and the API (once: OTPs are limited)."""
    if "w" not in _c:
        _c["w"], _c["a"] = citizen(MOBILE)
    return _c["w"], _c["a"]


def jamune():
    return int(sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Jamune'")[0][0])


def api(user):
    c = Client()
    c.api_login(user)
    return c


def uid(username):
    return sql("SELECT id FROM users WHERE username='%s'" % username)[0][0]


def grievance(c, **kw):
    body = {"type": "GRV_REV_DELAY", "location": jamune(), "subject": "Caste certificate late " + RUN,
            "body": "Applied 60 days ago, no certificate yet."}
    body.update(kw)
    return c.api("POST", "/tickets", body)


def balance(user):
    return int(sql("SELECT w.balance_paise FROM accounts w JOIN users u ON u.id = w.user_id WHERE u.username='%s' "
                   "AND w.kind='wallet'" % user)[0][0])


@test
def a_citizen_files_online_and_it_goes_to_the_department_resolver():
    _, a = me()
    r = grievance(a)
    eq(r.status, 201, "filed: %r" % r)
    g = r.json()
    assert g["number"].startswith("GR"), g["number"]
    eq(g["kind"], "grievance", "kind")
    eq(g["assignee"]["ref"], "resolver", "the Revenue resolver of Palamu")
    eq(g["raised_for_mobile"], MOBILE, "her own mobile")
    eq(sql("SELECT recipient FROM notifications WHERE event='ticket.raise' AND ref='%s'" % g["number"]), [[MOBILE]], "ack SMS")
    # a citizen files grievances, not support tickets
    r = a.api("POST", "/tickets", {"type": "TECH_HW_PRINTER", "location": jamune(), "subject": "Printer", "body": "jams"})
    eq(r.status, 422, "support type: %r" % r)
    assert "type" in r.json()["error"]["fields"], r.json()
    # her list has it
    eq([t["number"] for t in a.api("GET", "/tickets?list=raised").json()["items"]][:1], [g["number"]], "her list")


@test
def a_csc_files_for_a_fee_and_earns_the_commission():
    csc = api("csc1")
    before = balance("csc1")
    r = grievance(csc, mobile=MOBILE, subject="Filed at the CSC " + RUN)
    eq(r.status, 201, "filed: %r" % r)
    number = r.json()["number"]
    eq(r.json()["channel"], "app", "through the API")
    fee = int(sql("SELECT fee_paise FROM tickets WHERE number='%s'" % number)[0][0])
    eq(fee, 500, "the fee")
    eq(balance("csc1"), before - 500 + 200, "the fee out, the commission back")
    ctl("ledger-verify")
    # the citizen it was filed for sees it as hers
    _, a = me()
    eq(a.api("GET", "/tickets/" + number).status, 200, "hers")
    assert number in [t["number"] for t in a.api("GET", "/tickets?list=raised").json()["items"]], "in her list"
    # without a citizen's mobile there is no grievance
    eq(grievance(csc).status, 422, "the citizen's mobile is required")
    # the page says the fee
    web = Client()
    web.login("csc1")
    page = web.get("/grievance/new")
    eq(page.status, 200, "form")
    assert "₹5" in page.text and "GRV_REV_DELAY" in page.text, "fee and catalogue"


@test
def track_resolution_rating_and_appeal_to_the_next_level():
    w, a = me()
    number = grievance(a, subject="To appeal " + RUN).json()["number"]
    # tracked with her mobile, not with another
    t = Client().form_post("/track", "/track", {"number": number, "mobile": MOBILE})    # posted: no mobile in a URL
    eq(t.status, 200, "track")
    assert number in t.text and "Certificate not given in time" in t.text, "found"
    other = Client().form_post("/track", "/track", {"number": number, "mobile": "9000000001"})
    assert "Certificate not given in time" not in other.text and "error-summary" in other.text, \
        "another mobile does not see it"
    res = api("resolver")
    r = res.api("POST", "/tickets/%s/actions" % number, {"action": "resolve", "code": "referred",
                                                        "body": "Sent to the circle office"})
    eq(r.status, 200, "resolved: %r" % r)
    eq(sql("SELECT recipient FROM notifications WHERE event='ticket.resolve' AND ref='%s'" % number), [[MOBILE]],
       "resolution SMS to her")
    eq(a.api("POST", "/tickets/%s/actions" % number, {"action": "rate", "rating": 2}).status, 200, "rated")
    eq(a.api("POST", "/tickets/%s/actions" % number, {"action": "appeal"}).status, 422, "an appeal says why")
    r = a.api("POST", "/tickets/%s/actions" % number, {"action": "appeal", "body": "Still no certificate"})
    eq(r.status, 200, "appealed: %r" % r)
    eq(r.json()["status"], "assigned", "open again")
    eq(r.json()["resolver_role"], "pmu", "one level up")
    eq(sql("SELECT assignee_id, appeals FROM tickets WHERE number='%s'" % number)[0], [uid("pmu"), "1"], "with the PMU")
    # the top level's answer cannot be appealed further
    api("pmu").api("POST", "/tickets/%s/actions" % number, {"action": "resolve", "code": "fixed", "body": "Issued today"})
    eq(a.api("POST", "/tickets/%s/actions" % number, {"action": "appeal", "body": "again"}).status, 409, "top level")
    # support tickets have no appeal
    csc = api("csc1")
    t = csc.api("POST", "/tickets", {"type": "TECH_HW_INTERNET", "location": jamune(), "subject": "Internet " + RUN,
                                     "body": "jams"}).json()["number"]
    api("bi").api("POST", "/tickets/%s/actions" % t, {"action": "resolve", "code": "fixed", "body": "ok"})
    eq(csc.api("POST", "/tickets/%s/actions" % t, {"action": "appeal", "body": "no"}).status, 409, "not a grievance")
    # on the page, the citizen sees the thread and the appeal form
    page = w.get("/tickets/" + number)
    eq(page.status, 200, "her page")


@test
def others_do_not_see_her_grievance():
    _, a = me()
    number = grievance(a, subject="Private " + RUN).json()["number"]
    for user in ("csc2", "bi2"):
        eq(api(user).api("GET", "/tickets/" + number).status, 404, user)
    other, _ = citizen("95%08d" % (int(RUN) % 100000000), web=True, api=False)
    eq(other.get("/tickets/" + number).status, 404, "another citizen")


@test
def transparency_counts_grievances():
    page = Client().get("/transparency")
    eq(page.status, 200, "page")
    m = re.search(r"Grievances</h2>\s*<dl[^>]*><dt>Received</dt><dd>(\d+)</dd>", page.text)
    assert m and int(m.group(1)) >= 1, "grievance counts shown"


run()
