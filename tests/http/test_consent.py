"""test_consent.py — an operator (CSC, Swayam Sewak, JSK) sees a citizen's
locker only with the citizen's consent (issue 11, item 7).

Without consent an operator sees, attaches and downloads only the documents
they uploaded for that citizen: on the locker page, among the apply form's
document choices (a re-rendered form and a draft), in the API list and by
document id.  Consent is an OTP to the citizen's mobile that the citizen
reads out to that one operator, or a grant the citizen makes while logged
in; it lasts consent_ttl seconds (24 hours by default), is audited, can be
withdrawn by the citizen, and wrong codes burn the OTP like the log-in OTP."""
import json
import os
import re
import time

from gs import Client, test, eq, run, sql, ctl, notifications_log, reload_workers, VAR
from lifecycle import upload, citizen, definition, answers_for, act, officer, publish_service

RUN = str(int(time.time() * 1000) % 10000000).rjust(7, "0")
_seq = [0]


def new_mobile():
    """A mobile number no other test (or earlier run) uses."""
    _seq[0] += 1
    return "93%02d%s" % (_seq[0], RUN[-6:])


def uid(username):
    return int(sql("SELECT id FROM users WHERE username='%s'" % username)[0][0])


def citizen_id(mobile):
    return int(sql("SELECT id FROM users WHERE citizen_mobile='%s'" % mobile)[0][0])


class Operator:
    """An operator logged in on the web (cookies) and the API (token)."""

    def __init__(self, username):
        self.username = username
        self.id = uid(username)
        self.csc_id = sql("SELECT IFNULL(csc_id, '') FROM users WHERE id=%d" % self.id)[0][0]
        self.web = Client()
        self.web.login(username)
        self.api = Client()
        self.api.api_login(username)


def villager(web=False, api=False):
    """A mobile nobody uses yet, its citizen logged in on the web and/or the
    API (one OTP each: the suite shares the per-address OTP limit) with one
    document they uploaded themselves when on the API; returns (mobile,
    web client, API client, own document id)."""
    mobile = new_mobile()
    if not (web or api):
        return mobile, None, None, None
    w, a = citizen(mobile, web=web, api=api)
    if not a:
        return mobile, w, None, None
    r = upload(a, "aadhaar_card")
    eq(r.status, 201, "the citizen's own upload: %r" % r)
    return mobile, w, a, r.json()["id"]


def operators_with_uploads(mobile):
    """csc1 and csc2 logged in, each having uploaded one document for the
    citizen with this mobile: (csc1, csc2, csc1's id, csc2's id)."""
    c1, c2 = Operator("csc1"), Operator("csc2")
    a = upload(c1.api, "ration_card", mobile).json()["id"]
    b = upload(c2.api, "voter_id", mobile).json()["id"]
    return c1, c2, a, b


def api_ids(c, mobile=None):
    r = c.api("GET", "/documents" + ("?mobile=" + mobile if mobile else ""))
    eq(r.status, 200, "document list: %r" % r)
    return {d["id"] for d in r.json()["items"]}


def page_ids(web, mobile):
    r = web.get("/locker?mobile=" + mobile)
    eq(r.status, 200, "locker page")
    return {int(x) for x in re.findall(r'href="/locker/(\d+)"', r.text)}


def options(html):
    """Document ids offered in the form's document choices."""
    ids = set()
    for sel in re.findall(r'<select id="f-doc_[^"]*" name="doc_[^"]*">(.*?)</select>', html, re.S):
        ids |= {int(x) for x in re.findall(r'<option value="(\d+)"', sel)}
    return ids


def form_ids(web, mobile):
    """The document choices of the apply form re-rendered with errors."""
    r = web.form_post("/apply/INC", "/apply/INC", {"applicant_mobile": mobile, "submit": "1"})
    eq(r.status, 422, "an empty form comes back with its errors")
    return options(r.text)


def draft_ids(op, mobile):
    """The document choices of a draft the operator continues."""
    r = op.api.api("POST", "/applications", {"service": "INC", "applicant": {"mobile": mobile}, "submit": False,
                                             "fields": answers_for(definition("INC"), mobile)})
    eq(r.status, 201, "draft: %r" % r)
    # each document is a step of its own, offering the locker's files of its type
    ids = set()
    for doc in definition("INC")["documents"]:
        page = op.web.get("/my/drafts/%s?step=doc_%s" % (r.json()["number"][1:], doc["code"]))
        eq(page.status, 200, "the draft's document step")
        ids |= {int(x) for x in re.findall(r'name="locker_doc" value="(\d+)"', page.text)}
    return ids


def consent_sms(mobile):
    """The newest consent code sent to mobile, and its SMS line."""
    deadline = time.time() + 5
    while time.time() < deadline:
        found = re.findall(r"(to=%s .*? (\d{6}) is your GramSewa consent code.*)" % mobile, notifications_log())
        if found:
            return found[-1][1], found[-1][0]
        time.sleep(0.05)
    raise AssertionError("no consent code for %s in the notification log" % mobile)


def grant_by_otp(op, mobile):
    """The operator asks through the API and types the code the citizen reads out."""
    r = op.api.api("POST", "/consent/request", {"mobile": mobile})
    eq(r.status, 200, "consent requested: %r" % r)
    code, _ = consent_sms(mobile)
    r = op.api.api("POST", "/consent/verify", {"mobile": mobile, "otp": code})
    eq(r.status, 201, "consent verified: %r" % r)
    return r.json()


def grants(citizen_mobile, op):
    """Live grants of the citizen to the operator: [[seconds, via]]."""
    return sql("SELECT TIMESTAMPDIFF(SECOND, granted_at, expires_at), via FROM locker_consents WHERE citizen_id=%d "
               "AND operator_id=%d AND withdrawn_at IS NULL AND expires_at > NOW()" % (citizen_id(citizen_mobile), op.id))


def audit_count(action, actor, entity_id, remarks=None):
    q = "SELECT COUNT(*) FROM audit_log WHERE action='%s' AND actor_id=%d AND entity_id='%s'" % (action, actor, entity_id)
    if remarks is not None:
        q += " AND remarks LIKE '%s'" % remarks
    return int(sql(q)[0][0])


_scene = {}


def scene():
    """One villager with a document of their own, one uploaded by csc1 and
    one by csc2; nobody has consent.  Made once, shared by the tests below."""
    if not _scene:
        mobile, _, capi, mine = villager(api=True)
        c1, c2, a, b = operators_with_uploads(mobile)
        _scene.update(mobile=mobile, capi=capi, mine=mine, c1=c1, c2=c2, a=a, b=b)
    return _scene


@test
def without_consent_the_api_lists_only_own_uploads():
    s = scene()
    eq(api_ids(s["c1"].api, s["mobile"]), {s["a"]}, "csc1 sees its own upload only")
    eq(api_ids(s["c2"].api, s["mobile"]), {s["b"]}, "csc2 sees its own upload only")
    eq(api_ids(s["capi"]), {s["mine"], s["a"], s["b"]}, "the citizen sees every document in their locker")


@test
def without_consent_the_locker_page_lists_only_own_uploads():
    s = scene()
    eq(page_ids(s["c1"].web, s["mobile"]), {s["a"]}, "csc1's own upload only")
    page = s["c1"].web.get("/locker?mobile=" + s["mobile"]).text
    assert 'action="/locker/consent"' in page, "the page offers to ask the citizen for consent"


@test
def without_consent_the_apply_form_offers_only_own_uploads():
    s = scene()
    eq(form_ids(s["c1"].web, s["mobile"]), {s["a"]}, "a re-rendered form: csc1's own upload only")
    eq(draft_ids(s["c1"], s["mobile"]), {s["a"]}, "a draft's document choices: csc1's own upload only")


@test
def without_consent_downloads_by_id_only_own_uploads():
    s = scene()
    web = s["c1"].web
    eq(web.get("/locker/%d" % s["mine"]).status, 404, "not the citizen's own document")
    eq(web.get("/locker/%d" % s["b"]).status, 404, "not another operator's upload")
    eq(web.get("/locker/%d" % s["a"]).status, 200, "an operator downloads what they uploaded")


@test
def without_consent_another_document_cannot_be_attached_by_id():
    s = scene()
    d = definition("INC")
    docs = {doc["code"]: s["mine"] for doc in d["documents"] if doc["required"]}
    assert docs, "INC needs a document"
    before = sql("SELECT COUNT(*) FROM app_documents WHERE document_id=%d" % s["mine"])
    r = s["c1"].api.api("POST", "/applications", {"service": "INC", "applicant": {"mobile": s["mobile"]}, "submit": True,
                                                 "fields": answers_for(d, s["mobile"]), "documents": docs})
    eq(r.status, 422, "filing with the citizen's document without consent: %r" % r)
    assert any(k.startswith("doc_") for k in r.json()["error"].get("fields", {})), "the document field is named: %r" % r
    eq(sql("SELECT COUNT(*) FROM app_documents WHERE document_id=%d" % s["mine"]), before, "nothing attached")


@test
def without_consent_a_returned_application_takes_no_other_document():
    s = scene()
    c1, mobile = s["c1"], s["mobile"]
    d = definition("INC")
    code = next(doc["code"] for doc in d["documents"] if doc["required"])
    own = upload(c1.api, code, mobile).json()["id"]
    r = c1.api.api("POST", "/applications", {"service": "INC", "applicant": {"mobile": mobile}, "submit": True,
                                           "fields": answers_for(d, mobile), "documents": {code: own}})
    eq(r.status, 201, "filed with csc1's own upload: %r" % r)
    number = r.json()["number"]
    r = act(officer("karmachari"), number, "return", remarks="Attach a clearer income proof",
            return_fields=["doc_" + code], out_of_order_reason="returned for the consent test")
    eq(r.status, 200, "returned: %r" % r)
    r = c1.api.api("POST", "/applications/%s/submit" % number, {"documents": {code: s["mine"]}})
    eq(r.status, 422, "the citizen's own document swapped in without consent: %r" % r)
    assert "doc_" + code in r.json()["error"].get("fields", {}), "the slot is named: %r" % r
    eq(sql("SELECT ad.document_id FROM app_documents ad JOIN applications a ON a.id=ad.app_id WHERE a.number='%s' "
           "AND ad.doc_type='%s'" % (number, code)), [[str(own)]], "the slot keeps csc1's upload")


@test
def without_consent_a_file_answer_takes_only_own_uploads():
    s = scene()
    c1, mobile = s["c1"], s["mobile"]
    svc = "FT" + RUN
    d = json.loads(ctl("service", "export", "INC").stdout)
    d["code"] = svc
    d["fields"].append({"name": "extra_proof", "type": "file", "label": {"en": "Extra proof", "hi": "अतिरिक्त प्रमाण"},
                        "required": True})
    publish_service(d)
    defn = definition(svc)
    docs = {doc["code"]: upload(c1.api, doc["code"], mobile).json()["id"] for doc in defn["documents"] if doc["required"]}

    def file_with(doc):
        fields = dict(answers_for(defn, mobile), extra_proof=str(doc))
        return c1.api.api("POST", "/applications", {"service": svc, "applicant": {"mobile": mobile}, "submit": True,
                                                    "fields": fields, "documents": docs})
    r = file_with(s["mine"])
    eq(r.status, 422, "the citizen's own document as an answer without consent: %r" % r)
    assert "extra_proof" in r.json()["error"].get("fields", {}), "the field is named: %r" % r
    r = file_with(s["a"])
    eq(r.status, 201, "csc1's own upload as the answer: %r" % r)


@test
def consent_by_otp_opens_the_locker_to_that_operator_for_24_hours():
    mobile, _, _, _ = villager()
    c1, c2, a, b = operators_with_uploads(mobile)
    page = c1.web.get("/locker?mobile=" + mobile).text
    assert 'action="/locker/consent"' in page, "the page offers to ask the citizen for consent"
    r = c1.web.form_post("/locker?mobile=" + mobile, "/locker/consent", {"mobile": mobile})
    eq(r.status, 200, "consent asked: %r" % r)
    assert 'name="otp"' in r.text, "the page asks for the code"
    code, line = consent_sms(mobile)
    assert c1.csc_id in line, "the SMS names the operator who asks: " + line
    assert "dlt=1107160000000000002" in line, "the SMS carries the configured DLT template id: " + line
    # a wrong code first: refused and audited
    wrong = "%06d" % ((int(code) + 1) % 1000000)
    r = c1.web.post("/locker/consent/verify", {"csrf": c1.web.csrf_from(r.text), "mobile": mobile, "otp": wrong})
    eq(r.status, 422, "wrong code")
    r = c1.web.post("/locker/consent/verify", {"csrf": c1.web.csrf_from(r.text), "mobile": mobile, "otp": code})
    eq(r.status, 303, "right code: %r" % r)
    everything = {a, b}
    eq(api_ids(c1.api, mobile), everything, "API list: everything")
    eq(page_ids(c1.web, mobile), everything, "locker page: everything")
    eq(form_ids(c1.web, mobile), everything, "apply form choices: everything")
    eq(c1.web.get("/locker/%d" % b).status, 200, "another's upload for the citizen downloads")
    eq(api_ids(c2.api, mobile), {b}, "a second operator still sees only its own upload")
    eq(page_ids(c2.web, mobile), {b}, "nor on the page")
    eq(c2.web.get("/locker/%d" % a).status, 404, "nor by id")
    eq(grants(mobile, c1), [["86400", "otp"]], "granted to csc1 for 24 hours by OTP")
    eq(grants(mobile, c2), [], "nothing for csc2")
    purpose = "consent:%d" % c1.id
    eq(audit_count("otp.issued", c1.id, mobile, purpose), 1, "the code sent is audited")
    eq(audit_count("otp.failed", c1.id, mobile, purpose), 1, "the refused attempt is audited")
    eq(audit_count("otp.verified", c1.id, mobile, purpose), 1, "the accepted attempt is audited")
    eq(audit_count("consent.grant", c1.id, str(citizen_id(mobile))), 1, "the grant is audited")


@test
def consent_through_the_api():
    mobile, _, capi, mine = villager(api=True)
    c2 = Operator("csc2")
    b = upload(c2.api, "voter_id", mobile).json()["id"]
    eq(c2.api.api("POST", "/consent/request", {"mobile": "12345"}).status, 422, "a bad mobile")
    eq(c2.api.api("POST", "/consent/verify", {"mobile": mobile, "otp": "12"}).status, 422, "a malformed code")
    eq(capi.api("POST", "/consent/request", {"mobile": mobile}).status, 403, "only operators ask for consent")
    j = grant_by_otp(c2, mobile)
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$", j["expires_at"]), j
    eq(j["mobile"], mobile, "whose locker")
    eq(api_ids(c2.api, mobile), {mine, b}, "the whole locker")
    mine_list = c2.api.api("GET", "/consent").json()["items"]
    assert any(i["mobile"] == mobile for i in mine_list), "the operator lists the consents it holds: %r" % mine_list
    theirs = capi.api("GET", "/consent").json()["items"]
    eq([(i["operator"]["id"], i["operator"]["csc_id"], i["via"]) for i in theirs], [(c2.id, c2.csc_id, "otp")],
       "the citizen lists who may see the locker")
    r = capi.api("POST", "/consent/withdraw", {"operator": c2.id})
    eq(r.status, 200, "withdrawn through the API: %r" % r)
    eq(api_ids(c2.api, mobile), {b}, "back to its own upload")
    eq(capi.api("POST", "/consent/withdraw", {"operator": c2.id}).status, 404, "nothing left to withdraw")


@test
def wrong_consent_codes_are_throttled_like_the_login_otp():
    mobile, _, _, _ = villager()
    c1, c2, a, b = operators_with_uploads(mobile)
    eq(c1.api.api("POST", "/consent/request", {"mobile": mobile}).status, 200, "asked")
    code, _ = consent_sms(mobile)
    wrong = "%06d" % ((int(code) + 1) % 1000000)
    for i in range(5):
        r = c1.api.api("POST", "/consent/verify", {"mobile": mobile, "otp": wrong})
        eq(r.status, 422, "wrong code %d" % (i + 1))
        assert "otp" in r.json()["error"].get("fields", {}), r
    r = c1.api.api("POST", "/consent/verify", {"mobile": mobile, "otp": code})
    eq(r.status, 422, "after five wrong codes even the right one is refused")
    eq(api_ids(c1.api, mobile), {a}, "no consent: own upload only")
    eq(grants(mobile, c1), [], "nothing granted")
    purpose = "consent:%d" % c1.id
    eq(audit_count("otp.failed", c1.id, mobile, purpose), 5, "every refused attempt is audited")
    eq(audit_count("otp.locked", c1.id, mobile), 1, "and the lock")
    eq(sql("SELECT locked_until > NOW() + INTERVAL 50 MINUTE FROM throttles WHERE k='otp-lock:%s:%s'" % (mobile, purpose)),
       [["1"]], "locked for an hour, for this operator and citizen")
    statuses = [c1.api.api("POST", "/consent/request", {"mobile": mobile}).status for _ in range(3)]
    eq(statuses, [200, 200, 429], "three codes per mobile and operator in 15 minutes")
    # an operator's mistakes lock neither the citizen's log-in nor another operator
    _, api = citizen(mobile, web=False)
    eq(api.api("GET", "/documents").status, 200, "the citizen still logs in")
    grant_by_otp(c2, mobile)
    eq(api_ids(c2.api, mobile), {a, b}, "csc2 asks and is let in")


@test
def citizen_sees_grants_and_withdraws_or_gives_them():
    mobile, cweb, _, _ = villager(web=True)
    c1, c2 = Operator("csc1"), Operator("csc2")
    a = upload(c1.api, "ration_card", mobile).json()["id"]
    grant_by_otp(c1, mobile)
    page = cweb.get("/locker").text
    assert c1.csc_id in page and "Imran" in page, "the citizen's locker page lists csc1's consent"
    assert c2.csc_id not in page
    r = cweb.form_post("/locker", "/locker/consent/withdraw", {"operator": str(c1.id)})
    eq(r.status, 303, "withdrawn: %r" % r)
    eq(api_ids(c1.api, mobile), {a}, "csc1 is back to its own upload")
    assert c1.csc_id not in cweb.get("/locker").text, "no longer listed"
    cid = str(citizen_id(mobile))
    eq(audit_count("consent.withdraw", citizen_id(mobile), cid), 1, "the withdrawal is audited")
    # the citizen, logged in, lets csc2 in by its CSC ID
    r = cweb.form_post("/locker", "/locker/consent/grant", {"operator": c2.csc_id})
    eq(r.status, 303, "granted: %r" % r)
    eq(api_ids(c2.api, mobile), {a}, "csc2 sees the whole locker (csc1's upload too)")
    eq(grants(mobile, c2), [["86400", "citizen"]], "for 24 hours, given by the citizen")
    eq(audit_count("consent.grant", citizen_id(mobile), cid), 1, "the grant is audited")
    for who in ("NOSUCH1", "karmachari", ""):
        r = cweb.form_post("/locker", "/locker/consent/grant", {"operator": who})
        eq(r.status, 422, "not an operator: %r" % who)
        assert 'id="e-operator"' in r.text, "the error is at the field"
    eq(cweb.form_post("/locker", "/locker/consent/withdraw", {"operator": "999999999"}).status, 404, "no such grant")


def set_consent_ttl(seconds):
    """Writes consent_ttl into the stack's config (None: the default) and reloads."""
    path = os.path.join(VAR, "gramsewa.conf")
    lines = [ln for ln in open(path).read().splitlines() if not ln.startswith("consent_ttl")]
    if seconds is not None:
        lines.append("consent_ttl = %d" % seconds)
    open(path, "w").write("\n".join(lines) + "\n")
    reload_workers()


@test
def consent_ends_when_the_configured_time_is_up():
    mobile, cweb, _, _ = villager(web=True)
    c1, c2, a, b = operators_with_uploads(mobile)
    set_consent_ttl(3)
    try:
        r = cweb.form_post("/locker", "/locker/consent/grant", {"operator": c1.csc_id})
        eq(r.status, 303, "granted: %r" % r)
        eq(sql("SELECT TIMESTAMPDIFF(SECOND, granted_at, expires_at) FROM locker_consents WHERE citizen_id=%d AND operator_id=%d"
               % (citizen_id(mobile), c1.id)), [["3"]], "expiry = grant + consent_ttl")
        # let the configured time pass (the database clock decides expiry)
        deadline = time.time() + 10
        while sql("SELECT COUNT(*) FROM locker_consents WHERE citizen_id=%d AND expires_at > NOW()" % citizen_id(mobile)) != [["0"]]:
            assert time.time() < deadline, "the grant never expired"
            time.sleep(0.2)
        eq(api_ids(c1.api, mobile), {a}, "after expiry: own upload only")
        eq(page_ids(c1.web, mobile), {a}, "and on the page")
        eq(c1.web.get("/locker/%d" % b).status, 404, "and by id")
        assert c1.csc_id not in cweb.get("/locker").text, "an expired grant is not listed as current"
    finally:
        set_consent_ttl(None)


run()
