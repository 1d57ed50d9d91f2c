"""Officers, roles and revocation (issue 11): role and place come from one
holding (revocation and desk actions), department administrators see only
their department's applications, one answer per mistake when acting
(404 not visible, 403 no role that could ever act, 409 conflict), and a
revocation that is recorded on the application and shows no facts."""
import base64
import json
import re
import time
import urllib.parse

from gs import Client, test, eq, run, sql
from lifecycle import create_employee, file_app, officer, act, walk_to_approval, citizen

RUN = str(int(time.time() * 1000) % 10000000)
CIRCLE = [("karmachari", "karmachari"), ("ci", "ci"), ("co", "co")]
PANCHAYAT = [("panchayatsewak", "panchayat_sewak")]
OOO = "taken out of turn for this test"


def path_of(url):
    return "/" + url.split("/", 3)[3]


def issue(code, stages=CIRCLE, **kw):
    number, filer = file_app(code, **kw)
    out = walk_to_approval(number, stages)
    return number, out["certificate"]["number"], out["certificate"]["verify_url"], filer


def web(username, password=None):
    c = Client()
    if password:
        c.login(username, password)
    else:
        c.login(username)
    return c


def page_act(c, number, action, **extra):
    data = {"action": action, "ooo_reason": OOO, "remarks": "checked"}
    data.update(extra)
    return c.form_post("/desk/app/" + number, "/desk/app/" + number, data)


def api_code(r):
    return r.json()["error"]["code"]


def mixed_officer(tag):
    """A karmachari of Medininagar who is also the CO of Chainpur, made
    through the HR pages: two holdings, one user."""
    admin = web("stateadmin")
    user, pw = create_employee(admin, "mixed%s%s" % (tag, RUN), role="karmachari")
    uid = sql("SELECT id FROM users WHERE username='%s'" % user)[0][0]
    palamu = sql("SELECT id FROM locations WHERE type='district' AND name_en='Palamu'")[0][0]
    chainpur = sql("SELECT id FROM locations WHERE type='block' AND name_en='Chainpur'")[0][0]
    r = admin.form_post("/admin/users/" + uid, "/admin/users/" + uid, {
        "action": "add_role", "role": "co", "place_district": palamu, "place_block": chainpur, "work_from": "2025-01-01"})
    eq(r.status, 303, "second holding: " + r.text[:300])
    held = sql("SELECT rh.role, o.name_en FROM role_holdings rh JOIN offices o ON o.id=rh.office_id "
               "WHERE rh.user_id=%s ORDER BY rh.id" % uid)
    eq(held, [["karmachari", "Circle Office, Medininagar(Daltonganj)"], ["co", "Circle Office, Chainpur"]], "holdings")
    return user, pw


# ---- item 4: role and jurisdiction from the same holding ----

@test
def revoke_needs_the_signing_role_where_the_certificate_was_issued():
    number, cert, url, filer = issue("INC")
    user, pw = mixed_officer("r")
    api = Client()
    api.api_login(user, pw)
    r = api.api("POST", "/certificates/%s/revoke" % cert, {"reason": "CO of Chainpur, karmachari here"})
    eq(r.status, 403, "API revoke by a CO of another circle: %r" % r)
    r = web(user, pw).form_post("/desk/app/" + number, "/desk/cert/%s/revoke" % cert, {"reason": "CO elsewhere, trying the page"})
    eq(r.status, 403, "page revoke by a CO of another circle")
    eq(sql("SELECT status FROM certificates WHERE number='%s'" % cert)[0][0], "valid", "certificate untouched")
    eq(sql("SELECT COUNT(*) FROM app_events e JOIN applications a ON a.id=e.app_id WHERE a.number='%s' AND e.action='revoke'"
           % number)[0][0], "0", "no revoke event")
    # the real CO of Medininagar may
    r = officer("co").api("POST", "/certificates/%s/revoke" % cert, {"reason": "revoked by the issuing circle"})
    eq(r.status, 200, "the circle's CO: %r" % r)


@test
def desk_actions_need_role_and_office_from_one_holding():
    number, _ = file_app("INC")
    user, pw = mixed_officer("d")
    mixed = Client()
    mixed.api_login(user, pw)
    for who in ("karmachari", "ci"):
        eq(act(officer(who), number, "forward", out_of_order_reason=OOO).status, 200, who + " forwards")
    # at the CO stage of Medininagar: this user is a CO (of Chainpur) and
    # a karmachari (of Medininagar), but not the CO of Medininagar
    r = act(mixed, number, "approve", remarks="approving from the wrong circle", out_of_order_reason=OOO)
    eq(r.status, 409, "not at this user's stage: %r" % r)
    eq(api_code(r), "conflict", "code")
    r = page_act(web(user, pw), number, "approve")
    eq(r.status, 409, "page: not at this user's stage")
    eq(sql("SELECT status, stage_idx FROM applications WHERE number='%s'" % number), [["pending", "2"]], "untouched")


# ---- item 6: department-scoped roles ----

@test
def department_admin_sees_only_own_departments_applications():
    brt, cert, url, filer = issue("BRT", PANCHAYAT, all_docs=True)   # Health
    inc, _ = file_app("INC")                                 # Revenue
    dept = officer("deptadmin")                              # Revenue
    r = dept.api("GET", "/applications/" + brt)
    eq(r.status, 404, "a Health application: %r" % r)
    assert "Sita" not in r.text
    eq(dept.api("GET", "/applications/" + inc).status, 200, "own department still visible")
    items = dept.api("GET", "/applications?mine=0&limit=100").json()["items"]
    codes = {i["service"] for i in items}
    assert inc in [i["number"] for i in items], "own department's application listed"
    assert not codes & {"BRT", "DTH"}, "Health applications listed: %s" % sorted(codes)
    eq(dept.api("GET", "/certificates/" + cert).status, 404, "certificate metadata")
    eq(dept.api("GET", "/certificates/%s/pdf" % cert).status, 404, "certificate PDF (API)")
    eq(dept.api("GET", "/applications/%s/acknowledgement" % brt).status, 404, "acknowledgement")
    w = web("deptadmin")
    eq(w.get("/desk/app/" + brt).status, 404, "desk page")
    eq(w.get("/certificates/%s/pdf" % cert).status, 404, "certificate PDF (page)")
    doc = sql("SELECT ad.document_id FROM app_documents ad JOIN applications a ON a.id=ad.app_id WHERE a.number='%s' LIMIT 1"
              % brt)[0][0]
    eq(w.get("/locker/" + doc).status, 404, "the application's document")
    r = dept.api("POST", "/certificates/%s/revoke" % cert, {"reason": "another department's certificate"})
    eq(r.status, 404, "revoke: %r" % r)
    eq(sql("SELECT status FROM certificates WHERE number='%s'" % cert)[0][0], "valid", "still valid")


# ---- item 12: one answer per mistake ----

@test
def acting_twice_is_a_conflict_at_every_stage():
    number, _ = file_app("INC")
    k, ci = officer("karmachari"), officer("ci")
    eq(act(k, number, "forward", out_of_order_reason=OOO).status, 200, "karmachari forwards")
    r = act(k, number, "forward", out_of_order_reason=OOO)
    eq((r.status, api_code(r)), (409, "conflict"), "karmachari again, first stage: %r" % r)
    eq(page_act(web("karmachari"), number, "forward").status, 409, "karmachari again on the page")
    eq(act(ci, number, "forward", out_of_order_reason=OOO).status, 200, "ci forwards")
    r = act(ci, number, "forward", out_of_order_reason=OOO)
    eq((r.status, api_code(r)), (409, "conflict"), "ci again, later stage: %r" % r)
    eq(page_act(web("ci"), number, "forward").status, 409, "ci again on the page")
    r = act(k, number, "field_verify", remarks="late report", out_of_order_reason=OOO)
    eq((r.status, api_code(r)), (409, "conflict"), "karmachari two stages behind: %r" % r)
    eq(act(officer("co"), number, "approve", out_of_order_reason=OOO).status, 200, "co approves")
    for who in ("karmachari", "ci", "co"):
        r = act(officer(who), number, "reject", remarks="after the decision", out_of_order_reason=OOO)
        eq((r.status, api_code(r)), (409, "conflict"), who + " after approval: %r" % r)
        eq(page_act(web(who), number, "reject").status, 409, who + " after approval on the page")


@test
def officer_with_no_role_in_the_workflow_is_forbidden_at_every_stage():
    number, _ = file_app("INC")
    bdo = officer("bdo")                 # sees the block's applications, plays no INC stage
    bweb = web("bdo")
    for stage, who in enumerate(("karmachari", "ci", None)):
        r = act(bdo, number, "forward", out_of_order_reason=OOO)
        eq((r.status, api_code(r)), (403, "forbidden"), "stage %d: %r" % (stage, r))
        eq(page_act(bweb, number, "forward").status, 403, "stage %d on the page" % stage)
        if who:
            eq(act(officer(who), number, "forward", out_of_order_reason=OOO).status, 200, who + " forwards")
    eq(act(officer("co"), number, "approve", out_of_order_reason=OOO).status, 200, "co approves")
    r = act(bdo, number, "approve")
    eq((r.status, api_code(r)), (403, "forbidden"), "after approval: %r" % r)
    eq(sql("SELECT COUNT(*) FROM app_events e JOIN users u ON u.id=e.actor_id JOIN applications a ON a.id=e.app_id "
           "WHERE a.number='%s' AND u.username='bdo'" % number)[0][0], "0", "nothing recorded for the BDO")


@test
def open_on_the_desk_follows_the_same_order():
    number, _ = file_app("INC")
    eq(act(officer("karmachari"), number, "forward", out_of_order_reason=OOO).status, 200, "forward")
    r = web("karmachari").form_post("/desk/app/" + number, "/desk/app/" + number, {"action": "open", "ooo_reason": OOO})
    eq(r.status, 409, "opening an application that moved on")
    r = web("bdo").form_post("/desk/app/" + number, "/desk/app/" + number, {"action": "open", "ooo_reason": OOO})
    eq(r.status, 403, "opening without a role in its workflow")


# ---- item 13: the revocation record ----

@test
def revocation_marks_the_application_and_records_who_and_in_which_role():
    number, cert, url, filer = issue("RES")
    co = officer("co")
    eq(co.api("POST", "/certificates/%s/revoke" % cert, {"reason": "Issued on a forged residence proof"}).status, 200, "revoke")
    j = filer.api("GET", "/applications/" + number).json()
    eq(j["status"], "revoked", "application status")
    ev = [h for h in j["history"] if h["action"] == "revoke"]
    eq(len(ev), 1, "one revoke event")
    eq(ev[0]["role"], "co", "the revoker's role")
    row = sql("SELECT u.username, e.role, o.name_en, e.to_status FROM app_events e JOIN applications a ON a.id=e.app_id "
              "JOIN users u ON u.id=e.actor_id JOIN offices o ON o.id=e.office_id WHERE a.number='%s' AND e.action='revoke'"
              % number)
    eq(row, [["co", "co", "Circle Office, Medininagar(Daltonganj)", "revoked"]], "event: who, role, office, status")
    aud = sql("SELECT role, office_id IS NOT NULL FROM audit_log WHERE action='cert.revoke' AND entity_id='%s'" % cert)
    eq(aud, [["co", "1"]], "audit row with role and office")
    listed = {i["number"]: i["status"] for i in filer.api("GET", "/applications?limit=100").json()["items"]}
    eq(listed.get(number), "revoked", "in the filer's list")
    eq(Client().get("/api/v1/track?number=%s&mobile=9000000001" % number).json()["status"], "revoked", "API track")
    t = Client().form_post("/track", "/track", {"number": number, "mobile": "9000000001"}).text
    assert "Certificate revoked" in t, "track page: " + t[:500]
    w = web("csc1")
    assert re.search(r"%s.*?Certificate revoked" % re.escape(number), w.get("/my").text, re.S), "/my shows the mark"
    assert "Certificate revoked" in w.get("/my/app/" + number).text, "the application page"
    d = web("co").get("/desk/app/" + number).text
    assert "Certificate revoked" in d, "the desk page"
    assert "Revoke the certificate" not in d, "no revoke form any more"


@test
def revoked_certificate_page_shows_number_status_date_and_reason_only():
    number, cert, url, filer = issue("INC")
    eq(officer("co").api("POST", "/certificates/%s/revoke" % cert, {"reason": "Income was misstated"}).status, 200, "revoke")
    today = sql("SELECT CURDATE()")[0][0]
    facts = [f["value"] for f in json.loads(sql("SELECT facts FROM certificates WHERE number='%s'" % cert)[0][0])]
    private = [v for v in facts if len(v) >= 4] + ["Kavita", "Income Certificate", "Valid until", "Issued on"]
    assert "Sita Devi" in private and len(private) >= 8, private
    for page in (Client().get(path_of(url)).text, Client().form_post("/verify", "/verify", {"qr": url}).text):
        assert "Revoked" in page and cert in page and "Income was misstated" in page and today in page, page[:600]
        for fact in private:
            assert fact not in page, "a REVOKED page shows %r" % fact
    q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    j = Client().get("/api/v1/verify?no=%s&d=%s&s=%s" % (cert, q["d"], q["s"])).json()
    eq(sorted(j), ["number", "reason", "revoked_at", "status"], "API answer for a revoked certificate")
    eq(j["status"], "REVOKED", "status")
    rec = base64.urlsafe_b64decode(q["d"] + "=" * (-len(q["d"]) % 4)).decode()
    assert "Sita Devi" in rec, "the QR itself still carries the record (the page must not repeat it)"


if __name__ == "__main__":
    run()
