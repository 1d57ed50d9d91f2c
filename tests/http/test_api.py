"""The JSON API contract in detail: ISO times, officers listing their
jurisdiction with paging, an operator's view of a villager's locker, the
applicant's name from the envelope, the answer to editing a returned
application, Idempotency-Key on every change, certificate status words."""
import json
import re
import time

from gs import Client, test, eq, run, sql, ctl
from lifecycle import file_app, officer, act, upload, definition, answers_for, walk_to_approval, publish_service

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$")
RUN = str(int(time.time() * 1000) % 10000000)
CIRCLE = [("karmachari", "karmachari"), ("ci", "ci"), ("co", "co")]


@test
def times_are_iso_8601_with_offset():
    number, filer = file_app("INC")
    j = filer.api("GET", "/applications/" + number).json()
    assert ISO.match(j["submitted_at"]), j["submitted_at"]
    for h in j["history"]:
        assert ISO.match(h["at"]), h
    k = officer("karmachari")
    office = sql("SELECT office_id FROM applications WHERE number='%s'" % number)[0][0]
    q = k.api("GET", "/desk/queue?office=%s&role=karmachari" % office).json()
    items = q["tatkal"] + q["fifo"]
    assert items and all(ISO.match(i["arrived_at"]) for i in items), items[:2]


@test
def officers_list_their_jurisdiction_with_paging():
    numbers = [file_app("INC")[0] for _ in range(3)]
    co = officer("co")
    seen, before = [], None
    for _ in range(50):
        r = co.api("GET", "/applications?mine=0&limit=2" + ("&before=" + before if before else ""))
        eq(r.status, 200, "list: %r" % r)
        j = r.json()
        assert len(j["items"]) <= 2
        seen += [i["number"] for i in j["items"]]
        before = j["next"]
        if not before or all(n in seen for n in numbers):
            break
    for n in numbers:
        assert n in seen, "the CO sees %s filed in the circle" % n
    eq(len(seen), len(set(seen)), "pages do not overlap")
    # a DM of another district does not; a citizen has no area
    admin = Client()
    admin.login("stateadmin")
    from lifecycle import create_employee
    user, pw = create_employee(admin, "apico" + RUN, role="co", block="Chhatarpur")
    other = Client()
    other.api_login(user, pw)
    mine = [i["number"] for i in other.api("GET", "/applications?mine=0&limit=100").json()["items"]]
    assert not set(numbers) & set(mine), "another circle's CO sees none of them"
    csc = officer("csc1")
    eq(csc.api("GET", "/applications?mine=0").status, 403, "an operator has no area")
    own = [i["number"] for i in csc.api("GET", "/applications?limit=100").json()["items"]]
    assert numbers[-1] in own, "the operator's own filings"
    eq(co.api("GET", "/applications?before=abc").status, 400, "bad cursor")


@test
def operator_sees_the_villagers_locker_by_mobile():
    mobile = "90077" + RUN[-5:].rjust(5, "0")
    c = officer("csc1")
    eq(c.api("GET", "/documents?mobile=" + mobile).status, 422, "nobody with that mobile yet")
    # a villager new to the system is registered by the first upload, so
    # documents can come before the application that needs them
    r = upload(c, "aadhaar_card", mobile)
    eq(r.status, 201, "upload for the villager: %r" % r)
    doc = r.json()["id"]
    r = c.api("GET", "/documents?mobile=" + mobile)
    eq(r.status, 200, "list: %r" % r)
    assert doc in [d["id"] for d in r.json()["items"]], "the document is in the villager's locker"
    number, _ = file_app("INC", mobile=mobile)
    eq(sql("SELECT u.citizen_mobile FROM applications a JOIN users u ON u.id=a.applicant_id WHERE a.number='%s'" % number),
       [[mobile]], "the application belongs to that villager")
    eq(c.api("GET", "/documents").status, 422, "an operator must say whose locker")
    eq(c.api("GET", "/documents?mobile=9999999998").status, 422, "no such villager")


@test
def applicant_name_from_the_envelope():
    c = officer("csc1")
    d = definition("INC")
    fields = answers_for(d)
    del fields["applicant_name"]
    r = c.api("POST", "/applications", {"service": "INC", "applicant": {"mobile": "9000000001", "name": "Phulmani Oraon"},
                                        "fields": fields, "submit": False})
    eq(r.status, 201, "draft: %r" % r)
    j = c.api("GET", "/applications/" + r.json()["number"]).json()
    eq(j["fields"]["applicant_name"], "Phulmani Oraon", "the name went into the form")
    r = c.api("POST", "/applications", {"service": "INC", "applicant": {"mobile": "9000000001", "name": "Other Name"},
                                        "fields": dict(fields, applicant_name="Form Wins"), "submit": False})
    eq(c.api("GET", "/applications/" + r.json()["number"]).json()["fields"]["applicant_name"], "Form Wins",
       "an answer in fields is not overwritten")


@test
def officer_corrections_are_checked_like_the_form():
    # a stage where the officer may correct answers: a refused correction is
    # a 422 naming the answer by its path, as when filing; a good one is
    # stored before the action, with its own event
    code = "EDT" + RUN[-5:]
    d = json.loads(ctl("service", "export", "INC").stdout)
    d["code"] = code
    d["processing"]["stages"][0]["form_editable"] = True
    publish_service(d)
    number, _ = file_app(code)
    k = officer("karmachari")
    why = "corrected out of turn for the test"
    r = act(k, number, "forward", out_of_order_reason=why, correct_fields={"father_name": "x" * 101})
    eq(r.status, 422, "refused correction: %r" % r)
    eq(sorted(r.json()["error"]["fields"]), ["father_name"], "the answer's path")
    eq(sql("SELECT stage_idx FROM applications WHERE number='%s'" % number)[0][0], "0", "nothing done")
    r = act(k, number, "forward", out_of_order_reason=why, correct_fields={"father_name": "Ram Prasad Sahu"})
    eq(r.status, 200, "corrected and forwarded: %r" % r)
    form = json.loads(sql("SELECT form FROM applications WHERE number='%s'" % number)[0][0])
    eq(form["father_name"], "Ram Prasad Sahu", "stored")
    eq([e["action"] for e in k.api("GET", "/applications/" + number).json()["history"]][-2:], ["correct", "forward"],
       "events")


@test
def patching_a_returned_application_says_how():
    number, filer = file_app("INC")
    r = act(officer("karmachari"), number, "return", remarks="Father's name is missing a part",
            return_fields=["father_name"], out_of_order_reason="returned for the API test")
    eq(r.status, 200, "returned: %r" % r)
    r = filer.api("PATCH", "/applications/" + number, {"fields": {"father_name": "Ram Prasad Mahto"}})
    eq(r.status, 409, "PATCH")
    eq(r.json()["error"]["code"], "use_submit", "the error names the way")
    r = filer.api("POST", "/applications/%s/submit" % number, {"fields": {"father_name": "Ram Prasad Mahto"}})
    eq(r.status, 200, "resubmitted: %r" % r)
    eq(r.json()["status"], "pending", "back in the queue")


@test
def idempotency_key_on_appeal_and_revoke():
    number, filer = file_app("INC")
    r = act(officer("karmachari"), number, "reject", remarks="No land in the village",
            out_of_order_reason="rejected for the API test")
    eq(r.status, 200, "rejected: %r" % r)
    key = {"Idempotency-Key": "appeal-" + RUN}
    body = {"grounds": "The land record shows the plot in my name."}
    r1 = filer.api("POST", "/applications/%s/appeal" % number, body, headers=key)
    r2 = filer.api("POST", "/applications/%s/appeal" % number, body, headers=key)
    eq(r1.status, 201, "appeal: %r" % r1)
    eq((r2.status, r2.body), (r1.status, r1.body), "the same answer again")
    eq(r2.header("Idempotent-Replay"), "true", "marked as a replay")
    eq(sql("SELECT COUNT(*) FROM appeals ap JOIN applications a ON a.id=ap.app_id WHERE a.number='%s'" % number)[0][0],
       "1", "one appeal, not a first and a second")
    r3 = filer.api("POST", "/applications/%s/appeal" % number, {"grounds": "different words this time"}, headers=key)
    eq(r3.status, 409, "the key with another body")
    # a certificate: status words as /verify says them; revoking twice with one key is one revocation
    number, _ = file_app("INC")
    walk_to_approval(number, CIRCLE)
    cert = sql("SELECT c.number FROM certificates c JOIN applications a ON a.id=c.app_id WHERE a.number='%s'" % number)[0][0]
    co = officer("co")
    eq(co.api("GET", "/certificates/" + cert).json()["status"], "VALID", "metadata status")
    key = {"Idempotency-Key": "revoke-" + RUN}
    r1 = co.api("POST", "/certificates/%s/revoke" % cert, {"reason": "Issued against a forged record"}, headers=key)
    r2 = co.api("POST", "/certificates/%s/revoke" % cert, {"reason": "Issued against a forged record"}, headers=key)
    eq(r1.status, 200, "revoked: %r" % r1)
    eq(r2.status, 200, "replayed, not 'already revoked'")
    eq(co.api("GET", "/certificates/" + cert).json()["status"], "REVOKED", "metadata status after")


if __name__ == "__main__":
    run()
