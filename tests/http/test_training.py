"""The training calendar (issue 14, items 1-3 and 6): scheduling and the
states with invitations through the outbox, the .ics, the month calendar;
the check-in QR that changes every minute (a replayed or an expired code is
refused, a VLE's day counts as on duty); photos whose camera time lies
outside the session do not count; the two-per-month rule and its matrix;
feedback from the end to +3 days bringing the participation certificate;
the reminder and shortfall jobs, once."""
import base64
import csv as csvmod
import io
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


PHOTOS = []


def photo(offset, salt):
    """A JPEG whose EXIF DateTimeOriginal is the product's clock plus offset (IST)."""
    when = time.strftime("%Y:%m:%d %H:%M:%S", time.gmtime(now() + IST + offset)).encode() + b"\0"
    tiff = b"II*\0" + struct.pack("<I", 8)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, 26) + struct.pack("<I", 0)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x9003, 2, 20, 44) + struct.pack("<I", 0)
    tiff += when + salt.encode()
    body = b"Exif\0\0" + tiff
    # a picture of its own: the product keeps photos without metadata
    # (photo.c), so two uploads differing only in EXIF would be one photo;
    # a different last quantisation step is a different image that decodes
    PHOTOS.append(salt)
    img = bytearray(JPEG)
    q = img.index(b"\xff\xdb") + 4 + 1 + 63
    img[q] = 1 + len(PHOTOS) % 250
    img = bytes(img)
    return img[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + img[2:]


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


def api_page(name, path):
    """The page at path as name sees it (a web log-in of its own)."""
    w = Client()
    w.login(name)
    return w.get(path).text


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
def a_checkin_from_away_from_the_venue_is_refused_and_one_without_a_point_is_shown_to_the_organiser():
    # the venue is at 24.03, 84.07; the default geofence is 200 m
    tid = schedule("Geofenced workshop " + RUN, -600, 3 * 3600)
    eq(act(tid, "publish").status, 200, "published")
    tok = api("bi").api("GET", "/trainings/%d/qr" % tid).json()["token"]
    far = api("csc1").api("POST", "/trainings/%d/checkin" % tid,
                          {"token": tok, "lat": 24.04, "lon": 84.07, "accuracy_m": 10})     # about 1.1 km north
    eq((far.status, far.json()["error"]["code"]), (409, "outside_venue"), "1.1 km away %r" % far)
    # a poor accuracy does not stretch the fence beyond what a GIS check-in may claim (50 m)
    vague = api("csc1").api("POST", "/trainings/%d/checkin" % tid,
                            {"token": tok, "lat": 24.0335, "lon": 84.07, "accuracy_m": 5000})  # about 390 m
    eq((vague.status, vague.json()["error"]["code"]), (409, "outside_venue"), "a 5 km accuracy %r" % vague)
    bad = api("csc1").api("POST", "/trainings/%d/checkin" % tid, {"token": tok, "lat": "north", "lon": 84.07})
    eq(bad.status, 422, "not a point %r" % bad)
    eq(sql("SELECT COUNT(*) FROM training_attendance WHERE training_id = %d" % tid), [["0"]], "nothing recorded")
    near = api("csc1").api("POST", "/trainings/%d/checkin" % tid,
                           {"token": tok, "lat": "24.0310", "lon": "84.0700", "accuracy_m": "15"})  # about 110 m
    eq(near.status, 201, "in the hall %r" % near)
    row = sql("SELECT lat, accuracy_m, distance_m FROM training_attendance WHERE training_id = %d" % tid)[0]
    assert row[0] == "24.031000" and row[1] == "15" and 100 <= int(row[2]) <= 120, row
    # the VLE's day is credited by the check-in
    eq(len(sql("SELECT 1 FROM checkins WHERE user_id = (SELECT id FROM users WHERE username = 'csc1') "
               "AND source = 'training' AND source_ref = '%d'" % tid)), 1, "on duty")
    # a phone that sends no point is let in and shown as such; marking stays for the one refused
    eq(api("csc2").api("POST", "/trainings/%d/checkin" % tid, {"token": tok}).status, 201, "no point")
    eq(api("bi").api("GET", "/trainings/%d" % tid).json()["present_without_point"], 1, "counted without a point")
    org = Client()
    org.login("bi")
    page = org.get("/training/%d" % tid).text
    assert "no location" in page and "(" in page and " m)" in page, page[page.find('id="people"'):][:800]
    eq(api("bi").api("POST", "/trainings/%d/attendance" % tid, {"person": "ci"}).status, 201, "the organiser marks")


@test
def the_master_trainer_keeps_the_calendar_and_the_library_but_nothing_else():
    mt = api("mastertrainer")
    chainpur = sql("SELECT id FROM locations WHERE type = 'block' AND name_en = 'Chainpur'")[0][0]
    for place in (block(), chainpur):
        r = mt.api("POST", "/trainings", {"type": "tot", "title_en": "ToT " + RUN, "title_hi": "प्रशिक्षकों का प्रशिक्षण " + RUN,
                                          "location": place, "audience": "bi,di", "venue": "SIRD Ranchi",
                                          "starts_at": ist(5 * 86400), "ends_at": ist(5 * 86400 + 4 * 3600),
                                          "trainers": "Rekha Tirkey"})
        eq(r.status, 201, "a ToT anywhere in the state %r" % r)
    mine = r.json()["id"]
    eq(mt.api("POST", "/trainings/%d/actions" % mine, {"action": "publish"}).status, 200, "publishes her own")
    eq(mt.api("GET", "/trainings/%d" % S["live"]).status, 200, "sees a BI's training (the state's calendar)")
    eq(mt.api("POST", "/trainings/%d/actions" % S["live"], {"action": "cancel", "reason": "not hers to cancel"}).status, 403,
       "does not run a BI's training")
    eq(mt.api("GET", "/trainings/compliance").status, 200, "the compliance matrix")
    eq(mt.api("GET", "/learn/report").status, 200, "the e-learning completion report")
    web = Client()
    web.login("mastertrainer")
    eq(web.get("/admin/learn").status, 200, "keeps the library")
    assert 'href="/training"' in web.get("/learn").text, "the calendar in the menu"
    for path in ("/dash", "/desk", "/admin/exams", "/admin/users"):
        r = web.get(path)
        assert r.status in (403, 404), "%s: %r" % (path, r)
    tok = api("bi").api("GET", "/trainings/%d/qr" % S["live"]).json()["token"]
    eq(mt.api("POST", "/trainings/%d/checkin" % S["live"], {"token": tok}).status, 403, "not invited: no check-in")


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
    bi_id = int(sql("SELECT id FROM users WHERE username = 'bi'")[0][0])     # the organiser (other BIs are seeded too)
    me = [p for p in m["people"] if p["id"] == bi_id]
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
    # present but no feedback yet: no participation certificate of any kind
    eq(sql("SELECT COUNT(*) FROM training_attendance WHERE training_id = %d AND certificate_id IS NOT NULL" % tid), [["0"]],
       "none before feedback")
    eq(sql("SELECT COUNT(*) FROM certificates WHERE source_kind = 'training' AND source_id = %d" % tid), [["0"]],
       "no certificate issued before feedback")
    assert "Participation certificate" not in api_page("csc1", "/training/%d" % tid), "no certificate link before feedback"
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
def the_training_report_sums_hours_attendance_and_feedback_by_trainer_and_drills_down_by_place():
    tid = S["past"]     # 3 hours, five present, feedback 4 and 5 (the tests above)
    invited = int(sql("SELECT COUNT(*) FROM training_invites WHERE training_id = %d" % tid)[0][0])
    trainer = "Master trainer " + RUN
    month = ist(0)[:7]
    di = Client()
    di.login("di")
    r = di.get("/training/report?from=%s&to=%s" % (month, month))
    eq(r.status, 200, "report %r" % r)
    row = re.search(r"<tr><td>%s</td>(.*?)</tr>" % re.escape(trainer), r.text)
    assert row, r.text[r.text.find('id="rep-trainer"'):][:1500]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row.group(1))
    eq(cells, ["1", str(invited), "5", "15.0", "%d%%" % int(100 * 5 / invited + 0.5), "2", "4.5"], "the trainer's row")
    assert 'id="rep-type"' in r.text and 'id="rep-topic"' in r.text and 'id="report"' in r.text, "type, topic, e-learning"
    csv = di.get("/training/report/csv?by=trainer&from=%s&to=%s" % (month, month))
    eq(csv.status, 200, "csv")
    assert csv.header("Content-Type").startswith("text/csv"), csv.headers
    rows = list(csvmod.reader(io.StringIO(csv.text)))
    eq(rows[0], ["key", "label", "trainings", "invited", "present", "hours", "pct", "feedback", "rating"], "header")
    assert [trainer, trainer, "1", str(invited), "5", "15.0", str(int(100 * 5 / invited + 0.5)), "2", "4.5"] in rows, rows
    eq(di.get("/training/report/csv?by=nothing").status, 400, "an unknown grouping")
    learn = list(csvmod.reader(io.StringIO(di.get("/training/report/csv?by=elearning").text)))
    eq(learn[0], ["item", "title", "lang", "people", "completed"], "the e-learning completion as CSV")
    # drill-down: the district's row leads to the sub-division (the next place
    # on the block's path), whose row leads to the block
    blk = block()
    path = sql("SELECT path FROM locations WHERE id = %s" % blk)[0][0].strip("/").split("/")
    sub = path[path.index(blk) - 1]
    assert 'href="/training/report?location=%s&amp;' % sub in r.text, "a link down to the sub-division"
    mid = di.get("/training/report?location=%s&from=%s&to=%s" % (sub, month, month))
    assert 'href="/training/report?location=%s&amp;' % blk in mid.text, "a link down to the block"
    down = di.get("/training/report?location=%s&from=%s&to=%s" % (blk, month, month))
    assert down.status == 200 and "Medininagar" in down.text and trainer in down.text, down.text[:500]
    other = Client()
    other.login("bi2")
    eq(other.get("/training/report?location=%s" % blk).status, 403, "another block's BI")
    vle = Client()
    vle.login("csc1")
    eq(vle.get("/training/report").status, 403, "not for participants")
    mt = Client()
    mt.login("mastertrainer")
    eq(mt.get("/training/report").status, 200, "the master trainer: the state")


@test
def the_planning_screen_shows_the_low_scoring_items_of_the_last_training_of_the_type():
    tid = schedule("Personality " + RUN, -4 * 3600, -3600, type="personality")
    act(tid, "publish")
    for p in ("csc1", "csc2", "panchayatsewak"):
        eq(api("bi").api("POST", "/trainings/%d/attendance" % tid, {"person": p}).status, 201, "mark " + p)
    r = api("csc1").api("POST", "/trainings/%d/feedback" % tid, {"rating": 2, "content": 4, "trainer": 2, "hands_on": 1,
                                                                 "venue": 4, "comment": "Too fast, no practice " + RUN})
    eq(r.status, 201, "feedback %r" % r)
    eq(api("csc2").api("POST", "/trainings/%d/feedback" % tid, {"rating": 4, "trainer": 3, "hands_on": 2,
                                                                 "comment": "Good " + RUN}).status, 201, "feedback 2")
    r = api("panchayatsewak").api("POST", "/trainings/%d/feedback" % tid, {"rating": 5, "hands_on": 9})
    eq(r.status, 422, "an item out of range %r" % r)
    assert "hands_on" in r.json()["error"]["fields"], r.json()
    assert '"hands_on":"1"' in sql("SELECT answers FROM training_feedback WHERE training_id = %d AND user_id = "
                                   "(SELECT id FROM users WHERE username = 'csc1')" % tid)[0][0].replace(" ", ""), "stored"
    w = Client()
    w.login("bi")
    page = w.get("/training/new").text
    sec = page[page.find('id="lessons"'):]
    assert 'id="lessons"' in page and 'href="/training/%d"' % tid in sec, page[:1500]
    row = sec[sec.find('href="/training/%d"' % tid):]
    row = row[:row.find("</tr>")]
    # overall 3.0, content 4.0, trainer 2.5 (low), hands-on 1.5 (low), venue 4.0
    cells = re.findall(r'<td class="num">(.*?)</td>', row)
    eq(cells, ["2", "3.0", "4.0", '<strong class="low">2.5 — low</strong>', '<strong class="low">1.5 — low</strong>', "4.0"],
       "the means, low ones marked")
    assert "Too fast, no practice " + RUN in sec and "Good " + RUN not in sec, "the comments of low ratings only"
    ps = Client()
    ps.login("panchayatsewak")
    form = ps.get("/training/%d" % tid).text
    assert 'name="hands_on"' in form and 'name="trainer"' in form and 'name="rating"' in form, "the items on the form"


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
