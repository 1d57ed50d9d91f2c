"""Over-long input is a 422 naming the field, never a 5xx and never a row
(issue 11, item 8).  CASES is the catalogue: every text input of every page
form and API call that writes, with the longest value its column (or the
service definition) takes.  Each case sends one character more than the
limit and checks the answer is 422 naming the field (a re-rendered form, or
the JSON error's "fields") and that nothing carrying the value was stored.

Adding a form: add its inputs to CASES (who, how to send, field, limit,
where a stored value would show up)."""
import json
import re
import time

from gs import Client, test, eq, run, sql, today
from lifecycle import (file_app, officer, act, definition, answers_for, walk_to_approval, create_employee, page_fields,
                       rejected, PDF, village)

RUN = str(int(time.time() * 1000) % 10000000)
MARK = "Lq" + RUN          # every over-long value starts with it, so a stored one can be found
V = object()               # where the over-long value goes in a request
VT = "@@OVER@@"            # the same inside a text (a JSON definition)


def over(limit):
    """limit + 1 characters, starting with MARK when it fits."""
    return (MARK + "x" * limit)[:limit + 1] if limit > len(MARK) else "9" * (limit + 1)


def fill(x, value):
    """x with V replaced by value, at any depth."""
    if x is V:
        return value
    if isinstance(x, str) and VT in x:
        return x.replace(VT, value)
    if isinstance(x, bytes) and VT.encode() in x:
        return x.replace(VT.encode(), value.encode())
    if isinstance(x, dict):
        return {k: fill(v, value) for k, v in x.items()}
    if isinstance(x, list):
        return [fill(v, value) for v in x]
    return x


# ---- logged-in clients and the objects the forms act on, made once ----

_memo = {}


def once(fn):
    def get():
        if fn.__name__ not in _memo:
            _memo[fn.__name__] = fn()
        return _memo[fn.__name__]
    get.__name__ = fn.__name__
    return get


def web(username):
    key = "web:" + username
    if key not in _memo:
        c = Client()
        c.login(username)
        c.tok = c.csrf_from(c.get("/profile").text)
        _memo[key] = c
    return _memo[key]


def api(username):
    key = "api:" + username
    if key not in _memo:
        _memo[key] = officer(username)
    return _memo[key]


@once
def pending_app():
    return file_app("INC")[0]


@once
def returned_app():
    number, _ = file_app("INC")
    r = act(api("karmachari"), number, "return", remarks="Father's name is incomplete", return_fields=["father_name"],
            out_of_order_reason="returned for the limits test")
    assert r.status == 200, "returned: %r" % r
    return number


@once
def rejected_app():
    return rejected()


@once
def appeal_id():
    number = rejected()
    r = api("csc1").api("POST", "/applications/%s/appeal" % number, {"grounds": "The proof was attached at filing."})
    assert r.status == 201, "appeal: %r" % r
    return sql("SELECT ap.id FROM appeals ap JOIN applications a ON a.id=ap.app_id WHERE a.number='%s'" % number)[0][0]


@once
def certificate():
    number, _ = file_app("INC")
    walk_to_approval(number, [("karmachari", "karmachari"), ("ci", "ci"), ("co", "co")])
    return sql("SELECT c.number FROM certificates c JOIN applications a ON a.id=c.app_id WHERE a.number='%s'" % number)[0][0]


@once
def draft_id():
    d = definition("INC")
    r = api("csc1").api("POST", "/applications", {"service": "INC", "applicant": {"mobile": "9000000001"},
                                                  "fields": answers_for(d), "submit": False})
    assert r.status == 201, "draft: %r" % r
    return r.json()["number"]


@once
def staff():
    user, _ = create_employee(web("stateadmin"), "lim" + RUN)
    uid, hid = sql("SELECT u.id, rh.id FROM users u JOIN role_holdings rh ON rh.user_id=u.id WHERE u.username='lim%s'" % RUN)[0]
    return uid, hid


@once
def service():
    """A service of the Revenue department being designed, with one text field."""
    code = "LM" + RUN[-6:]
    c = web("deptadmin")
    r = c.post("/admin/services", {"csrf": c.tok, "code": code, "name_en": "Limits test", "name_hi": "सीमा परीक्षण", "dept": "REV"})
    assert r.status == 303, "service created: %r" % r
    return code


@once
def bill():
    """A bill fetched by csc1, not paid."""
    c = web("csc1")
    r = c.post("/csc/bills", {"csrf": c.tok, "biller": "DWS", "consumer": "4" + RUN.rjust(8, "0")})
    assert r.status == 303, "bill fetched: %r" % r
    return r.header("Location").rsplit("/", 1)[1]


@once
def service_with_parts():
    """The service being designed, with a field and a stage to edit."""
    code = service()
    c = web("deptadmin")
    for path, data in [("fields", {"name": "note", "type": "text", "label_en": "Note", "label_hi": "टिप्पणी"}),
                       ("stages", {"stage_code": "verify", "stage_en": "Verify", "stage_hi": "सत्यापन", "stage_role": "co",
                                   "stage_actions": "approve", "stage_sla": "5"})]:
        r = c.post("/admin/services/%s/%s" % (code, path), dict(data, csrf=c.tok))
        assert r.status == 303, "%s added: %r" % (path, r)
    return code


@once
def places():
    """A village to rename and the panchayat above it."""
    vid = village()
    pid = sql("SELECT parent_id FROM locations WHERE id=%d" % vid)[0][0]
    name = sql("SELECT name_en FROM locations WHERE id=%d" % vid)[0][0]
    return vid, pid, name


def staff_form(extra):
    did = sql("SELECT id FROM locations WHERE type='district' AND name_en='Palamu'")[0][0]
    bid = sql("SELECT id FROM locations WHERE type='block' AND name_en='Medininagar(Daltonganj)'")[0][0]
    d = {"username": "limnew" + RUN, "first_name": "Test", "last_name": "Employee", "mobile": "9123456780",
         "dob": "1988-01-02", "user_type": "staff", "designation": "Rajasv Karmachari", "role": "karmachari",
         "place_district": did, "place_block": bid, "work_from": "2025-01-01"}
    d.update(extra)
    return d


def inc_form(extra, mobile="9000000001"):
    d = definition("INC")
    _memo["idem"] = _memo.get("idem", 0) + 1
    f = {"applicant_mobile": mobile, "idem": "lim-%s-%d" % (RUN, _memo["idem"]), "submit": "1"}
    f.update(page_fields(d, answers_for(d, mobile)))
    f.update(extra)
    return f


def inc_fields(**extra):
    f = answers_for(definition("INC"))
    f.update(extra)
    return f


def multipart(fields, file_name="doc.pdf", data=PDF):
    fields = dict(fields)
    if "file" in fields:                    # the file's bytes themselves
        data = fields.pop("file")
    boundary = "GSLIMITS9"
    parts = [("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode()
             for k, v in fields.items()]
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: application/pdf"
                  "\r\n\r\n" % (boundary, file_name)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return b"".join(parts), "multipart/form-data; boundary=" + boundary


# ---- how a case is sent ----

def page(who, path, data, multi=False):
    """A page form posted by who; path and data may be functions (made when sent)."""
    def send(value):
        c = web(who)
        d = fill(data() if callable(data) else data, value)
        d["csrf"] = c.tok
        p = path() if callable(path) else path
        if multi:
            body, ctype = multipart(d)
            return c.request("POST", p, body=body, ctype=ctype)
        return c.post(p, d)
    send.kind = "page"
    return send


def call(who, method, path, body, multi=False):
    """An API call by who."""
    def send(value):
        c = api(who)
        b = fill(body() if callable(body) else body, value)
        p = path() if callable(path) else path
        if multi:
            data, ctype = multipart(b)
            return c.request(method, "/api/v1" + p, body=data, ctype=ctype)
        return c.api(method, p, b)
    send.kind = "api"
    return send


USERS = "SELECT COUNT(*) FROM users WHERE CONCAT_WS('|', username, first_name, middle_name, last_name, email, designation, " \
        "csc_id, address_line) LIKE '%{m}%'"
APPS = "SELECT COUNT(*) FROM applications WHERE CONCAT_WS('|', form, applicant_name, idem_key) LIKE '%{m}%'"
SVC = "SELECT COUNT(*) FROM service_versions WHERE CONCAT_WS('|', definition, name_en, name_hi) LIKE '%{m}%'"
LOCS = "SELECT COUNT(*) FROM locations WHERE CONCAT_WS('|', name_en, name_hi, lgd_code) LIKE '%{m}%'"
EVENTS = "SELECT COUNT(*) FROM app_events WHERE CONCAT_WS('|', remarks, out_of_order_reason) LIKE '%{m}%'"
APPEALS = "SELECT COUNT(*) FROM appeals WHERE CONCAT_WS('|', grounds, order_text) LIKE '%{m}%'"
DOCS = "SELECT COUNT(*) FROM documents WHERE CONCAT_WS('|', doc_type, label) LIKE '%{m}%'"
CERTS = "SELECT COUNT(*) FROM certificates WHERE revoke_reason LIKE '%{m}%'"
MONEY = "SELECT COUNT(*) FROM ledger_txns WHERE reference LIKE '%{m}%'"
HOLDINGS = "SELECT COUNT(*) FROM role_holdings WHERE ended_reason LIKE '%{m}%'"
FEEDBACK = "SELECT COUNT(*) FROM feedback WHERE comment LIKE '%{m}%'"
BILLS = "SELECT COUNT(*) FROM bills WHERE consumer_no LIKE '%{m}%'"
LEAVE = "SELECT COUNT(*) FROM leave_requests WHERE CONCAT_WS('|', reason, decision_note) LIKE '%{m}%'"
CHECKINS = "SELECT COUNT(*) FROM checkins WHERE CONCAT_WS('|', review_note, device_uid, nonce) LIKE '%{m}%'"
DEVICES = "SELECT COUNT(*) FROM attendance_devices WHERE device_uid LIKE '%{m}%'"
REG_ENTRIES = "SELECT COUNT(*) FROM register_entries WHERE data LIKE '%{m}%'"
REG_RETURNS = "SELECT COUNT(*) FROM register_entries WHERE return_note LIKE '%{m}%'"
SURVEYS = "SELECT COUNT(*) FROM survey_projects WHERE CONCAT_WS('|', code, title_en, title_hi) LIKE '%{m}%'"
AMENITIES = "SELECT COUNT(*) FROM amenities WHERE name LIKE '%{m}%'"
AUDITED = "SELECT COUNT(*) FROM audit_log WHERE remarks LIKE '%{m}%'"
SURVEY_FORM = {"format": "gramsewa.form/1", "fields": [
    {"name": "site", "type": "geopoint", "label": {"en": "Site", "hi": "स्थान"}, "required": True, "accuracy_max_m": 20},
    {"name": "photo", "type": "photo", "label": {"en": "Photo", "hi": "फ़ोटो"}, "required": True}]}


def survey_body(**kw):
    d = {"code": "LIM" + RUN, "title": {"en": "Limits survey", "hi": "सीमा सर्वेक्षण"}, "form": SURVEY_FORM,
         "window_from": today(), "window_to": today(7)}
    d.update(kw)
    return d


@once
def survey_task():
    """A task of a survey of Jamune, allocated by the BI to csc1 (Jamune's VLE)."""
    r = api("di").api("POST", "/surveys", survey_body(code="LIMT" + RUN))
    assert r.status == 201, "survey: %r" % r
    sid = r.json()["id"]
    r = api("bi").api("POST", "/surveys/%d/allocate" % sid, {"places": [jamune()]})
    assert r.status == 200, "allocated: %r" % r
    return sql("SELECT id FROM tasks WHERE project_id = %d" % sid)[0][0]


def csc2_id():
    return int(sql("SELECT id FROM users WHERE username='csc2'")[0][0])


def cash_entry():
    """A submitted entry of Jamune's cash book (csc1's), waiting for verification."""
    r = api("csc1").api("POST", "/registers/CASHBOOK/entries", {"submit": True, "data": {
        "date": today(), "voucher_no": "LIM", "particulars": "limits", "receipt_cash": "1"}})
    assert r.status == 201, "register entry: %r" % r
    return r.json()["id"]


def cash_book():
    return sql("SELECT book_id FROM register_entries WHERE id = %d" % cash_entry())[0][0]
TRAININGS = "SELECT COUNT(*) FROM trainings WHERE CONCAT_WS('|', title_en, title_hi, venue, trainers, materials, status_reason, report) LIKE '%{m}%'"


def training_body(**kw):
    """A training to schedule in the BI's block; V marks the over-long text."""
    block = sql("SELECT rh.location_id FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
                "WHERE u.username = 'bi' AND rh.role = 'bi' AND rh.active = 1")[0][0]
    d = {"type": "workshop", "title_en": "Limits", "title_hi": "सीमा", "location": block, "audience": "csc", "venue": "Hall",
         "starts_at": today(40) + " 10:00", "ends_at": today(40) + " 13:00", "trainers": "Trainer"}
    d.update(kw)
    return d


LEARNING = "SELECT COUNT(*) FROM learning_items WHERE CONCAT_WS('|', title, description, tags) LIKE '%{m}%'"
QUESTIONS = "SELECT COUNT(*) FROM questions WHERE body_en LIKE '%{m}%' OR body_hi LIKE '%{m}%'"
CATEGORIES = "SELECT COUNT(*) FROM qb_categories WHERE name_en LIKE '%{m}%'"


def exam_bank(body=None, cat=None):
    """A one-question bank for the exam import cases; V marks the over-long text."""
    c = "lim" + RUN
    return {"categories": [{"code": c, "name_en": cat if cat is not None else "Limits", "name_hi": "सीमा"}],
            "questions": [{"key": c + "-1", "category": c, "type": "tf", "body_en": body if body is not None else "Q",
                           "body_hi": "प्र", "answer": True, "marks": 1}]}
TICKETS = "SELECT COUNT(*) FROM tickets WHERE CONCAT_WS('|', subject, body, link_ref) LIKE '%{m}%'"
TICKET_EVENTS = "SELECT COUNT(*) FROM ticket_events WHERE body LIKE '%{m}%'"
DNC = "SELECT COUNT(*) FROM dnc WHERE reason LIKE '%{m}%'"
CAMPAIGNS = "SELECT COUNT(*) FROM campaigns WHERE CONCAT_WS('|', code, name_en, name_hi, scheme_code, consent_en, consent_hi, grievance_type, grievance_field, grievance_value) LIKE '%{m}%'"


def campaign_body(**kw):
    d = {"code": "LIM" + RUN, "name_en": "Limits", "name_hi": "सीमा", "scheme": "LIM", "consent_en": "May I ask?",
         "consent_hi": "क्या मैं पूछूँ?", "max_attempts": "3", "retry_gap_min": "120", "sample_per_gp": "10"}
    d.update(kw)
    return d
BILLS_PAID = "SELECT COUNT(*) FROM bills WHERE idem_key LIKE '%{m}%' OR status <> 'fetched' AND paid_at > NOW() - INTERVAL 1 MINUTE"


@once
def pending_leave():
    """A leave request of csc2 waiting for a decision."""
    r = api("csc2").api("POST", "/attendance/leave", {"kind": "leave", "from": today(5), "to": today(5), "reason": "limits"})
    assert r.status == 201, "leave: %r" % r
    return r.json()["id"]


@once
def flagged_checkin():
    """A check-in of csc2 waiting for review (the page's "no GPS" way)."""
    c = web("csc2")
    r = c.post("/attendance/checkin", {"csrf": c.tok, "source": "no_gps"})
    assert r.status == 201, "no-GPS check-in: %r" % r
    return sql("SELECT MAX(id) FROM checkins WHERE user_id=(SELECT id FROM users WHERE username='csc2') AND review='pending'")[0][0]


class Case:
    def __init__(self, name, send, field, limit, stored, err=None, shows=None):
        self.name = name          # what is being checked
        self.send = send          # page(...) or call(...)
        self.field = field        # the input
        self.limit = limit        # characters its column or definition takes
        self.stored = stored      # SQL counting stored copies of a value ({m})
        self.err = err or field   # the name the error must carry
        self.shows = shows        # or a text the refusal must show (a file's problems)


def jamune():
    return int(sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Jamune'")[0][0])


def ticket_body(**kw):
    d = {"type": "TECH_HW_PRINTER", "location": jamune(), "subject": "Limits", "body": "Printer jams",
         "answers": {"printer_model": "HP", "under_warranty": "no"}}
    d.update(kw)
    return d


@once
def ticket():
    r = api("csc1").api("POST", "/tickets", ticket_body())
    assert r.status == 201, "ticket: %r" % r
    return r.json()["number"]


def definition_with_name(code, name):
    """The service's current definition (JSON text) with its English name replaced."""
    if code == "INC":
        d = definition("INC")
    else:
        d = json.loads(web("deptadmin").get("/admin/services/%s/export" % code).body)
    d["name"]["en"] = name
    if code == "INC":
        d["code"] = "LI" + RUN[-6:]
    return json.dumps(d, ensure_ascii=False)


def designer(action, data, field, limit, err=None):
    return Case("designer " + action + " " + field,
                page("deptadmin", lambda: "/admin/services/%s/%s" % (service(), action), data), field, limit, SVC, err)


CASES = [
    # the profile (any user)
    *[Case("profile " + f, page("sewak", "/profile", {"first_name": "Sewak", "lang": "en", f: V}), f, n, USERS)
      for f, n in [("first_name", 100), ("middle_name", 100), ("last_name", 100), ("email", 254), ("address_line", 200)]],
    # HR: a new employee, editing one, ending a holding
    *[Case("new employee " + f, page("stateadmin", "/admin/users/new", lambda f=f: staff_form({f: V})), f, n, USERS)
      for f, n in [("username", 64), ("first_name", 100), ("middle_name", 100), ("last_name", 100), ("email", 254),
                   ("designation", 100), ("mobile", 10)]],
    Case("new employee csc_id", page("stateadmin", "/admin/users/new",
                                     lambda: staff_form({"user_type": "csc", "role": "csc", "csc_id": V})), "csc_id", 20, USERS),
    *[Case("edit employee " + f, page("stateadmin", lambda: "/admin/users/%s" % staff()[0],
                                      lambda f=f: dict(staff_form({f: V}), action="edit")), f, n, USERS)
      for f, n in [("first_name", 100), ("middle_name", 100), ("last_name", 100), ("email", 254), ("designation", 100)]],
    Case("end of a holding", page("stateadmin", lambda: "/admin/users/%s" % staff()[0],
                                  lambda: {"action": "end_role", "holding": staff()[1], "reason": V}), "reason", 200, HOLDINGS),
    # location administration
    *[Case("rename location " + f, page("stateadmin", lambda: "/admin/locations/%s" % places()[0],
                                        lambda f=f: dict({"action": "rename", "name_en": places()[2]}, **{f: V})), f, n, LOCS)
      for f, n in [("name_en", 150), ("name_hi", 150), ("code", 20)]],
    *[Case("new location " + f, page("stateadmin", lambda: "/admin/locations/%s/children" % places()[1],
                                     lambda f=f: dict({"type": "village", "name_en": "Limits " + RUN}, **{f: V})), f, n, LOCS)
      for f, n in [("name_en", 150), ("name_hi", 150), ("code", 20)]],
    # the service designer
    *[Case("new service " + f, page("deptadmin", "/admin/services",
                                    dict({"code": "LN" + RUN[-6:], "name_en": "Limits", "name_hi": "सीमा", "dept": "REV"}, **{f: V})),
           f, n, SVC) for f, n in [("code", 10), ("name_en", 200), ("name_hi", 200)]],
    *[designer("general", dict({"name_en": "Limits test", "name_hi": "सीमा परीक्षण", "channels": ["csc", "online"]}, **{f: V}), f, n)
      for f, n in [("name_en", 200), ("name_hi", 200), ("desc_en", 2000), ("desc_hi", 2000), ("elig_en", 2000), ("elig_hi", 2000)]],
    *[designer("fields", dict({"name": "remark_" + RUN[-4:], "type": "text", "label_en": "Remark", "label_hi": "टिप्पणी"}, **{f: V}), f, n)
      for f, n in [("name", 40), ("label_en", 300), ("label_hi", 300), ("help_en", 500), ("help_hi", 500), ("pattern", 200),
                   ("default", 200), ("show_field", 40), ("show_equals", 60)]],
    designer("fields", {"name": "kind_" + RUN[-4:], "type": "select", "label_en": "Kind", "label_hi": "प्रकार",
                        "options": V}, "options", 60),
    *[Case("designer field edit " + f, page("deptadmin", lambda: "/admin/services/%s/fields/note/edit" % service_with_parts(),
                                            dict({"action": "save", "type": "text", "label_en": "Note", "label_hi": "टिप्पणी"},
                                                 **{f: V})), f, n, SVC) for f, n in [("label_en", 300), ("help_hi", 500)]],
    Case("designer stage edit", page("deptadmin", lambda: "/admin/services/%s/stages" % service_with_parts(), {
        "action": "save", "stage": "verify", "stage_en": V, "stage_hi": "सत्यापन", "stage_role": "co", "stage_actions": "approve",
        "stage_sla": "5"}), "stage_en", 200, SVC),
    *[designer("documents", dict({"doc_code": "proof_" + RUN[-4:], "doc_en": "Proof", "doc_hi": "प्रमाण", "doc_types": "pdf"}, **{f: V}),
               f, n) for f, n in [("doc_code", 40), ("doc_en", 200), ("doc_hi", 200)]],
    *[designer("settings", dict({"level": "circle", "designated": "co", "appeal1": "sdo", "signing": "co", "rtps_days": "30",
                                 "title_en": "Certificate", "title_hi": "प्रमाण पत्र"}, **{f: V}), f, n)
      for f, n in [("route_field", 40), ("title_en", 200), ("title_hi", 200)]],
    *[designer("stages", dict({"stage_code": "check_" + RUN[-4:], "stage_en": "Check", "stage_hi": "जाँच", "stage_role": "co",
                               "stage_actions": "approve", "stage_sla": "5"}, **{f: V}), f, n)
      for f, n in [("stage_code", 30), ("stage_en", 200), ("stage_hi", 200)]],
    *[designer("notifications", dict({"n_submit_en": "Received {number}", "n_submit_hi": "प्राप्त {number}",
                                      "n_submit_dlt": "1107160000000000001"}, **{f: V}), f, n)
      for f, n in [("n_submit_en", 500), ("n_submit_hi", 500), ("n_submit_dlt", 25)]],
    designer("json", lambda: {"definition": definition_with_name(service(), VT)}, "definition", 200),
    Case("service import", page("deptadmin", "/admin/services/import", lambda: {"file": definition_with_name("INC", VT).encode()},
                                multi=True), "file", 200, SVC, shows="at most 200 characters"),
    # the form of a service: every text answer, on the page and in the API
    *[Case("apply page " + f, page("csc1", "/apply/INC", lambda f=f: inc_form({f: V})), f, n, APPS)
      for f, n in [("f_applicant_name", 100), ("f_father_name", 100), ("f_address_line", 200), ("f_family__0__name", 100),
                   ("applicant_mobile", 10), ("idem", 80)]],
    Case("apply page employer", page("csc1", "/apply/INC", lambda: inc_form({"f_occupation": "service", "f_employer": V})),
         "f_employer", 100, APPS),
    Case("apply page draft name", page("csc1", "/apply/INC", lambda: dict(inc_form({"f_applicant_name": V}), save="1")),
         "f_applicant_name", 100, APPS),
    Case("apply page new villager's name", page("csc1", "/apply/INC",
                                                lambda: dict(inc_form({"f_applicant_name": V}, "94" + RUN.rjust(8, "0")[-8:]))),
         "f_applicant_name", 100, USERS),
    *[Case("apply API " + f + (" submit" if s else " draft"), call("csc1", "POST", "/applications", lambda f=f, s=s: {
        "service": "INC", "applicant": {"mobile": "9000000001"}, "submit": s, "fields": inc_fields(**{f: V})}), f, n, APPS)
      for f, n in [("applicant_name", 100), ("father_name", 100), ("address_line", 200)] for s in (True, False)],
    Case("apply API group row", call("csc1", "POST", "/applications", lambda: {
        "service": "INC", "applicant": {"mobile": "9000000001"}, "submit": True,
        "fields": inc_fields(family=[{"name": V, "relation": "father", "income": "1000"}])}), "family.0.name", 100, APPS),
    Case("apply API applicant.name", call("csc1", "POST", "/applications", lambda: {
        "service": "INC", "applicant": {"mobile": "95" + RUN.rjust(8, "0")[-8:], "name": V}, "submit": False,
        "fields": {k: v for k, v in inc_fields().items() if k != "applicant_name"}}), "applicant_name", 100, USERS),
    Case("apply API service", call("csc1", "POST", "/applications", lambda: {
        "service": V, "applicant": {"mobile": "9000000001"}, "fields": inc_fields()}), "service", 10, APPS),
    Case("draft API PATCH", call("csc1", "PATCH", lambda: "/applications/" + draft_id(),
                                 lambda: {"fields": inc_fields(applicant_name=V)}), "applicant_name", 100, APPS),
    # correcting a returned application
    Case("correction page", page("csc1", lambda: "/my/app/%s/edit" % returned_app(), {"f_father_name": V}),
         "f_father_name", 100, APPS),
    Case("correction API", call("csc1", "POST", lambda: "/applications/%s/submit" % returned_app(),
                                {"fields": {"father_name": V}}), "father_name", 100, APPS),
    # appeals, feedback
    Case("appeal page", page("csc1", lambda: "/my/app/%s/appeal" % rejected_app(), {"grounds": V}), "grounds", 4000, APPEALS),
    Case("appeal API", call("csc1", "POST", lambda: "/applications/%s/appeal" % rejected_app(), {"grounds": V}),
         "grounds", 4000, APPEALS),
    Case("feedback", page("csc1", lambda: "/my/app/%s/feedback" % rejected_app(), {"rating": "4", "comment": V}),
         "comment", 1000, FEEDBACK),
    # the locker
    *[Case("locker page " + f, page("csc1", "/locker", dict({"doc_type": "other", "mobile": "9000000001"}, **{f: V}), multi=True),
           f, n, DOCS) for f, n in [("doc_type", 40), ("mobile", 10)]],
    *[Case("locker API " + f, call("csc1", "POST", "/documents", dict({"doc_type": "other", "mobile": "9000000001"}, **{f: V}),
                                   multi=True), f, n, DOCS) for f, n in [("doc_type", 40), ("mobile", 10)]],
    # the desk
    Case("desk remarks", page("karmachari", lambda: "/desk/app/" + pending_app(),
                              {"action": "return", "remarks": V, "ooo_reason": "out of turn for the limits test"}),
         "remarks", 2000, EVENTS),
    Case("desk out-of-order reason", page("karmachari", lambda: "/desk/app/" + pending_app(),
                                          {"action": "forward", "ooo_reason": V}), "ooo_reason", 1000, EVENTS),
    Case("actions API remarks", call("karmachari", "POST", lambda: "/applications/%s/actions" % pending_app(),
                                     {"action": "return", "remarks": V, "out_of_order_reason": "out of turn for the limits test"}),
         "remarks", 2000, EVENTS),
    Case("actions API out-of-order reason", call("karmachari", "POST", lambda: "/applications/%s/actions" % pending_app(),
                                                 {"action": "forward", "out_of_order_reason": V}),
         "out_of_order_reason", 1000, EVENTS),
    Case("appeal order", page("sdo", lambda: "/desk/appeal/%s" % appeal_id(), {"decision": "dismiss", "order": V}),
         "order", 4000, APPEALS),
    Case("revocation page", page("co", lambda: "/desk/cert/%s/revoke" % certificate(), {"reason": V}), "reason", 500, CERTS),
    Case("revocation API", call("co", "POST", lambda: "/certificates/%s/revoke" % certificate(), {"reason": V}),
         "reason", 500, CERTS),
    # money
    Case("bill fetch", page("csc1", "/csc/bills", {"biller": "DWS", "consumer": V}), "consumer", 40, BILLS),
    Case("bill payment key", page("csc1", lambda: "/csc/bills/%s/pay" % bill(), {"idem": V}), "idem", 80, BILLS_PAID),
    Case("top-up reference page", page("stateadmin", lambda: "/admin/wallets/%s" % sql(
        "SELECT id FROM users WHERE username='csc2'")[0][0], {"rupees": "1", "reference": V}), "reference", 100, MONEY),
    Case("top-up reference API", call("stateadmin", "POST", lambda: "/admin/wallets/%s/topup" % sql(
        "SELECT id FROM users WHERE username='csc2'")[0][0], {"amount_paise": 100, "reference": V}), "reference", 100, MONEY),
    Case("refund reference", page("stateadmin", "/admin/money/refund/GSO0000000000" + RUN, {"reference": V}),
         "reference", 100, MONEY),
    # attendance
    Case("leave page reason", page("csc1", "/attendance/leave", lambda: {"kind": "leave", "from": today(3), "to": today(3),
                                                                         "reason": V}), "reason", 300, LEAVE),
    Case("leave API reason", call("csc1", "POST", "/attendance/leave", lambda: {"kind": "leave", "from": today(3),
                                                                                "to": today(3), "reason": V}), "reason", 300, LEAVE),
    Case("leave decision note", page("stateadmin", lambda: "/attendance/leave/%s" % pending_leave(),
                                     {"decision": "approve", "note": V}), "note", 300, LEAVE),
    Case("review note API", call("stateadmin", "POST", lambda: "/attendance/flags/%s/review" % flagged_checkin(),
                                 {"decision": "accept", "note": V}), "note", 500, CHECKINS),
    Case("review note page", page("stateadmin", lambda: "/attendance/review/%s" % flagged_checkin(),
                                  {"decision": "reject", "note": V}), "note", 500, CHECKINS),
    Case("device enrolment page", page("stateadmin", "/attendance/devices", {"vle": "csc2", "device_id": V}),
         "device_id", 64, DEVICES),
    Case("device enrolment API", call("stateadmin", "POST", "/attendance/devices", {"vle": "csc2", "device_id": V}),
         "device_id", 64, DEVICES),
    # registers: a cash-book column (its max_length in the definition) and a return's reason
    Case("register entry API", call("csc1", "POST", "/registers/CASHBOOK/entries", lambda: {"data": dict(
        date=today(), voucher_no="L", particulars=V, receipt_cash="1")}), "particulars", 200, REG_ENTRIES),
    Case("register entry page", page("csc1", lambda: "/registers/CASHBOOK/%s" % cash_book(), lambda: {
        "f_date": today(), "f_voucher_no": "L", "f_particulars": V, "f_receipt_cash": "1", "submit": "1"}),
         "particulars", 200, REG_ENTRIES, err="f_particulars"),
    Case("register return reason API", call("panchayatsewak", "POST", lambda: "/registers/entries/%s/return" % cash_entry(),
                                            {"note": V}), "note", 500, REG_RETURNS),
    Case("register return reason page", page("panchayatsewak", lambda: "/registers/entry/%s" % cash_entry(),
                                             {"action": "return", "note": V}), "note", 500, REG_RETURNS),
    # surveys and amenities: a survey's title, an amenity's name, a reassignment's reason
    Case("survey title API", call("di", "POST", "/surveys", survey_body(title={"en": V, "hi": "सीमा"})), "title_en", 150,
         SURVEYS),
    Case("survey title page", page("di", "/surveys", lambda: {"code": "LIMP" + RUN, "title_en": "Limits", "title_hi": V,
                                                              "window_from": today(), "window_to": today(7),
                                                              "form": json.dumps(SURVEY_FORM)}), "title_hi", 150, SURVEYS),
    Case("amenity name API", call("csc1", "POST", "/amenities", lambda: {"type": "school", "location": jamune(), "name": V,
                                                                         "point": {"lat": "24.03", "lon": "84.07"}}),
         "name", 150, AMENITIES),
    Case("amenity name page", page("csc1", "/amenities", lambda: {"type": "school", "location": jamune(), "f_name": V,
                                                                  "f_point__lat": "24.03", "f_point__lon": "84.07"}, multi=True),
         "name", 150, AMENITIES, err="f_name"),
    Case("task reassign reason API", call("bi", "POST", lambda: "/tasks/%s/reassign" % survey_task(),
                                          lambda: {"assignee": csc2_id(), "reason": V}), "reason", 500, AUDITED),
    Case("task reassign reason page", page("bi", lambda: "/tasks/%s/reassign" % survey_task(),
                                           lambda: {"assignee": csc2_id(), "reason": V}), "reason", 500, AUDITED),
    # training calendar
    Case("training title API", call("bi", "POST", "/trainings", lambda: training_body(title_en=V)), "title_en", 200, TRAININGS),
    Case("training trainers API", call("bi", "POST", "/trainings", lambda: training_body(trainers=V)), "trainers", 300, TRAININGS),
    Case("training venue page", page("bi", "/training/new", lambda: training_body(venue=V)), "venue", 200, TRAININGS),
    Case("training materials page", page("bi", "/training/new", lambda: training_body(materials=V)), "materials", 1000, TRAININGS),
    # e-learning library (a PDF item)
    Case("learning title API", call("stateadmin", "POST", "/learn", {"key": "lim" + RUN, "kind": "pdf", "lang": "en", "title": V,
                                                                      "audience": "csc"}, multi=True), "title", 200, LEARNING),
    Case("learning description page", page("stateadmin", "/admin/learn", {"key": "lim" + RUN, "kind": "pdf", "lang": "en",
                                                                           "title": "Limits", "description": V, "audience": "csc"},
                                           multi=True), "description", 1000, LEARNING),
    Case("learning tags API", call("stateadmin", "POST", "/learn", {"key": "lim" + RUN, "kind": "pdf", "lang": "en", "title": "L",
                                                                     "tags": V, "audience": "csc"}, multi=True), "tags", 200, LEARNING),
    # online exam: the question bank import (API and page)
    Case("question body API", call("stateadmin", "POST", "/admin/exams/import", exam_bank(body=V)), "questions.0.body_en",
         2000, QUESTIONS),
    Case("category name API", call("stateadmin", "POST", "/admin/exams/import", exam_bank(cat=V)), "categories.0.name_en",
         200, CATEGORIES),
    Case("question body page", page("stateadmin", "/admin/exams", lambda: {"json": json.dumps(exam_bank(body=VT))}),
         "questions.0.body_en", 2000, QUESTIONS),
    # support tickets
    *[Case("ticket API " + f, call("csc1", "POST", "/tickets", lambda f=f: ticket_body(**{f: V})), f, n, TICKETS)
      for f, n in [("subject", 150), ("body", 4000)]],
    Case("ticket API link ref", call("csc1", "POST", "/tickets", lambda: ticket_body(link={"kind": "bill", "ref": V})),
         "link_ref", 64, TICKETS),
    Case("ticket page subject", page("csc1", "/tickets/new", lambda: {
        "type": "TECH_HW_PRINTER", "location_panchayat": jamune(), "subject": V, "body": "Printer jams"}), "subject", 150, TICKETS),
    Case("ticket reply API", call("csc1", "POST", lambda: "/tickets/%s/actions" % ticket(), {"action": "reply", "body": V}),
         "body", 4000, TICKET_EVENTS),
    Case("ticket reply page", page("csc1", lambda: "/tickets/%s" % ticket(), {"action": "reply", "body": V}),
         "body", 4000, TICKET_EVENTS),
    # the do-not-call list: a number's reason, added on the page or loaded from a file
    Case("do-not-call reason page", page("stateadmin", "/admin/dnc", {"action": "add", "mobile": "7000000999", "reason": V}),
         "reason", 100, DNC),
    Case("do-not-call import reason page", page("stateadmin", "/admin/dnc/import", {"reason": V, "file": b"mobile\n7000000998\n"},
                                                multi=True), "reason", 100, DNC),
    # campaign definitions on the page
    *[Case("campaign page " + f, page("stateadmin", "/admin/campaigns", lambda f=f: campaign_body(**{f: V})), f, n, CAMPAIGNS)
      for f, n in [("code", 32), ("name_en", 150), ("name_hi", 150), ("scheme", 32), ("consent_en", 500), ("consent_hi", 500)]],
    Case("offline check-in nonce", call("csc2", "POST", "/attendance/checkins", {
        "offline": True, "lat": 24.0, "lon": 84.0, "accuracy_m": 5, "fix_at": "2026-01-01T10:00:00+05:30",
        "device_id": "LIMITS-1", "nonce": V, "signature": "0" * 64}), "nonce", 64, CHECKINS),
]


def names_field(r, kind, err):
    if kind == "api":
        try:
            return err in (r.json()["error"].get("fields") or {})
        except ValueError:
            return False
    return ('href="#f-%s"' % err) in r.text or ('id="e-%s"' % err) in r.text


@test
def every_text_input_refuses_one_character_too_many():
    bad = []
    for c in CASES:
        value = over(c.limit)
        count = lambda: int(sql(c.stored.format(m=MARK))[0][0])
        try:
            before = count()
            r = c.send(value)
        except AssertionError as e:
            bad.append("%s: setup failed: %s" % (c.name, e))
            continue
        stored = value.startswith(MARK) and count() > before
        problems = []
        if r.status != 422:
            problems.append("status %d" % r.status)
        elif not (c.shows in r.text if c.shows else names_field(r, c.send.kind, c.err)):
            problems.append("422 without naming %s" % (c.shows or c.err))
        if stored:
            problems.append("stored")
        if problems:
            bad.append("%s (%s > %d): %s" % (c.name, c.field, c.limit, ", ".join(problems)))
    for b in bad:
        print("#   " + b)
    assert not bad, "%d of %d: %s" % (len(bad), len(CASES), "; ".join(bad))


@test
def limits_count_characters_not_bytes():
    # 100 Devanagari characters are 300 bytes and fit applications.applicant_name
    name = "सीता" * 25
    d = definition("INC")
    r = api("csc1").api("POST", "/applications", {"service": "INC", "applicant": {"mobile": "9000000001"}, "submit": False,
                                                  "fields": dict(answers_for(d), applicant_name=name)})
    eq(r.status, 201, "a 100-character Hindi name is saved: %r" % r)
    eq(sql("SELECT CHAR_LENGTH(applicant_name) FROM applications WHERE id=%s" % r.json()["number"][1:]), [["100"]], "kept whole")


@test
def a_service_cannot_allow_a_name_longer_than_its_column():
    # the designer may set max_length up to 5000, but applicant_name is
    # stored in a 100-character column: the form's limit is the smaller one
    code = service()
    c = web("deptadmin")
    r = c.post("/admin/services/%s/fields" % code, {"csrf": c.tok, "name": "applicant_name", "type": "text",
                                                    "label_en": "Name", "label_hi": "नाम", "max_length": "300"})
    eq(r.status, 303, "field added: %r" % r)
    page = c.get("/admin/services/%s/preview" % code).text
    assert re.search(r'name="f_applicant_name"[^>]*maxlength="100"', page), "the form says 100"


run()
