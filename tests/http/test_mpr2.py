"""Monthly progress reports at block and district level, and figures the
system fills itself (issue 13 item 5).

A block's MPR is filed by its block in-charge (bi, Medininagar) and
approved by the district in-charge (di, Palamu); a VLE is refused by role
(403) and the in-charge of another block (bi2, Chainpur) does not see it
(404).  A district's MPR is filed by the DI and approved by the state (the
PMU, or the state admin standing in).  An MPR definition's "sources" name
figures from a fixed list (register entries, a sum of a money column,
tickets, trainings, survey tasks, CSC applications): they come pre-filled
when the report is opened, one the definition does not let the filer change
is refused when given otherwise, and one it does is stored as given with
the computed figure kept beside it (mpr_reports.computed and the audit
row).  An unknown source is refused when the definition is imported."""
import copy
import csv
import io
import json
import re

from gs import Client, test, eq, run, ctl, sql, today

API = {}


def api(user):
    if user not in API:
        c = Client()
        c.api_login(user)
        API[user] = c
    return API[user]


def month_back(n):
    y, m = int(today()[:4]), int(today()[5:7]) - n
    while m < 1:
        m += 12
        y -= 1
    return "%04d-%02d" % (y, m)


def place(kind, name):
    return int(sql("SELECT id FROM locations WHERE type='%s' AND name_en='%s'" % (kind, name))[0][0])


def ok(r, status=200):
    eq(r.status, status, "status: %r" % r)
    return r.json()


def number(name, en, kind="number"):
    col = {"name": name, "type": kind, "label": {"en": en, "hi": en + " (हि)"}, "required": True}
    if kind == "number":
        col.update({"min": 0, "max": 1000000})
    return col


def definition(code, level, enter, verify, sign=None, columns=None, sources=None):
    d = {"format": "gramsewa.register/1", "code": code, "kind": "mpr",
         "name": {"en": "Test MPR " + code, "hi": "परीक्षण " + code},
         "legal_basis": {"en": "Test", "hi": "परीक्षण"},
         "level": level, "periodicity": "monthly", "confirmed": False, "public": False,
         "columns": columns or [number("meetings", "Meetings held")],
         "signoff": {"enter": enter, "verify": verify}, "print": {"paper": "A4", "landscape": True}}
    if sign:
        d["signoff"]["sign"] = sign
    if sources:
        d["sources"] = sources
    return d


def publish(d):
    return api("stateadmin").api("POST", "/admin/registers?publish=1", d)


BLOCK = definition("T_MPR_BLK", "block", ["bi"], "di",
                   columns=[number("entries_made", "Register entries made in the block"),
                            number("meetings", "Meetings held with VLEs"),
                            {"name": "remarks", "type": "text", "label": {"en": "Remarks", "hi": "टिप्पणी"},
                             "required": False, "max_length": 200}],
                   sources={"entries_made": {"source": "register_entries"}})
DISTRICT = definition("T_MPR_DIST", "district", ["di"], "pmu",
                      columns=[number("blocks_visited", "Blocks visited"),
                               number("trainings_held", "Trainings held")],
                      sources={"trainings_held": {"source": "trainings_held", "editable": True}})
GP = definition("T_MPR_GP", "panchayat", ["csc"], "bi", sign="di",
                columns=[number("entries_made", "Register entries made"),
                         number("cash_entries", "Cash book entries"),
                         number("cash_received", "Cash received", kind="money"),
                         number("applications", "Applications at the CSC"),
                         number("tickets", "Tickets raised"),
                         number("days_functional", "Days functional")],
                sources={"entries_made": {"source": "register_entries"},
                         "cash_entries": {"source": "register_entries", "register": "CASHBOOK"},
                         "cash_received": {"source": "register_amount", "register": "CASHBOOK", "column": "receipt_cash"},
                         "applications": {"source": "csc_applications", "editable": True},
                         "tickets": {"source": "tickets_raised"}})


def report(code, month, user, loc=None):
    q = "" if loc is None else "?location=%d" % loc
    return api(user).api("GET", "/mpr/%s/%s%s" % (code, month, q))


def save(code, month, user, data, loc=None, submit=False):
    body = {"data": data, "submit": submit}
    if loc is not None:
        body["location"] = loc
    return api(user).api("POST", "/mpr/%s/%s" % (code, month), body)


def act(code, month, user, action, loc, note=None):
    body = {"location": loc}
    if note is not None:
        body["note"] = note
    return api(user).api("POST", "/mpr/%s/%s/%s" % (code, month, action), body)


def row(code, month, loc):
    return sql("SELECT status, data, IFNULL(computed, ''), IFNULL(bi_by, ''), IFNULL(di_by, '') FROM mpr_reports r "
               "JOIN register_defs d ON d.id = r.def_id WHERE d.code = '%s' AND r.location_id = %d AND r.period = '%s-01'"
               % (code, loc, month))


@test
def definitions_of_each_level_are_imported_and_published():
    for d in (BLOCK, DISTRICT, GP):
        eq(publish(d).status, 201, "published %s" % d["code"])
    got = ok(api("stateadmin").api("GET", "/registers/definitions/T_MPR_BLK"))
    eq((got["level"], got["sources"]["entries_made"]["source"]), ("block", "register_entries"), "level and sources kept")
    # the lists: a VLE is offered the GP's MPRs only; a BI the block's with its own block's months
    codes = [i["code"] for i in ok(api("csc1").api("GET", "/mpr"))["items"]]
    assert "T_MPR_GP" in codes and "T_MPR_BLK" not in codes and "T_MPR_DIST" not in codes, codes
    items = {i["code"]: i for i in ok(api("bi").api("GET", "/mpr"))["items"]}
    eq((items["T_MPR_BLK"]["level"], items["T_MPR_BLK"]["gp"]), ("block", place("block", "Medininagar(Daltonganj)")),
       "the BI's own block")


@test
def block_report_filed_by_bi_approved_by_di_refused_to_a_vle():
    m = month_back(1)
    blk = place("block", "Medininagar(Daltonganj)")
    # the VLE is refused by role (403), whatever the place, and nothing is made
    eq(report("T_MPR_BLK", m, "csc1", blk).status, 403, "VLE reading the block's report")
    eq(save("T_MPR_BLK", m, "csc1", {"meetings": 1}, loc=blk).status, 403, "VLE filing it")
    eq(act("T_MPR_BLK", m, "csc1", "approve", blk).status, 403, "VLE approving it")
    c = Client()
    c.login("csc1")
    eq(c.get("/mpr/T_MPR_BLK/%s?location=%d" % (m, blk)).status, 403, "the page too")
    eq(row("T_MPR_BLK", m, blk), [], "nothing made")
    # bi2 (Chainpur) does not see Medininagar's
    eq(report("T_MPR_BLK", m, "bi2", blk).status, 404, "bi2 reading Medininagar's")
    # the BI files it: without a location, the BI's own block
    r = ok(report("T_MPR_BLK", m, "bi"))
    eq((r["gp"], r["level"], r["may"]["fill"]), (blk, "block", True), "the BI's block, to fill")
    r = ok(save("T_MPR_BLK", m, "bi", {"meetings": 4, "remarks": "All VLEs met"}, submit=True))
    eq(r["status"], "submitted", "submitted by the BI")
    eq(act("T_MPR_BLK", m, "bi", "approve", blk).status, 403, "the filer does not approve")
    eq(act("T_MPR_BLK", m, "bi2", "approve", blk).status, 404, "nor another block's BI")
    r = ok(act("T_MPR_BLK", m, "di", "approve", blk))
    eq(r["status"], "approved", "one approval, by the DI, is final")
    st = row("T_MPR_BLK", m, blk)[0]
    eq((st[0], st[3] == "", st[4] != ""), ("approved", True, True), "the final approval's columns")
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'mpr.approve' AND entity = 'mpr'")[0][0], "1", "audited")
    # consolidated up the tree; the district lists its other blocks as not submitted
    dist = place("district", "Palamu")
    f = ok(api("di").api("GET", "/mpr/T_MPR_BLK/%s?location=%d" % (m, dist)))
    eq((f["figures"]["meetings"], f["figures"]["_reports"]), (4, 1), "the district's sums")
    missing = {g["name"]: g for g in f["not_submitted"]}
    assert "Chainpur" in missing and "Medininagar(Daltonganj)" not in missing, sorted(missing)
    assert "9000000116" in (missing["Chainpur"]["vles"] or ""), "Chainpur's BI named as its filer: %r" % missing["Chainpur"]
    eq(f["counts"].get("approved"), 1, "one block approved")
    state = int(sql("SELECT id FROM locations WHERE type='state' ORDER BY id LIMIT 1")[0][0])
    eq(ok(api("pmu").api("GET", "/mpr/T_MPR_BLK/%s?location=%d" % (m, state)))["figures"]["meetings"], 4, "the state's sums")
    # CSV and PDF of the district
    page = Client()
    page.login("di")
    r = page.get("/mpr/T_MPR_BLK/%s/csv?location=%d" % (m, dist))
    eq(r.status, 200, "csv: %r" % r)
    rows = list(csv.reader(io.StringIO(r.text)))
    total = [x for x in rows if x[0].startswith("Total")]
    eq(total[0][rows[0].index("meetings")], "4", "the district's total in the CSV")
    r = page.get("/mpr/T_MPR_BLK/%s/pdf?location=%d" % (m, dist))
    eq((r.status, r.body[:5]), (200, b"%PDF-"), "pdf")
    html = page.get("/mpr/T_MPR_BLK/%s?location=%d" % (m, dist)).text
    assert "Chainpur" in html and "Blocks" in html, "the district's page lists blocks"


@test
def district_report_filed_by_di_approved_at_state():
    m = month_back(2)
    dist = place("district", "Palamu")
    eq(report("T_MPR_DIST", m, "csc1", dist).status, 403, "a VLE is refused")
    eq(report("T_MPR_DIST", m, "bi", dist).status, 404, "a BI does not see the district's report")
    r = ok(save("T_MPR_DIST", m, "di", {"blocks_visited": 6}, submit=True))
    eq((r["gp"], r["status"]), (dist, "submitted"), "the DI's district, submitted")
    eq(act("T_MPR_DIST", m, "di", "approve", dist).status, 403, "the DI does not approve their own")
    r = ok(act("T_MPR_DIST", m, "pmu", "return", dist, note="Trainings missing"))
    eq(r["status"], "returned", "returned by the PMU")
    ok(save("T_MPR_DIST", m, "di", {"blocks_visited": 7, "trainings_held": 2}, submit=True))
    eq(ok(act("T_MPR_DIST", m, "stateadmin", "approve", dist))["status"], "approved", "the state admin stands in for the PMU")
    state = int(sql("SELECT id FROM locations WHERE type='state' ORDER BY id LIMIT 1")[0][0])
    f = ok(api("pmu").api("GET", "/mpr/T_MPR_DIST/%s?location=%d" % (m, state)))
    eq((f["figures"]["blocks_visited"], f["figures"]["trainings_held"]), (7, 2), "the state's sums")
    # the trainings figure was the filer's to change: kept as given, the count beside it
    st = row("T_MPR_DIST", m, dist)[0]
    eq(json.loads(st[2])["trainings_held"], 0, "the counted figure kept beside")
    eq(json.loads(st[1])["trainings_held"], 2, "the given one stored")


def entries_this_month(gp, code=None):
    q = ("SELECT COUNT(*) FROM register_entries e JOIN register_books b ON b.id = e.book_id JOIN register_defs d ON d.id = b.def_id "
         "JOIN locations l ON l.id = b.location_id WHERE (l.id = %d OR l.parent_id = %d) AND e.submitted_at >= '%s-01'"
         % (gp, gp, month_back(0)))
    if code:
        q += " AND d.code = '%s'" % code
    return int(sql(q)[0][0])


_v = [0]


def cash_entry(rupees):
    _v[0] += 1
    body = {"data": {"date": today(), "voucher_no": "M2-%d" % _v[0], "particulars": "MPR test", "receipt_cash": str(rupees)},
            "submit": True}
    r = api("csc1").api("POST", "/registers/CASHBOOK/entries", body)
    eq(r.status, 201, "cash book entry: %r" % r)


@test
def figures_from_the_registers_are_filled_in_when_the_report_is_opened():
    m = month_back(0)
    j = place("panchayat", "Jamune")
    before = ok(report("T_MPR_GP", m, "csc1"))
    base = before["computed"]
    eq(base["entries_made"], entries_this_month(j), "the count matches the entries in the books")
    for rupees in (100, 250, 50):
        cash_entry(rupees)
    r = api("csc1").api("POST", "/tickets", {"type": "TECH_HW_PRINTER", "location": j, "subject": "Printer jams (MPR test)",
                                              "answers": {"printer_model": "HP LaserJet 1020", "under_warranty": "no"},
                                              "body": "The printer at the CSC jams on every page."})
    eq(r.status, 201, "ticket raised: %r" % r)
    got = ok(report("T_MPR_GP", m, "csc1"))
    eq(got["computed"]["tickets"], base["tickets"] + 1, "the ticket counted")
    eq(got["computed"]["tickets"], int(sql("SELECT COUNT(*) FROM tickets WHERE loc_path LIKE CONCAT((SELECT path FROM locations "
                                           "WHERE id = %d), '%%') AND created_at >= '%s-01'" % (j, m))[0][0]),
       "equal to the GP's tickets of the month")
    eq(got["computed"]["entries_made"], base["entries_made"] + 3, "three more entries counted")
    eq(got["computed"]["entries_made"], entries_this_month(j), "equal to the entries made in the month")
    eq(got["computed"]["cash_entries"], entries_this_month(j, "CASHBOOK"), "the cash book's alone")
    eq(got["computed"]["cash_received"] - base["cash_received"], 40000, "receipts summed, in paise")
    eq(got["data"]["entries_made"], got["computed"]["entries_made"], "pre-filled in the answers")
    eq((got["sources"]["entries_made"]["editable"], got["sources"]["applications"]["editable"]), (False, True), "which may change")
    # the page shows the figure as from the registers, without an input for it
    c = Client()
    c.login("csc1")
    html = c.get("/mpr/T_MPR_GP/%s?location=%d" % (m, j)).text
    assert "From the registers and records: %d" % got["computed"]["entries_made"] in html, "marked on the page"
    assert 'name="f_entries_made"' not in html and 'name="f_applications"' in html, "only the editable one has an input"
    # filled on the page: the form has no input for the fixed figure, which is taken from the registers
    form = {"location": str(j), "action": "save", "f_days_functional": "20", "f_applications": ""}
    r = c.form_post("/mpr/T_MPR_GP/%s?location=%d" % (m, j), "/mpr/T_MPR_GP/%s" % m, form)
    eq(r.status, 303, "saved on the page: %r" % r)
    stored = json.loads(row("T_MPR_GP", m, j)[0][1])
    eq(stored["entries_made"], got["computed"]["entries_made"], "the figure stored from the registers")


@test
def an_override_is_stored_with_the_computed_figure():
    m = month_back(3)
    j = place("panchayat", "Jamune")
    blk = place("block", "Medininagar(Daltonganj)")
    computed = ok(report("T_MPR_GP", m, "csc1"))["computed"]
    # a figure the definition does not let the filer change: refused when given otherwise, nothing stored
    r = save("T_MPR_GP", m, "csc1", {"entries_made": computed["entries_made"] + 5, "days_functional": 20})
    eq(r.status, 422, "fixed figure given otherwise: %r" % r)
    eq(list(r.json()["error"]["fields"]), ["entries_made"], "named at its field")
    eq(row("T_MPR_GP", m, j), [], "nothing stored")
    # the one it lets the filer change is stored as given, the computed figure beside it
    given = computed["applications"] + 9
    r = ok(save("T_MPR_GP", m, "csc1", {"applications": given, "days_functional": 20}, submit=True))
    eq((r["status"], r["data"]["applications"], r["computed"]["applications"]), ("submitted", given, computed["applications"]),
       "given and computed side by side")
    st = row("T_MPR_GP", m, j)[0]
    eq((json.loads(st[1])["applications"], json.loads(st[2])["applications"]), (given, computed["applications"]), "stored so")
    eq(json.loads(st[1])["entries_made"], computed["entries_made"], "the fixed figure filled in")
    detail = sql("SELECT detail FROM audit_log WHERE action = 'mpr.submit' AND entity = 'mpr' AND entity_id = "
                 "(SELECT r.id FROM mpr_reports r JOIN register_defs d ON d.id = r.def_id WHERE d.code = 'T_MPR_GP' "
                 "AND r.location_id = %d AND r.period = '%s-01') ORDER BY id DESC LIMIT 1" % (j, m))[0][0]
    eq(json.loads(detail)["overrides"]["applications"], {"computed": computed["applications"], "given": given},
       "the override in the audit row")
    # approved twice as a GP's report, the given figure consolidates
    ok(act("T_MPR_GP", m, "bi", "approve", j))
    eq(ok(act("T_MPR_GP", m, "di", "approve", j))["status"], "approved", "approved")
    f = ok(api("bi").api("GET", "/mpr/T_MPR_GP/%s?location=%d" % (m, blk)))
    eq(f["figures"]["applications"], given, "the given figure summed")


@test
def unknown_source_in_a_definition_is_refused():
    bad = copy.deepcopy(GP)
    bad["code"] = "T_MPR_BAD"
    bad["sources"]["entries_made"] = {"source": "entries_everywhere"}
    r = publish(bad)
    eq(r.status, 422, "unknown source: %r" % r)
    assert "unknown source 'entries_everywhere'" in r.text, r.text
    bad["sources"]["entries_made"] = {"source": "register_entries"}
    for field, src, why in (("cash_received", {"source": "register_amount", "register": "CASHBOOK"}, "needs 'column'"),
                            ("applications", {"source": "tickets_raised", "register": "CASHBOOK"}, "takes no 'register'"),
                            ("applications", {"source": "register_amount", "register": "CASHBOOK", "column": "receipt_cash"},
                             "fills a money column")):
        bad["sources"][field] = src
        r = publish(bad)
        eq(r.status, 422, "%s: %r" % (why, r))
        assert why in r.text, r.text
        bad["sources"] = copy.deepcopy(GP["sources"])
    bad["sources"] = {"remarks": {"source": "tickets_raised"}}
    eq(publish(bad).status, 422, "a source for a column that is not there")
    # a block's report approved by the BI (not above the block) is refused too
    eq(publish(definition("T_MPR_BAD", "block", ["bi"], "bdo")).status, 422, "approver not above the block")
    eq(sql("SELECT COUNT(*) FROM register_defs WHERE code = 'T_MPR_BAD'")[0][0], "0", "nothing stored")


@test
def reminders_go_to_whoever_files_at_the_level():
    m = month_back(6)
    y, mo = int(m[:4]), int(m[5:7]) + 1
    if mo > 12:
        y, mo = y + 1, 1
    before = "%04d-%02d-03" % (y, mo)
    blk = place("block", "Medininagar(Daltonganj)")
    chainpur = place("block", "Chainpur")
    ok(save("T_MPR_BLK", m, "bi", {"meetings": 1}, submit=True))
    out = ctl("mpr-remind", "--day", before).stdout
    assert re.search(r"[1-9]\d* reminders queued", out), out
    sent = lambda loc: [x[0] for x in sql("SELECT recipient FROM notifications WHERE event = 'mpr.before' AND ref = 'T_MPR_BLK/%s/%d'"
                                          % (m, loc))]
    eq(sent(chainpur), ["9000000116"], "Chainpur's BI reminded")
    eq(sent(blk), [], "Medininagar submitted: not reminded")
    body = sql("SELECT body FROM notifications WHERE event = 'mpr.before' AND ref = 'T_MPR_BLK/%s/%d'" % (m, chainpur))[0][0]
    assert "of your block" in body, body


run()
