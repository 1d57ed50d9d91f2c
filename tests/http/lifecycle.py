"""lifecycle.py — helpers shared by the application tests: valid answers
for any service definition, filing through the API, acting as officers,
the due dates an application should get."""
import datetime
import json
import os
import re
import struct
import tempfile
import zlib

import answers
from gs import Client, sql, eq, ctl

VILLAGE = None
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"xref\n0 3\n0000000000 65535 f\r\n0000000009 00000 n\r\n0000000052 00000 n\r\n"
       b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n96\n%%EOF\n")


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# one red pixel: a PNG that decodes (uploads are decoded before they are stored)
PNG = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
       + _chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + _chunk(b"IEND", b""))


def village(name="Pokhraha Kalan"):
    return int(sql("SELECT id FROM locations WHERE type='village' AND name_en='%s' LIMIT 1" % name)[0][0])


def answers_for(defn, mobile="9000000001", name="Sita Devi", place=None):
    """Valid answers for every field of a service definition."""
    return answers.answers_for(defn, mobile, name, place or village())


def upload(c, doc_type, owner_mobile=None, data=PDF, name="doc.pdf", ctype="application/pdf"):
    boundary = "GSBOUNDARY7"
    parts = []
    fields = {"doc_type": doc_type}
    if owner_mobile:
        fields["mobile"] = owner_mobile
    for k, v in fields.items():
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                  % (boundary, name, ctype)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return c.request("POST", "/api/v1/documents", body=b"".join(parts), ctype="multipart/form-data; boundary=" + boundary)


def publish_service(defn):
    """Imports a service definition (as exported) and publishes it, with
    gramsewactl as an administrator would."""
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
    try:
        json.dump(defn, f, ensure_ascii=False)
        f.close()
        ctl("service", "import", f.name, "--publish")
    finally:
        os.unlink(f.name)


def definition(code):
    return Client().get("/api/v1/services/" + code).json()["definition"]


def file_app(code, filer="csc1", mobile="9000000001", tatkal=False, key=None, fields=None, place=None, all_docs=False):
    """Files an application through the API with every required document
    (every document with all_docs)."""
    c = Client()
    c.api_login(filer)
    d = definition(code)
    docs = {}
    for doc in d["documents"]:
        if doc["required"] or all_docs:
            r = upload(c, doc["code"], None if filer == "citizen" else mobile)
            assert r.status == 201, "upload %s: %r" % (doc["code"], r)
            docs[doc["code"]] = r.json()["id"]
    body = {"service": code, "applicant": {"mobile": mobile}, "submit": True, "tatkal": tatkal,
            "fields": fields or answers_for(d, mobile, place=place), "documents": docs}
    h = {"Idempotency-Key": key} if key else None
    r = c.api("POST", "/applications", body, headers=h)
    assert r.status in (200, 201), "file %s: %r" % (code, r)
    return r.json()["number"], c


def rejected(code="INC", why="No income proof on record"):
    """An application filed through csc1 and rejected at its first stage
    (so the operator's wallet is refunded); returns its number."""
    number, _ = file_app(code)
    r = act(officer("karmachari"), number, "reject", remarks=why, out_of_order_reason="rejected out of turn for a test")
    assert r.status == 200, "rejected: %r" % r
    return number


def officer(username):
    c = Client()
    c.api_login(username)
    return c


def act(c, number, action, **kw):
    body = {"action": action}
    body.update(kw)
    return c.api("POST", "/applications/%s/actions" % number, body)


def office_of(username, role):
    return int(sql("SELECT rh.office_id FROM role_holdings rh JOIN users u ON u.id=rh.user_id "
                   "WHERE u.username='%s' AND rh.role='%s'" % (username, role))[0][0])


def take_next(c, username, role):
    r = c.api("POST", "/desk/next", {"office": office_of(username, role), "role": role})
    assert r.status == 200, "next: %r" % r
    return r.json()["number"]


def walk_to_approval(number, stages):
    """Acts forward at every stage but the last, then approves there."""
    for i, (user, role) in enumerate(stages):
        c = officer(user)
        action = "approve" if i == len(stages) - 1 else "forward"
        r = act(c, number, action, remarks="checked", out_of_order_reason="taken out of turn for the test walk")
        assert r.status == 200, "%s by %s: %r" % (action, user, r)
    return r.json()


def create_employee(admin, username, role="karmachari", district="Palamu", block="Medininagar(Daltonganj)",
                    mobile="9123456780"):
    """Creates an employee through the HR page; returns (username, first password).
    Give a mobile of its own when a test sends OTPs to it (they are throttled per mobile)."""
    did = sql("SELECT id FROM locations WHERE type='district' AND name_en='%s'" % district)[0][0]
    bid = sql("SELECT id FROM locations WHERE type='block' AND name_en='%s'" % block)[0][0]
    r = admin.form_post("/admin/users/new", "/admin/users/new", {
        "username": username, "first_name": "Test", "last_name": "Employee", "mobile": mobile,
        "dob": "1988-01-02", "user_type": "staff", "designation": "Rajasv Karmachari", "role": role,
        "place_district": did, "place_block": bid, "work_from": "2025-01-01"})
    eq(r.status, 200, "create employee: " + r.text[:300])
    m = re.search(r"<code>([^<]+)</code>", r.text)
    assert m, "initial password shown"
    return username, m.group(1)


def citizen(mobile, web=True, api=True):
    """A citizen logged in on the web (cookies) and the API (token) by OTP;
    web=False or api=False skips one (each costs an OTP, and OTP requests
    are limited per client address for the whole suite)."""
    from gs import notifications_log
    import time as _t
    pattern = r"to=%s .*? (\d{6}) is your GramSewa log-in OTP" % mobile

    def otp_after(send):
        """Sends a request and returns the OTP it caused."""
        before = len(re.findall(pattern, notifications_log()))
        r = send()
        deadline = _t.time() + 5
        while _t.time() < deadline:
            found = re.findall(pattern, notifications_log())
            if len(found) > before:
                return r, found[-1]
            _t.sleep(0.05)
        raise AssertionError("no OTP for %s" % mobile)

    w = a = None
    if web:
        w = Client()
        r, code = otp_after(lambda: w.form_post("/login/otp", "/login/otp", {"mobile": mobile}))
        r = w.post("/login/otp/verify", {"csrf": w.csrf_from(r.text), "mobile": mobile, "otp": code})
        assert r.status == 303, "otp login %r" % r
    if api:
        a = Client()
        _, code = otp_after(lambda: a.request("POST", "/api/v1/auth/otp/request", body={"mobile": mobile}, ctype="json"))
        r = a.request("POST", "/api/v1/auth/otp/verify", body={"mobile": mobile, "otp": code}, ctype="json")
        assert r.status == 200, "api otp %r" % r
        a.token = r.json()["token"]
    return w, a


def page_fields(defn, ans):
    """The apply page's form fields (f_<name>, the location picker's levels)
    for API-style answers."""
    form = {}
    for f in defn["fields"]:
        k = f["name"]
        if k not in ans:
            continue
        if f["type"] == "location":
            path = sql("SELECT path FROM locations WHERE id=%s" % int(ans[k]))[0][0].strip("/").split("/")
            ids = {sql("SELECT type FROM locations WHERE id=%s" % i)[0][0]: i for i in path}
            for lv in ("district", "block", "panchayat", "village"):
                form["f_%s_%s" % (k, lv)] = ids[lv]
        elif f["type"] == "geopoint":
            for part, v in ans[k].items():
                form["f_%s__%s" % (k, part)] = v
        elif f["type"] not in ("group", "computed"):
            form["f_" + k] = ans[k]
    return form


def apply_page(c, code, mobile="9000000001", save=False, draft=None, fields=None, docs=None):
    """Posts the apply page of service code as the logged-in web client c:
    save a draft (save=True) or submit, continuing draft id when given."""
    page = c.get("/apply/" + code)
    assert page.status == 200, "GET /apply/%s -> %d" % (code, page.status)
    d = definition(code)
    form = {"csrf": c.csrf_from(page.text), "idem": re.search(r'name="idem" value="([^"]+)"', page.text).group(1),
            "applicant_mobile": mobile, "save" if save else "submit": "1"}
    form.update(page_fields(d, fields or answers_for(d, mobile)))
    if draft:
        form["draft"] = str(draft)
    form.update(docs or {})
    return c.post("/apply/" + code, form)


def working_days_after(day, n, weekly_off, holidays):
    """The date (YYYY-MM-DD) n working days after day, day itself not
    counted: the RTPS rule, worked out here apart from the product's C."""
    d = datetime.date.fromisoformat(day)
    if len(set(weekly_off)) == 7:
        return (d + datetime.timedelta(days=n)).isoformat()
    while n > 0:
        d += datetime.timedelta(days=1)
        if d.isoweekday() % 7 not in weekly_off and d.isoformat() not in holidays:
            n -= 1
    return d.isoformat()


def expected_due_dates(number, day):
    """(due_date, stage_due) that application number should have when it
    was received on day: its service's time limit (Tatkal or not) and first
    stage's, in working days of its calendar and its district's holidays;
    no stage is due after the application."""
    code, tatkal, district = sql("SELECT s.code, a.tatkal, IFNULL(a.district_id, 0) FROM applications a "
                                 "JOIN services s ON s.id=a.service_id WHERE a.number='%s'" % number)[0]
    p = definition(code)["processing"]
    off = p["calendar"]["weekly_off"]
    holidays = {d for (d,) in sql("SELECT day FROM holidays WHERE location_id IS NULL OR location_id=%s" % district)}
    due = working_days_after(day, p["tatkal"]["rtps_days"] if tatkal == "1" else p["rtps_days"], off, holidays)
    return due, min(due, working_days_after(day, p["stages"][0]["sla_days"], off, holidays))


def file_online(mobile, code="INC"):
    """A citizen (web and API clients) and the number of a tatkal
    application she filed online, waiting for its fee."""
    web, api = citizen(mobile)
    d = definition(code)
    docs = {doc["code"]: upload(api, doc["code"]).json()["id"] for doc in d["documents"] if doc["required"]}
    r = api.api("POST", "/applications", {"service": code, "tatkal": True, "fields": answers_for(d, mobile=mobile),
                                           "documents": docs})
    eq(r.json()["status"], "unpaid", "waits for the fee")
    return web, api, r.json()["number"]


def pay_through_sandbox(web, start_fields, decision="pay", callback=True):
    """Follows the real pages: start -> gateway -> decide -> return."""
    page = web.get("/my")
    tok = web.csrf_from(page.text) or web.csrf_from(web.get("/profile").text)
    d = dict(start_fields)
    d["csrf"] = tok
    r = web.post("/pay/start", d)
    eq(r.status, 200, "pay start: " + r.text[:300])
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', r.text))
    fields.pop("csrf", None)
    gw = web.post("/sandbox/pay", fields)
    eq(gw.status, 200, "sandbox page: " + gw.text[:300])
    dec = {"csrf": web.csrf_from(gw.text), "order_no": fields["order_no"], "amount": fields["amount"],
           "return_url": fields["return_url"], "decision": decision}
    if not callback:
        dec["mode"] = "nocallback"
    back = web.post("/sandbox/pay/decide", dec)
    ret = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', back.text))
    return fields["order_no"], ret, web.post("/pay/return", ret)
