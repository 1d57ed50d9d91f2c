"""test_campaign_admin.py — Jan Samvad administration without SQL (issue
15): the do-not-call page adds and removes numbers with a reason (each
change audited), loads many from CSV, and a number added is taken off the
call lists still waiting; only the state administrator may use it.  A
campaign is defined on pages: a draft, its questions through the field
editor (with branching), its settings and grievance rule, then made
active, and then called like one loaded from JSON."""
import time

from gs import Client, test, eq, run, sql, ctl
from campaign_lib import SETTINGS, list_one, take_next

RUN = str(int(time.time() * 1000) % 10000000)


def web(user):
    c = Client()
    c.login(user)
    return c


def mobile(i):
    return "7%d%08d" % (i % 10, (int(RUN) * 41 + i) % 100000000)


def listed(m):
    r = sql("SELECT reason FROM dnc WHERE mobile='%s'" % m)
    return r[0][0] if r else None


def audits(action, m):
    return int(sql("SELECT COUNT(*) FROM audit_log WHERE action='%s' AND entity_id='%s'" % (action, m))[0][0])


def multipart(fields, data, name="numbers.csv"):
    out = [("--GSUP\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % kv).encode() for kv in fields.items()]
    out.append(("--GSUP\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                "Content-Type: text/csv\r\n\r\n" % name).encode() + data + b"\r\n--GSUP--\r\n")
    return b"".join(out)


@test
def a_number_is_added_and_removed_with_a_reason_and_audited():
    sa = web("stateadmin")
    m = mobile(1)
    r = sa.form_post("/admin/dnc", "/admin/dnc", {"action": "add", "mobile": m, "reason": "asked by letter"})
    eq(r.status, 303, "added: %r" % r)
    eq(listed(m), "asked by letter", "listed with its reason")
    eq(audits("campaign.dnc_add", m), 1, "audited")
    assert m in sa.get("/admin/dnc?q=" + m[:6]).text, "found on the page"
    # a reason is required, and a mobile must be one
    r = sa.form_post("/admin/dnc", "/admin/dnc", {"action": "add", "mobile": "12345", "reason": ""})
    eq(r.status, 422, "refused: %r" % r)
    assert 'id="e-mobile"' in r.text and 'id="e-reason"' in r.text, "both problems at their fields"
    r = sa.form_post("/admin/dnc", "/admin/dnc", {"action": "remove", "mobile": m, "reason": ""})
    eq(r.status, 422, "removing needs a reason too")
    eq(listed(m), "asked by letter", "still listed")
    r = sa.form_post("/admin/dnc", "/admin/dnc", {"action": "remove", "mobile": m, "reason": "consent given again"})
    eq(r.status, 303, "removed: %r" % r)
    eq(listed(m), None, "off the list")
    eq(audits("campaign.dnc_remove", m), 1, "audited")
    ctl("audit-verify")


@test
def a_number_added_leaves_the_call_lists_still_waiting():
    import tempfile, os
    m = mobile(2)
    village = sql("SELECT v.id FROM locations v JOIN locations g ON g.id=v.parent_id WHERE g.name_en='Jamune' "
                  "AND g.type='panchayat' ORDER BY v.id LIMIT 1")[0][0]
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write("name,mobile,village_id,scheme_ref\nDNC test,%s,%s,DNC-%s\n" % (m, village, RUN))
    try:
        ctl("campaign", "list", "JSPMAY", f.name)
    finally:
        os.unlink(f.name)
    eq(sql("SELECT status FROM campaign_contacts WHERE mobile='%s'" % m), [["pending"]], "waiting to be called")
    sa = web("stateadmin")
    eq(sa.form_post("/admin/dnc", "/admin/dnc", {"action": "add", "mobile": m, "reason": "refused on the phone"}).status, 303,
       "added")
    eq(sql("SELECT status FROM campaign_contacts WHERE mobile='%s'" % m), [["excluded"]], "left out")


@test
def numbers_are_loaded_from_csv_in_one_audited_change():
    sa = web("stateadmin")
    a, b = mobile(3), mobile(4)
    csv = ("mobile,reason\n%s,court order\n%s,\nnot-a-number,x\n" % (a, b)).encode()
    tok = sa.csrf_from(sa.get("/admin/dnc").text)
    r = sa.request("POST", "/admin/dnc/import", body=multipart({"csrf": tok, "reason": "district list"}, csv),
                   ctype="multipart/form-data; boundary=GSUP")
    eq(r.status, 200, "loaded: %r" % r)
    assert "2 / 1" in r.text, "two listed, one row refused"
    eq((listed(a), listed(b)), ("court order", "district list"), "each row's reason, else the one typed")
    r = sa.request("POST", "/admin/dnc/import", body=multipart({"csrf": tok, "reason": "district list"}, b"phone\n1\n"),
                   ctype="multipart/form-data; boundary=GSUP")
    eq(r.status, 422, "no mobile column: %r" % r)
    assert 'id="e-file"' in r.text, "the problem at the file"


@test
def only_the_state_administrator_keeps_the_list():
    m = mobile(5)
    for user in ["csc1", "bi", "ccagent"]:
        c = web(user)
        eq(c.get("/admin/dnc").status, 403, "%s may not see it" % user)
    eq(listed(m), None, "nothing changed")


@test
def a_campaign_is_defined_on_pages_and_then_called():
    sa = web("stateadmin")
    code = "JSNSAP" + RUN
    # problems at their inputs
    r = sa.form_post("/admin/campaigns", "/admin/campaigns", dict(SETTINGS, code="bad code", max_attempts="5"))
    eq(r.status, 422, "refused: %r" % r)
    assert 'id="e-code"' in r.text and 'id="e-max_attempts"' in r.text, "both problems at their inputs"
    r = sa.form_post("/admin/campaigns", "/admin/campaigns", dict(SETTINGS, code=code))
    eq(r.status, 303, "draft created: %r" % r)
    page = r.header("Location")
    cid = int(page.rsplit("/", 1)[1])
    eq(sql("SELECT status FROM campaigns WHERE id=%d" % cid), [["draft"]], "a draft")
    eq(sa.form_post(page, page + "/status", {"to": "active"}).status, 409, "no questions yet: not active")
    # the questions, with branching
    q = page + "/questions"
    r = sa.form_post(page, q, {"action": "add", "name": "pension_received", "type": "radio", "label_en": "Did your pension come?",
                               "label_hi": "क्या आपकी पेंशन आई?", "options": "yes|Yes|हाँ\nno|No|नहीं", "required": "1"})
    eq(r.status, 303, "question added: %r" % r)
    r = sa.form_post(page, q, {"action": "add", "name": "months", "type": "number", "label_en": "For how many months not?",
                               "label_hi": "कितने महीने से नहीं?", "required": "1", "show_field": "nowhere",
                               "show_equals": "no"})
    eq(r.status, 422, "a condition on no question: %r" % r)
    r = sa.form_post(page, q, {"action": "add", "name": "months", "type": "number", "label_en": "For how many months not?",
                               "label_hi": "कितने महीने से नहीं?", "required": "1", "show_field": "pension_received",
                               "show_equals": "no"})
    eq(r.status, 303, "branching question added: %r" % r)
    eq(sa.form_post(page, q, {"action": "remove", "name": "pension_received"}).status, 409, "a condition uses it")
    # the grievance rule names a question of the questionnaire
    r = sa.form_post(page, page, dict(SETTINGS, g_type="GRV_SCH_NOT_RECEIVED", g_field="nothing", g_value="no"))
    eq(r.status, 422, "no such question: %r" % r)
    r = sa.form_post(page, page, dict(SETTINGS, g_type="GRV_SCH_NOT_RECEIVED", g_field="pension_received", g_value="no"))
    eq(r.status, 303, "settings saved: %r" % r)
    eq(sa.form_post(page, page + "/status", {"to": "active"}).status, 303, "active")
    eq(sa.form_post(page, q, {"action": "remove", "name": "months"}).status, 409, "questions fixed once active")
    for action in ["create", "question_add", "settings", "active"]:
        assert int(sql("SELECT COUNT(*) FROM audit_log WHERE action='campaign.%s' AND entity_id='%s'" % (action, code))[0][0]) >= 1, \
            "audited: " + action
    # called like any campaign: the branching and the grievance rule work
    list_one(code, mobile(6), "NSAP-" + RUN)
    a, url = take_next(cid)
    r = a.api("POST", url, {"disposition": "completed", "answers": {"pension_received": "no"}})
    eq(r.status, 422, "the branch's question is asked: %r" % r)
    assert "months" in r.json()["error"]["fields"], r.json()
    r = a.api("POST", url, {"disposition": "completed", "answers": {"pension_received": "no", "months": 3}})
    eq(r.status, 200, "recorded: %r" % r)
    assert (r.json().get("grievance") or "").startswith("GR"), "the rule raised a grievance: %r" % r.json()


run()
