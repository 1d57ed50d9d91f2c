"""The training calendar (issue 14, items 1-3 and 6): scheduling and the
states with invitations through the outbox, the .ics, the month calendar;
the check-in QR that changes every minute (a replayed or an expired code is
refused, a VLE's day counts as on duty); photos whose camera time lies
outside the session do not count; the two-per-month rule and its matrix;
feedback from the end to +3 days bringing the participation certificate;
the reminder and shortfall jobs, once."""
import base64
import hashlib
import hmac
import os
import re
import struct
import time

from gs import Client, test, eq, run, ctl, sql, VAR, now, send_notifications, notifications_log

RUN = str(int(time.time() * 1000) % 10000000)
IST = 5.5 * 3600
AUDIENCE = "csc,panchayat_sewak,karmachari,ci,co,bdo"
JPEG = bytes.fromhex(
    "ffd8ffdb0043001b12141714111b1716171e1c1b2028422b28252528513a3d3042605565645f555d5b6a7899816a7190"
    "735b5d85b586909ea3abadab6780bcc9baa6c799a8aba4ffc0000b080008000801011100ffc400140001000000000000"
    "00000000000000000003ffc400161000030000000000000000000000000000001562ffda0008010100003f0004927fff"
    "d9"
)
S = {}


def ist(offset):
    """The product's clock plus offset seconds as IST "YYYY-MM-DD HH:MM"."""
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(now() + IST + offset))


def photo(offset, salt):
    """A JPEG whose EXIF DateTimeOriginal is the product's clock plus offset (IST)."""
    when = time.strftime("%Y:%m:%d %H:%M:%S", time.gmtime(now() + IST + offset)).encode() + b"\0"
    tiff = b"II*\0" + struct.pack("<I", 8)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, 26) + struct.pack("<I", 0)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x9003, 2, 20, 44) + struct.pack("<I", 0)
    tiff += when + salt.encode()
    body = b"Exif\0\0" + tiff
    return JPEG[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + JPEG[2:]


def multipart(field, data):
    b = "GSTRN" + RUN
    body = ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
            % (b, field)).encode() + data + ("\r\n--%s--\r\n" % b).encode()
    return body, "multipart/form-data; boundary=" + b


def api(name):
    if name not in S:
        S[name] = Client()
        S[name].api_login(name)
    return S[name]


def block():
    return sql("SELECT rh.location_id FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
               "WHERE u.username = 'bi' AND rh.role = 'bi' AND rh.active = 1")[0][0]


def schedule(title, starts, ends, **kw):
    body = {"type": "workshop", "title_en": title, "title_hi": "कार्यशाला " + RUN, "location": block(),
            "audience": AUDIENCE, "venue": "Block office hall", "lat": "24.03", "lon": "84.07",
            "starts_at": ist(starts), "ends_at": ist(ends), "trainers": "Master trainer " + RUN}
    body.update(kw)
    r = api("bi").api("POST", "/trainings", body)
    eq(r.status, 201, "schedule %r" % r)
    return r.json()["id"]


def act(tid, action, **kw):
    body = {"action": action}
    body.update(kw)
    return api("bi").api("POST", "/trainings/%d/actions" % tid, body)


def token(tid, minute):
    """The check-in code for a minute, as the server makes it (to forge an old one)."""
    secret = [l.split("=", 1)[1].strip() for l in open(os.path.join(VAR, "gramsewa.conf")) if l.startswith("secret")][0]
    mac = hmac.new(bytes.fromhex(secret), ("training-qr|%d|%d" % (tid, minute)).encode(), hashlib.sha256).digest()
    return "%d.%s" % (minute, base64.urlsafe_b64encode(mac).decode().rstrip("=")[:22])


@test
def publishing_invites_the_audience_by_sms_and_the_training_has_an_ics():
    tid = schedule("Live workshop " + RUN, -600, 3 * 3600)
    eq(api("bi").api("GET", "/trainings/%d" % tid).json()["status"], "planned", "planned first")
    r = act(tid, "publish")
    eq(r.status, 200, "publish %r" % r)
    j = r.json()
    assert j["status"] == "published" and j["invited"] >= 6, j
    eq(j["counts"]["vles_invited"], True, "VLEs invited")
    send_notifications()
    assert notifications_log().count("Live workshop " + RUN) >= 6, "an SMS per invitee"
    c = Client()
    c.login("csc1")
    ics = c.get("/training/%d.ics" % tid)
    eq(ics.status, 200, "ics")
    assert ics.header("Content-Type").startswith("text/calendar"), ics.headers
    assert "BEGIN:VEVENT" in ics.text and "SUMMARY:Live workshop " + RUN in ics.text and "DTSTART:" in ics.text, ics.text
    cal = c.get("/training")
    assert cal.status == 200 and "Live workshop " + RUN in cal.text and 'id="calendar"' in cal.text, cal.text[:500]
    eq(act(tid, "close").status, 409, "cannot close a published training")
    eq(api("di").api("POST", "/trainings/%d/actions" % tid, {"action": "held"}).status, 403, "only the organiser")
    S["live"] = tid


@test
def the_rotating_qr_checks_in_once_and_refuses_replayed_expired_and_forged_codes():
    tid = S["live"]
    q = api("bi").api("GET", "/trainings/%d/qr" % tid).json()
    assert q["url"].endswith("/training/%d/checkin?t=%s" % (tid, q["token"])), q
    page = Client()
    page.login("bi")
    screen = page.get("/training/%d/qr" % tid)
    assert screen.status == 200 and 'http-equiv="refresh"' in screen.text and "data:image/svg+xml;base64," in screen.text, screen.text[:300]
    csc = api("csc1")
    r = csc.api("POST", "/trainings/%d/checkin" % tid, {"token": q["token"]})
    eq(r.status, 201, "check-in %r" % r)
    again = csc.api("POST", "/trainings/%d/checkin" % tid, {"token": q["token"]})
    eq(again.status, 409, "replayed %r" % again)
    eq(again.json()["error"]["code"], "replayed", "code")
    old = token(tid, int(now() // 60) - 3)
    r = api("csc2").api("POST", "/trainings/%d/checkin" % tid, {"token": old})
    eq((r.status, r.json()["error"]["code"]), (409, "qr_expired"), "an expired code %r" % r)
    forged = q["token"][:-3] + ("AAA" if not q["token"].endswith("AAA") else "BBB")
    r = api("csc2").api("POST", "/trainings/%d/checkin" % tid, {"token": forged})
    eq((r.status, r.json()["error"]["code"]), (422, "qr_bad"), "a forged code")
    other = schedule("Other " + RUN, -600, 3600)
    act(other, "publish")
    r = api("csc2").api("POST", "/trainings/%d/checkin" % other, {"token": q["token"]})
    eq(r.status, 422, "another training's code")
    eq(sql("SELECT method FROM training_attendance WHERE training_id = %d" % tid), [["qr"]], "one check-in")
    # a VLE at a training is on duty that day
    rows = sql("SELECT source, source_ref FROM checkins WHERE user_id = (SELECT id FROM users WHERE username = 'csc1') "
               "AND source = 'training' AND source_ref = '%d'" % tid)
    eq(len(rows), 1, "on duty recorded")
    # the page: GET shows a button and writes nothing, POST checks in
    w = Client()
    w.login("csc2")
    q = api("bi").api("GET", "/trainings/%d/qr" % tid).json()
    p = w.get("/training/%d/checkin?t=%s" % (tid, q["token"]))
    eq(p.status, 200, "check-in page")
    eq(sql("SELECT COUNT(*) FROM training_attendance WHERE training_id = %d" % tid), [["1"]], "GET wrote nothing")
    r = w.post("/training/%d/checkin" % tid, {"csrf": w.csrf_from(p.text), "t": q["token"]})
    eq(r.status, 303, "page check-in %r" % r)
    r = api("karmachari").api("GET", "/trainings/%d/qr" % tid)
    eq(r.status, 403, "only organisers see the code")


@test
def photos_outside_the_session_do_not_count_and_inside_they_do():
    tid = schedule("Past workshop " + RUN, -4 * 3600, -3600)
    act(tid, "publish")
    people = ["csc1", "csc2", "panchayatsewak", "karmachari", "ci"]
    for p in people:
        r = api("bi").api("POST", "/trainings/%d/attendance" % tid, {"person": p})
        eq(r.status, 201, "mark %s %r" % (p, r))
    eq(api("bi").api("POST", "/trainings/%d/attendance" % tid, {"person": "stateadmin"}).status, 422, "not invited")
    eq(act(tid, "held").status, 200, "held")
    eq(act(tid, "report", report="Covered the exam, attendance and registers.").status, 200, "reported")
    bi = api("bi")
    for k, off in enumerate((-6 * 3600, -5 * 3600)):       # taken before the session
        body, ctype = multipart("photo", photo(off, "out%d" % k))
        r = bi.request("POST", "/api/v1/trainings/%d/photos" % tid, body=body, ctype=ctype)
        eq(r.status, 201, "photo %r" % r)
    j = bi.api("GET", "/trainings/%d" % tid).json()
    eq((j["counts"]["photos_in_session"], j["counts"]["counts"]), (0, False), "two photos outside the session")
    body, ctype = multipart("photo", b"not a jpeg at all")
    eq(bi.request("POST", "/api/v1/trainings/%d/photos" % tid, body=body, ctype=ctype).status, 422, "not a JPEG")
    for k, off in enumerate((-3 * 3600, -2 * 3600)):
        body, ctype = multipart("photo", photo(off, "in%d" % k))
        bi.request("POST", "/api/v1/trainings/%d/photos" % tid, body=body, ctype=ctype)
    j = bi.api("GET", "/trainings/%d" % tid).json()
    eq((j["counts"]["photos_in_session"], j["counts"]["attendees"], j["counts"]["counts"]), (2, 5, True),
       "two photos inside, five present, reported: it counts")
    org = Client()
    org.login("bi")
    r = org.get("/training/%d" % tid)
    assert r.status == 200 and "This training counts." in r.text and "taken during the session" in r.text, r.text[:800]
    m = api("di").api("GET", "/trainings/compliance").json()
    me = [p for p in m["people"] if p["role"] == "bi"]
    assert me and me[0]["counted"][-1] >= 1, m
    page = Client()
    page.login("di")
    r = page.get("/training/compliance")
    assert r.status == 200 and 'id="compliance"' in r.text, r.text[:300]
    d = page.get("/dash")
    assert d.status == 200 and 'id="trainings"' in d.text and "Ajay Kumar" in d.text, "the matrix on the dashboard"
    S["past"] = tid


@test
def feedback_within_three_days_brings_the_participation_certificate():
    tid = S["past"]
    c = api("csc1")
    r = c.api("POST", "/trainings/%d/feedback" % tid, {"rating": 7})
    eq(r.status, 422, "rating out of range %r" % r)
    assert "rating" in r.json()["error"]["fields"], r.json()
    r = c.api("POST", "/trainings/%d/feedback" % tid, {"rating": 4, "comment": "More hands-on time"})
    eq(r.status, 201, "feedback %r" % r)
    cert = r.json()["certificate"]
    assert re.match(r"^JH-TRN-\d{4}-[A-Z2-9]{8}$", cert), cert
    eq(Client().get("/api/v1/verify?no=" + cert).json()["status"], "VALID", "verifies")
    pdf = c.api("GET", "/certificates/%s/pdf" % cert)
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF"), pdf
    eq(c.api("POST", "/trainings/%d/feedback" % tid, {"rating": 5}).status, 409, "once")
    w = Client()
    w.login("csc2")
    p = w.get("/training/%d" % tid)
    assert 'name="rating"' in p.text, "the feedback form: " + p.text[:800]
    r = w.post("/training/%d/feedback" % tid, {"csrf": w.csrf_from(p.text), "rating": "5", "comment": ""})
    eq(r.status, 303, "page feedback %r" % r)
    assert "Participation certificate JH-TRN-" in w.get("/training/%d" % tid).text, "certificate link"
    eq(api("co").api("POST", "/trainings/%d/feedback" % tid, {"rating": 5}).status, 403, "not present: no feedback")
    eq(api("csc2").api("POST", "/trainings/%d/feedback" % S["live"], {"rating": 5}).status, 409,
       "feedback opens at the end of the training")
    eq(sql("SELECT answers FROM training_feedback WHERE training_id = %d" % tid)[0][0].count("More hands-on time"), 1, "stored")


@test
def cancel_and_postpone_need_a_reason():
    tid = schedule("To cancel " + RUN, 86400, 86400 + 7200)
    r = act(tid, "cancel")
    eq(r.status, 422, "no reason %r" % r)
    r = act(tid, "postpone", reason="Flood on the road", starts_at=ist(2 * 86400), ends_at=ist(2 * 86400 + 7200))
    eq(r.status, 200, "postponed %r" % r)
    eq((r.json()["status"], r.json()["status_reason"]), ("postponed", "Flood on the road"), "state and reason")
    eq(act(tid, "cancel", reason="Trainer unavailable").json()["status"], "cancelled", "cancelled")


@test
def a_failed_last_exam_attempt_brings_an_invitation_to_the_next_refresher():
    code = "TRX" + RUN
    cat = "trx" + RUN
    bank = {"categories": [{"code": cat, "name_en": "Refresher test", "name_hi": "पुनश्चर्या परीक्षण"}],
            "questions": [{"key": cat + "-1", "category": cat, "type": "tf", "body_en": "T " + RUN, "body_hi": "स " + RUN,
                           "answer": True, "marks": 1}],
            "exams": [{"code": code, "title_en": "One try " + RUN, "title_hi": "एक प्रयास", "audience": ["csc"],
                       "opens_at": ist(-3600), "closes_at": ist(86400), "time_limit_s": 600, "pass_pct": 100,
                       "max_attempts": 1, "layout": [{"category": cat, "n": 1}]}]}
    admin = Client()
    admin.api_login("stateadmin")
    eq(admin.api("POST", "/admin/exams/import", bank).status, 200, "import")
    c = api("csc2")
    a = c.api("POST", "/exams/%s/attempts" % code).json()
    c.api("POST", "/exams/%s/attempts/1/answers/0" % code, {"response": False})
    eq(c.api("POST", "/exams/%s/attempts/1/submit" % code).json()["refresher"], True, "failed the only attempt")
    assert a["slots"], a
    # a refresher for block officers only still invites her
    tid = schedule("Refresher " + RUN, 86400, 86400 + 3 * 3600, type="refresher", audience="bdo")
    act(tid, "publish")
    invited = [r[0] for r in sql("SELECT u.username FROM training_invites i JOIN users u ON u.id = i.user_id "
                                 "WHERE i.training_id = %d ORDER BY u.username" % tid)]
    assert "csc2" in invited and "bdo" in invited, invited
    other = schedule("Workshop " + RUN, 86400, 86400 + 3 * 3600, audience="bdo")
    act(other, "publish")
    eq(sql("SELECT COUNT(*) FROM training_invites i JOIN users u ON u.id = i.user_id WHERE i.training_id = %d "
           "AND u.username = 'csc2'" % other), [["0"]], "only a refresher")


@test
def the_reminder_and_the_shortfall_go_once_per_month():
    month = ist(0)[:7]
    first = ctl("training-compliance", "remind", "--month", month).stdout
    second = ctl("training-compliance", "remind", "--month", month).stdout
    assert re.search(r"remind %s: \d+ messages queued" % month, first), first
    assert "remind %s: 0 messages queued" % month in second, second
    short = ctl("training-compliance", "shortfall", "--month", month).stdout
    assert re.search(r"shortfall %s: \d+ messages queued" % month, short), short
    # the DI organised nothing this month: told, and the state administrators as the DI's supervisors
    eq(sql("SELECT COUNT(*) FROM training_sms_sent s JOIN users u ON u.id = s.about_id WHERE s.kind = 'shortfall' "
           "AND s.month = '%s' AND u.username = 'di' AND s.user_id = s.about_id" % month), [["1"]], "the DI told once")
    again = ctl("training-compliance", "shortfall", "--month", month).stdout
    assert "shortfall %s: 0 messages queued" % month in again, again
    send_notifications()
    assert "trainings counted in %s" % month in notifications_log(), "shortfall SMS"


run()
