"""The online exam (issue 14, item 5 and 6): a question bank and exams
imported as JSON, an attempt whose layout is frozen at the start, one
question per page without JavaScript, saves refused after the server's
deadline, `gramsewactl exam-close` finishing expired attempts once, grading
with negative marks, the pass certificate issued by the certificate
machinery (pdfsig valid and trusted, the QR read by zbarimg leads to a
VALID verify page), refresher after a failed last attempt, waits between
attempts, reports by role and district and the item analysis."""
import base64
import os
import re
import subprocess
import tempfile
import time

from gs import Client, test, eq, run, ctl, sql, VAR, CTL as GS_CTL, iso_time, now, send_notifications, notifications_log

RUN = str(int(time.time() * 1000) % 10000000)
TMP = tempfile.mkdtemp(prefix="gsexam")
CAT = "t" + RUN
# the test bank: body -> the right response, as the API takes it
RIGHT = {"Q1 %s" % RUN: 1, "Q2 %s" % RUN: [0, 2], "Q3 %s" % RUN: True, "Q4 %s" % RUN: 5.25}
WRONG = {"Q1 %s" % RUN: 0, "Q2 %s" % RUN: [1], "Q3 %s" % RUN: False, "Q4 %s" % RUN: 7}
S = {}


def bank(code, **exam):
    """A bank of four questions (one per type) and an exam over them."""
    e = {"code": code, "title_en": "Test exam " + code, "title_hi": "परीक्षा " + code, "audience": ["csc", "bi", "di"],
         "opens_at": iso_time(-3600), "closes_at": iso_time(86400), "time_limit_s": 1800, "pass_pct": 60,
         "max_attempts": 2, "layout": [{"category": CAT, "n": 4}]}
    e.update(exam)
    return {
        "categories": [{"code": CAT, "name_en": "Test " + RUN, "name_hi": "परीक्षण " + RUN}],
        "questions": [
            {"key": CAT + "-1", "category": CAT, "type": "single", "body_en": "Q1 " + RUN, "body_hi": "प्र1 " + RUN,
             "options": [{"en": "a", "hi": "क"}, {"en": "b", "hi": "ख"}, {"en": "c", "hi": "ग"}], "answer": 1,
             "marks": 1, "neg_marks": 0.25},
            {"key": CAT + "-2", "category": CAT, "type": "multi", "body_en": "Q2 " + RUN, "body_hi": "प्र2 " + RUN,
             "options": [{"en": "a", "hi": "क"}, {"en": "b", "hi": "ख"}, {"en": "c", "hi": "ग"}], "answer": [0, 2],
             "marks": 2, "neg_marks": 0.5},
            {"key": CAT + "-3", "category": CAT, "type": "tf", "body_en": "Q3 " + RUN, "body_hi": "प्र3 " + RUN,
             "answer": True, "marks": 1},
            {"key": CAT + "-4", "category": CAT, "type": "numeric", "body_en": "Q4 " + RUN, "body_hi": "प्र4 " + RUN,
             "answer": 5.2, "tolerance": 0.1, "marks": 1},
        ],
        "exams": [e],
    }


def admin_api():
    if "admin" not in S:
        S["admin"] = Client()
        S["admin"].api_login("stateadmin")
    return S["admin"]


def user_api(name):
    if name not in S:
        S[name] = Client()
        S[name].api_login(name)
    return S[name]


def load(code, **exam):
    r = admin_api().api("POST", "/admin/exams/import", bank(code, **exam))
    eq(r.status, 200, "import %r" % r)
    return r.json()


def answer_all(c, code, n, key):
    """Answers every slot of attempt n from the key (body -> response)."""
    a = c.api("GET", "/exams/%s/attempts/%d" % (code, n)).json()
    for s in a["slots"]:
        r = c.api("POST", "/exams/%s/attempts/%d/answers/%d" % (code, n, s["slot"]), {"response": key[s["body_en"]]})
        eq(r.status, 200, "save slot %d: %r" % (s["slot"], r))
    return a


@test
def a_bank_imports_and_a_changed_question_becomes_a_new_version():
    code = "EX1" + RUN
    out = load(code)
    eq((out["questions"], out["exams"]), (4, 1), "first import")
    again = load(code)
    eq(again["questions"], 0, "an unchanged bank adds no versions")
    b = bank(code)
    b["questions"][0]["body_en"] = "Q1 %s" % RUN   # unchanged text, changed marks
    b["questions"][0]["marks"] = 1.5
    eq(admin_api().api("POST", "/admin/exams/import", b).json()["questions"], 1, "one new version")
    rows = sql("SELECT version, status FROM questions WHERE qkey = '%s-1' ORDER BY version" % CAT)
    eq(rows, [["1", "retired"], ["2", "active"]], "versions")
    load(code)   # back to 1 mark (version 3) for the other tests


@test
def a_bad_bank_is_refused_naming_the_fields_and_stores_nothing():
    b = bank("EXBAD" + RUN)
    b["questions"][1]["answer"] = [0, 7]
    b["questions"][2]["type"] = "essay"
    b["exams"][0]["audience"] = ["nobody"]
    before = sql("SELECT COUNT(*) FROM questions")[0][0]
    r = admin_api().api("POST", "/admin/exams/import", b)
    eq(r.status, 422, "refused %r" % r)
    f = r.json()["error"]["fields"]
    for name in ("questions.1.answer", "questions.2.type", "exams.0.audience"):
        assert name in f, "%s not named: %r" % (name, f)
    eq(sql("SELECT COUNT(*) FROM questions")[0][0], before, "nothing stored")
    eq(sql("SELECT COUNT(*) FROM exams WHERE code = 'EXBAD%s'" % RUN), [["0"]], "no exam")
    eq(user_api("csc1").api("POST", "/admin/exams/import", bank("EXX" + RUN)).status, 403, "a VLE may not import")


@test
def the_layout_is_frozen_at_the_start_and_a_second_start_resumes_it():
    code = "EX1" + RUN
    c = user_api("csc2")
    r = c.api("POST", "/exams/%s/attempts" % code)
    eq(r.status, 201, "start %r" % r)
    a = r.json()
    eq(len(a["slots"]), 4, "four slots")
    assert a["deadline_at"] and 0 < a["seconds_left"] <= 1800, a
    again = c.api("POST", "/exams/%s/attempts" % code)
    eq(again.status, 200, "the open attempt again")
    eq([s["body_en"] for s in again.json()["slots"]], [s["body_en"] for s in a["slots"]], "same questions in the same order")
    eq([[o["index"] for o in s["options"]] for s in again.json()["slots"]],
       [[o["index"] for o in s["options"]] for s in a["slots"]], "same option order")
    # a new version of a question does not change the running attempt
    b = bank(code)
    b["questions"][0]["body_en"] = "Q1 changed " + RUN
    admin_api().api("POST", "/admin/exams/import", b)
    bodies = [s["body_en"] for s in c.api("GET", "/exams/%s/attempts/1" % code).json()["slots"]]
    assert "Q1 %s" % RUN in bodies and "Q1 changed " + RUN not in bodies, bodies
    load(code)
    S["frozen"] = a


@test
def a_pass_issues_a_certificate_that_pdfsig_zbarimg_and_the_verify_page_accept():
    code = "EX1" + RUN
    c = user_api("csc2")
    answer_all(c, code, 1, RIGHT)
    r = c.api("POST", "/exams/%s/attempts/1/submit" % code)
    eq(r.status, 200, "submit %r" % r)
    res = r.json()
    eq((res["passed"], res["pct"], res["score"], res["max_score"]), (True, "100.00", "5.00", "5.00"), "graded")
    cert = res["certificate"]["number"]
    assert re.match(r"^JH-EXM-\d{4}-[A-Z2-9]{8}$", cert), cert
    pdf = c.api("GET", "/certificates/%s/pdf" % cert)
    eq(pdf.status, 200, "the holder downloads it")
    path = os.path.join(TMP, cert + ".pdf")
    open(path, "wb").write(pdf.body)
    out = subprocess.run(["pdfsig", "-nssdir", "sql:" + nssdb(), path], capture_output=True, text=True).stdout
    assert "Signature is Valid." in out and "Certificate is Trusted." in out, out
    assert "Project Management Unit" in out, "signed by the PMU's key: " + out
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    for s in ("Pass Certificate", "उत्तीर्णता प्रमाण पत्र", "Test exam " + code, "100.00%"):
        assert s in text, "%r not printed" % s
    png = os.path.join(TMP, "qr")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", path, png], check=True)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", png + ".png"], capture_output=True, text=True).stdout.strip()
    eq(decoded, res["certificate"]["verify_url"], "the QR holds the verify URL")
    m = re.search(r"/v/([A-Z0-9-]+)\?d=([A-Za-z0-9_-]+)&s=([A-Za-z0-9_-]+)$", decoded)
    record = base64.urlsafe_b64decode(m.group(2) + "=" * (-len(m.group(2)) % 4)).decode()
    assert record.startswith("GS1|") and ("|%s|EXM|" % cert) in record, record
    page = Client().get("/" + decoded.split("/", 3)[3])
    assert page.status == 200 and "Valid certificate" in page.text and "Pass Certificate" in page.text, page.text[:600]
    j = Client().get("/api/v1/verify?no=%s&d=%s&s=%s" % m.groups()).json()
    eq(j["status"], "VALID", "API verify")
    eq(ctl("verify", path, check=False).returncode, 0, "the offline verifier")
    eq(sql("SELECT source_kind, app_id IS NULL FROM certificates WHERE number = '%s'" % cert), [["exam", "1"]], "source")
    # another person cannot download it
    eq(user_api("csc1").api("GET", "/certificates/%s/pdf" % cert).status, 404, "not csc1's")
    eq(c.api("POST", "/exams/%s/attempts" % code).status, 409, "passed: no further attempt")
    S["cert"] = cert


@test
def a_pmu_certificate_is_revoked_only_by_the_state_admin():
    cert = S["cert"]
    eq(user_api("di").api("POST", "/certificates/%s/revoke" % cert, {"reason": "issued in error"}).status, 403, "a DI may not")
    r = admin_api().api("POST", "/certificates/%s/revoke" % cert, {"reason": "exam taken by someone else"})
    eq(r.status, 200, "revoke %r" % r)
    j = Client().get("/api/v1/verify?no=" + cert).json()
    eq(j["status"], "REVOKED", "verify says so")


@test
def one_question_per_page_works_without_javascript():
    code = "EXP" + RUN
    load(code)
    w = Client()
    w.login("csc1")
    r = w.form_post("/exams", "/exams/%s/start" % code, {})
    eq(r.status, 303, "start %r" % r)
    att = r.header("Location")
    assert att.endswith("/exams/%s/attempt/1" % code), att
    for k in range(4):
        page = w.get("%s?q=%d" % (att, k))
        eq(page.status, 200, "question %d" % k)
        body = re.search(r'<p id="body">([^<]+)</p>', page.text).group(1)
        want = WRONG[body] if body.startswith("Q2") else RIGHT[body]   # one multiple choice wrong: -0.5
        vals = want if isinstance(want, list) else ["true" if want is True else "false" if want is False else str(want)]
        r = w.post(att, {"csrf": w.csrf_from(page.text), "slot": str(k), "answer": [str(v) for v in vals], "go": "next"})
        eq(r.status, 303, "save %d %r" % (k, r))
    summary = w.get(att + "?q=review")
    assert summary.text.count("Answered") == 4, summary.text[:2000]
    r = w.post(att + "/submit", {"csrf": w.csrf_from(summary.text)})
    eq(r.status, 303, "submit")
    result = w.get(att)
    assert "2.50 / 5.00 (50.00%)" in result.text and "Not passed" in result.text, result.text[:3000]
    assert 'id="deadline"' not in result.text, "no countdown on a finished attempt"


@test
def a_response_that_does_not_fit_the_question_is_422():
    code = "EXV" + RUN
    load(code)
    c = user_api("bi")
    a = c.api("POST", "/exams/%s/attempts" % code).json()
    for s in a["slots"]:
        bad = {"single": 9, "multi": [0, 0], "tf": "maybe", "numeric": "1e999"}[s["type"]]
        r = c.api("POST", "/exams/%s/attempts/1/answers/%d" % (code, s["slot"]), {"response": bad})
        eq(r.status, 422, "%s: %r" % (s["type"], r))
        assert "response" in r.json()["error"]["fields"], r.json()
    eq(c.api("POST", "/exams/%s/attempts/1/answers/99" % code, {"response": 1}).status, 404, "no such slot")
    # nobody else can read or answer it
    eq(user_api("di").api("GET", "/exams/%s/attempts/1" % code).status, 404, "another person's attempt")


@test
def an_answer_after_the_deadline_is_refused_and_exam_close_finishes_the_attempt_once():
    code = "EXD" + RUN
    closes = now() + 4
    load(code, closes_at=time.strftime("%Y-%m-%dT%H:%M:%S+05:30", time.gmtime(closes + 5.5 * 3600)))
    c1, c2 = user_api("di"), Client()
    c2.login("bi")
    a = c1.api("POST", "/exams/%s/attempts" % code).json()
    assert a["seconds_left"] <= 5, "the deadline is the exam's close: %r" % a
    first = a["slots"][0]
    eq(c1.api("POST", "/exams/%s/attempts/1/answers/%d" % (code, first["slot"]), {"response": RIGHT[first["body_en"]]}).status,
       200, "in time")
    r = c2.form_post("/exams", "/exams/%s/start" % code, {})
    eq(r.status, 303, "the page start")
    att = r.header("Location")
    page = c2.get(att + "?q=0")
    # the test waits for the product's clock to pass the deadline (time, not synchronisation)
    while now() < closes + 1.2:
        time.sleep(0.2)
    second = a["slots"][1]
    r = c1.api("POST", "/exams/%s/attempts/1/answers/%d" % (code, second["slot"]), {"response": RIGHT[second["body_en"]]})
    eq(r.status, 409, "after the deadline %r" % r)
    eq(r.json()["error"]["code"], "deadline_passed", "code")
    eq(sql("SELECT COUNT(*) FROM exam_answers ea JOIN exam_attempts a ON a.id = ea.attempt_id JOIN exams e ON e.id = a.exam_id "
           "WHERE e.code = '%s' AND a.user_id = (SELECT id FROM users WHERE username = 'di') AND ea.response IS NOT NULL" % code),
       [["1"]], "only the answer in time was kept")
    body = re.search(r'<p id="body">([^<]+)</p>', page.text).group(1)
    want = RIGHT[body]
    vals = want if isinstance(want, list) else ["true" if want is True else "false" if want is False else str(want)]
    r = c2.post(att, {"csrf": c2.csrf_from(page.text), "slot": "0", "answer": [str(v) for v in vals], "go": "next"})
    eq(r.status, 409, "the page refuses it too")
    assert "Time is up" in r.text, r.text[:1000]
    # the candidate may still submit within the grace; exam-close (grace 0 here) finishes the rest, once
    ids = [row[0] for row in sql("SELECT a.id FROM exam_attempts a JOIN exams e ON e.id = a.exam_id WHERE e.code = '%s'" % code)]
    # two jobs at once: each attempt is finished by exactly one of them
    env = dict(os.environ, GS_EXAM_GRACE_S="0")
    cmd = [GS_CTL, "-c", os.path.join(VAR, "gramsewa.conf"), "exam-close"]
    jobs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outs = [j.communicate()[0] for j in jobs]
    eq([j.returncode for j in jobs], [0, 0], "both jobs ran: %r" % outs)
    both = outs[0] + outs[1]
    for i in ids:
        eq(both.count("attempt %s finished" % i), 1, "attempt %s finished once by the two jobs" % i)
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'exam.finish' AND entity_id IN (%s)" % ",".join(ids)), [["2"]],
       "one audit row each")
    eq(sql("SELECT state, finished_how FROM exam_attempts a JOIN exams e ON e.id = a.exam_id WHERE e.code = '%s'" % code),
       [["finished", "deadline"], ["finished", "deadline"]], "both closed at the deadline")
    again = ctl("exam-close", env={"GS_EXAM_GRACE_S": "0"})
    assert not any("attempt %s finished" % i in again.stdout for i in ids), "finished twice: " + again.stdout
    eq(c1.api("POST", "/exams/%s/attempts/1/submit" % code).status, 409, "already finished")


@test
def a_failed_last_attempt_marks_a_refresher_and_waits_apply_between_attempts():
    code = "EXF" + RUN
    load(code, max_attempts=2, delay1_s=0, delay2_s=0)
    c = user_api("csc1")
    c.api("POST", "/exams/%s/attempts" % code)
    answer_all(c, code, 1, WRONG)
    r = c.api("POST", "/exams/%s/attempts/1/submit" % code).json()
    eq((r["passed"], r["score"], r["refresher"], r["certificate"]), (False, "0.00", False, None), "first: failed, floored at 0")
    eq(c.api("POST", "/exams/%s/attempts" % code).status, 201, "no wait: second attempt")
    answer_all(c, code, 2, WRONG)
    r = c.api("POST", "/exams/%s/attempts/2/submit" % code).json()
    eq((r["passed"], r["refresher"]), (False, True), "last attempt: refresher")
    r = c.api("POST", "/exams/%s/attempts" % code)
    eq(r.status, 409, "no attempts left %r" % r)
    send_notifications()
    assert "refresher training" in notifications_log(), "the SMS tells the candidate"
    wcode = "EXW" + RUN
    load(wcode, max_attempts=3, delay1_s=3600)
    c.api("POST", "/exams/%s/attempts" % wcode)
    c.api("POST", "/exams/%s/attempts/1/submit" % wcode)
    r = c.api("POST", "/exams/%s/attempts" % wcode)
    eq(r.status, 409, "must wait an hour %r" % r)
    assert "start" in r.json()["error"].get("fields", {}), r.json()


@test
def people_outside_the_audience_cannot_start():
    code = "EX1" + RUN
    c = Client()
    c.api_login("karmachari")
    eq(c.api("POST", "/exams/%s/attempts" % code).status, 403, "not in the audience")
    eq(c.api("GET", "/exams").json()["items"], [], "nothing listed")
    eq(user_api("csc1").api("POST", "/exams/NOSUCH%s/attempts" % RUN).status, 404, "no such exam")


@test
def reports_give_pass_and_fail_by_role_and_district_and_an_item_analysis():
    code = "EX1" + RUN
    rep = admin_api().api("GET", "/admin/exams/%s/report" % code)
    eq(rep.status, 200, "report")
    j = rep.json()
    roles = {g["role"]: g for g in j["by_role"]}
    eq(roles["csc"]["passed"] >= 1, True, "csc2 passed: %r" % roles)
    assert j["by_place"] and any(g["name"] == "Palamu" for g in j["by_place"]), j["by_place"]
    items = {i["question"]: i for i in j["items"]}
    eq(items[CAT + "-3"]["facility"], 100.0, "every first attempt had Q3 right")
    page = Client()
    page.login("stateadmin")
    r = page.get("/admin/exams/" + code)
    assert r.status == 200 and "Item analysis" in r.text and CAT + "-3" in r.text, r.text[:500]
    eq(user_api("csc1").api("GET", "/admin/exams/%s/report" % code).status, 403, "VLEs see no report")

def fail_once(c, code, n):
    """Starts attempt n of code and submits it unanswered (a fail)."""
    eq(c.api("POST", "/exams/%s/attempts" % code).status, 201, "start attempt %d of %s" % (n, code))
    r = c.api("POST", "/exams/%s/attempts/%d/submit" % (code, n))
    eq((r.status, r.json()["passed"]), (200, False), "attempt %d failed" % n)


@test
def an_override_gives_one_person_more_time_and_another_attempt_and_is_audited():
    code = "EXO" + RUN
    load(code, max_attempts=1, time_limit_s=1800)
    c = user_api("csc1")
    fail_once(c, code, 1)
    eq(c.api("POST", "/exams/%s/attempts" % code).status, 409, "no attempts left before the override")
    r = admin_api().api("POST", "/admin/exams/%s/overrides" % code,
                        {"users": ["csc1"], "max_attempts": 2, "time_limit_s": 3600, "reason": "power cut at the centre"})
    eq(r.status, 200, "override %r" % r)
    eq(r.json()["people"], 1, "one person")
    a = c.api("POST", "/exams/%s/attempts" % code)
    eq(a.status, 201, "the override's second attempt %r" % a)
    assert 1800 < a.json()["seconds_left"] <= 3600, "the override's time limit: %r" % a.json()["seconds_left"]
    other = user_api("csc2").api("POST", "/exams/%s/attempts" % code).json()
    assert other["seconds_left"] <= 1800, "nobody else gets more time: %r" % other["seconds_left"]
    audit = sql("SELECT remarks FROM audit_log WHERE action = 'exam.override' AND remarks LIKE 'csc1:%%power cut%%'")
    eq(len(audit), 1, "audited")
    # the page: a list of people at once, an unknown name refused at its field
    page = Client()
    page.login("stateadmin")
    url = "/admin/exams/%s/overrides" % code
    bad = page.form_post(url, url, {"users": "csc2, nosuch%s" % RUN, "time_limit_min": "45", "reason": "x"})
    eq(bad.status, 422, "unknown username")
    assert 'id="e-users"' in bad.text and "nosuch" in bad.text, bad.text[:400]
    eq(sql("SELECT COUNT(*) FROM exam_overrides o JOIN exams e ON e.id = o.exam_id WHERE e.code = '%s'" % code), [["1"]],
       "nothing stored from the refused form")
    ok = page.form_post(url, url, {"users": "csc2\nbi", "time_limit_min": "45", "reason": "visually impaired candidates"})
    eq(ok.status, 303, "saved: " + ok.text[:300])
    listed = page.get(url).text
    assert "csc2" in listed and "visually impaired candidates" in listed, listed[:500]
    eq(user_api("csc1").api("POST", "/admin/exams/%s/overrides" % code, {"users": ["csc1"], "max_attempts": 9,
                                                                           "reason": "me"}).status, 403, "not a VLE's")


def district_di(username, district):
    """A DI of another district, made through the HR page; an API client."""
    admin = Client()
    admin.login("stateadmin")
    did = sql("SELECT id FROM locations WHERE type='district' AND name_en='%s'" % district)[0][0]
    r = admin.form_post("/admin/users/new", "/admin/users/new", {
        "username": username, "first_name": "Other", "last_name": "District", "mobile": "9%s" % RUN.rjust(9, "7")[-9:],
        "dob": "1985-01-02", "user_type": "staff", "designation": "District In-charge", "role": "di",
        "place_district": did, "work_from": "2025-01-01"})
    eq(r.status, 200, "create the DI: " + r.text[:300])
    pw = re.search(r"<code>([^<]+)</code>", r.text).group(1)
    c = Client()
    c.api_login(username, pw)
    return c


@test
def a_di_resets_a_persons_attempts_once_and_only_in_the_district():
    code = "EXR" + RUN
    load(code, max_attempts=1)
    c = user_api("csc1")
    fail_once(c, code, 1)
    eq(c.api("POST", "/exams/%s/attempts" % code).status, 409, "no attempts left")
    di = user_api("di")
    body = {"user": "csc1", "reason": "left the centre during a power cut"}
    garhwa = district_di("digw" + RUN, "Garhwa")
    eq(garhwa.api("POST", "/exams/%s/resets" % code, body).status, 403, "Garhwa's DI may not reset a Palamu VLE")
    eq(user_api("bi").api("POST", "/exams/%s/resets" % code, body).status, 403, "a BI may not reset")
    eq(di.api("POST", "/exams/%s/resets" % code, {"user": "csc1", "reason": ""}).status, 422, "a reason is needed")
    eq(c.api("POST", "/exams/%s/attempts" % code).status, 409, "still no attempt after the refusals")
    r = di.api("POST", "/exams/%s/resets" % code, body)
    eq(r.status, 201, "reset %r" % r)
    eq(c.api("POST", "/exams/%s/attempts" % code).status, 201, "the next attempt is allowed again")
    eq(c.api("POST", "/exams/%s/attempts/2/submit" % code).json()["refresher"], True, "the reset's one attempt was the last")
    again = di.api("POST", "/exams/%s/resets" % code, body)
    eq(again.status, 409, "a second reset is refused %r" % again)
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'exam.reset' AND remarks LIKE '%%power cut%%'"), [["1"]], "one audit row")


@test
def sequential_navigation_refuses_going_back_and_jumping_ahead():
    code = "EXS" + RUN
    load(code, nav="seq")
    c = user_api("csc2")
    a = c.api("POST", "/exams/%s/attempts" % code).json()
    eq((a["nav"], a["current_slot"], [s["slot"] for s in a["slots"]]), ("seq", 0, [0]), "only the slot reached is shown")
    body0 = a["slots"][0]["body_en"]
    r = c.api("POST", "/exams/%s/attempts/1/answers/2" % code, {"response": RIGHT[body0]})
    eq((r.status, r.json()["error"]["code"] if r.status != 200 else None)[0], 409, "a slot not reached %r" % r)
    eq(c.api("POST", "/exams/%s/attempts/1/answers/0" % code, {"response": RIGHT[body0]}).status, 200, "the current slot")
    back = c.api("POST", "/exams/%s/attempts/1/answers/0" % code, {"response": WRONG[body0]})
    eq(back.status, 409, "going back %r" % back)
    eq(sql("SELECT ea.response IS NOT NULL FROM exam_answers ea JOIN exam_attempts a ON a.id = ea.attempt_id "
           "JOIN exams e ON e.id = a.exam_id WHERE e.code = '%s' AND ea.slot = 0" % code), [["1"]], "the first answer stands")
    # the page without JavaScript: slot 2 whatever ?q= asks, no "previous"
    page = Client()
    page.login("csc2")
    html = page.get("/exams/%s/attempt/1?q=0" % code).text
    assert "Question 2 / 4" in html, html[:600]
    assert 'value="prev"' not in html, "no previous button"
    form = page.form_post("/exams/%s/attempt/1" % code, "/exams/%s/attempt/1" % code, {"slot": "0", "answer": "true", "go": "prev"})
    eq(form.status, 409, "the form cannot go back either")


@test
def an_exam_for_a_block_is_seen_and_started_only_by_people_of_that_block():
    code = "EXP" + RUN
    chainpur = sql("SELECT id FROM locations WHERE type='block' AND name_en='Chainpur'")[0][0]
    load(code, audience=["bi"], place_id=int(chainpur))
    inside, outside = user_api("bi2"), user_api("bi")
    assert code in [e["code"] for e in inside.api("GET", "/exams").json()["items"]], "Chainpur's BI sees it"
    assert code not in [e["code"] for e in outside.api("GET", "/exams").json()["items"]], "Medininagar's BI does not"
    eq(outside.api("POST", "/exams/%s/attempts" % code).status, 403, "nor starts it")
    eq(inside.api("POST", "/exams/%s/attempts" % code).status, 201, "Chainpur's BI starts it")
    bad = bank("EXP2" + RUN, place_id=999999999)
    eq(admin_api().api("POST", "/admin/exams/import", bad).status, 422, "no such place")


@test
def reports_drill_down_by_place_list_who_has_not_passed_and_stay_in_the_viewers_area():
    code = "EXD" + RUN
    load(code)
    ok = user_api("csc2")
    ok.api("POST", "/exams/%s/attempts" % code)
    answer_all(ok, code, 1, RIGHT)
    eq(ok.api("POST", "/exams/%s/attempts/1/submit" % code).json()["passed"], True, "csc2 passes")
    fail_once(user_api("csc1"), code, 1)
    palamu = sql("SELECT id FROM locations WHERE type='district' AND name_en='Palamu'")[0][0]
    top = admin_api().api("GET", "/admin/exams/%s/report" % code).json()
    eq(top["distribution"][9] >= 1 and top["distribution"][0] >= 1, True, "100%% and 0%% banded: %r" % top["distribution"])
    d = admin_api().api("GET", "/admin/exams/%s/report?place=%s" % (code, palamu)).json()
    sub = sql("SELECT p.name_en FROM locations b JOIN locations p ON p.id = b.parent_id "
              "WHERE b.type = 'block' AND b.name_en = 'Medininagar(Daltonganj)'")[0][0]
    below = {g["name"]: g for g in d["by_place"]}
    med = below[sub]   # Palamu's children are its sub-divisions
    assert med["passed"] >= 1 and med["failed"] >= 1, "Medininagar's VLEs: %r" % med
    missing = [m["user"] for m in d["not_passed"]]
    assert "csc1" in missing and "csc2" not in missing, missing
    # the BI of Medininagar sees the block (its panchayats), the BI of Chainpur not Medininagar's people
    bi = user_api("bi").api("GET", "/exams/%s/report" % code)
    eq(bi.status, 200, "a BI's report %r" % bi)
    eq(bi.json()["place_name"], "Medininagar(Daltonganj)", "the BI's own block")
    assert "csc1" in [m["user"] for m in bi.json()["not_passed"]], bi.json()["not_passed"]
    assert "csc1" not in [m["user"] for m in user_api("bi2").api("GET", "/exams/%s/report" % code).json()["not_passed"]]
    eq(user_api("bi2").api("GET", "/exams/%s/report?place=%s" % (code, palamu)).status, 403, "not the district")
    eq(user_api("csc1").api("GET", "/exams/%s/report" % code).status, 403, "VLEs see no report")
    # the DI's page: drill-down links and a reset form for csc1
    page = Client()
    page.login("di")
    html = page.get("/exams/%s/report" % code).text
    assert "Not yet passed" in html and "csc1" in html and 'href="?place=' in html, html[:800]
    url = "/exams/%s/report" % code
    r = page.form_post(url, "/exams/%s/reset" % code, {"user": "csc1", "reason": "network failed", "place": palamu})
    eq(r.status, 303, "reset from the page: " + r.text[:300])
    assert "Reset already used" in page.get(url).text, "the list shows the reset"


@test
def the_review_policy_decides_when_a_candidate_sees_the_right_answers():
    code = "EXV" + RUN
    load(code, review="after_close")
    c = user_api("csc1")
    c.api("POST", "/exams/%s/attempts" % code)
    answer_all(c, code, 1, WRONG)
    eq(c.api("POST", "/exams/%s/attempts/1/submit" % code).status, 200, "submitted")
    eq("review" in c.api("GET", "/exams/%s/attempts/1" % code).json(), False, "no answers while the exam is open")
    page = Client()
    page.login("csc1")
    assert "Right answer" not in page.get("/exams/%s/attempt/1" % code).text, "nor on the page"
    load(code, review="after_close", opens_at=iso_time(-7200), closes_at=iso_time(-60))   # the window is over
    rev = c.api("GET", "/exams/%s/attempts/1" % code).json()["review"]
    eq(len(rev), 4, "every question after the close")
    q3 = [v for v in rev if v["body_en"] == "Q3 %s" % RUN][0]
    eq((q3["response"], q3["answer"], q3["mark"]), ("false", "true", "0.00"), "response, right answer, mark")
    html = page.get("/exams/%s/attempt/1" % code).text
    assert "Right answer" in html and "Q3 %s" % RUN in html, html[:600]
    s_code = "EXV2" + RUN
    load(s_code)   # review "score" (the default): the score only
    other = user_api("csc2")
    other.api("POST", "/exams/%s/attempts" % s_code)
    other.api("POST", "/exams/%s/attempts/1/submit" % s_code)
    eq("review" in other.api("GET", "/exams/%s/attempts/1" % s_code).json(), False, "score only")


@test
def a_venue_code_is_needed_to_start_a_supervised_exam():
    code = "EXC" + RUN
    load(code, venue_code="HALL-7")
    c = user_api("csc2")
    r = c.api("POST", "/exams/%s/attempts" % code)
    eq(r.status, 422, "no code %r" % r)
    assert "venue_code" in r.json()["error"]["fields"], r.json()
    eq(c.api("POST", "/exams/%s/attempts" % code, {"venue_code": "HALL-8"}).status, 422, "a wrong code")
    page = Client()
    page.login("csc2")
    form = page.form_post("/exams", "/exams/%s/start" % code, {"venue_code": "HALL-8"})
    eq(form.status, 422, "the page refuses a wrong code")
    assert 'id="e-venue_code"' in form.text, form.text[:500]
    eq(sql("SELECT COUNT(*) FROM exam_attempts a JOIN exams e ON e.id = a.exam_id WHERE e.code = '%s'" % code), [["0"]],
       "no attempt started")
    eq(c.api("POST", "/exams/%s/attempts" % code, {"venue_code": "HALL-7"}).status, 201, "the venue's code starts it")
    eq(c.api("POST", "/exams/%s/attempts" % code).status, 200, "the open attempt resumes without it")


@test
def a_bi_sets_an_exam_for_the_block_over_the_state_bank_and_nowhere_else():
    code = "EXB" + RUN
    med = sql("SELECT id FROM locations WHERE type='block' AND name_en='Medininagar(Daltonganj)'")[0][0]
    chainpur = sql("SELECT id FROM locations WHERE type='block' AND name_en='Chainpur'")[0][0]
    mine = dict(bank(code, audience=["csc"], place_id=int(med)), categories=[], questions=[])
    bi = user_api("bi")
    r = bi.api("POST", "/exams/import", mine)
    eq(r.status, 200, "the BI's exam for the block %r" % r)
    assert code in [e["code"] for e in user_api("csc1").api("GET", "/exams").json()["items"]], "Jamune's VLE sees it"
    other = dict(mine, exams=[dict(mine["exams"][0], code="EXB2" + RUN, place_id=int(chainpur))])
    r = bi.api("POST", "/exams/import", other)
    eq(r.status, 422, "not another block %r" % r)
    assert "exams.0.place_id" in r.json()["error"]["fields"], r.json()
    eq(user_api("bi2").api("POST", "/exams/import", dict(mine, exams=[dict(mine["exams"][0], place_id=int(chainpur))])).status,
       422, "nor another BI's exam under the same code")
    eq(bi.api("POST", "/exams/import", bank("EXB3" + RUN, place_id=int(med))).status, 403, "the bank is the state's")
    eq(sql("SELECT COUNT(*) FROM exams WHERE code IN ('EXB2%s', 'EXB3%s')" % (RUN, RUN)), [["0"]], "nothing stored")
    eq(sql("SELECT p.name_en FROM exams e JOIN locations p ON p.id = e.place_id WHERE e.code = '%s'" % code),
       [["Medininagar(Daltonganj)"]], "the BI's exam is still the block's")


def nssdb():
    d = os.path.join(TMP, "nss")
    if not os.path.isdir(d):
        os.makedirs(d)
        subprocess.run(["certutil", "-N", "-d", "sql:" + d, "--empty-password"], check=True, capture_output=True)
        subprocess.run(["certutil", "-A", "-d", "sql:" + d, "-n", "GramSewa CA", "-t", "CT,C,C", "-i",
                        os.path.join(VAR, "data/keys/ca.cert.pem")], check=True, capture_output=True)
    return d


run()
