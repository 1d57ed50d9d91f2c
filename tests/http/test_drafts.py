"""Drafts belong to whoever started them (issue 11, item 1).  POST
/apply/CODE with draft=ID, PATCH /api/v1/applications/DID and POST
.../DID/submit may continue a draft only for the user who created it, only
while it is a draft, and only under its own service: someone else's draft
is 404 (its existence is not revealed), the applicant of an operator's
draft gets 403, an own application that is no longer a draft is 409, and
an own draft posted to another service's code is 409.  Also: changing the
document chosen in a draft's slot is not a 5xx (item 8)."""
import concurrent.futures
import re
import time

from gs import Client, test, eq, run, sql
from lifecycle import (file_app, officer, upload, definition, answers_for, walk_to_approval, apply_page, citizen, rejected)

RUN = str(int(time.time() * 1000) % 10000000)
CIRCLE = [("karmachari", "karmachari"), ("ci", "ci"), ("co", "co")]


def web(username):
    c = Client()
    c.login(username)
    return c


def api_draft(c, code="INC", mobile="9000000001", documents=None, name="Sita Devi"):
    """A draft saved through the API; returns its id."""
    d = definition(code)
    r = c.api("POST", "/applications", {"service": code, "applicant": {"mobile": mobile}, "submit": False,
                                        "fields": answers_for(d, mobile, name=name), "documents": documents or {}})
    assert r.status == 201, "draft: %r" % r
    return int(r.json()["number"][1:])


def row(app_id):
    """What must not change when someone is refused."""
    return sql("SELECT IFNULL(number, ''), status, service_id, version_id, filed_by, applicant_id, applicant_name, "
               "MD5(form), IFNULL(submitted_at, '') FROM applications WHERE id=%d" % app_id)[0]


def wallet(username):
    return officer(username).api("GET", "/wallet").json()["balance_paise"]


def app_id(number):
    return int(sql("SELECT id FROM applications WHERE number='%s'" % number)[0][0])


@test
def another_operators_draft_is_not_found():
    draft = api_draft(officer("csc1"), name="Draft Owner " + RUN)
    before = row(draft)
    other = web("csc2")
    r = apply_page(other, "INC", draft=draft, fields=dict(answers_for(definition("INC")), applicant_name="Hijacker"))
    eq(r.status, 404, "csc2 submits csc1's draft on the page")
    r = apply_page(other, "INC", draft=draft, save=True)
    eq(r.status, 404, "csc2 saves over csc1's draft")
    api = officer("csc2")
    eq(api.api("PATCH", "/applications/D%d" % draft, {"fields": {"applicant_name": "Hijacker"}}).status, 404, "API PATCH")
    eq(api.api("POST", "/applications/D%d/submit" % draft, {}).status, 404, "API submit")
    eq(row(draft), before, "the draft is untouched")


@test
def applicant_cannot_take_over_an_operators_draft():
    mobile = "93" + RUN.rjust(8, "0")[-8:]
    draft = api_draft(officer("csc1"), mobile=mobile)
    before = row(draft)
    page, api = citizen(mobile)
    eq(api.api("GET", "/applications/D%d" % draft).status, 200, "the applicant may look at it")
    r = api.api("PATCH", "/applications/D%d" % draft, {"fields": {"applicant_name": "Changed"}})
    eq(r.status, 403, "but not change it: %r" % r)
    eq(api.api("POST", "/applications/D%d/submit" % draft, {}).status, 403, "nor file it")
    r = apply_page(page, "INC", mobile=mobile, draft=draft)
    eq(r.status, 403, "nor through the page")
    eq(row(draft), before, "the draft is untouched")


@test
def approved_application_cannot_be_renumbered():
    number, _ = file_app("INC")
    walk_to_approval(number, CIRCLE)
    aid = app_id(number)
    before = row(aid)
    cert = sql("SELECT number FROM certificates WHERE app_id=%d" % aid)[0][0]
    r = apply_page(web("csc1"), "INC", draft=aid)
    eq(r.status, 409, "the filer re-files an approved application")
    eq(apply_page(web("csc2"), "INC", draft=aid).status, 404, "another operator")
    filer = officer("csc1")
    eq(filer.api("PATCH", "/applications/" + number, {"fields": {"applicant_name": "X"}}).status, 409, "API PATCH")
    eq(filer.api("POST", "/applications/D%d/submit" % aid, {}).status, 409, "API submit by draft id")
    eq(row(aid), before, "number, status and service unchanged")
    eq(Client().get("/api/v1/track?number=%s&mobile=9000000001" % number).status, 200, "the number still tracks")
    eq(sql("SELECT status FROM certificates WHERE number='%s'" % cert), [["valid"]], "its certificate stands")


@test
def own_draft_under_another_service_code_is_conflict():
    draft = api_draft(officer("csc1"))
    before = row(draft)
    res = definition("RES")
    r = apply_page(web("csc1"), "RES", draft=draft, fields=answers_for(res))
    eq(r.status, 409, "an INC draft posted to /apply/RES")
    r = officer("csc1").api("POST", "/applications/D%d/submit" % draft, {})
    eq(r.status in (200, 422), True, "the same draft still files under its own service: %r" % r)
    after = row(draft)
    eq(after[2:4], before[2:4], "service and version unchanged")
    if after[0]:
        assert "/INC/" in after[0], "numbered under its own service: " + after[0]


@test
def refunded_application_cannot_be_refiled_free():
    number = rejected()     # the CSC wallet is refunded
    aid = app_id(number)
    before, money = row(aid), wallet("csc1")
    txns = sql("SELECT COUNT(*) FROM ledger_txns WHERE app_id=%d" % aid)
    r = apply_page(web("csc1"), "INC", draft=aid)
    eq(r.status, 409, "re-filing the rejected application")
    eq(row(aid), before, "still rejected, same number")
    eq(wallet("csc1"), money, "no money moved")
    eq(sql("SELECT COUNT(*) FROM ledger_txns WHERE app_id=%d" % aid), txns, "no ledger lines")


@test
def own_draft_filed_on_the_page_is_charged():
    c = web("csc1")
    r = apply_page(c, "INC", save=True)
    eq(r.status, 303, "draft saved: " + r.text[:200])
    draft = int(re.search(r"/my/drafts/(\d+)", r.header("Location")).group(1))
    proof = upload(officer("csc1"), "income_proof", "9000000001").json()["id"]
    money = wallet("csc1")
    r = apply_page(c, "INC", draft=draft, docs={"doc_income_proof": str(proof)})
    eq(r.status, 303, "filed: " + r.text[:300])
    number = row(draft)[0]
    assert number and number in r.header("Location"), "numbered and acknowledged"
    eq(money - wallet("csc1"), 2000, "charged Rs 30 less Rs 10 commission")


@test
def one_draft_submitted_twice_at_once_gets_one_number():
    c = officer("csc1")
    proof = upload(c, "income_proof", "9000000001").json()["id"]
    draft = api_draft(c, documents={"income_proof": proof})
    clients = [officer("csc1") for _ in range(4)]
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        rs = list(ex.map(lambda k: k.api("POST", "/applications/D%d/submit" % draft, {}), clients))
    ok = [r for r in rs if r.status == 200]
    eq(len(ok), 1, "one submission wins: %r" % [r.status for r in rs])
    eq(sorted(r.status for r in rs if r.status != 200), [409, 409, 409], "the others are conflicts")
    eq(row(draft)[0], ok[0].json()["number"], "the number the winner was told")
    eq(sql("SELECT COUNT(*) FROM app_events WHERE app_id=%d AND action='submit'" % draft), [["1"]], "one submit event")


@test
def changing_the_document_in_a_draft_slot():
    c = officer("csc1")
    first = upload(c, "income_proof", "9000000001").json()["id"]
    second = upload(c, "income_proof", "9000000001").json()["id"]
    draft = api_draft(c, documents={"income_proof": first})
    r = c.api("PATCH", "/applications/D%d" % draft, {"documents": {"income_proof": second}})
    eq(r.status, 200, "another document in the same slot: %r" % r)
    eq(sql("SELECT document_id FROM app_documents WHERE app_id=%d" % draft), [[str(second)]], "the new choice")
    r = c.api("POST", "/applications/D%d/submit" % draft, {"documents": {"income_proof": first}})
    eq(r.status, 200, "changed back and filed: %r" % r)
    eq(sql("SELECT document_id FROM app_documents WHERE app_id=%d" % draft), [[str(first)]], "filed with the first")


run()
