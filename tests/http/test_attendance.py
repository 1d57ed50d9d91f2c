"""Attendance of VLEs: the geofence rule at its edges, weak and stale fixes,
mock locations, signed offline records and their replay, the server's
spoofing checks (same coordinates, constant accuracy, impossible travel,
several devices, shared devices), reference points, leave and on duty,
review, the on-time window, the daily jobs, retention, and who sees what.

Every test makes its own VLEs (CSC operators at a Medininagar panchayat,
through the HR page) so one test's history never flags another's."""
import hashlib
import hmac
import re
import time

from gs import Client, test, eq, run, ctl, sql, now, today, send_notifications, notifications_log, IST

RUN = str(int(time.time() * 1000) % 10000000)
DEG_M = 111195.08          # metres in one degree of latitude (geo.c's sphere)
_n = [0]
ADMIN = []
BI = []


def admin():
    if not ADMIN:
        a = Client()
        a.login("stateadmin")
        ADMIN.append(a)
    return ADMIN[0]


def gp(name="Jamune"):
    """(id, lat, lon, radius) of a Medininagar panchayat's approved point."""
    row = sql("SELECT l.id, f.lat, f.lon, f.radius_m FROM locations l JOIN geofences f ON f.location_id = l.id "
              "WHERE l.type = 'panchayat' AND l.name_en = '%s' AND f.lat IS NOT NULL" % name)[0]
    return int(row[0]), float(row[1]), float(row[2]), int(row[3])


def vle(gp_name="Jamune", at_block=False):
    """A new VLE placed at the panchayat (or only at the block); returns
    (username, user id, API client, web client)."""
    _n[0] += 1
    username = "vle%s%d" % (RUN, _n[0])
    palamu = sql("SELECT id FROM locations WHERE type='district' AND name_en='Palamu'")[0][0]
    block = sql("SELECT id FROM locations WHERE type='block' AND name_en='Medininagar(Daltonganj)'")[0][0]
    place = {"place_district": palamu, "place_block": block}
    if not at_block:
        place["place_panchayat"] = str(gp(gp_name)[0])
    form = {"username": username, "first_name": "Vle", "last_name": "Test", "mobile": "91%08d" % (int(RUN) + _n[0]),
            "dob": "1990-01-01", "user_type": "csc", "designation": "VLE", "role": "csc", "work_from": "2025-01-01",
            "csc_id": "CSCA%s%d" % (RUN, _n[0])}
    form.update(place)
    r = admin().form_post("/admin/users/new", "/admin/users/new", form)
    eq(r.status, 200, "create VLE: " + r.text[:300])
    pw = re.search(r"<code>([^<]+)</code>", r.text).group(1)
    api, web = Client(), Client()
    api.api_login(username, pw)
    web.login(username, pw)
    uid = int(sql("SELECT id FROM users WHERE username='%s'" % username)[0][0])
    if not at_block:
        api.device = "PH-" + username       # the phone the BI enrolled for the VLE
        enrol(username, api.device)
    return username, uid, api, web


def iso(t):
    """Unix seconds as ISO 8601 in IST."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+05:30", time.gmtime(t + IST))


def north(lat, lon, metres):
    return round(lat + metres / DEG_M, 6), lon


def checkin(c, lat, lon, acc=10, age=5, mock=False, device=None, **extra):
    body = {"lat": lat, "lon": lon, "accuracy_m": acc, "fix_at": iso(now() - age), "is_mock": mock,
            "device_id": device or getattr(c, "device", "PHONE-%s" % RUN)}
    body.update(extra)
    return c.api("POST", "/attendance/checkins", body)


def enrol(username, device):
    """The BI enrols a device for the VLE through the API; returns the key."""
    if not BI:
        BI.append(Client())
        BI[0].api_login("bi")
    r = BI[0].api("POST", "/attendance/devices", {"vle": username, "device_id": device})
    eq(r.status, 201, "enrol: %r" % r)
    return r.json()["key"]


def offline(c, key, device, lat, lon, acc, fix_t, nonce, elapsed=123456, mock=False, sign_with=None):
    """A device-signed offline record: HMAC-SHA256 over the canonical text
    of the values exactly as sent (api.md)."""
    lat_s, lon_s, acc_s, el_s = "%.6f" % lat, "%.6f" % lon, str(acc), str(elapsed)
    fix = iso(fix_t)
    msg = "GSA1|%s|%s|%s|%s|%s|%s|%d|%s" % (device, nonce, fix, lat_s, lon_s, acc_s, 1 if mock else 0, el_s)
    sig = hmac.new(bytes.fromhex(sign_with or key), msg.encode(), hashlib.sha256).hexdigest()
    raw = ('{"offline": true, "device_id": "%s", "nonce": "%s", "fix_at": "%s", "lat": %s, "lon": %s, "accuracy_m": %s, '
           '"is_mock": %s, "elapsed_ms": %s, "signature": "%s"}'
           % (device, nonce, fix, lat_s, lon_s, acc_s, "true" if mock else "false", el_s, sig))
    return c.request("POST", "/api/v1/attendance/checkins", body=raw.encode(), ctype="application/json")


def reasons(r):
    return r.json()["reasons"]


# ---- the geofence rule ----

@test
def geofence_edge_just_inside_and_just_outside_the_circle():
    _, _, c, _ = vle()
    _, lat, lon, radius = gp()
    eq(radius, 100, "demo radius")
    # 0.000899 degrees north = 99.96 m: on the circle, inside by centimetres
    r = checkin(c, round(lat + 0.000899, 6), lon, acc=0)
    eq(r.status, 201, "inside: %r" % r)
    eq(r.json()["status"], "accepted", "on the circle")
    eq(r.json()["distance_m"], 100, "distance")
    # 0.000900 degrees = 100.08 m with no accuracy to spare: outside
    r = checkin(c, round(lat + 0.000900, 6), lon, acc=0)
    eq(r.json()["status"], "flagged", "just outside: %r" % r)
    eq(reasons(r), ["outside"], "reason")


@test
def accuracy_straddling_the_circle_gets_the_benefit_of_the_doubt():
    _, uid, c, _ = vle()
    _, lat, lon, _ = gp()
    r = checkin(c, *north(lat, lon, 130), acc=40)
    eq(r.json()["status"], "accepted", "130 m away, ±40 m reaches into 100 m: %r" % r)
    r = checkin(c, *north(lat, lon, 160), acc=50)
    eq(r.json()["status"], "flagged", "160 m away, ±50 m stays out")
    assert "outside" in reasons(r), r
    ev = sql("SELECT evidence FROM checkins WHERE id=%d" % r.json()["id"])[0][0]
    assert '"outside":{"distance_m":16' in ev and '"radius_m":100' in ev, ev
    eq(sql("SELECT review FROM checkins WHERE id=%d" % r.json()["id"])[0][0], "pending", "waits for the BI")


@test
def weak_gps_is_flagged_for_review_not_refused():
    _, _, c, _ = vle()
    _, lat, lon, _ = gp()
    r = checkin(c, lat, lon, acc=60)
    eq(r.status, 201, "kept")
    eq((r.json()["status"], reasons(r)), ("flagged", ["weak_gps"]), "weak GPS")


@test
def stale_fix_is_flagged():
    _, _, c, _ = vle()
    _, lat, lon, _ = gp()
    r = checkin(c, lat, lon, age=180)
    eq((r.json()["status"], reasons(r)), ("flagged", ["stale_fix"]), "a three-minute-old fix")
    r = checkin(c, lat, lon, age=-600)
    assert "clock_ahead" in reasons(r), "a fix from the future: %r" % r


@test
def mock_location_is_refused_and_recorded():
    _, uid, c, _ = vle()
    _, lat, lon, _ = gp()
    r = checkin(c, lat, lon, mock=True)
    eq(r.status, 422, "refused: %r" % r)
    err = r.json()["error"]
    eq(err["code"], "mock_location", "code")
    assert "is_mock" in err["fields"], err
    eq(sql("SELECT status, reasons FROM checkins WHERE user_id=%d" % uid), [["rejected", "mock_location"]], "recorded as refused")
    eq(sql("SELECT COUNT(*) FROM attendance_days WHERE user_id=%d" % uid)[0][0], "0", "the day is not counted")
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action='attendance.refused' AND entity_id=(SELECT MAX(id) FROM checkins "
               "WHERE user_id=%d)" % uid)[0][0] == "1", "audited"


@test
def api_errors_name_the_fields():
    _, _, c, _ = vle()
    r = c.api("POST", "/attendance/checkins", {"lon": 84.0, "accuracy_m": "x", "fix_at": "yesterday", "device_id": "a"})
    eq(r.status, 422, "422: %r" % r)
    eq(sorted(r.json()["error"]["fields"]), ["accuracy_m", "device_id", "fix_at", "lat"], "fields")
    r = c.api("POST", "/attendance/checkins", {"offline": True, "lat": 24, "lon": 84, "accuracy_m": 5,
                                               "fix_at": iso(now()), "device_id": "PHONE-X1"})
    eq(sorted(r.json()["error"]["fields"]), ["nonce", "signature"], "offline needs nonce and signature")
    r = c.request("POST", "/api/v1/attendance/checkins", body=b"{not json", ctype="application/json")
    eq(r.status, 400, "malformed JSON")


@test
def vle_not_at_a_panchayat_cannot_check_in():
    _, _, c, w = vle(at_block=True)
    r = checkin(c, 24.0, 84.0)
    eq(r.status, 409, "no GP: %r" % r)
    assert "not placed at a gram panchayat" in r.json()["error"]["message"], r
    assert "not placed at a gram panchayat" in w.get("/attendance/checkin").text


# ---- offline records ----

@test
def offline_record_is_verified_and_a_replay_refused():
    username, uid, c, _ = vle()
    device = "OFF-%s-1" % RUN
    key = enrol(username, device)
    _, lat, lon, _ = gp()
    t = now() - 2 * 3600
    r = offline(c, key, device, lat, lon, 8, t, "n%s-a" % RUN)
    eq(r.status, 201, "offline: %r" % r)
    eq(r.json()["status"], "offline_verified", "synced within 24 h")
    eq(sql("SELECT source, event_at FROM checkins WHERE id=%d" % r.json()["id"])[0],
       ["offline", time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(int(t) + IST))], "counts at the signed fix time")
    again = offline(c, key, device, lat, lon, 8, t, "n%s-a" % RUN)
    eq(again.status, 409, "replay: %r" % again)
    eq(again.json()["error"]["code"], "replayed", "code")
    eq(sql("SELECT COUNT(*) FROM checkins WHERE user_id=%d" % uid)[0][0], "1", "stored once")
    forged = offline(c, key, device, lat, lon, 8, t, "n%s-b" % RUN, sign_with="00" * 32)
    eq(forged.status, 422, "bad signature: %r" % forged)
    assert "signature" in forged.json()["error"]["fields"], forged
    other = offline(c, key, "NOT-ENROLLED-%s" % RUN, lat, lon, 8, t, "n%s-c" % RUN)
    eq(other.status, 422, "unknown device")
    assert "device_id" in other.json()["error"]["fields"], other


@test
def offline_record_synced_after_a_day_is_flagged():
    username, _, c, _ = vle()
    device = "OFF-%s-2" % RUN
    key = enrol(username, device)
    _, lat, lon, _ = gp()
    r = offline(c, key, device, lat, lon, 8, now() - 25 * 3600, "n%s-late" % RUN)
    eq((r.status, r.json()["status"]), (201, "flagged"), "late sync: %r" % r)
    eq(reasons(r), ["late_sync"], "reason")


# ---- the server's spoofing checks ----

@test
def impossible_travel_is_flagged_with_the_evidence():
    _, _, c, _ = vle()
    _, lat, lon, _ = gp()
    eq(checkin(c, lat, lon).json()["status"], "accepted", "at the panchayat")
    r = checkin(c, *north(lat, lon, 50000))
    assert "fast_travel" in reasons(r), "50 km in seconds: %r" % r
    ev = sql("SELECT evidence FROM checkins WHERE id=%d" % r.json()["id"])[0][0]
    m = re.search(r'"fast_travel":\{"other_checkin":\d+,"km":([\d.]+),"seconds":(\d+),"kmh":(\d+)', ev)
    assert m and 49 < float(m.group(1)) < 51 and int(m.group(3)) > 150, ev


@test
def same_coordinates_on_another_day_are_flagged():
    username, _, c, _ = vle()
    device = "SAME-%s" % RUN
    key = enrol(username, device)
    _, lat, lon, _ = gp()
    # a record of an earlier day (synced late, so flagged too), then today
    offline(c, key, device, lat + 0.0001, lon, 9, now() - 30 * 3600, "n%s-same" % RUN)
    r = checkin(c, lat + 0.0001, lon, acc=11, device=device)
    eq(reasons(r), ["same_coordinates"], "the very same six decimals: %r" % r)


@test
def constant_accuracy_is_flagged():
    username, _, c, _ = vle()
    device = "CONST-%s" % RUN
    key = enrol(username, device)
    _, lat, lon, _ = gp()
    for i in range(4):
        offline(c, key, device, lat + 0.00001 * (i + 1), lon, 7, now() - (30 + 24 * i) * 3600, "n%s-c%d" % (RUN, i))
    r = checkin(c, lat, lon, acc=7, device=device)
    assert "constant_accuracy" in reasons(r), "accuracy 7 m five times: %r" % r
    r = checkin(c, lat, lon, acc=9, device=device)
    assert "constant_accuracy" not in reasons(r), r


@test
def constant_accuracy_needs_four_days_not_four_checkins_of_one_day():
    username, _, c, _ = vle()
    device = "ONEDAY-%s" % RUN
    key = enrol(username, device)
    _, lat, lon, _ = gp()
    for i in range(4):      # four records of one earlier day, all reporting 7 m
        offline(c, key, device, lat + 0.00001 * (i + 1), lon, 7, now() - 30 * 3600 - 60 * i, "n%s-d%d" % (RUN, i))
    r = checkin(c, lat, lon, acc=7, device=device)
    assert "constant_accuracy" not in reasons(r), "one day of equal readings is not a pattern: %r" % r


@test
def several_devices_per_vle_and_vles_per_device_are_flagged():
    a_name, a_id, a, _ = vle()
    _, _, b, _ = vle()
    d1, d2 = "DEV1-%s" % RUN, "DEV2-%s" % RUN
    enrol(a_name, d1)
    _, lat, lon, _ = gp()
    eq(checkin(a, lat, lon, device=d1).json()["status"], "accepted", "own enrolled phone")
    r = checkin(a, lat, lon, device=d2)
    eq(sorted(reasons(r)), ["several_devices", "unenrolled_device"], "a second, unknown phone: %r" % r)
    r = checkin(b, lat, lon, device=d1)
    assert "shared_device" in reasons(r), "another VLE's phone: %r" % r
    ev = sql("SELECT evidence FROM checkins WHERE id=%d" % r.json()["id"])[0][0]
    assert '"enrolled_to_user":%d' % a_id in ev, ev


@test
def a_device_serves_one_vle_and_its_key_is_shown_once():
    a_name, _, _, _ = vle()
    b_name, _, _, _ = vle()
    device = "ONE-%s" % RUN
    enrol(a_name, device)
    bi = Client()
    bi.login("bi")
    r = bi.form_post("/attendance/devices", "/attendance/devices", {"vle": b_name, "device_id": device})
    eq(r.status, 409, "taken: %r" % r)
    r = bi.form_post("/attendance/devices", "/attendance/devices", {"vle": b_name, "device_id": device + "-B"})
    eq(r.status, 200, "enrolled")
    key = re.search(r'id="new-key".*?<code>([0-9a-f]{64})</code>', r.text, re.S)
    assert key, "key shown"
    assert key.group(1) not in bi.get("/attendance/devices").text, "never shown again"
    box = sql("SELECT HEX(key_box) FROM attendance_devices WHERE device_uid='%s-B'" % device)[0][0]
    assert key.group(1).upper() not in box, "stored sealed, not as given"


# ---- reference points ----

@test
def reference_point_needs_a_bi_on_site_and_a_di_approval():
    gid = int(sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Lahlahe'")[0][0])
    _, glat, glon, _ = gp("Lahlahe")
    bi, di = Client(), Client()
    bi.api_login("bi")
    di.api_login("di")
    nlat, nlon = north(glat, glon, 500)
    r = bi.api("POST", "/attendance/geofences/%d" % gid, {"lat": nlat, "lon": nlon, "accuracy_m": 25})
    eq(r.status, 422, "too coarse: %r" % r)
    assert "accuracy_m" in r.json()["error"]["fields"], r
    r = bi.api("POST", "/attendance/geofences/%d" % gid, {"lat": nlat, "lon": nlon, "accuracy_m": 12, "radius_m": 400})
    assert "radius_m" in r.json()["error"]["fields"], r
    eq(bi.api("POST", "/attendance/geofences/%d" % gid, {"lat": nlat, "lon": nlon, "accuracy_m": 12, "radius_m": 150}).status,
       200, "captured")
    eq(bi.api("POST", "/attendance/geofences/%d/approve" % gid).status, 403, "the BI cannot approve")
    _, _, c, _ = vle("Lahlahe")
    eq(checkin(c, nlat, nlon).json()["status"], "flagged", "the old point holds until approval")
    eq(di.api("POST", "/attendance/geofences/%d/approve" % gid).status, 200, "approved")
    eq(di.api("POST", "/attendance/geofences/%d/approve" % gid).status, 409, "nothing waits any more")
    eq(sql("SELECT radius_m, lat FROM geofences WHERE location_id=%d" % gid)[0], ["150", "%.6f" % nlat], "in force")
    r = checkin(c, *north(nlat, nlon, 140))
    eq(r.json()["status"], "accepted", "within the new 150 m: %r" % r)


# ---- leave, on duty, review, windows ----

@test
def leave_approved_by_the_bi_marks_the_days():
    username, uid, c, w = vle()
    d1, d2 = today(1), today(2)
    r = c.api("POST", "/attendance/leave", {"kind": "leave", "from": d1, "to": d2, "reason": "Family wedding"})
    eq(r.status, 201, "asked: %r" % r)
    lid = r.json()["id"]
    r = c.api("POST", "/attendance/leave", {"kind": "holiday", "from": d2, "to": d1, "reason": "x"})
    eq(sorted(r.json()["error"]["fields"]), ["kind", "reason", "to"], "bad request")
    bi = Client()
    bi.login("bi")
    page = bi.get("/attendance/leave")
    assert "Family wedding" in page.text, "in the BI's queue"
    r = bi.post("/attendance/leave/%d" % lid, {"csrf": bi.csrf_from(page.text), "decision": "approve", "note": "ok"})
    eq(r.status, 303, "decided: %r" % r)
    eq(sql("SELECT day, status FROM attendance_days WHERE user_id=%d ORDER BY day" % uid), [[d1, "leave"], [d2, "leave"]], "days")
    r = bi.post("/attendance/leave/%d" % lid, {"csrf": bi.csrf_from(page.text), "decision": "refuse"})
    eq(r.status, 409, "decided once")
    send_notifications()
    assert re.search(r"Your leave request for %s to %s was approved" % (d1, d2), notifications_log()), "SMS to the VLE"


@test
def on_duty_from_a_training_counts_for_the_day():
    username, uid, _, _ = vle()
    p = ctl("attendance-on-duty", username, today(), "training", "T-%s" % RUN)
    assert "on duty" in p.stdout, p.stdout
    eq(sql("SELECT status FROM attendance_days WHERE user_id=%d AND day='%s'" % (uid, today()))[0][0], "on_duty", "day")
    ctl("attendance-on-duty", username, today(), "training", "T-%s" % RUN)
    eq(sql("SELECT COUNT(*) FROM checkins WHERE user_id=%d AND source='training'" % uid)[0][0], "1", "once")
    p = ctl("attendance-on-duty", username, today(), "picnic", "X", check=False)
    assert p.returncode != 0, "unknown kind refused"


@test
def bi_reviews_flags_accept_counts_and_reject_needs_a_note():
    _, uid, c, _ = vle()
    _, lat, lon, _ = gp()
    f1 = checkin(c, lat, lon, acc=70).json()["id"]
    bi = Client()
    bi.api_login("bi")
    items = bi.api("GET", "/attendance/flags").json()["items"]
    mine = [i for i in items if i["id"] == f1]
    assert mine and mine[0]["reasons"] == ["weak_gps"] and mine[0]["evidence"]["weak_gps"]["max_m"] == 50, items[:2]
    r = bi.api("POST", "/attendance/flags/%d/review" % f1, {"decision": "reject"})
    eq(r.status, 422, "reject without a note")
    assert "note" in r.json()["error"]["fields"], r
    eq(bi.api("POST", "/attendance/flags/%d/review" % f1, {"decision": "accept", "note": "weak signal there"}).status, 200, "ok")
    eq(bi.api("POST", "/attendance/flags/%d/review" % f1, {"decision": "accept"}).status, 409, "once")
    status = sql("SELECT status FROM attendance_days WHERE user_id=%d AND day='%s'" % (uid, today()))[0][0]
    assert status in ("present", "late"), status
    # a no-GPS check-in from the page, rejected by the BI on its page
    _, uid2, _, w = vle()
    page = w.get("/attendance/checkin")
    r = w.post("/attendance/checkin", {"csrf": w.csrf_from(page.text), "source": "no_gps"})
    eq(r.status, 201, "no-GPS check-in")
    assert "waits for your block in-charge" in r.text and "Marked present without GPS" in r.text, r.text[-800:]
    f2 = int(sql("SELECT id FROM checkins WHERE user_id=%d" % uid2)[0][0])
    web = Client()
    web.login("bi")
    rev = web.get("/attendance/review")
    assert 'id="flag-%d"' % f2 in rev.text, "listed"
    r = web.post("/attendance/review/%d" % f2, {"csrf": web.csrf_from(rev.text), "decision": "reject", "note": "not seen there"})
    eq(r.status, 303, "rejected")
    eq(sql("SELECT COUNT(*) FROM attendance_days WHERE user_id=%d AND day='%s'" % (uid2, today()))[0][0], "0", "not counted")


@test
def on_time_until_eleven_ist_then_late():
    username, _, c, _ = vle()
    device = "TIME-%s" % RUN
    key = enrol(username, device)
    _, lat, lon, _ = gp()
    ist_midnight = (int(now()) + IST) // 86400 * 86400 - IST
    yday = ist_midnight - 86400
    r1 = offline(c, key, device, lat, lon, 6, yday + 10 * 3600 + 59 * 60, "n%s-t1" % RUN)
    r2 = offline(c, key, device, lat, lon, 8, yday + 11 * 3600 + 60, "n%s-t2" % RUN)
    eq((r1.json()["late"], r2.json()["late"]), (False, True), "10:59 on time, 11:01 late")
    eq(r1.json()["day"], today(-1), "counted for the day of the fix")
    live = checkin(c, lat, lon, acc=5, device=device)
    after_eleven = (now() + IST) % 86400 > 11 * 3600
    eq(live.json()["late"], after_eleven, "now, by the IST clock")


# ---- the daily jobs ----

@test
def rollup_marks_absent_and_holidays_and_sms_goes_once():
    _, uid, _, _ = vle()
    # a past Sunday is a weekly off; a seeded state holiday (not a Sunday) too
    d = int((now() + IST) // 86400) - 1
    sunday = next(d - i for i in range(7) if (d - i + 4) % 7 == 0)
    sun = time.strftime("%Y-%m-%d", time.gmtime(sunday * 86400))
    ctl("attendance-rollup", "--day", sun)
    eq(sql("SELECT status FROM attendance_days WHERE user_id=%d AND day='%s'" % (uid, sun))[0][0], "holiday", "Sunday")
    hol = sql("SELECT day FROM holidays WHERE location_id IS NULL AND DAYOFWEEK(day) <> 1 AND day < CURDATE() "
              "ORDER BY day DESC LIMIT 1")
    if hol:
        ctl("attendance-rollup", "--day", hol[0][0])
        eq(sql("SELECT status FROM attendance_days WHERE user_id=%d AND day='%s'" % (uid, hol[0][0]))[0][0], "holiday", "holiday")
    work = next(d - i for i in range(1, 9) if (d - i + 4) % 7 != 0 and
                not sql("SELECT 1 FROM holidays WHERE day='%s'" % time.strftime("%Y-%m-%d", time.gmtime((d - i) * 86400))))
    wd = time.strftime("%Y-%m-%d", time.gmtime(work * 86400))
    p = ctl("attendance-absent-sms", "--day", wd)
    assert "messages queued" in p.stdout, p.stdout
    eq(sql("SELECT status FROM attendance_days WHERE user_id=%d AND day='%s'" % (uid, wd))[0][0], "absent", "absent")
    eq(sql("SELECT COUNT(*) FROM attendance_sent WHERE kind='absent' AND day='%s' AND user_id=%d" % (wd, uid))[0][0], "1", "sent")
    bi = sql("SELECT id FROM users WHERE username='bi'")[0][0]
    eq(sql("SELECT COUNT(*) FROM attendance_sent WHERE kind='digest' AND day='%s' AND user_id=%s" % (wd, bi))[0][0], "1", "digest")
    again = ctl("attendance-absent-sms", "--day", wd)
    assert ": 0 messages queued" in again.stdout, again.stdout
    send_notifications()
    assert re.search(r"You have not marked attendance at your gram panchayat for %s" % wd, notifications_log()), "absence SMS"
    assert re.search(r"GramSewa attendance %s: \d+ VLEs" % wd, notifications_log()), "BI digest"
    early = ctl("attendance-rollup", "--day", today(1), check=False)
    assert early.returncode != 0, "a day not over cannot be closed"


# ---- who sees what ----

@test
def availability_and_map_are_scoped_to_the_viewers_area():
    username, _, c, _ = vle()
    _, lat, lon, _ = gp()
    checkin(c, lat, lon)
    bi = Client()
    bi.login("bi")
    page = bi.get("/attendance")
    eq(page.status, 200, "BI's block")
    assert username in page.text and 'id="muster"' in page.text, "the muster lists the VLE"
    other = sql("SELECT id FROM locations WHERE type='block' AND name_en='Hussainabad'")[0][0]
    eq(bi.get("/attendance?location=%s" % other).status, 403, "another block")
    eq(bi.get("/attendance/map?location=%s" % other).status, 403, "another block's map")
    m = bi.get("/attendance/map")
    eq(m.status, 200, "map")
    assert "<svg" in m.text and "<circle" in m.text and "<polygon" in m.text and "Jamune" in m.text, "GP points and outline"
    assert "/javascript/leaflet/leaflet.js" in m.text, "Leaflet where JavaScript is on"
    g = bi.get("/attendance/map.json").json()
    kinds = {f["properties"]["kind"] for f in g["features"]}
    eq(kinds, {"gp", "block"}, "GeoJSON features")
    jam = [f for f in g["features"] if f["properties"].get("name") == "Jamune"][0]
    assert jam["properties"]["status"] in ("present", "late", "on_duty"), jam   # the best of its VLEs
    dm = Client()
    dm.api_login("dm")
    a = dm.api("GET", "/attendance/availability")
    eq(a.status, 200, "DM's district")
    eq(a.json()["location"]["type"], "district", "scope")
    assert any(b["name"] == "Medininagar(Daltonganj)" and b["vles"] >= 1 for b in a.json()["blocks"]), a.json()["blocks"][:3]
    mb = dm.api("GET", "/attendance/availability?location=%s" %
                sql("SELECT id FROM locations WHERE type='block' AND name_en='Medininagar(Daltonganj)'")[0][0]).json()
    me = [v for v in mb["vles"] if v["username"] == username][0]
    assert me["availability"] == "available", me
    eq(c.api("GET", "/attendance/availability").status, 403, "a VLE sees no area")
    assert Client().get("/attendance/map").status == 303, "log-in needed"
    month = bi.get("/attendance/month")
    assert month.status == 200 and "Vle Test" in month.text and 'id="month"' in month.text, "the month per VLE"


@test
def retention_purge_deletes_old_checkins_and_keeps_the_days():
    # on a clock a year and a day ahead, every check-in made so far is past
    # checkin_retention_days (365)
    before = int(sql("SELECT COUNT(*) FROM checkins")[0][0])
    days = int(sql("SELECT COUNT(*) FROM attendance_days")[0][0])
    assert before > 0, "the tests above made check-ins"
    ahead = "%d" % int(now() + 366 * 86400)
    p = ctl("attendance-purge", env={"GS_FAKE_NOW": ahead})
    assert "%d check-ins older than 365 days deleted" % before in p.stdout, p.stdout
    eq(sql("SELECT COUNT(*) FROM checkins")[0][0], "0", "gone")
    eq(int(sql("SELECT COUNT(*) FROM attendance_days")[0][0]), days, "day summaries stay")
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE action='attendance.purge'")[0][0] != "0", True, "audited")
    p = ctl("attendance-purge")
    assert ": 0 check-ins" in p.stdout, p.stdout


if __name__ == "__main__":
    run()
