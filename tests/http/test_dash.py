"""Dashboards: a known set of applications in a state of its own, every
figure on the state, district, block and office views, the CSV and the
public page checked against hand-computed values; rebuild-stats gives the
same; the desk, the dashboard and a direct count agree; jurisdiction and
bad input."""
import csv
import io
import re
import time

from gs import Client, test, eq, run, ctl, sql, reload_workers, today
from lifecycle import file_app, officer, act

RUN = str(int(time.time() * 1000) % 10000000)
STATE = "Dashland " + RUN
W = {}
PW = {}     # first passwords of the people hired here


def ids(type_):
    return [r[0] for r in sql("SELECT l.id FROM locations l JOIN locations s ON s.name_en='%s' AND l.path LIKE CONCAT(s.path,'%%') "
                              "WHERE l.type='%s' ORDER BY l.id" % (STATE, type_))]


def hire(username, role, district, block=None, panchayat=None):
    admin = Client()
    admin.login("stateadmin")
    form = {"username": username, "first_name": "Dash", "last_name": role, "mobile": "9123456782", "user_type": "staff",
            "role": role, "place_district": district, "work_from": "2025-01-01"}
    if block:
        form["place_block"] = block
    if panchayat:
        form["place_panchayat"] = panchayat
    r = admin.form_post("/admin/users/new", "/admin/users/new", form)
    eq(r.status, 200, "hire %s: %s" % (role, re.sub(r"\s+", " ", r.text)[:200]))
    pw = re.search(r"<code>([^<]+)</code>", r.text).group(1)
    PW[username] = pw
    c = Client()
    c.api_login(username, pw)
    return c


def next_and(c, office, role, action, **kw):
    r = c.api("POST", "/desk/next", {"office": office, "role": role})
    eq(r.status, 200, "next")
    number = r.json()["number"]
    body = {"action": action}
    body.update(kw)
    res = c.api("POST", "/applications/%s/actions" % number, body)
    eq(res.status, 200, "%s %s: %r" % (action, number, res))
    return number


@test
def build_known_state():
    W["from"] = today()     # the figures count from the day this starts
    ctl("gen-state", "--districts", "2", "--blocks", "2", "--panchayats", "2", "--villages", "4", "--name", STATE)
    W["state"] = ids("state")[0]
    W["district"] = ids("district")[0]
    W["block"] = ids("block")[0]
    W["village"] = ids("village")[0]
    W["circle"] = sql("SELECT id FROM offices WHERE location_id=%s AND level='circle'" % W["block"])[0][0]
    W["k"] = k = hire("dk" + RUN, "karmachari", W["district"], W["block"])
    ci = hire("dci" + RUN, "ci", W["district"], W["block"])
    co = hire("dco" + RUN, "co", W["district"], W["block"])
    ctl("ca", "issue", "--user", "dco" + RUN)
    W["dm"] = hire("ddm" + RUN, "dm", W["district"])
    v = int(W["village"])
    # six applications: 3 income (one Tatkal) by csc1, 2 caste by csc2, 1 residence by the Swayam Sewak
    A1, _ = file_app("INC", filer="csc1", place=v)
    A2, _ = file_app("INC", filer="csc1", place=v)
    A3, _ = file_app("INC", filer="csc1", place=v, tatkal=True)
    B1, _ = file_app("CST", filer="csc2", place=v)
    B2, _ = file_app("CST", filer="csc2", place=v)
    C1, _ = file_app("RES", filer="sewak", place=v)
    W.update(A1=A1, A2=A2, A3=A3, B1=B1, B2=B2, C1=C1)
    off = int(W["circle"])
    # C1 taken out of turn (A3, the Tatkal one, is at the head): one out-of-order action
    r = act(k, C1, "forward", out_of_order_reason="Applicant needs it for an admission today")
    eq(r.status, 200, "out of order")
    eq(next_and(k, off, "karmachari", "return", remarks="Attach the salary slip", return_fields=["annual_income"]), A3, "tatkal first")
    eq(next_and(k, off, "karmachari", "forward"), A1, "then FIFO")
    eq(next_and(k, off, "karmachari", "reject", remarks="Not a resident of this circle"), A2, "")
    eq(next_and(k, off, "karmachari", "forward"), B1, "")
    for want in (C1, A1, B1):
        eq(next_and(ci, off, "ci", "forward"), want, "ci order")
    for want in (C1, A1, B1):
        eq(next_and(co, off, "co", "approve"), want, "co order")
    # B2 waits at the first stage and is past its time limit (time travel on the due date)
    sql("UPDATE applications SET due_date = CURDATE() - INTERVAL 1 DAY WHERE number='%s'" % B2)


EXPECT = {"received": 6, "approved": 3, "rejected": 1, "disposed": 4, "pending": 2, "pending_beyond_sla": 1,
          "sla_compliance_pct": 100, "avg_days_x10": 0, "p90_days": 0, "tatkal_pct": 17, "returned_pct": 17,
          "out_of_order": 1, "appeals": 0}


def span():
    """The query string of the days since build_known_state began (one day,
    unless the run crossed midnight IST), or of today."""
    return "from=%s&to=%s" % (W.get("from", today()), today())


def summary(loc, who=None):
    c = who or W["dm"]
    r = c.api("GET", "/dash/summary?location=%s&%s" % (loc, span()))
    eq(r.status, 200, "summary %r" % r)
    return r.json()


@test
def district_figures_match_hand_counts():
    j = summary(W["district"])
    for k, v in EXPECT.items():
        eq(j["totals"][k], v, k)


@test
def state_block_and_office_views_agree():
    sa = officer("stateadmin")
    state = summary(W["state"], sa)
    for k, v in EXPECT.items():
        eq(state["totals"][k], v, "state " + k)
    # drill down: the state's children are divisions; everything is in one of them
    kids = [c for c in state["children"] if c["received"]]
    eq(len(kids), 1, "one division has the applications")
    eq(kids[0]["received"], 6, "division received")
    block = summary(W["block"])
    for k, v in EXPECT.items():
        eq(block["totals"][k], v, "block " + k)
    # the office view: the district's table of offices, as its DM sees it on the web
    dm = Client()
    dm.login("ddm" + RUN, PW["ddm" + RUN])
    r = dm.get("/dash/csv?table=offices&location=%s&%s" % (W["district"], span()))
    eq(r.status, 200, "offices CSV")
    rows = list(csv.reader(io.StringIO(r.text)))
    circle = [dict(zip(rows[0], row)) for row in rows[1:] if row[0] == str(W["circle"])]
    eq(len(circle), 1, "the circle office row")
    t = block["totals"]
    eq([circle[0][c] for c in ("received", "approved", "rejected", "disposed", "pending", "overdue", "ooo", "appeals")],
       [str(t[k]) for k in ("received", "approved", "rejected", "disposed", "pending", "pending_beyond_sla", "out_of_order",
                            "appeals")], "the circle office's row = the block's totals")
    eq(len(rows), 2, "one office did all the work: %r" % rows[1:])


@test
def pages_and_csv_show_the_same_figures():
    sa = Client()
    sa.login("stateadmin")
    r = sa.get("/dash?location=%s&%s" % (W["district"], span()))
    eq(r.status, 200, "district page")
    t = r.text
    for label, v in (("Received", 6), ("Pending now", 2), ("Past the time limit", 1), ("Out of turn", 1)):
        assert re.search(r'<span class="kpi-n">%d</span><span>%s' % (v, re.escape(label)), t), label
    assert "<svg" in t and "Decided (3 / 1)" in t
    rows = list(csv.reader(io.StringIO(sa.get("/dash/csv?table=offices&location=%s&%s" % (W["district"], span())).text)))
    head, body = rows[0], rows[1:]
    circle = [dict(zip(head, r)) for r in body if r[0] == str(W["circle"])]
    eq(len(circle), 1, "the circle office row")
    eq((circle[0]["received"], circle[0]["approved"], circle[0]["rejected"], circle[0]["pending"], circle[0]["overdue"],
        circle[0]["ooo"]), ("6", "3", "1", "2", "1", "1"), "office figures")
    chan = {r[0]: r for r in csv.reader(io.StringIO(sa.get("/dash/csv?table=channels&location=%s&%s"
                                                           % (W["district"], span())).text))}
    eq(chan["csc"][2], "5", "CSC channel")
    eq(chan["sewak"][2], "1", "Swayam Sewak channel")
    svc = {r[1]: r for r in csv.reader(io.StringIO(sa.get("/dash/csv?table=services&location=%s&%s"
                                                          % (W["district"], span())).text))}
    eq((svc["Income Certificate"][2], svc["Income Certificate"][3], svc["Income Certificate"][4]), ("3", "1", "1"), "income")
    eq((svc["Caste Certificate"][2], svc["Caste Certificate"][3]), ("2", "1"), "caste")
    pub = Client().get("/transparency?location=%s&%s" % (W["state"], span()))
    eq(pub.status, 200, "public page")
    assert "Sita" not in pub.text and "csc1" not in pub.text, "no personal data"
    pc = list(csv.reader(io.StringIO(Client().get("/transparency?location=%s&%s&format=csv"
                                                  % (W["state"], span())).text)))
    d1 = [r for r in pc[1:] if r[0] == str(W["district"])]
    eq(d1[0][2:], ["6", "4", "2", "100%"], "public per-district figures")


@test
def rebuild_stats_gives_identical_numbers():
    sa = officer("stateadmin")
    def figures():
        # everything but as_of, the time of the answer
        return [{k: v for k, v in summary(x, sa).items() if k != "as_of"} for x in (W["state"], W["district"], W["block"])]
    before = figures()
    eq([f["totals"]["received"] for f in before], [6, 6, 6], "the figures to rebuild")
    p = ctl("rebuild-stats")
    assert "stats rebuilt" in p.stdout, p.stdout
    eq(figures(), before, "identical after rebuild")


@test
def desk_dashboard_and_raw_rows_agree():
    off = int(W["circle"])
    raw_pending = int(sql("SELECT COUNT(*) FROM applications a JOIN offices o ON o.id=a.office_id JOIN locations l ON l.id=o.location_id "
                          "WHERE a.status IN ('pending','returned') AND l.path LIKE (SELECT CONCAT(path,'%%') FROM locations WHERE id=%s)"
                          % W["district"])[0][0])
    raw_queue = int(sql("SELECT COUNT(*) FROM applications WHERE stage_office_id=%s AND stage_role='karmachari' AND status='pending'" % off)[0][0])
    eq(summary(W["district"])["totals"]["pending"], raw_pending, "dashboard = raw count")
    eq(raw_queue, 1, "one waiting at the first desk (B2)")
    eq(raw_pending, 2, "B2 pending + A3 returned")
    # the karmachari's desk shows the same one
    q = W["k"].api("GET", "/desk/queue?office=%d&role=karmachari" % off)
    eq(q.status, 200, "queue %r" % q)
    eq([i["number"] for i in q.json()["tatkal"] + q.json()["fifo"]], [W["B2"]], "the desk = raw count")


@test
def jurisdiction_and_bad_input():
    palamu_dm = officer("dm")
    eq(palamu_dm.api("GET", "/dash/summary?location=%s" % W["district"]).status, 403, "another district's DM")
    web = Client()
    web.login("dm")
    eq(web.get("/dash?location=%s" % W["district"]).status, 403, "page")
    eq(web.get("/dash/csv?table=places&location=%s" % W["district"]).status, 403, "CSV leaks nothing")
    eq(web.get("/dash?location=999999999").status, 404, "unknown place")
    eq(web.get("/dash?location=abc").status, 400, "not a number")
    eq(web.get("/dash?from=2026-05-01&to=2026-04-01").status, 400, "reversed")
    eq(web.get("/dash?from=1800-01-01&to=2026-04-01").status, 400, "absurd")
    eq(web.get("/dash?from=2026-02-30").status, 400, "not a date")
    eq(web.get("/dash/csv?table=secrets").status, 400, "unknown table")
    csc = Client()
    csc.login("csc1")
    eq(csc.get("/dash").status, 403, "operators have no dashboard")
    eq(Client().get("/transparency?from=2026-05-01&to=2026-04-01").status, 400, "public page checks dates too")


def set_cache_seconds(n):
    """Writes dash_cache_seconds into the stack's config and reloads."""
    import os
    from gs import VAR
    path = os.path.join(VAR, "gramsewa.conf")
    lines = [l for l in open(path).read().splitlines() if not l.startswith("dash_cache_seconds")]
    lines.append("dash_cache_seconds = %d" % n)
    open(path, "w").write("\n".join(lines) + "\n")
    reload_workers()


@test
def cached_figures_are_shared_and_say_how_old():
    sa = Client()
    sa.login("stateadmin")
    sa.api_login("stateadmin")
    loc = sql("SELECT id FROM locations WHERE type='state' AND name_en='Jharkhand'")[0][0]   # where file_app files
    sql("DELETE FROM dash_cache")       # nothing left by an earlier run on this database
    set_cache_seconds(600)
    try:
        first = summary(loc, sa)
        page1 = sa.get("/dash?location=%s" % loc).text
        as_of = re.search(r"Figures as of ([0-9: -]+)<", page1)
        assert as_of, "the page says how old its figures are"
        pub1 = Client().get("/transparency").text
        # something happens: the cached answers do not change for a while
        file_app("INC")
        eq(summary(loc, sa)["totals"], first["totals"], "the API answer comes from the cache")
        page2 = sa.get("/dash?location=%s" % loc).text
        eq(re.search(r"Figures as of ([0-9: -]+)<", page2).group(1), as_of.group(1), "same figures, same time")
        eq(Client().get("/transparency").text, pub1, "the public page too")
        assert sql("SELECT COUNT(*) FROM dash_cache")[0][0] != "0", "kept in the database for every worker"
        # an entry older than the limit is computed afresh
        sql("UPDATE dash_cache SET computed_at = computed_at - INTERVAL 1 DAY")
        eq(summary(loc, sa)["totals"]["received"], first["totals"]["received"] + 1, "recomputed once stale")
    finally:
        set_cache_seconds(0)
    eq(summary(loc, sa)["totals"]["received"], first["totals"]["received"] + 1, "without the cache: live")


if __name__ == "__main__":
    run()
