"""Panchayat registers: the built-in cash book seeded as a definition, an
entry's life (draft, submitted, verified, signed, returned), no change
after it is in the book, gap-free serials, corrections as new entries that
strike the original, the cash book's balance that never goes negative
(also when two payments race for the last rupees), the daily close,
carry-forward into a new year's book, register-verify finding an edited,
a deleted and a reordered row, and who may see which GP's books.

The demo's Jamune panchayat has a VLE (csc1), its panchayat secretary
(panchayatsewak) and its mukhiya; csc2 is the VLE of Lahlahe."""
import os
import re
import subprocess
import threading

from gs import Client, test, eq, run, ctl, sql, today, fin_year, VAR, api_as

api = api_as


def jamune():
    return int(sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Jamune'")[0][0])


_v = [0]


def cash(receipt=None, payment=None, day=None, submit=True, user="csc1", corrects=None, particulars="Test"):
    """POSTs a cash-book entry; amounts in rupees."""
    _v[0] += 1
    data = {"date": day or today(), "voucher_no": "V%d" % _v[0], "particulars": particulars}
    if receipt is not None:
        data["receipt_cash"] = str(receipt)     # typed rupees (a whole number would be paise)
    if payment is not None:
        data["payment_cash"] = str(payment)
    body = {"data": data, "submit": submit}
    if corrects:
        body["corrects"] = corrects
    return api(user).api("POST", "/registers/CASHBOOK/entries", body)


def ok(r, status=201):
    eq(r.status, status, "status: %r" % r)
    return r.json()


def book(book_id, user="csc1"):
    return ok(api(user).api("GET", "/registers/CASHBOOK/%d" % book_id), 200)


def act(entry, action, user, note=None):
    return api(user).api("POST", "/registers/entries/%d/%s" % (entry, action), {"note": note} if note else {})


def cash_balance(book_id):
    return book(book_id)["balances"].get("cash", 0)


@test
def cash_book_is_seeded_as_a_published_definition():
    d = ok(api("csc1").api("GET", "/registers/definitions/CASHBOOK"), 200)
    eq(d["format"], "gramsewa.register/1", "format")
    eq(d["never_negative"], True, "never negative")
    eq(d["signoff"]["sign"], "mukhiya", "signs")
    eq(d["confirmed"], False, "awaits the department's confirmation")
    p = ctl("register-import", os.path.join(os.path.dirname(__file__), "../../data/registers"), "--publish")
    assert "unchanged" in p.stdout, p.stdout


@test
def entry_goes_draft_submitted_verified_signed():
    e = ok(cash(receipt="1,000.50", submit=False))
    eq(e["status"], "draft", "a draft")
    eq(e["serial"], None, "a draft has no serial")
    # the maker may change a draft
    r = api("csc1").api("POST", "/registers/entries/%d" % e["id"],
                        {"data": {"date": today(), "voucher_no": "D1", "particulars": "Grant", "receipt_cash": "1000.50"}})
    ok(r, 200)
    eq(act(e["id"], "verify", "panchayatsewak").status, 409, "a draft cannot be verified")
    s = ok(act(e["id"], "submit", "csc1"), 200)
    eq(s["status"], "submitted", "submitted")
    assert s["serial"] >= 1 and len(s["hash"]) == 64, s
    eq(act(e["id"], "verify", "csc1").status, 403, "the VLE does not verify")
    eq(act(e["id"], "sign", "mukhiya").status, 409, "not signed before verification")
    eq(ok(act(e["id"], "verify", "panchayatsewak"), 200)["status"], "verified", "verified")
    eq(ok(act(e["id"], "sign", "mukhiya"), 200)["status"], "signed", "signed")
    got = ok(api("csc1").api("GET", "/registers/entries/%d" % e["id"]), 200)
    eq(got["data"]["receipt_cash"], 100050, "kept in paise")
    eq(got["signed_by"], int(sql("SELECT id FROM users WHERE username='mukhiya'")[0][0]), "signed by the mukhiya")


@test
def no_edit_or_delete_once_in_the_book():
    e = ok(cash(receipt=200))
    ok(act(e["id"], "verify", "panchayatsewak"), 200)
    before = sql("SELECT data, hash FROM register_entries WHERE id = %d" % e["id"])
    r = api("csc1").api("POST", "/registers/entries/%d" % e["id"],
                        {"data": {"date": today(), "voucher_no": "X", "particulars": "changed", "receipt_cash": "999"}})
    eq(r.status, 409, "edit after verification: %r" % r)
    assert "correction" in r.json()["error"]["message"], r.text
    eq(act(e["id"], "delete", "csc1").status, 409, "delete after verification")
    eq(sql("SELECT data, hash FROM register_entries WHERE id = %d" % e["id"]), before, "nothing changed")
    # the database refuses it too
    p = subprocess.run(["mariadb", "--no-defaults", "--socket=" + os.path.join(VAR, "run/mariadb.sock"), "gramsewa", "-e",
                        "UPDATE register_entries SET data = '{}' WHERE id = %d" % e["id"]], capture_output=True, text=True)
    assert p.returncode != 0 and "cannot be changed" in p.stderr, p.stderr


@test
def serials_are_gap_free_when_drafts_are_deleted():
    a = ok(cash(receipt=10))
    d = ok(cash(receipt=11, submit=False))
    ok(act(d["id"], "delete", "csc1"), 200)
    b = ok(cash(receipt=12))
    eq(b["serial"], a["serial"] + 1, "next serial after a deleted draft")
    eq(b["book"], a["book"], "same book")
    rows = sql("SELECT serial FROM register_entries WHERE book_id = %d AND serial IS NOT NULL ORDER BY serial" % a["book"])
    eq([int(x[0]) for x in rows], list(range(1, len(rows) + 1)), "serials 1..n")


@test
def a_correction_is_a_new_entry_that_strikes_the_original():
    e = ok(cash(receipt=300))
    ok(act(e["id"], "verify", "panchayatsewak"), 200)
    bal = cash_balance(e["book"])
    c = ok(cash(receipt=250, corrects=e["id"], particulars="Corrected"))
    eq(c["serial"] > e["serial"], True, "the correction takes the next serial")
    bk = book(e["book"])
    rows = {x["id"]: x for x in bk["items"]}
    eq(rows[e["id"]]["struck"], True, "the original is struck")
    eq(rows[e["id"]]["corrected_by"], c["id"], "and points at its correction")
    eq(rows[c["id"]]["corrects"], e["id"], "the correction points at the original")
    eq(bk["balances"]["cash"], bal - 5000, "the balance counts the corrected amount")
    eq(cash(receipt=260, corrects=e["id"]).status, 409, "an original is corrected once")
    eq(sql("SELECT data FROM register_entries WHERE id = %d" % e["id"])[0][0].count("30000"), 1, "the original is kept")
    # the page strikes it through
    w = Client()
    w.login("csc1")
    page = w.get("/registers/CASHBOOK/%d" % e["book"])
    eq(page.status, 200, "book page")
    m = re.search(r'<tr id="entry-%d" class="struck">(.*?)</tr>' % e["id"], page.text, re.S)
    assert m and "<del>" in m.group(1), "original shown struck through"
    # the CSV keeps both rows and says which corrects which
    csv = w.get("/registers/CASHBOOK/%d/csv" % e["book"])
    eq(csv.status, 200, "csv")
    import csv as csvmod
    rows = {r[0]: r for r in csvmod.reader(csv.text.splitlines())}
    eq(rows["serial"][:5], ["serial", "date", "status", "corrects", "corrected_by"], "header")
    eq(rows[str(e["serial"])][4], str(c["serial"]), "the original names its correction")
    eq(rows[str(c["serial"])][3], str(e["serial"]), "the correction names its original")
    assert "300" in rows[str(e["serial"])] and "250" in rows[str(c["serial"])], "amounts in rupees"


@test
def cash_book_balance_never_goes_negative():
    e = ok(cash(receipt=50))
    bal = cash_balance(e["book"])
    n = sql("SELECT COUNT(*) FROM register_entries")[0][0]
    r = cash(payment="%d.01" % (bal // 100 + 1))
    eq(r.status, 409, "payment beyond the balance: %r" % r)
    eq(r.json()["error"]["message"], "This entry would take the balance below zero", "message")
    eq(sql("SELECT COUNT(*) FROM register_entries")[0][0], n, "nothing written")
    eq(cash_balance(e["book"]), bal, "balance unchanged")


@test
def two_payments_racing_for_the_last_rupees_one_wins():
    e = ok(cash(receipt=75))
    bal = cash_balance(e["book"])
    rupees = "%d.%02d" % (bal // 100, bal % 100)
    clients = [Client(), Client()]
    for c in clients:
        c.api_login("csc1")
    results = []
    gate = threading.Barrier(2)

    def pay(c):
        gate.wait()
        results.append(c.api("POST", "/registers/CASHBOOK/entries",
                             {"data": {"date": today(), "voucher_no": "RACE", "particulars": "race", "payment_cash": rupees},
                              "submit": True}).status)

    ts = [threading.Thread(target=pay, args=(c,)) for c in clients]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    eq(sorted(results), [201, 409], "one payment wins")
    eq(cash_balance(e["book"]), 0, "the balance is exactly zero")


@test
def bad_answers_get_422_and_change_nothing():
    n = sql("SELECT COUNT(*) FROM register_entries")[0][0]
    r = api("csc1").api("POST", "/registers/CASHBOOK/entries",
                        {"data": {"date": "2026-02-30", "voucher_no": "", "particulars": "x", "receipt_cash": "abc"}})
    eq(r.status, 422, "bad answers: %r" % r)
    fields = r.json()["error"]["fields"]
    for f in ("date", "voucher_no", "receipt_cash"):
        assert f in fields, "%s not named: %r" % (f, fields)
    eq(api("csc1").api("POST", "/registers/CASHBOOK/entries", {"data": "not an object"}).status, 422, "data must be an object")
    eq(api("csc1").api("POST", "/registers/NOSUCH/entries", {"data": {}}).status, 404, "unknown register")
    eq(sql("SELECT COUNT(*) FROM register_entries")[0][0], n, "nothing written")


@test
def returned_entry_gives_its_amount_back_and_stays_in_the_book():
    e = ok(cash(receipt=40))
    bal = cash_balance(e["book"])
    eq(act(e["id"], "return", "panchayatsewak").status, 422, "a return needs a reason")
    ok(act(e["id"], "return", "panchayatsewak", note="wrong voucher"), 200)
    eq(cash_balance(e["book"]), bal - 4000, "its amount no longer counts")
    eq(sql("SELECT status, serial IS NOT NULL FROM register_entries WHERE id = %d" % e["id"])[0], ["returned", "1"],
       "kept in the book, returned")
    eq(cash(receipt=41, corrects=e["id"]).status, 409, "a returned entry is not corrected")


@test
def vle_of_another_gp_cannot_see_or_write_the_book():
    e = ok(cash(receipt=5))
    eq(api("csc2").api("GET", "/registers/CASHBOOK/%d" % e["book"]).status, 404, "another GP's book")
    eq(api("csc2").api("GET", "/registers/entries/%d" % e["id"]).status, 404, "another GP's entry")
    r = api("csc2").api("POST", "/registers/CASHBOOK/entries",
                        {"gp": jamune(), "data": {"date": today(), "voucher_no": "Z", "particulars": "z", "receipt_cash": "1"}})
    assert r.status in (403, 404), r
    eq(act(e["id"], "verify", "csc2").status, 404, "nor act on it")
    listed = [b["id"] for b in api("csc2").api("GET", "/registers").json()["items"]]
    assert e["book"] not in listed, "listed to another GP's VLE"
    assert e["book"] in [b["id"] for b in api("bi").api("GET", "/registers").json()["items"]], "the BI watches it"
    w = Client()
    w.login("bi")
    health = w.get("/registers").text
    m = re.search(r'<table id="health">.*?</table>', health, re.S)
    assert m and "Jamune" in m.group(0), "the BI sees Jamune's register health"
    eq(api("bi").api("GET", "/registers/CASHBOOK/%d" % e["book"]).status, 200, "the BI sees it")
    eq(act(e["id"], "verify", "bi").status, 403, "the BI does not verify")


@test
def daily_close_refuses_entries_of_closed_days():
    day = today(-20)
    if fin_year(day) != fin_year(today()):
        return
    e = ok(cash(receipt=20, day=day))
    r = api("panchayatsewak").api("POST", "/registers/books/%d/close-day" % e["book"], {"day": day})
    eq(r.status, 409, "a submitted entry of that day waits: %r" % r)
    ok(act(e["id"], "verify", "panchayatsewak"), 200)
    eq(api("csc1").api("POST", "/registers/books/%d/close-day" % e["book"], {"day": day}).status, 403, "the VLE does not close")
    eq(api("panchayatsewak").api("POST", "/registers/books/%d/close-day" % e["book"], {"day": today(1)}).status, 422, "not the future")
    ok(api("panchayatsewak").api("POST", "/registers/books/%d/close-day" % e["book"], {"day": day}), 200)
    eq(cash(receipt=1, day=day).status, 409, "closed day")
    eq(cash(receipt=1, day=today(-21)).status, 409, "an earlier day")
    ok(cash(receipt=1))


@test
def new_year_book_opens_with_last_years_closing_balance():
    last = today(-400)
    r = cash(receipt="1234.50", day=last, user="csc2")
    e = ok(r)
    prev = ok(api("csc2").api("GET", "/registers/CASHBOOK/%d" % e["book"]), 200)
    eq(prev["fy"], fin_year(last), "last year's book")
    # this year's book is opened by its first entry
    cur = ok(cash(receipt=1, user="csc2"))
    assert cur["book"] != e["book"]
    now = ok(api("csc2").api("GET", "/registers/CASHBOOK/%d" % cur["book"]), 200)
    eq(now["opening"]["cash"], prev["balances"]["cash"], "carried forward")
    eq(now["balances"]["cash"], prev["balances"]["cash"] + 100, "and added to")


def recreate_triggers():
    text = open(os.path.join(os.path.dirname(__file__), "../../sql/053_registers.sql"), encoding="utf-8").read()
    script = "DELIMITER //\n" + "\n".join(m + "//" for m in re.findall(r"CREATE TRIGGER.*?END IF;", text, re.S))
    p = subprocess.run(["mariadb", "--no-defaults", "--socket=" + os.path.join(VAR, "run/mariadb.sock"), "gramsewa"],
                       input=script, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


def verify_says():
    p = ctl("register-verify", check=False)
    return p.returncode, p.stdout + p.stderr


@test
def register_verify_finds_edited_deleted_and_reordered_rows():
    ids = [ok(cash(receipt=30 + i))["id"] for i in range(3)]
    bk = int(sql("SELECT book_id FROM register_entries WHERE id = %d" % ids[0])[0][0])
    rc, out = verify_says()
    eq(rc, 0, "intact: " + out)
    sql("DROP TRIGGER register_entries_frozen; DROP TRIGGER register_entries_kept")
    try:
        # an amount edited in place
        sql("UPDATE register_entries SET data = REPLACE(data, '3000', '9000') WHERE id = %d" % ids[0])
        rc, out = verify_says()
        assert rc == 1 and "book %d" % bk in out and "(hash)" in out, out
        sql("UPDATE register_entries SET data = REPLACE(data, '9000', '3000') WHERE id = %d" % ids[0])
        eq(verify_says()[0], 0, "restored")
        # two rows swapped
        s0, s1 = [int(sql("SELECT serial FROM register_entries WHERE id = %d" % i)[0][0]) for i in ids[:2]]
        sql("UPDATE register_entries SET serial = 0 WHERE id = %d; UPDATE register_entries SET serial = %d WHERE id = %d; "
            "UPDATE register_entries SET serial = %d WHERE id = %d" % (ids[0], s0, ids[1], s1, ids[0]))
        rc, out = verify_says()
        assert rc == 1 and "book %d" % bk in out, out
        sql("UPDATE register_entries SET serial = 0 WHERE id = %d; UPDATE register_entries SET serial = %d WHERE id = %d; "
            "UPDATE register_entries SET serial = %d WHERE id = %d" % (ids[1], s0, ids[0], s1, ids[1]))
        eq(verify_says()[0], 0, "restored")
        # a row deleted from the middle
        sql("CREATE TABLE gone AS SELECT * FROM register_entries WHERE id = %d; DELETE FROM register_entries WHERE id = %d"
            % (ids[1], ids[1]))
        rc, out = verify_says()
        assert rc == 1 and "book %d" % bk in out and "(gap)" in out, out
        sql("INSERT INTO register_entries SELECT * FROM gone; DROP TABLE gone")
        eq(verify_says()[0], 0, "restored")
        # the last row deleted
        sql("CREATE TABLE gone AS SELECT * FROM register_entries WHERE id = %d; DELETE FROM register_entries WHERE id = %d"
            % (ids[2], ids[2]))
        rc, out = verify_says()
        assert rc == 1 and "(head)" in out, out
        sql("INSERT INTO register_entries SELECT * FROM gone; DROP TABLE gone")
    finally:
        recreate_triggers()
    eq(verify_says()[0], 0, "intact again")


@test
def keeper_enters_through_the_page():
    w = Client()
    w.login("csc1")
    r = w.get("/registers")
    eq(r.status, 200, "list")
    assert "/registers/CASHBOOK/new" in r.text, "the keeper may open the cash book"
    r = w.get("/registers/CASHBOOK/new")
    eq(r.status, 303, "this year's book is open already")
    page = r.header("Location")
    r = w.form_post(page, page, {"f_date": today(), "f_voucher_no": "PAGE1", "f_particulars": "Page receipt",
                                 "f_receipt_cash": "12.50", "submit": "1"})
    eq(r.status, 303, "saved: " + r.text[:300])
    eid = int(r.header("Location").rsplit("/", 1)[1])
    eq(sql("SELECT status, JSON_VALUE(data, '$.receipt_cash') FROM register_entries WHERE id = %d" % eid)[0],
       ["submitted", "1250"], "submitted in paise")
    r = w.form_post(page, page, {"f_date": today(), "f_voucher_no": "", "f_particulars": "x", "f_receipt_cash": "x", "submit": "1"})
    eq(r.status, 422, "problems shown on the page")
    assert "Enter an amount in rupees" in r.text, "amount message"
    s = Client()
    s.login("panchayatsewak")
    r = s.form_post("/registers/entry/%d" % eid, "/registers/entry/%d" % eid, {"action": "verify"})
    eq(r.status, 303, "verified from the page")
    eq(sql("SELECT status FROM register_entries WHERE id = %d" % eid)[0][0], "verified", "verified")


@test
def year_end_close_signs_the_book_and_closes_it():
    import hashlib
    last = today(-400)
    e = ok(cash(receipt=99, day=last))
    d = ok(cash(receipt=5, day=last, submit=False))
    eq(api("panchayatsewak").api("POST", "/registers/books/%d/close-year" % e["book"], {}).status, 409,
       "entries still wait")
    ok(act(d["id"], "delete", "csc1"), 200)
    ok(act(e["id"], "verify", "panchayatsewak"), 200)
    eq(api("csc1").api("POST", "/registers/books/%d/close-year" % e["book"], {}).status, 403, "the VLE does not close")
    cur = ok(cash(receipt=1))
    ok(act(cur["id"], "verify", "panchayatsewak"), 200)
    eq(api("panchayatsewak").api("POST", "/registers/books/%d/close-year" % cur["book"], {}).status, 409, "this year runs")
    ctl("ca", "issue", "--user", "panchayatsewak", check=False)
    r = ok(api("panchayatsewak").api("POST", "/registers/books/%d/close-year" % e["book"], {}), 200)
    eq(r["status"], "closed", "closed")
    eq(cash(receipt=1, day=last).status, 409, "no entry joins a closed book")
    eq(api("panchayatsewak").api("POST", "/registers/books/%d/close-year" % e["book"], {}).status, 409, "closed once")
    w = Client()
    w.login("bi")
    pdf = w.get("/registers/CASHBOOK/%d/pdf" % e["book"])
    eq(pdf.status, 200, "the BI reads the book")
    assert pdf.body.startswith(b"%PDF") and b"/ByteRange" in pdf.body, "a signed PDF"
    eq(hashlib.sha256(pdf.body).hexdigest(), r["pdf_sha256"], "the stored book, byte for byte")
    path = os.path.join(VAR, "closed-book.pdf")
    open(path, "wb").write(pdf.body)
    p = ctl("verify", path, check=False)
    assert "Ramesh" in p.stdout + p.stderr or p.returncode == 0, "signature: %s %s" % (p.stdout, p.stderr)
    txt = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True)
    if txt.returncode == 0:
        assert "Page / पृष्ठ 1 / 1" in txt.stdout or "1 / 1" in txt.stdout, txt.stdout[:500]
        assert "Closed and signed by" in txt.stdout, txt.stdout[-500:]
    eq(api("csc2").api("GET", "/registers/CASHBOOK/%d" % e["book"]).status, 404, "another GP's VLE")
    eq(Client().get("/registers/CASHBOOK/%d/pdf" % e["book"]).status, 303, "log-in first")


def upload(client, text, publish):
    """POSTs a definition file to the designer's import (multipart)."""
    page = client.get("/admin/registers")
    b = "REGBOUNDARY"
    fields = {"csrf": client.csrf_from(page.text)}
    if publish:
        fields["publish"] = "1"
    parts = [("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode() for k, v in fields.items()]
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.json\"\r\n"
                  "Content-Type: application/json\r\n\r\n" % b).encode() + text.encode() + b"\r\n--" + b.encode() + b"--\r\n")
    return client.request("POST", "/admin/registers/import", body=b"".join(parts), ctype="multipart/form-data; boundary=" + b)


@test
def designer_imports_previews_publishes_and_exports_versions():
    import json
    admin = Client()
    admin.login("stateadmin")
    d = json.load(open(os.path.join(os.path.dirname(__file__), "../../data/registers/10_dak_in.json"), encoding="utf-8"))
    d["code"] = "TESTDAK"
    bad = dict(d, totals=["subject"])
    r = upload(admin, json.dumps(bad), True)
    eq(r.status, 422, "refused definition")
    assert "totals: &#39;subject&#39; is not a number column" in r.text or "totals: 'subject' is not a number column" in r.text, \
        r.text[:2000]
    eq(sql("SELECT COUNT(*) FROM register_defs WHERE code = 'TESTDAK'")[0][0], "0", "nothing stored")
    eq(upload(admin, json.dumps(d), True).status, 303, "imported and published")
    e = ok(api("csc1").api("POST", "/registers/TESTDAK/entries", {"data": {"date": today(), "party": "Block office",
                                                                          "subject": "Circular"}, "submit": True}))
    # a second version as a draft: the book keeps its version until published, and after
    d["columns"].append({"name": "pages", "type": "number", "label": {"en": "Pages", "hi": "पृष्ठ"}, "min": 1, "max": 500})
    eq(upload(admin, json.dumps(d), False).status, 303, "a draft version")
    eq(upload(admin, json.dumps(d), False).status, 409, "the same text again")
    page = admin.get("/admin/registers")
    assert "TESTDAK" in page.text and "Draft" in page.text, "listed with its draft"
    pre = admin.get("/admin/registers/TESTDAK/preview?version=2")
    eq(pre.status, 200, "preview")
    assert 'name="f_pages"' in pre.text and "Save and submit" not in pre.text, "the form, without saving"
    exp = admin.get("/admin/registers/TESTDAK/export?version=2")
    eq(exp.status, 200, "export")
    eq(json.loads(exp.body)["columns"][-1]["name"], "pages", "the draft's columns")
    eq(api("csc1").api("GET", "/registers/definitions/TESTDAK").json()["columns"][-1]["name"], "disposal",
       "the draft is not in force")
    r = admin.form_post("/admin/registers", "/admin/registers/TESTDAK/publish", {})
    eq(r.status, 303, "published")
    eq(api("csc1").api("GET", "/registers/definitions/TESTDAK").json()["columns"][-1]["name"], "pages", "in force")
    eq(sql("SELECT v.version FROM register_books b JOIN register_versions v ON v.id = b.version_id WHERE b.id = %d" % e["book"])[0][0],
       "1", "the open book keeps the version it opened with")
    eq(sql("SELECT GROUP_CONCAT(status ORDER BY version) FROM register_versions v JOIN register_defs d ON d.id = v.def_id "
           "WHERE d.code = 'TESTDAK'")[0][0], "superseded,published", "versions")
    eq(admin.form_post("/admin/registers", "/admin/registers/TESTDAK/publish", {}).status, 404, "no draft left")


run()
