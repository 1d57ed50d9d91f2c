"""Monthly progress reports (MPRs): the built-in Digital Panchayat MPR
seeded as a register definition of kind mpr; a report's life (draft,
submitted, approved by the block in-charge, then by the district
in-charge, or returned with a reason and corrected); only approved figures
consolidating up the LGD tree (block, district, state) from summary rows;
the late flag at the due-day boundary; the reminder job sending once; who
may see and act; bad input refused with nothing changed; CSV and PDF of a
consolidation carrying the sums.

The demo's Jamune (csc1) and Lahlahe (csc2) panchayats are in the
Medininagar block of Palamu: bi is its block in-charge, di the district's;
bi2 is the in-charge of another block (Chainpur).  Each test works on a
month of its own, so its figures are its own."""
import csv
import io
import os
import re
import subprocess
import tempfile

from gs import Client, test, eq, run, ctl, sql, today, reload_workers, VAR

CODE = "DP_MPR"
API = {}


def api(user):
    if user not in API:
        c = Client()
        c.api_login(user)
        API[user] = c
    return API[user]


def month_back(n):
    """YYYY-MM of the month n months before this one (IST)."""
    y, m = int(today()[:4]), int(today()[5:7]) - n
    while m < 1:
        m += 12
        y -= 1
    return "%04d-%02d" % (y, m)


def place(kind, name):
    return int(sql("SELECT id FROM locations WHERE type='%s' AND name_en='%s'" % (kind, name))[0][0])


def jamune():
    return place("panchayat", "Jamune")


def lahlahe():
    return place("panchayat", "Lahlahe")


def block_of(gp):
    return int(sql("SELECT parent_id FROM locations WHERE id=%d" % gp)[0][0])


def state():
    return int(sql("SELECT id FROM locations WHERE type='state' ORDER BY id LIMIT 1")[0][0])


def district():
    return place("district", "Palamu")


def figures(month, loc, user="stateadmin"):
    r = api(user).api("GET", "/mpr/%s/%s?location=%d" % (CODE, month, loc))
    eq(r.status, 200, "consolidation: %r" % r)
    return r.json()


def data(entries=120, internet="intermittent", **kw):
    d = {"registers_updated": 7, "entries_made": entries, "gram_sabhas_held": 1, "services_integrated": 40,
         "services_other": 12, "trainings_attended": 1, "survey_tasks_completed": 3, "grievances_received": 2,
         "grievances_resolved": 2, "days_functional": 24, "internet": internet, "remarks": "Power cuts"}
    d.update(kw)
    return d


def save(month, user, body, gp=None):
    if gp is not None:
        body = dict(body, location=gp)
    return api(user).api("POST", "/mpr/%s/%s" % (CODE, month), body)


def act(month, user, action, gp, note=None):
    body = {"location": gp}
    if note is not None:
        body["note"] = note
    return api(user).api("POST", "/mpr/%s/%s/%s" % (CODE, month, action), body)


def ok(r, status=200):
    eq(r.status, status, "status: %r" % r)
    return r.json()


def report_row(month, gp):
    return sql("SELECT status, data, late, IFNULL(return_note, '') FROM mpr_reports r JOIN register_defs d ON d.id = r.def_id "
               "WHERE d.code = '%s' AND r.location_id = %d AND r.period = '%s-01'" % (CODE, gp, month))


def approved(month, user, gp, d):
    """The VLE submits d, the BI and then the DI approve."""
    eq(ok(save(month, user, {"data": d, "submit": True}))["status"], "submitted", "submitted")
    eq(ok(act(month, "bi", "approve", gp))["status"], "bi_approved", "BI approved")
    eq(ok(act(month, "di", "approve", gp))["status"], "approved", "DI approved")


@test
def mpr_is_seeded_as_a_register_definition_of_kind_mpr():
    d = ok(api("csc1").api("GET", "/registers/definitions/%s" % CODE))
    eq((d["kind"], d["periodicity"], d["confirmed"]), ("mpr", "monthly", False), "kind, periodicity, awaiting confirmation")
    eq((d["signoff"]["verify"], d["signoff"]["sign"]), ("bi", "di"), "BI then DI approve")
    items = ok(api("csc1").api("GET", "/mpr"))["items"]
    eq([i["code"] for i in items], [CODE], "listed as an MPR")
    eq(items[0]["gp"], jamune(), "the VLE's own GP")
    # it is not a register one keeps entries in
    r = api("csc1").api("POST", "/registers/%s/entries" % CODE, {"data": data(), "submit": True})
    eq(r.status, 404, "not a register: %r" % r)
    c = Client()
    c.login("csc1")
    assert "/registers/%s/new" % CODE not in c.get("/registers").text, "not offered as a register"


@test
def filled_submitted_and_approved_twice_then_summed_up_the_tree():
    m = month_back(2)
    j, l = jamune(), lahlahe()
    blk = block_of(j)
    eq(block_of(l), blk, "both GPs in one block")
    # a draft may leave required answers out
    r = ok(save(m, "csc1", {"data": {"entries_made": 5}}))
    eq((r["status"], r["data"]["entries_made"]), ("draft", 5), "draft kept")
    # a submission may not: the missing answers are named
    r = save(m, "csc1", {"data": {"entries_made": 5}, "submit": True})
    eq(r.status, 422, "incomplete submission: %r" % r)
    fields = sorted(r.json()["error"]["fields"])
    assert "days_functional" in fields and "internet" in fields, fields
    eq(report_row(m, j)[0][0], "draft", "still a draft")
    eq(ok(save(m, "csc1", {"data": data(entries=1234), "submit": True}))["status"], "submitted", "submitted")
    eq(ok(act(m, "bi", "approve", j))["status"], "bi_approved", "BI approved")
    # not in the sums before the district in-charge approves
    eq(figures(m, blk)["figures"]["entries_made"], 0, "BI approval alone does not consolidate")
    eq(figures(m, blk)["counts"].get("bi_approved"), 1, "counted as waiting for the DI")
    eq(ok(act(m, "di", "approve", j))["status"], "approved", "DI approved")
    approved(m, "csc2", l, data(entries=4321, internet="good"))
    for loc, who in ((blk, "bi"), (district(), "di"), (state(), "stateadmin")):
        f = figures(m, loc, who)
        eq(f["figures"]["entries_made"], 5555, "entries summed at %s" % f["name"])
        eq(f["figures"]["_reports"], 2, "reports counted at %s" % f["name"])
        eq(f["figures"]["internet=intermittent"], 1, "choice counted at %s" % f["name"])
        eq(f["figures"]["internet=good"], 1, "other choice counted at %s" % f["name"])
        eq(f["figures"]["days_functional"], 48, "days summed at %s" % f["name"])
    # drill-down: the block's children are its GPs with their own figures
    kids = {k["id"]: k for k in figures(m, blk, "bi")["children"]}
    eq((kids[j]["figures"]["entries_made"], kids[j]["status"]), (1234, "approved"), "Jamune's row")
    eq(kids[l]["figures"]["entries_made"], 4321, "Lahlahe's row")
    # the summary rows are what the page reads
    eq(sql("SELECT n FROM mpr_sums s JOIN register_defs d ON d.id = s.def_id WHERE d.code = '%s' AND s.period = '%s-01' "
           "AND s.location_id = %d AND s.item = 'entries_made'" % (CODE, m, state()))[0][0], "5555", "state summary row")
    # an approved report is final
    eq(save(m, "csc1", {"data": data(entries=1)}).status, 409, "no change after approval")
    eq(act(m, "di", "approve", j).status, 409, "approved once")
    page = Client()
    page.login("di")
    # the district's page links each place under it (the sub-division
    # holding the block), whose page links the block
    path = sql("SELECT path FROM locations WHERE id=%d" % blk)[0][0]
    below = int(sql("SELECT id FROM locations WHERE parent_id=%d AND '%s' LIKE CONCAT(path, '%%')" % (district(), path))[0][0])
    html = page.get("/mpr/%s/%s?location=%d" % (CODE, m, district())).text
    assert "5555" in html and 'href="/mpr/%s/%s?location=%d"' % (CODE, m, below) in html, "district page drills down"
    html = page.get("/mpr/%s/%s?location=%d" % (CODE, m, below)).text
    assert 'href="/mpr/%s/%s?location=%d"' % (CODE, m, blk) in html, "down to the block"


@test
def returned_report_is_corrected_and_resubmitted():
    m = month_back(3)
    j = jamune()
    ok(save(m, "csc1", {"data": data(entries=900), "submit": True}))
    r = act(m, "bi", "return", j)
    eq(r.status, 422, "a return needs its reason: %r" % r)
    eq(report_row(m, j)[0][0], "submitted", "unchanged without a reason")
    eq(ok(act(m, "bi", "return", j, note="Entries look too high"))["status"], "returned", "returned")
    got = ok(api("csc1").api("GET", "/mpr/%s/%s" % (CODE, m)))
    eq((got["status"], got["return_note"], got["may"]["fill"]), ("returned", "Entries look too high", True), "the VLE sees why")
    eq(act(m, "bi", "approve", j).status, 409, "nothing to approve while returned")
    eq(ok(save(m, "csc1", {"data": data(entries=90), "submit": True}))["status"], "submitted", "resubmitted")
    ok(act(m, "bi", "approve", j))
    # the DI may return it too, after the BI approved
    eq(ok(act(m, "di", "return", j, note="Trainings missing"))["status"], "returned", "DI returned")
    eq(figures(m, block_of(j))["figures"]["entries_made"], 0, "a returned report is not summed")
    approved(m, "csc1", j, data(entries=95))
    eq(figures(m, block_of(j))["figures"]["entries_made"], 95, "only the corrected, approved figure counts")
    eq(figures(m, state())["figures"]["_reports"], 1, "counted once")


def set_due_day(day):
    """Writes mpr_due_day into the stack's config (None: the default) and reloads."""
    path = os.path.join(VAR, "gramsewa.conf")
    lines = [ln for ln in open(path).read().splitlines() if not ln.startswith("mpr_due_day")]
    if day is not None:
        lines.append("mpr_due_day = %d" % day)
    open(path, "w").write("\n".join(lines) + "\n")
    reload_workers()


@test
def late_flag_at_the_due_day_boundary():
    """A report due today is on time; due yesterday, late.  (On the 29th to
    the 1st, when mpr_due_day (1-28) cannot be today or yesterday for last
    month's report, the nearest cases: this month's report, due next month,
    is on time; one due on an earlier day is late.)  Also run on the test
    clock at 23:59 IST on 31 March and 00:01 IST on 1 April (the UTC date
    is still 31 March), each case on a report the other run leaves alone."""
    d = int(today()[8:10])
    on_user, late_user, late_gp = ("csc2", "csc1", jamune()) if d > 28 else ("csc1", "csc2", lahlahe())
    try:
        if d <= 28:
            set_due_day(d)
            m, due = month_back(1), today()
        else:
            set_due_day(28)
            m, due = month_back(0), None
        r = ok(save(m, on_user, {"data": data(), "submit": True}))
        eq(r["late"], False, "submitted on or before the due day: on time")
        if due:
            eq(r["due"], due, "due today")
        if 2 <= d <= 29:
            set_due_day(d - 1)
            m, due = month_back(1), today(-1)
        else:
            set_due_day(28)
            m, due = month_back(1 if d > 29 else 14), None
        r = ok(save(m, late_user, {"data": data(), "submit": True}))
        eq(r["late"], True, "submitted after the due day: late")
        if due:
            eq(r["due"], due, "due yesterday")
        eq(report_row(m, late_gp)[0][2], "1", "late kept")
        # a return and resubmission keeps the first submission's flag
        ok(act(m, "bi", "return", late_gp, note="check"))
        set_due_day(None)
        eq(ok(save(m, late_user, {"data": data(), "submit": True}))["late"], True, "still late")
    finally:
        set_due_day(None)


def mpr_sms(kind, month, gp):
    return sql("SELECT recipient FROM notifications WHERE event = 'mpr.%s' AND ref = '%s/%s/%d'" % (kind, CODE, month, gp))


@test
def reminder_job_run_twice_sends_one_sms():
    m = month_back(6)
    y, mo = int(m[:4]), int(m[5:7]) + 1
    if mo > 12:
        y, mo = y + 1, 1
    due = "%04d-%02d-05" % (y, mo)
    before = "%04d-%02d-03" % (y, mo)
    after = "%04d-%02d-06" % (y, mo)
    # Lahlahe submitted: it is not reminded
    ok(save(m, "csc2", {"data": data(), "submit": True}))
    out1 = ctl("mpr-remind", "--day", before).stdout
    out2 = ctl("mpr-remind", "--day", before).stdout
    assert re.search(r"[1-9]\d* reminders queued", out1), out1
    assert "0 reminders queued" in out2, out2
    # one SMS to each VLE of Jamune (other tests place VLEs there too), csc1 among them
    sent = [x[0] for x in mpr_sms("before", m, jamune())]
    assert "9000000110" in sent, "csc1 reminded two days before %s: %s" % (due, sent)
    # each VLE once: one SMS per reminded account (the reminders' key holds the user;
    # two test accounts may share a mobile, so mobiles are compared as a multiset)
    reminded = [x[0] for x in sql("SELECT u.mobile FROM mpr_reminders m JOIN users u ON u.id = m.user_id WHERE m.kind = 'before' "
                                  "AND m.location_id = %d AND m.period = '%s-01'" % (jamune(), m))]
    eq(sorted(sent), sorted(reminded), "each reminded VLE's phone once")
    eq(len(sent), int(sql("SELECT COUNT(*) FROM mpr_reminders WHERE kind = 'before' AND location_id = %d AND period = '%s-01'"
                          % (jamune(), m))[0][0]), "one recorded reminder per SMS")
    eq(mpr_sms("before", m, lahlahe()), [], "none for a submitted report")
    eq(sql("SELECT body FROM notifications WHERE event = 'mpr.before' AND ref = '%s/%s/%d' LIMIT 1"
           % (CODE, m, jamune()))[0][0].count(due), 1, "the SMS names the due day")
    ctl("mpr-remind", "--day", due)
    eq(mpr_sms("after", m, jamune()), [], "nothing on the due day itself")
    ctl("mpr-remind", "--day", after)
    ctl("mpr-remind", "--day", after)
    after_sent = [x[0] for x in mpr_sms("after", m, jamune())]
    eq(sorted(after_sent), sorted(sent), "one reminder to each the day after the due day")


@test
def vle_of_another_gp_cannot_see_or_fill():
    m = month_back(4)
    j = jamune()
    ok(save(m, "csc1", {"data": data(), "submit": True}))
    before = report_row(m, j)
    eq(api("csc2").api("GET", "/mpr/%s/%s?location=%d" % (CODE, m, j)).status, 404, "csc2 reading Jamune's")
    eq(save(m, "csc2", {"data": data(entries=1)}, gp=j).status, 404, "csc2 filling Jamune's")
    eq(act(m, "csc2", "approve", j).status, 404, "csc2 approving Jamune's")
    eq(api("csc2").api("GET", "/mpr/%s/%s?location=%d" % (CODE, m, block_of(j))).status, 404, "csc2 reading the block")
    c = Client()
    c.login("csc2")
    eq(c.get("/mpr/%s/%s?location=%d" % (CODE, m, j)).status, 404, "the page too")
    eq(c.get("/mpr/%s/%s/csv?location=%d" % (CODE, m, j)).status, 404, "its CSV")
    eq(report_row(m, j), before, "nothing changed")


@test
def bi_cannot_approve_outside_the_block():
    m = month_back(5)
    j = jamune()
    ok(save(m, "csc1", {"data": data(), "submit": True}))
    before = report_row(m, j)
    eq(act(m, "bi2", "approve", j).status, 404, "bi2 of Chainpur")
    eq(act(m, "bi2", "return", j, note="no").status, 404, "bi2 returning")
    eq(api("bi2").api("GET", "/mpr/%s/%s?location=%d" % (CODE, m, block_of(j))).status, 404, "bi2 reading Medininagar")
    eq(act(m, "csc1", "approve", j).status, 403, "the VLE does not approve")
    eq(act(m, "di", "approve", j).status, 409, "the DI waits for the BI")
    eq(report_row(m, j), before, "nothing changed")


@test
def bad_input_is_refused_and_changes_nothing():
    m = month_back(7)
    j = jamune()
    ok(save(m, "csc1", {"data": data(entries=10)}))
    before = report_row(m, j)
    for bad, field in (({"entries_made": "many"}, "entries_made"), ({"days_functional": 40}, "days_functional"),
                       ({"gram_sabhas_held": -1}, "gram_sabhas_held"), ({"internet": "satellite"}, "internet"),
                       ({"remarks": "x" * 501}, "remarks")):
        r = save(m, "csc1", {"data": data(**bad), "submit": True})
        eq(r.status, 422, "%s: %r" % (bad, r))
        eq(sorted(r.json()["error"]["fields"]), [field], "named field")
    eq(save(m, "csc1", {"data": "not an object"}).status, 422, "data not an object")
    eq(save(m, "csc1", {"data": data()}, gp="Jamune").status, 400, "location not a number")
    eq(report_row(m, j), before, "nothing changed")
    y, mo = int(today()[:4]), int(today()[5:7]) + 1
    future = "%04d-%02d" % (y + (mo > 12), (mo - 1) % 12 + 1)
    eq(save(future, "csc1", {"data": data()}).status, 422, "a month not begun")
    eq(save("2026-13", "csc1", {"data": data()}).status, 404, "not a month")
    eq(api("csc1").api("POST", "/mpr/NOPE/%s" % m, {"data": data()}).status, 404, "no such MPR")
    eq(act(m, "csc1", "publish", j).status, 404, "no such action")
    eq(sql("SELECT COUNT(*) FROM mpr_reports r JOIN register_defs d ON d.id = r.def_id WHERE d.code = '%s' "
           "AND r.period > '%s-01' AND r.location_id = %d AND r.period > CURDATE()" % (CODE, m, j))[0][0], "0", "no future report")
    # the page shows each problem next to its field
    c = Client()
    c.login("csc1")
    page = "/mpr/%s/%s?location=%d" % (CODE, m, j)
    form = {"location": str(j), "action": "submit", "f_entries_made": "many", "f_days_functional": "24", "f_internet": "good"}
    r = c.form_post(page, "/mpr/%s/%s" % (CODE, m), form)
    eq(r.status, 422, "page refusal: %r" % r)
    assert 'id="e-f_entries_made"' in r.text, "the error sits at its field"
    eq(report_row(m, j), before, "nothing changed by the page either")


@test
def vle_fills_and_submits_on_the_page():
    m = month_back(8)
    c = Client()
    c.login("csc1")
    lst = c.get("/mpr").text
    assert 'href="/mpr/%s/%s?location=%d"' % (CODE, month_back(1), jamune()) in lst, "the month due is listed"
    form = {"location": str(jamune()), "action": "submit"}
    for k, v in data(entries=77).items():
        form["f_" + k] = str(v)
    r = c.form_post("/mpr/%s/%s" % (CODE, m), "/mpr/%s/%s" % (CODE, m), form)
    eq(r.status, 303, "submitted: %r" % r)
    eq(report_row(m, jamune())[0][0], "submitted", "stored")
    b = Client()
    b.login("bi")
    html = b.get("/mpr/%s/%s?location=%d" % (CODE, m, jamune())).text
    assert 'value="approve"' in html, "the BI is offered approval"
    r = b.form_post("/mpr/%s/%s?location=%d" % (CODE, m, jamune()), "/mpr/%s/%s" % (CODE, m),
                    {"location": str(jamune()), "action": "approve"})
    eq(r.status, 303, "approved on the page: %r" % r)
    eq(report_row(m, jamune())[0][0], "bi_approved", "BI approved")
    grid = b.get("/mpr?month=%s" % m).text
    assert "Jamune" in grid and "Lahlahe" in grid, "the BI's grid lists the block's GPs"


@test
def csv_and_pdf_of_a_consolidation_carry_the_sums():
    m = month_back(9)
    j, l = jamune(), lahlahe()
    approved(m, "csc1", j, data(entries=2468))
    approved(m, "csc2", l, data(entries=1357))
    blk = block_of(j)
    c = Client()
    c.login("di")
    for loc in (blk, district()):
        r = c.get("/mpr/%s/%s/csv?location=%d" % (CODE, m, loc))
        eq(r.status, 200, "csv: %r" % r)
        rows = list(csv.reader(io.StringIO(r.text)))
        col = rows[0].index("entries_made")
        total = [x for x in rows if x[0].startswith("Total")]
        eq(len(total), 1, "one total row")
        eq(total[0][col], "3825", "summed entries in the CSV")
        r = c.get("/mpr/%s/%s/pdf?location=%d" % (CODE, m, loc))
        eq((r.status, r.body[:5]), (200, b"%PDF-"), "pdf")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(r.body)
            f.flush()
            text = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True).stdout
        assert "3825" in text, "the sum is printed: %s" % text[:800]
    text = c.get("/mpr/%s/%s/csv?location=%d" % (CODE, m, blk)).text
    assert "2468" in text and "1357" in text, "the block's CSV has each GP's row"
    # the VLE's own GP alone (the VLE does not see the block)
    v = Client()
    v.login("csc1")
    rows = list(csv.reader(io.StringIO(v.get("/mpr/%s/%s/csv?location=%d" % (CODE, m, j)).text)))
    eq(len(rows), 2, "the GP's one row and its header")
    eq(rows[1][rows[0].index("entries_made")], "2468", "the GP's approved figure")
    eq(v.get("/mpr/%s/%s/csv?location=%d" % (CODE, m, blk)).status, 404, "not the block's")


run()
