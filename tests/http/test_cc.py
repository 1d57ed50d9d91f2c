"""test_cc.py — the call centre (issue 15, item 4): an agent looks a number
up (who has it, their open tickets and applications, past calls), raises a
ticket for the caller, places a call through the telephony provider (the
test-only sandbox driver), and records the outcome; the provider's CDR
webhook is signed (HMAC of the body), and a CDR sent twice is counted
once."""
import hashlib
import hmac
import json
import os
import time

from gs import Client, test, eq, run, sql, VAR

RUN = str(int(time.time() * 1000) % 10000000)


def secret():
    with open(os.path.join(VAR, "gramsewa.conf"), encoding="utf-8") as f:
        for line in f:
            k, _, v = line.partition("=")
            if k.strip() == "telephony_webhook_secret":
                return v.strip()
    raise AssertionError("no telephony_webhook_secret in the test config")


def cdr(body, sign=True, key=None):
    """POSTs a CDR to the webhook as the provider does."""
    raw = json.dumps(body).encode()
    sig = hmac.new((key or secret()).encode(), raw, hashlib.sha256).hexdigest() if sign else "0" * 64
    return Client().request("POST", "/cc/cdr", body=raw, ctype="application/json", headers={"X-Telephony-Signature": sig})


def agent():
    c = Client()
    c.api_login("ccagent")
    return c


def call_row(cid, cols):
    return sql("SELECT %s FROM call_logs WHERE id=%d" % (cols, cid))[0]


@test
def lookup_shows_the_caller_their_open_tickets_and_a_ticket_raised_for_them():
    a = agent()
    jamune = int(sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Jamune'")[0][0])
    r = a.api("POST", "/tickets", {"type": "SVC_APP_STUCK", "location": jamune, "subject": "Caller's application " + RUN,
                                   "body": "Her income certificate has not moved for a month.", "mobile": "9000000001"})
    eq(r.status, 201, "raised for the caller: %r" % r)
    eq(r.json()["channel"], "call", "an agent raises for a caller")
    number = r.json()["number"]
    look = a.api("GET", "/cc/lookup?number=9000000001")
    eq(look.status, 200, "lookup: %r" % look)
    body = look.json()
    assert any(p["type"] == "citizen" for p in body["people"]), body["people"]
    assert number in [t["number"] for t in body["open_tickets"]], "the caller's open ticket"
    # the raise SMS went to the caller's number, and she sees it as hers
    eq(sql("SELECT recipient FROM notifications WHERE event='ticket.raise' AND ref='%s'" % number), [["9000000001"]], "SMS")
    eq(a.api("GET", "/cc/lookup?number=12ab").status, 422, "a bad number")
    # the page
    web = Client()
    web.login("ccagent")
    page = web.get("/cc?number=9000000001")
    eq(page.status, 200, "console")
    assert number in page.text and "/tickets/new?mobile=9000000001" in page.text, "tickets and raise link"
    assert 'value="9000000001"' in web.get("/tickets/new?mobile=9000000001").text, "the raise form has the number"


@test
def only_agents_use_the_console():
    for user in ("csc1", "bi", "stateadmin"):
        c = Client()
        c.api_login(user)
        eq(c.api("GET", "/cc/lookup?number=9000000001").status, 403, user)
        eq(c.api("POST", "/cc/calls", {"number": "9000000001"}).status, 403, user + " calls")


@test
def click_to_call_then_the_signed_cdr_counted_once():
    a = agent()
    r = a.api("POST", "/cc/calls", {"number": "9000000001"})
    eq(r.status, 201, "call: %r" % r)
    cid = r.json()["id"]
    eq(r.json()["status"], "requested", "requested")
    ref = call_row(cid, "provider_ref")[0]
    eq(ref, "SBX%d" % cid, "the sandbox's call id")
    now = int(time.time())
    event = {"event_id": "EV-%s-1" % RUN, "call_id": ref, "direction": "outbound", "from": "9000000118",
             "to": "9000000001", "status": "completed", "started_at": now - 60, "answered_at": now - 50,
             "ended_at": now, "duration_s": 50, "recording_url": "https://rec.example/%s" % RUN}
    # a forged one changes nothing
    eq(cdr(event, sign=False).status, 401, "bad signature")
    eq(cdr(event, key="not-the-secret").status, 401, "wrong key")
    eq(call_row(cid, "status, cdr_count"), ["requested", "0"], "unchanged by forgeries")
    # the provider sends it, then (a retry) sends it again
    r1, r2 = cdr(event), cdr(event)
    eq(r1.status, 200, "first: %r" % r1)
    eq(r1.json()["result"], "recorded", "first")
    eq(r2.status, 200, "again: %r" % r2)
    eq(r2.json()["result"], "duplicate", "again")
    eq(call_row(cid, "status, cdr_count, duration_s"), ["completed", "1", "50"], "counted once")
    eq(sql("SELECT COUNT(*) FROM call_cdr_events WHERE call_id=%d" % cid)[0][0], "1", "one event kept")
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE action='call.cdr' AND entity_id='%d'" % cid)[0][0], "1", "audited once")
    # a late "ringing" never moves a finished call back
    late = dict(event, event_id="EV-%s-0" % RUN, status="ringing")
    eq(cdr(late).json()["result"], "recorded", "late event")
    eq(call_row(cid, "status, cdr_count"), ["completed", "2"], "still completed")
    # an outbound call we never placed
    eq(cdr(dict(event, event_id="EV-%s-x" % RUN, call_id="NOPE" + RUN)).status, 404, "unknown outbound call")


@test
def an_inbound_call_is_logged_from_its_first_cdr_with_its_agent():
    ref = "IN-" + RUN
    r = cdr({"event_id": ref + "-1", "call_id": ref, "direction": "inbound", "from": "9000000001", "to": "18003456",
             "agent": "9000000118", "status": "answered", "started_at": int(time.time())})
    eq(r.status, 200, "inbound: %r" % r)
    row = sql("SELECT direction, number, agent_id, status FROM call_logs WHERE provider_ref='%s'" % ref)[0]
    agent_id = sql("SELECT id FROM users WHERE username='ccagent'")[0][0]
    eq(row, ["inbound", "9000000001", agent_id, "answered"], "inbound row")
    eq(cdr({"event_id": ref + "-2", "call_id": ref, "direction": "inbound", "from": "12", "status": "completed"}).status,
       400, "a bad caller number")


@test
def the_agent_records_the_outcome():
    a = agent()
    cid = a.api("POST", "/cc/calls", {"number": "9000000110"}).json()["id"]
    r = a.api("POST", "/cc/calls/%d/disposition" % cid, {"disposition": "ticket_raised"})
    eq(r.status, 422, "a raised ticket needs its number: %r" % r)
    r = a.api("POST", "/cc/calls/%d/disposition" % cid, {"disposition": "sold"})
    eq(r.status, 422, "unknown outcome")
    r = a.api("POST", "/cc/calls/%d/disposition" % cid, {"disposition": "info_given", "note": "told the VLE the fee"})
    eq(r.status, 200, "saved: %r" % r)
    eq(r.json()["disposition"], "info_given", "disposition")
    eq(a.api("POST", "/cc/calls/999999999/disposition", {"disposition": "info_given"}).status, 404, "unknown call")
    # on the page
    web = Client()
    web.login("ccagent")
    page = web.get("/cc/call/%d" % cid)
    eq(page.status, 200, "call page")
    r = web.post("/cc/call/%d" % cid, {"csrf": web.csrf_from(page.text), "disposition": "callback", "note": "after 5"})
    eq(r.status, 303, "saved on the page: %r" % r)
    eq(call_row(cid, "disposition, note"), ["callback", "after 5"], "stored")


@test
def a_provider_failure_is_logged_and_said():
    a = agent()
    r = a.api("POST", "/cc/calls", {"number": "9100000000"})
    eq(r.status, 503, "the sandbox refuses numbers ending 0000000: %r" % r)
    eq(sql("SELECT status FROM call_logs WHERE number='9100000000' ORDER BY id DESC LIMIT 1"), [["failed"]], "logged")


run()
