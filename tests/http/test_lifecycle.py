"""The application lifecycle over HTTP: every seeded service from submit to
approval, return and resubmit, recall, reject and appeal, Tatkal before
FIFO, out-of-order with a reason, jurisdiction, idempotency, uploads, SLA
escalation, notifications, the audit chain."""
import re
import time

from gs import Client, test, eq, run, ctl, sql, notifications_log, send_notifications, today, fin_year
from lifecycle import (create_employee, file_app, officer, act, take_next, walk_to_approval, definition, answers_for, upload,
                       office_of, expected_due_dates, rejected, PNG)

RUN = str(int(time.time() * 1000) % 10000000)
CIRCLE = [("karmachari", "karmachari"), ("ci", "ci"), ("co", "co")]
PANCHAYAT = [("panchayatsewak", "panchayat_sewak")]


def wallet(user):
    c = officer(user)
    return c.api("GET", "/wallet").json()["balance_paise"]


@test
def every_seeded_service_submit_to_certificate():
    for code, stages in (("INC", CIRCLE), ("CST", CIRCLE), ("RES", CIRCLE), ("LPC", CIRCLE), ("BRT", PANCHAYAT),
                         ("DTH", PANCHAYAT)):
        number, _ = file_app(code)
        assert re.fullmatch(r"JH/358/%s/20\d\d-\d\d/\d{6}" % code, number), number
        out = walk_to_approval(number, stages)
        eq(out["status"], "approved", code)
        cert = out["certificate"]["number"]
        assert out["certificate"]["verify_url"].startswith("http"), out
        eq(sql("SELECT status FROM certificates WHERE number='%s'" % cert)[0][0], "valid", code + " certificate row")
        r = Client().get("/" + out["certificate"]["verify_url"].split("/", 3)[3])
        assert "Valid certificate" in r.text, code + ": " + r.text[:300]


@test
def csc_channel_debits_wallet_once_and_records_filer():
    before = wallet("csc1")
    number, c = file_app("INC", key="idem-csc-" + RUN)
    again = c.api("POST", "/applications", {"service": "INC"}, headers={"Idempotency-Key": "idem-csc-" + RUN})
    eq(again.status, 409, "same key, different body")
    eq(before - wallet("csc1"), 2000, "Rs 30 CSC charge less Rs 10 commission, once")
    row = sql("SELECT a.channel, u.username FROM applications a JOIN users u ON u.id=a.filed_by WHERE a.number='%s'" % number)
    eq(row, [["csc", "csc1"]], "channel and filer stored")


@test
def retried_api_submit_is_one_application():
    c = officer("csc2")
    d = definition("RES")
    docs = {doc["code"]: upload(c, doc["code"], "9000000001").json()["id"] for doc in d["documents"] if doc["required"]}
    body = {"service": "RES", "applicant": {"mobile": "9000000001"}, "fields": answers_for(d), "documents": docs}
    before = wallet("csc2")
    r1 = c.api("POST", "/applications", body, headers={"Idempotency-Key": "retry-" + RUN})
    r2 = c.api("POST", "/applications", body, headers={"Idempotency-Key": "retry-" + RUN})
    eq(r1.status, 201, "first")
    eq(r2.status, 201, "replayed answer")
    eq(r1.json()["number"], r2.json()["number"], "same application")
    eq(sql("SELECT COUNT(*) FROM applications WHERE idem_key='retry-%s'" % RUN)[0][0], "1", "one row")
    eq(before - wallet("csc2"), 2000, "one debit (Rs 30 less Rs 10 commission)")


@test
def double_submitted_page_form_is_one_application():
    c = Client()
    c.login("csc1")
    page = c.get("/apply/RES")
    tok = c.csrf_from(page.text)
    idem = re.search(r'name="idem" value="([^"]+)"', page.text).group(1)
    d = definition("RES")
    api = officer("csc1")
    docs = {"doc_" + doc["code"]: str(upload(api, doc["code"], "9000000001").json()["id"]) for doc in d["documents"] if doc["required"]}
    a = answers_for(d)
    form = {"csrf": tok, "idem": idem, "applicant_mobile": "9000000001", "submit": "1"}
    for k, v in a.items():
        if k == "address":
            loc = sql("SELECT path FROM locations WHERE id=%s" % v)[0][0].strip("/").split("/")
            ids = {sql("SELECT type FROM locations WHERE id=%s" % i)[0][0]: i for i in loc}
            for lv in ("district", "block", "panchayat", "village"):
                form["f_address_" + lv] = ids[lv]
        else:
            form["f_" + k] = v
    form.update(docs)
    r1 = c.post("/apply/RES", form)
    r2 = c.post("/apply/RES", form)
    eq(r1.status, 303, "submitted: " + r1.text[:300])
    eq(r1.header("Location"), r2.header("Location"), "the reload lands on the same acknowledgement")
    eq(sql("SELECT COUNT(*) FROM applications WHERE idem_key='%s'" % idem)[0][0], "1", "one application")
    ack = c.get(r1.header("Location"))
    assert "Application received" in ack.text


@test
def return_to_applicant_and_resubmit_keeps_position():
    number, filer = file_app("INC")
    k = officer("karmachari")
    queued = sql("SELECT queued_at FROM applications WHERE number='%s'" % number)[0][0]
    r = act(k, number, "return", remarks="Income figure looks wrong", return_fields=["annual_income"],
            out_of_order_reason="testing a return out of turn")
    eq(r.json()["status"], "returned", "returned")
    send_notifications()
    assert "needs correction: Income figure looks wrong" in notifications_log()
    d = definition("INC")
    ans = answers_for(d)
    ans["annual_income"] = "96000"
    ans["applicant_name"] = "Someone Else"     # not flagged: must not change
    r = filer.api("POST", "/applications/%s/submit" % number, {"fields": ans})
    eq(r.status, 200, "resubmitted: %r" % r)
    row = sql("SELECT status, stage_idx, queued_at, JSON_VALUE(form, '$.annual_income'), JSON_VALUE(form, '$.applicant_name') "
              "FROM applications WHERE number='%s'" % number)[0]
    eq(row, ["pending", "0", queued, "96000", "Sita Devi"], "same stage, original place, only the flagged field changed")


@test
def recall_before_next_stage_acts():
    number, _ = file_app("CST")
    k = officer("karmachari")
    eq(act(k, number, "forward", out_of_order_reason="testing recall out of turn").status, 200, "forward")
    r = act(k, number, "recall")
    eq(r.status, 200, "recall: %r" % r)
    eq(sql("SELECT stage_idx, stage_role FROM applications WHERE number='%s'" % number)[0], ["0", "karmachari"], "back")
    eq(act(k, number, "forward", out_of_order_reason="testing recall out of turn").status, 200, "forward again")
    ci = officer("ci")
    eq(act(ci, number, "field_verify", remarks="Visited the village; facts correct",
           out_of_order_reason="testing recall out of turn").status, 200, "next stage acts")
    r = act(k, number, "recall")
    eq(r.status, 409, "too late to recall")


@test
def reject_then_first_and_second_appeal():
    number, filer = file_app("RES")
    r = act(officer("karmachari"), number, "reject", remarks="No land record attached",
            out_of_order_reason="testing reject out of turn")
    eq(r.json()["status"], "rejected", "rejected")
    r = filer.api("POST", "/applications/%s/appeal" % number, {"grounds": "The khatiyan was attached as required."})
    eq(r.status, 201, "first appeal: %r" % r)
    aid = sql("SELECT ap.id FROM appeals ap JOIN applications a ON a.id=ap.app_id WHERE a.number='%s'" % number)[0][0]
    r = filer.api("POST", "/applications/%s/appeal" % number, {"grounds": "Second appeal too early here."})
    eq(r.status, 409, "no second appeal while the first is pending")
    sdo = Client()
    sdo.login("sdo")
    page = sdo.get("/desk")
    assert number in page.text, "appeal in the SDO's queue"
    r = sdo.form_post("/desk/appeal/" + aid, "/desk/appeal/" + aid, {"decision": "dismiss", "order": "The record was not attached; rejection stands."})
    eq(r.status, 303, "decided")
    r = filer.api("POST", "/applications/%s/appeal" % number, {"grounds": "I appeal against the first appellate order."})
    eq(r.status, 201, "second appeal")
    eq(sql("SELECT role FROM appeals a JOIN applications p ON p.id=a.app_id WHERE p.number='%s' AND level=2" % number)[0][0],
       "dm", "to the DM")


@test
def appeal_form_is_offered_only_when_an_appeal_may_be_filed():
    # the page and the API share one rule: a first appeal once rejected, a
    # second once the first is dismissed or undecided for 30 days, no third
    number, _ = file_app("RES")
    web = Client()
    web.login("csc1")
    form = 'action="/my/app/%s/appeal"' % number
    page = "/my/app/" + number
    assert form not in web.get(page).text, "no appeal while the application is pending in time"
    eq(act(officer("karmachari"), number, "reject", remarks="No land record attached",
           out_of_order_reason="testing reject out of turn").status, 200, "rejected")
    assert form in web.get(page).text, "a first appeal is offered after the rejection"
    r = web.form_post(page, page + "/appeal", {"grounds": "The khatiyan was attached as required."})
    eq(r.status, 303, "first appeal filed on the page")
    assert form not in web.get(page).text, "no second appeal offered while the first is pending"
    eq(web.form_post(page, page + "/appeal", {"grounds": "A second appeal filed too early."}).status, 409,
       "and none accepted")
    # thirty days without a decision: the second appeal is due
    sql("UPDATE appeals a JOIN applications p ON p.id=a.app_id SET a.filed_at = NOW() - INTERVAL 31 DAY "
        "WHERE p.number='%s'" % number)
    assert form in web.get(page).text, "a second appeal is offered after 30 days undecided"
    eq(web.form_post(page, page + "/appeal", {"grounds": "The first appeal was never decided."}).status, 303,
       "second appeal filed")
    eq(sql("SELECT MAX(level) FROM appeals a JOIN applications p ON p.id=a.app_id WHERE p.number='%s'" % number)[0][0], "2",
       "level 2")
    assert form not in web.get(page).text, "never a third appeal"


@test
def tatkal_overtakes_fifo_and_out_of_order_needs_reason():
    a, _ = file_app("INC")
    b, _ = file_app("INC")
    t, _ = file_app("INC", tatkal=True)
    k = officer("karmachari")
    q = k.api("GET", "/desk/queue?office=%d&role=karmachari" % office_of("karmachari", "karmachari")).json()
    assert q["tatkal"] and q["tatkal"][0]["number"] == t, "tatkal stack"
    fifo = [x["number"] for x in q["fifo"]]
    assert fifo.index(a) < fifo.index(b), "FIFO order"
    # clear everything ahead of our three so the head is known
    while True:
        n = take_next(k, "karmachari", "karmachari")
        if n == t:
            break
        act(k, n, "forward")
    eq(act(k, t, "forward").status, 200, "tatkal first")
    # at the next stage too, a Tatkal application is due no later than its own due date
    due, stage_due = sql("SELECT due_date, stage_due FROM applications WHERE number='%s'" % t)[0]
    assert stage_due <= due, "stage due %s after the Tatkal due date %s" % (stage_due, due)
    while True:
        n = take_next(k, "karmachari", "karmachari")
        if n == a:
            break
        act(k, n, "forward")
    # a is claimed and at the head; b behind it
    r = act(k, b, "forward")
    eq(r.status, 409, "b is not next")
    eq(r.json()["error"]["code"], "out_of_order", "code")
    r = act(k, b, "forward", out_of_order_reason="Applicant is a student whose admission closes tomorrow")
    eq(r.status, 200, "with a reason")
    eq(sql("SELECT out_of_order_reason FROM app_events e JOIN applications a ON a.id=e.app_id WHERE a.number='%s' "
           "AND e.action='forward'" % b)[0][0], "Applicant is a student whose admission closes tomorrow", "reason kept")
    eq(act(k, a, "forward").status, 200, "head")


@test
def two_officers_never_get_the_same_application():
    for _ in range(4):
        file_app("CST")
    k1, k2 = officer("karmachari"), officer("karmachari")
    n1 = take_next(k1, "karmachari", "karmachari")
    n2 = take_next(k2, "karmachari", "karmachari")
    eq(n2, n1, "the same officer (another device) is handed back their own claim")
    # a second karmachari in the same office is a different user
    admin = Client()
    admin.login("stateadmin")
    user, pw = create_employee(admin, "karmachari2x" + RUN)
    k3 = Client()
    k3.api_login(user, pw)
    n3 = take_next(k3, user, "karmachari")
    assert n3 and n3 != n1, "a claimed application is not handed to another officer: %s" % n3
    r = act(k3, n1, "forward", out_of_order_reason="trying to take someone else's claim")
    eq(r.status, 409, "claimed by another officer")


@test
def acting_outside_stage_or_twice_is_refused():
    number, _ = file_app("INC")
    co = officer("co")
    r = act(co, number, "approve")
    eq(r.status, 409, "not the CO's stage yet")
    k = officer("karmachari")
    eq(act(k, number, "approve", out_of_order_reason="approve is not allowed here").status, 409, "action not allowed at stage")
    eq(act(k, number, "forward", out_of_order_reason="forwarding for the double-act test").status, 200, "forward")
    eq(act(k, number, "forward", out_of_order_reason="forwarding for the double-act test").status, 409, "already moved on (a conflict, as at every stage)")
    eq(act(k, number, "teleport").status, 422, "unknown action")


@test
def jurisdiction_for_desk_and_tracking():
    number, filer = file_app("INC")
    admin = Client()
    admin.login("stateadmin")
    user, pw = create_employee(admin, "cochh" + RUN, role="co", block="Chhatarpur")
    other = Client()
    other.api_login(user, pw)
    eq(other.api("GET", "/applications/" + number).status, 404, "CO of another circle cannot read it")
    eq(act(other, number, "approve").status, 404, "nor act on it")
    web = Client()
    web.login(user, pw)
    eq(web.get("/desk/app/" + number).status, 404, "nor open its page")
    dm = officer("dm")
    eq(dm.api("GET", "/applications/" + number).status, 200, "the DM of the district can")
    eq(Client().get("/api/v1/track?number=%s&mobile=9000000001" % number).status, 200, "tracking with the mobile")
    eq(Client().get("/api/v1/track?number=%s&mobile=9999999999" % number).status, 404, "not with another")
    t = Client().form_post("/track", "/track", {"number": number, "mobile": "9000000001"}).text
    assert "Being processed" in t and "Sita" not in t, "status only, no personal data"
    csc2 = officer("csc2")
    eq(csc2.api("GET", "/applications/" + number).status, 404, "another CSC cannot read it")


@test
def uploads_checked_by_content():
    c = officer("csc1")
    r = upload(c, "aadhaar_card", "9000000001", data=b"MZ\x90\x00 this is an exe" * 10, name="aadhaar.pdf")
    eq(r.status, 422, "renamed exe refused")
    eq(upload(c, "photo", "9000000001", data=PNG, name="p.png", ctype="image/png").status, 201, "real PNG accepted")
    big = b"%PDF-1.4\n" + b"x" * (6 * 1024 * 1024) + b"\n%%EOF\n"
    eq(upload(c, "other", "9000000001", data=big).status, 413, "oversized refused")
    eq(upload(c, "../etc", "9000000001").status, 422, "bad document type")


@test
def officers_open_documents_only_in_jurisdiction():
    number, _ = file_app("INC")
    doc = sql("SELECT ad.document_id FROM app_documents ad JOIN applications a ON a.id=ad.app_id WHERE a.number='%s' LIMIT 1" % number)[0][0]
    k = Client()
    k.login("karmachari")
    eq(k.get("/locker/" + doc).status, 200, "the circle's karmachari")
    stranger = Client()
    stranger.login("csc2")
    eq(stranger.get("/locker/" + doc).status, 404, "not another CSC")


@test
def versions_stay_with_filed_applications():
    number, _ = file_app("LPC")
    v1 = sql("SELECT v.version FROM applications a JOIN service_versions v ON v.id=a.version_id WHERE a.number='%s'" % number)[0][0]
    admin = Client()
    admin.login("deptadmin")
    r = admin.form_post("/admin/services/LPC", "/admin/services/LPC/general",
                        {"name_en": "Land Possession Certificate", "name_hi": "भूमि धारण प्रमाण पत्र",
                         "desc_en": "Changed in v2", "channels": ["online", "csc", "sewak", "jsk", "counter"]})
    eq(r.status, 303, "edit")
    eq(admin.form_post("/admin/services/LPC", "/admin/services/LPC/publish", {}).status, 303, "publish v2")
    v2 = sql("SELECT v.version FROM services s JOIN service_versions v ON v.id=s.published_version_id WHERE s.code='LPC'")[0][0]
    assert int(v2) == int(v1) + 1
    eq(sql("SELECT v.version FROM applications a JOIN service_versions v ON v.id=a.version_id WHERE a.number='%s'" % number)[0][0],
       v1, "still v1")
    out = walk_to_approval(number, CIRCLE)
    eq(out["status"], "approved", "finishes under v1")
    new, _ = file_app("LPC")
    eq(sql("SELECT v.version FROM applications a JOIN service_versions v ON v.id=a.version_id WHERE a.number='%s'" % new)[0][0],
       v2, "new applications get v2")


@test
def unroutable_address_refused_clearly():
    d = definition("INC")
    gen = sql("SELECT l.id FROM locations l JOIN locations s ON s.name_en='Officeless State' AND l.path LIKE CONCAT(s.path,'%') "
              "WHERE l.type='village' LIMIT 1")
    if not gen:
        ctl("gen-state", "--districts", "1", "--blocks", "1", "--panchayats", "1", "--villages", "1", "--name", "Officeless State")
        gen = sql("SELECT l.id FROM locations l JOIN locations s ON s.name_en='Officeless State' AND l.path LIKE CONCAT(s.path,'%') "
                  "WHERE l.type='village' LIMIT 1")
    vid = gen[0][0]
    sql("UPDATE offices o JOIN locations l ON l.id=o.location_id JOIN locations s ON s.name_en='Officeless State' "
        "AND l.path LIKE CONCAT(s.path,'%') SET o.active=0 WHERE o.level='circle'")
    c = officer("csc1")
    docs = {doc["code"]: upload(c, doc["code"], "9000000001").json()["id"] for doc in d["documents"] if doc["required"]}
    before = sql("SELECT COUNT(*) FROM applications WHERE status='pending'")[0][0]
    r = c.api("POST", "/applications", {"service": "INC", "applicant": {"mobile": "9000000001"},
                                         "fields": answers_for(d, place=vid), "documents": docs})
    eq(r.status, 422, "refused")
    assert "no office" in r.json()["error"]["message"], r.text
    eq(sql("SELECT COUNT(*) FROM applications WHERE status='pending'")[0][0], before, "never stranded")


@test
def number_and_due_dates_follow_the_indian_day():
    """The financial year in the number, the day stamped on it and the SLA
    due dates all come from the IST day it arrives (the runner runs this
    again at 23:59 IST on 31 March and 00:01 IST on 1 April)."""
    for tatkal in (False, True):
        before = today()
        number, _ = file_app("INC", tatkal=tatkal)
        after = today()
        day, due, stage_due = sql("SELECT DATE(submitted_at), due_date, stage_due FROM applications WHERE number='%s'"
                                  % number)[0]
        assert day in (before, after), "filed on the IST day %s, stamped %s" % (after, day)
        eq(number.split("/")[3], fin_year(day), "financial year in %s" % number)
        eq((due, stage_due), expected_due_dates(number, day), "due dates of %s (tatkal %s)" % (number, tatkal))
        j = officer("karmachari").api("GET", "/applications/" + number).json()
        eq((j["due_date"], j["submitted_at"][:10]), (due, day), "the API says the same")


@test
def escalation_marks_overdue_once():
    number, _ = file_app("CST")
    sql("UPDATE applications SET stage_due = CURDATE() - INTERVAL 3 DAY WHERE number='%s'" % number)
    p = ctl("escalate")
    assert "escalated %s" % number in p.stdout, p.stdout
    eq(sql("SELECT overdue FROM applications WHERE number='%s'" % number)[0][0], "1", "overdue")
    send_notifications()
    assert re.search(r"Application %s is overdue" % re.escape(number), notifications_log()), "next level told"
    p = ctl("escalate")
    assert number not in p.stdout, "idempotent"
    eq(sql("SELECT COUNT(*) FROM app_events e JOIN applications a ON a.id=e.app_id WHERE a.number='%s' AND e.action='escalate'"
           % number)[0][0], "1", "one escalation")


@test
def escalation_sms_speaks_each_officers_language():
    """An officer who reads Hindi gets the escalation SMS in Hindi; one who
    reads English gets it in English (it was English for everyone)."""
    number, _ = file_app("CST")
    sql("UPDATE applications SET stage_due = CURDATE() - INTERVAL 3 DAY WHERE number='%s'" % number)
    sdo = "SELECT user_id FROM role_holdings WHERE role = 'sdo'"    # the first appellate authority
    sql("UPDATE users SET lang='hi' WHERE id IN (%s)" % sdo)
    try:
        p = ctl("escalate")
        rows = sql("SELECT u.lang, n.body FROM notifications n JOIN users u ON u.mobile = n.recipient AND u.user_type = 'staff' "
                   "WHERE n.ref='%s' AND n.event='app.escalate'" % number)
    finally:
        sql("UPDATE users SET lang='en' WHERE id IN (%s)" % sdo)
    assert "escalated %s" % number in p.stdout, p.stdout
    langs = {lang for lang, _ in rows}
    assert {"hi", "en"} <= langs, rows
    for lang, body in rows:
        hindi = re.search(r"[\u0900-\u097f]", body) is not None
        eq(hindi, lang == "hi", "%s officer got: %s" % (lang, body))


@test
def notifications_sent_at_submit_and_decision():
    number, _ = file_app("BRT")
    send_notifications()
    log = notifications_log()
    assert re.search(r"Application %s for Birth Certificate received" % re.escape(number), log), "submit SMS"
    walk_to_approval(number, PANCHAYAT)
    send_notifications()
    assert re.search(r"Your Birth Certificate for application %s is issued" % re.escape(number), notifications_log())
    eq(sql("SELECT COUNT(*) FROM notifications WHERE ref='%s' AND status='sent'" % number)[0][0],
       sql("SELECT COUNT(*) FROM notifications WHERE ref='%s'" % number)[0][0], "all sent, none twice")


@test
def feedback_after_delivery():
    number, filer = file_app("DTH")
    walk_to_approval(number, PANCHAYAT)
    c = Client()
    c.login("csc1")
    r = c.form_post("/my/app/" + number, "/my/app/%s/feedback" % number, {"rating": "4", "comment": "Quick service"})
    eq(r.status, 303, "feedback")
    eq(sql("SELECT f.rating FROM feedback f JOIN applications a ON a.id=f.app_id WHERE a.number='%s'" % number)[0][0], "4", "kept")


@test
def a_second_rating_changes_nothing_and_audits_nothing():
    """The first rating of a decided application stands; rating again is
    answered as before, but nothing changes, so no audit row says it did."""
    number = rejected("INC")
    c = Client()
    c.login("csc1")
    for rating in ("2", "5"):
        r = c.form_post("/my/app/" + number, "/my/app/%s/feedback" % number, {"rating": rating, "comment": "rated " + rating})
        eq(r.status, 303, "feedback %s" % rating)
    eq(sql("SELECT f.rating, f.comment FROM feedback f JOIN applications a ON a.id=f.app_id WHERE a.number='%s'" % number),
       [["2", "rated 2"]], "the first rating stands")
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE action='app.feedback' AND entity_id='%s'" % number)[0][0], "1",
       "one change, one audit row")


@test
def acknowledgement_pdf():
    number, filer = file_app("INC")
    r = filer.api("GET", "/applications/%s/acknowledgement" % number)
    eq(r.status, 200, "ack")
    assert r.body.startswith(b"%PDF-"), "a PDF"


@test
def desk_counts_kept_as_applications_move_equal_a_recount():
    # the tests above filed, forwarded, returned, resubmitted, rejected,
    # approved and appealed: every move changed the kept counts
    # (queue_counts, migration 094) in its own transaction; they must
    # equal counting the queues now, desk by desk
    kept = sql("SELECT office_id, role, service_id, tatkal, SUM(n) FROM queue_counts "
               "GROUP BY office_id, role, service_id, tatkal HAVING SUM(n) <> 0 ORDER BY 1, 2, 3, 4")
    real = sql("SELECT stage_office_id, stage_role, service_id, tatkal, COUNT(*) FROM applications "
               "WHERE status = 'pending' AND stage_office_id IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")
    eq(kept, real, "kept counts against a recount")
    assert len(real) >= 2, real
    # what the desk says is that count
    office = office_of("karmachari", "karmachari")
    q = officer("karmachari").api("GET", "/desk/queue?office=%d&role=karmachari&limit=1" % office).json()
    counts = dict(sql("SELECT tatkal, COUNT(*) FROM applications WHERE stage_office_id = %d AND stage_role = 'karmachari' "
                      "AND status = 'pending' GROUP BY tatkal" % office))
    eq((q["waiting"]["tatkal"], q["waiting"]["fifo"]), (int(counts.get("1", 0)), int(counts.get("0", 0))), "desk's waiting")


@test
def audit_chain_verifies():
    p = ctl("audit-verify")
    assert "audit chain intact" in p.stdout, p.stdout
    n = int(sql("SELECT COUNT(*) FROM audit_log")[0][0])
    assert n > 50, n
    try:
        sql("UPDATE audit_log SET remarks='tampered' WHERE id=1")
        raise AssertionError("audit rows can be updated")
    except AssertionError as e:
        assert "append-only" in str(e), e


if __name__ == "__main__":
    run()
