"""Money: wallet top-up, debit on submit, refund on rejection, commission,
insufficient balance, races for a balance, online payment through the
sandbox gateway (success, failure, late/duplicate callbacks, bad checksums,
reconciliation of a stuck order), receipts, bill payments with a biller
failure and its refund, statements that match the ledger."""
import concurrent.futures
import hashlib
import hmac
import os
import re
import time

from gs import Client, test, eq, run, ctl, sql, VAR, today
from lifecycle import (file_app, officer, act, definition, answers_for, upload, citizen, expected_due_dates, file_online,
                       pay_through_sandbox)

RUN = str(int(time.time() * 1000) % 10000000)


def balance(username):
    return int(sql("SELECT IFNULL(SUM(e.amount_paise),0) FROM ledger_entries e JOIN accounts a ON a.id=e.account_id "
                   "JOIN users u ON u.id=a.user_id WHERE a.kind='wallet' AND u.username='%s'" % username)[0][0])


def new_csc(name, rupees):
    """A fresh CSC operator with a wallet holding rupees."""
    admin = Client()
    admin.login("stateadmin")
    did = sql("SELECT id FROM locations WHERE type='district' AND name_en='Palamu'")[0][0]
    bid = sql("SELECT id FROM locations WHERE type='block' AND name_en='Medininagar(Daltonganj)'")[0][0]
    pid = sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Jamune'")[0][0]
    r = admin.form_post("/admin/users/new", "/admin/users/new", {
        "username": name, "first_name": "Test", "last_name": "Operator", "mobile": "9123456781", "user_type": "csc",
        "csc_id": ("CSC" + name.upper())[:20].replace("_", ""), "role": "csc", "place_district": did, "place_block": bid,
        "place_panchayat": pid, "work_from": "2025-01-01"})
    eq(r.status, 200, "new csc: " + re.sub(r"\s+", " ", r.text)[:300])
    pw = re.search(r"<code>([^<]+)</code>", r.text).group(1)
    uid = sql("SELECT id FROM users WHERE username='%s'" % name)[0][0]
    if rupees:
        sa = Client()
        sa.api_login("stateadmin")
        t = sa.api("POST", "/admin/wallets/%s/topup" % uid, {"amount_paise": rupees * 100, "reference": "test float"},
                   headers={"Idempotency-Key": "float-" + name})
        eq(t.status, 200, "topup %r" % t)
    c = Client()
    c.api_login(name, pw)
    return c, uid


@test
def topup_debit_commission_and_refund_on_rejection():
    before = balance("csc2")
    number, c = file_app("INC", filer="csc2")
    eq(balance("csc2"), before - 3000 + 1000, "Rs 30 charge debited, Rs 10 commission credited")
    r = act(officer("karmachari"), number, "reject", remarks="Applicant not resident here",
            out_of_order_reason="rejecting for the refund test")
    eq(r.json()["status"], "rejected", "rejected at the first stage")
    eq(balance("csc2"), before + 1000, "charge refunded; commission stays with the operator")
    kinds = [k for (k,) in sql("SELECT t.kind FROM ledger_txns t JOIN applications a ON a.id=t.app_id WHERE a.number='%s' "
                               "ORDER BY t.id" % number)]
    eq(kinds, ["debit", "commission", "refund"], "new rows, nothing edited")


@test
def insufficient_balance_refused_ledger_unchanged():
    c, uid = new_csc("poor" + RUN, 20)
    d = definition("RES")
    docs = {doc["code"]: upload(c, doc["code"], "9000000001").json()["id"] for doc in d["documents"] if doc["required"]}
    rows = sql("SELECT COUNT(*) FROM ledger_entries")[0][0]
    r = c.api("POST", "/applications", {"service": "RES", "applicant": {"mobile": "9000000001"}, "fields": answers_for(d),
                                         "documents": docs})
    eq(r.status, 422, "refused")
    assert "wallet balance is too low" in r.json()["error"]["message"]
    eq(sql("SELECT COUNT(*) FROM ledger_entries")[0][0], rows, "ledger unchanged")
    eq(sql("SELECT COUNT(*) FROM applications WHERE filed_by=%s AND status='pending'" % uid)[0][0], "0", "nothing filed")


@test
def concurrent_debits_never_overdraw():
    ctl("commission", "app", "RES", "0")
    try:
        c, uid = new_csc("race" + RUN, 300)       # covers exactly 10 RES applications at Rs 30
        d = definition("RES")
        docs = {doc["code"]: upload(c, doc["code"], "9000000001").json()["id"] for doc in d["documents"] if doc["required"]}
        body = {"service": "RES", "applicant": {"mobile": "9000000001"}, "fields": answers_for(d), "documents": docs}

        def one(i):
            return c.api("POST", "/applications", body, headers={"Idempotency-Key": "race-%s-%d" % (RUN, i)}).status
        with concurrent.futures.ThreadPoolExecutor(32) as ex:
            statuses = list(ex.map(one, range(32)))
        eq(statuses.count(201), 10, "exactly 10 succeed: %r" % statuses)
        eq(statuses.count(422), 22, "the rest are refused")
        eq(balance("race" + RUN), 0, "balance exactly zero, never negative")
    finally:
        ctl("commission", "app", "RES", "1000")
    p = ctl("ledger-verify")
    assert "ledger consistent" in p.stdout, p.stdout


@test
def bad_amounts_refused():
    sa = Client()
    sa.api_login("stateadmin")
    uid = sql("SELECT id FROM users WHERE username='csc1'")[0][0]
    entries = sql("SELECT COUNT(*) FROM ledger_entries")[0][0]
    for amt in (-100, 0, 10.5, "100", 10**12):
        r = sa.api("POST", "/admin/wallets/%s/topup" % uid, {"amount_paise": amt, "reference": "bad amount test"})
        eq(r.status, 422, "amount %r" % (amt,))
    eq(sa.api("POST", "/admin/wallets/%s/topup" % uid, {"amount_paise": 100, "reference": ""}).status, 422, "no reference")
    eq(officer("csc1").api("POST", "/admin/wallets/%s/topup" % uid, {"amount_paise": 100, "reference": "self"}).status, 403,
       "operators cannot top themselves up")
    eq(sql("SELECT COUNT(*) FROM ledger_entries")[0][0], entries, "ledger unchanged")


def sign(order, status, txn, amount):
    key = open(os.path.join(VAR, "gramsewa.conf")).read().split("pay_key = ")[1].split("\n")[0].strip()
    msg = "GRAMSEWA|%s|%s|%s|%d" % (order, status, txn, amount)
    return hmac.new(key.encode(), msg.encode(), hashlib.sha256).hexdigest()


@test
def online_tatkal_fee_through_the_gateway():
    web, api = citizen("9811100101")
    d = definition("INC")
    docs = {doc["code"]: upload(api, doc["code"]).json()["id"] for doc in d["documents"] if doc["required"]}
    r = api.api("POST", "/applications", {"service": "INC", "tatkal": True, "fields": answers_for(d, mobile="9811100101"),
                                           "documents": docs})
    eq(r.status, 201, "filed: %r" % r)
    number = r.json()["number"]
    eq(r.json()["status"], "unpaid", "waits for the fee")
    order, ret, back = pay_through_sandbox(web, {"app": number})
    eq(back.status, 303, "returned")
    eq(sql("SELECT status, settled_by FROM payment_orders WHERE order_no='%s'" % order)[0], ["success", "callback"],
       "settled once, by whichever came first")
    eq(sql("SELECT status FROM applications WHERE number='%s'" % number)[0][0], "pending", "now in the queue")
    eq(sql("SELECT COUNT(*) FROM receipts WHERE ref='%s'" % order)[0][0], "1", "a numbered receipt")
    # the duplicate (browser return after the callback) changed nothing
    assert sql("SELECT COUNT(*) FROM payment_events WHERE order_no='%s' AND outcome LIKE 'already settled%%'" % order)[0][0] == "1"
    # replays and forgeries
    again = web.post("/pay/return", ret)
    eq(again.status, 303, "replay answered")
    eq(sql("SELECT COUNT(*) FROM ledger_txns WHERE idem_key='order:%s'" % order)[0][0], "1", "money moved once")
    forged = dict(ret)
    forged["status"] = "FAILED"
    eq(web.post("/pay/return", forged).status, 400, "tampered checksum")
    cb = Client().post("/pay/callback", dict(ret, amount=str(int(ret["amount"]) + 100),
                                             checksum=sign(order, "SUCCESS", ret["gateway_txn"], int(ret["amount"]) + 100)))
    eq(cb.status, 400, "amount mismatch refused even with a valid checksum")
    unknown = Client().post("/pay/callback", {"order_no": "GSO-NOPE", "status": "SUCCESS", "gateway_txn": "x", "amount": "5000",
                                              "checksum": sign("GSO-NOPE", "SUCCESS", "x", 5000)})
    eq(unknown.status, 400, "unknown order")
    rno = sql("SELECT receipt_no, amount_paise FROM receipts WHERE ref='%s'" % order)[0]
    pdf = web.get("/receipts/%s/pdf" % rno[0])
    assert pdf.body.startswith(b"%PDF"), "receipt PDF"


@test
def failed_payment_leaves_application_unpaid():
    web, api = citizen("9811100102")
    d = definition("CST")
    docs = {doc["code"]: upload(api, doc["code"]).json()["id"] for doc in d["documents"] if doc["required"]}
    number = api.api("POST", "/applications", {"service": "CST", "tatkal": True, "fields": answers_for(d, mobile="9811100102"),
                                                "documents": docs}).json()["number"]
    order, ret, back = pay_through_sandbox(web, {"app": number}, decision="fail")
    eq(sql("SELECT status FROM payment_orders WHERE order_no='%s'" % order)[0][0], "failed", "failed")
    eq(sql("SELECT status FROM applications WHERE number='%s'" % number)[0][0], "unpaid", "still unpaid, can pay again")
    eq(sql("SELECT COUNT(*) FROM ledger_txns WHERE idem_key='order:%s'" % order)[0][0], "0", "no money moved")


@test
def stuck_order_settled_by_reconciliation():
    web, api = citizen("9811100103")
    d = definition("RES")
    docs = {doc["code"]: upload(api, doc["code"]).json()["id"] for doc in d["documents"] if doc["required"]}
    number = api.api("POST", "/applications", {"service": "RES", "tatkal": True, "fields": answers_for(d, mobile="9811100103"),
                                                "documents": docs}).json()["number"]
    # the citizen paid, but neither the callback nor the browser came back
    page = web.get("/my/app/" + number)
    r = web.post("/pay/start", {"csrf": web.csrf_from(page.text), "app": number})
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', r.text))
    gw = web.post("/sandbox/pay", fields)
    web.post("/sandbox/pay/decide", {"csrf": web.csrf_from(gw.text), "order_no": fields["order_no"], "amount": fields["amount"],
                                     "return_url": fields["return_url"], "decision": "pay", "mode": "nocallback"})
    order = fields["order_no"]
    eq(sql("SELECT status FROM payment_orders WHERE order_no='%s'" % order)[0][0], "pending", "stuck")
    p = ctl("pay-reconcile")
    assert order not in p.stdout, "younger than 15 minutes: left alone"
    sql("UPDATE payment_orders SET created_at = NOW() - INTERVAL 20 MINUTE WHERE order_no='%s'" % order)
    p = ctl("pay-reconcile")
    assert "%s: SUCCESS -> settled" % order in p.stdout, p.stdout
    eq(sql("SELECT status, settled_by FROM payment_orders WHERE order_no='%s'" % order)[0], ["success", "reconcile"], "settled")
    eq(sql("SELECT status FROM applications WHERE number='%s'" % number)[0][0], "pending", "application released")
    # the late callback afterwards changes nothing
    late = Client().post("/pay/callback", {"order_no": order, "status": "SUCCESS", "gateway_txn": "late",
                                           "amount": fields["amount"], "checksum": sign(order, "SUCCESS", "late", int(fields["amount"]))})
    eq(late.json()["result"], "already settled", "late callback")
    eq(sql("SELECT COUNT(*) FROM ledger_txns WHERE idem_key='order:%s'" % order)[0][0], "1", "once")


def received_online(code):
    return int(sql("SELECT IFNULL(SUM(s.received),0) FROM stats_daily s JOIN services v ON v.id=s.service_id "
                   "WHERE v.code='%s' AND s.channel='online'" % code)[0][0])


@test
def unpaid_application_is_received_when_paid():
    before = received_online("INC")
    web, api, number = file_online("98112" + RUN[-5:].rjust(5, "0"))   # a new citizen each run: within OTP limits
    eq(received_online("INC"), before, "not counted as received while unpaid")
    r = api.api("GET", "/applications/%s/acknowledgement" % number)
    eq(r.status, 409, "no acknowledgement before payment")
    assert "/ack.pdf" not in web.get("/my/app/" + number).text, "no acknowledgement link either"
    sql("UPDATE applications SET submitted_at = NOW() - INTERVAL 40 DAY, due_date = CURDATE() - INTERVAL 33 DAY "
        "WHERE number='%s'" % number)           # filed long ago, paid only today
    paid_from = today()
    pay_through_sandbox(web, {"app": number})
    paid_by = today()
    eq(received_online("INC"), before + 1, "counted once, on payment")
    sub, due, stage_due = sql("SELECT DATE(submitted_at), due_date, stage_due FROM applications WHERE number='%s'" % number)[0]
    assert sub in (paid_from, paid_by), "the clock starts on the (IST) day of payment %s, not %s" % (paid_by, sub)
    eq((due, stage_due), expected_due_dates(number, sub), "due dates counted from the payment")
    eq(api.api("GET", "/applications/%s/acknowledgement" % number).status, 200, "acknowledged once paid")


@test
def second_payment_for_a_paid_application_is_owed_back():
    web, api, number = file_online("9811100105")
    page = web.get("/my/app/" + number)
    # two tabs: both orders started before either is paid
    starts = []
    for _ in range(2):
        r = web.post("/pay/start", {"csrf": web.csrf_from(page.text), "app": number})
        starts.append(dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', r.text)))
    for f in starts:
        f.pop("csrf", None)
        gw = web.post("/sandbox/pay", f)
        back = web.post("/sandbox/pay/decide", {"csrf": web.csrf_from(gw.text), "order_no": f["order_no"], "amount": f["amount"],
                                                "return_url": f["return_url"], "decision": "pay"})
        web.post("/pay/return", dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', back.text)))
    got = sorted(sql("SELECT status FROM payment_orders WHERE order_no IN ('%s','%s')" %
                     (starts[0]["order_no"], starts[1]["order_no"])))
    eq(got, [["refund_due"], ["success"]], "one pays the fee, the other is owed back")
    eq(sql("SELECT status FROM applications WHERE number='%s'" % number)[0][0], "pending", "paid once")
    eq(sql("SELECT COUNT(*) FROM receipts r JOIN applications a ON a.id=r.app_id WHERE a.number='%s'" % number)[0][0], "1",
       "one receipt for the fee")
    owed = sql("SELECT order_no FROM payment_orders WHERE status='refund_due' AND order_no IN ('%s','%s')" %
               (starts[0]["order_no"], starts[1]["order_no"]))[0][0]
    admin = Client()
    admin.login("stateadmin")
    assert owed in admin.get("/admin/money").text, "listed for a refund"
    # the administrator refunds it at the gateway and records that here
    r = admin.form_post("/admin/money", "/admin/money/refund/" + owed, {"reference": "x"})
    eq(r.status, 422, "a reference is needed")
    r = admin.form_post("/admin/money", "/admin/money/refund/" + owed, {"reference": "RFND-%s" % RUN})
    eq(r.status, 303, "recorded")
    eq(sql("SELECT status, refund_ref FROM payment_orders WHERE order_no='%s'" % owed)[0], ["refunded", "RFND-%s" % RUN],
       "closed with its reference")
    assert owed not in admin.get("/admin/money").text, "no longer owed"
    eq(admin.form_post("/admin/money", "/admin/money/refund/" + owed, {"reference": "again"}).status, 404, "only once")
    eq(sql("SELECT IFNULL(SUM(e.amount_paise),0) FROM ledger_entries e JOIN accounts a ON a.id=e.account_id "
           "JOIN ledger_txns t ON t.id=e.txn_id WHERE a.name='refunds-due' AND t.idem_key IN ('order:%s','refund:%s')"
           % (owed, owed))[0][0], "0", "nothing left owed for it")
    assert "ledger consistent" in ctl("ledger-verify").stdout


@test
def success_after_we_gave_up_still_counts():
    web, api, number = file_online("9811100106")
    page = web.get("/my/app/" + number)
    r = web.post("/pay/start", {"csrf": web.csrf_from(page.text), "app": number})
    f = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', r.text))
    order, amount = f["order_no"], int(f["amount"])
    # the gateway never heard of it for hours: reconciliation gives up
    sql("UPDATE payment_orders SET created_at = NOW() - INTERVAL 3 HOUR WHERE order_no='%s'" % order)
    ctl("pay-reconcile")
    eq(sql("SELECT status FROM payment_orders WHERE order_no='%s'" % order)[0][0], "failed", "given up")
    # then the money arrives after all
    cb = Client().post("/pay/callback", {"order_no": order, "status": "SUCCESS", "gateway_txn": "LATE1", "amount": str(amount),
                                         "checksum": sign(order, "SUCCESS", "LATE1", amount)})
    eq(cb.status, 200, "late success accepted: %r" % cb)
    eq(sql("SELECT status FROM payment_orders WHERE order_no='%s'" % order)[0][0], "success", "settled")
    eq(sql("SELECT status FROM applications WHERE number='%s'" % number)[0][0], "pending", "the application goes ahead")
    again = Client().post("/pay/callback", {"order_no": order, "status": "SUCCESS", "gateway_txn": "LATE1", "amount": str(amount),
                                            "checksum": sign(order, "SUCCESS", "LATE1", amount)})
    eq(again.json()["result"], "already settled", "and only once")


@test
def csc_tops_up_through_the_gateway():
    web = Client()
    web.login("csc1")
    before = balance("csc1")
    order, ret, back = pay_through_sandbox(web, {"topup": "250"})
    eq(back.header("Location"), "/csc/wallet?paid=success", "back to the passbook")
    eq(balance("csc1"), before + 25000, "Rs 250 added")


@test
def bill_payment_and_biller_failure_refund():
    c = Client()
    c.login("csc1")
    before = balance("csc1")
    r = c.form_post("/csc/bills", "/csc/bills", {"biller": "JBVNL", "consumer": "JB%s1" % RUN})
    eq(r.status, 303, "fetched: " + r.text[:300])
    bill = r.header("Location").rsplit("/", 1)[1]
    amount = int(sql("SELECT amount_paise FROM bills WHERE id=%s" % bill)[0][0])
    page = c.get("/csc/bills/" + bill)
    r = c.post("/csc/bills/%s/pay" % bill, {"csrf": c.csrf_from(page.text), "idem": "bill-" + bill})
    eq(r.status, 303, "paid")
    eq(sql("SELECT status FROM bills WHERE id=%s" % bill)[0][0], "confirmed", "biller confirmed")
    eq(balance("csc1"), before - amount + 500, "paid from the wallet, Rs 5 commission")
    again = c.post("/csc/bills/%s/pay" % bill, {"csrf": c.csrf_from(page.text), "idem": "bill-" + bill})
    eq((again.status, again.header("Location")), (r.status, r.header("Location")), "a second click lands on the same page")
    eq(balance("csc1"), before - amount + 500, "a second click pays nothing more")
    assert "Print the receipt" in c.get("/csc/bills/" + bill).text
    # a consumer the sandbox biller refuses (ends in 9): refunded automatically.  The
    # wallet is topped up first: other programs of the suite spend csc1's wallet too,
    # and a short wallet refuses the payment before the biller is asked.
    ctl("wallet-topup", "csc1", "300000", "bill-refund-test-" + RUN)
    mid = balance("csc1")
    r = c.form_post("/csc/bills", "/csc/bills", {"biller": "JBVNL", "consumer": "JB%s9" % RUN})
    bill2 = r.header("Location").rsplit("/", 1)[1]
    page = c.get("/csc/bills/" + bill2)
    r = c.post("/csc/bills/%s/pay" % bill2, {"csrf": c.csrf_from(page.text), "idem": "bill-" + bill2})
    eq(r.status, 303, "the payment went to the biller: " + r.text[:300])
    eq(sql("SELECT status FROM bills WHERE id=%s" % bill2)[0][0], "refunded", "refused by the biller")
    eq(balance("csc1"), mid, "the wallet is whole again")
    r = c.form_post("/csc/bills", "/csc/bills", {"biller": "JBVNL", "consumer": "bad consumer!"})
    eq(r.status, 422, "bad consumer number")


def biller_stub(txn, pay_answers=True):
    """A biller's HTTP adapter on a free port that confirms every payment
    with the transaction id txn (with pay_answers False, a payment gets no
    answer the product can read, and only asking its status confirms it);
    (server, url).  Stop it with shutdown()."""
    import http.server
    import json as js
    import threading

    class Stub(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path == "/fetch":
                out = {"found": True, "name": "Stub Consumer", "ref": "STUB-1", "amount_paise": 5000}
            elif self.path == "/pay" and not pay_answers:
                out = {"status": "pending"}
            else:
                out = {"status": "confirmed", "txn": txn}
            body = js.dumps(out).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, "http://127.0.0.1:%d" % srv.server_address[1]


def stub_biller(url):
    """A biller (seeded as the deployment would: no page makes billers)
    speaking through the adapter at url; its code."""
    code = "STUB" + RUN[-5:] + str(len(_stubs))
    _stubs.append(code)
    sql("INSERT INTO billers (code, name_en, name_hi, category, fetch_label_en, fetch_label_hi, fetch_pattern, adapter) "
        "VALUES ('%s', 'Stub biller', 'स्टब बिलर', 'test', 'Number', 'संख्या', '[0-9]{6}', '%s')" % (code, url))
    return code


_stubs = []


def fetch_and_pay(c, code, consumer, idem):
    """As the CSC operator c: fetch consumer's bill from biller code and pay
    it; the bill's id."""
    r = c.form_post("/csc/bills", "/csc/bills", {"biller": code, "consumer": consumer})
    eq(r.status, 303, "fetched: " + r.text[:300])
    bill = r.header("Location").rsplit("/", 1)[1]
    page = c.get("/csc/bills/" + bill)
    eq(c.post("/csc/bills/%s/pay" % bill, {"csrf": c.csrf_from(page.text), "idem": idem + bill}).status, 303, "paid")
    return bill


@test
def biller_transaction_id_cannot_forge_receipt_lines():
    txn = 'T1","consumer":"FORGED\\'   # outside data: quotes and a backslash
    srv, url = biller_stub(txn)
    code = stub_biller(url)
    try:
        c = Client()
        c.login("csc2")
        bill = fetch_and_pay(c, code, "123456", "stub-")
        eq(sql("SELECT status FROM bills WHERE id=%s" % bill)[0][0], "confirmed", "confirmed by the biller")
        eq(sql("SELECT JSON_VALID(details), JSON_LENGTH(details), JSON_VALUE(details, '$.consumer'), "
               "JSON_VALUE(details, '$.biller_txn') = biller_txn FROM receipts r JOIN bills b ON b.id = r.ref "
               "WHERE r.kind='bill' AND r.ref='%s'" % bill),
           [["1", "3", "123456", "1"]], "the receipt's lines hold the biller's id as one string, nothing more")
    finally:
        sql("UPDATE billers SET active = 0 WHERE code = '%s'" % code)
        srv.shutdown()


@test
def bill_left_unconfirmed_is_settled_by_reconciliation():
    srv, url = biller_stub("LATE-1", pay_answers=False)
    code = stub_biller(url)
    try:
        c = Client()
        c.login("csc2")
        before = balance("csc2")
        bill = fetch_and_pay(c, code, "654321", "late-")
        eq(sql("SELECT status FROM bills WHERE id=%s" % bill)[0][0], "paid", "the biller's answer is not known yet")
        eq(balance("csc2"), before - 5000, "debited while it waits")
        sql("UPDATE bills SET paid_at = NOW() - INTERVAL 3 MINUTE WHERE id=%s" % bill)
        p = ctl("pay-reconcile")
        assert "bill-reconcile: " in p.stdout, p.stdout
        eq(sql("SELECT status, biller_txn FROM bills WHERE id=%s" % bill)[0], ["confirmed", "LATE-1"], "confirmed by the job")
        eq(sql("SELECT COUNT(*) FROM receipts WHERE kind='bill' AND ref='%s'" % bill)[0][0], "1", "a receipt")
        eq(sql("SELECT actor_id IS NULL, ip FROM audit_log WHERE entity='bill' AND entity_id='%s' AND action='bill.confirmed'"
               % bill), [["0", "cli"]], "audited for the operator, from the job")
        eq(balance("csc2"), before - 5000 + 500, "and the operator's commission")
    finally:
        sql("UPDATE billers SET active = 0 WHERE code = '%s'" % code)
        srv.shutdown()


@test
def web_topup_credits_a_deposit_slip_once():
    admin = Client()
    admin.login("stateadmin")
    uid = sql("SELECT id FROM users WHERE username='csc1'")[0][0]
    before = balance("csc1")
    ref = 'SBI slip "%s", Daltonganj' % RUN            # a quote and a comma: the CSV must still parse
    r = admin.form_post("/admin/wallets", "/admin/wallets/" + uid, {"rupees": "300", "reference": ref})
    eq((r.status, r.header("Location")), (303, "/admin/wallets?topped=1"), "topped up")
    assert "The wallet was topped up" in admin.get("/admin/wallets?topped=1").text
    r = admin.form_post("/admin/wallets", "/admin/wallets/" + uid, {"rupees": "300", "reference": ref})
    eq(r.header("Location"), "/admin/wallets?repeat=1", "the same slip again")
    assert "already made for this operator" in admin.get("/admin/wallets?repeat=1").text
    eq(balance("csc1"), before + 30000, "credited once")
    # rupees as people type them, paise and all
    r = admin.form_post("/admin/wallets", "/admin/wallets/" + uid, {"rupees": "1,000.50", "reference": ref + " (2)"})
    eq(r.header("Location"), "/admin/wallets?topped=1", "topped up with paise")
    eq(balance("csc1"), before + 30000 + 100050, "₹1,000.50 credited")


@test
def statement_matches_the_ledger():
    import csv as csvmod
    import io
    c = Client()
    c.login("csc1")
    text = c.get("/csc/wallet?from=2020-01-01&to=2030-12-31&format=csv").text
    rows = list(csvmod.reader(io.StringIO(text)))[1:]
    assert all(len(r) == 6 for r in rows), "every row has six cells: %r" % [r for r in rows if len(r) != 6][:2]
    assert any(r[4].startswith('SBI slip "') for r in rows), "the quoted reference survives"
    total = sum(int(r[2]) for r in rows)
    eq(total, balance("csc1"), "CSV rows add up to the balance")
    eq(int(rows[-1][3]), balance("csc1"), "closing balance")
    page = c.get("/csc/wallet?from=2020-01-01&to=2030-12-31")
    assert "Closing balance" in page.text
    pdf = c.get("/csc/wallet?from=2020-01-01&to=2030-12-31&format=pdf")
    assert pdf.body.startswith(b"%PDF")
    eq(c.get("/csc/wallet?from=2030-01-01&to=2020-01-01").status, 400, "reversed dates")
    admin = Client()
    admin.login("stateadmin")
    r = admin.get("/admin/money?day=" + today())
    assert "Every transaction balances" in r.text and "tag green" in r.text
    p = ctl("ledger-verify")
    assert "ledger consistent" in p.stdout, p.stdout


if __name__ == "__main__":
    run()
