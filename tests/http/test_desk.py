"""The officer's desk and printed documents as people read them (issue 12,
items 5, 6, 9): answers as a summary list (one row per family member,
money in rupees with Indian grouping), documents by their names with a
preview link, dates as "8 January 2027"; "Are you sure?" pages before a
rejection or a revocation, which change nothing until yes (retiring a
service asks on the designer's own page: test_designer); dates typed in
Day/Month/Year boxes; receipts, statements, certificates and
acknowledgements that say the right thing."""
import datetime
import hashlib
import hmac
import os
import re
import subprocess
import tempfile
import time

from gs import Client, test, eq, run, sql, VAR
from lifecycle import (file_app, definition, answers_for, walk_to_approval, page_fields, file_online, pay_through_sandbox,
                       act, officer)

RUN = str(int(time.time() * 1000) % 10000000)
CIRCLE = [("karmachari", "karmachari"), ("ci", "ci"), ("co", "co")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def web(username):
    c = Client()
    c.login(username)
    return c


def long_date(day):
    """date_long's English: 8 January 2027."""
    return "%d %s %d" % (day.day, MONTHS[day.month - 1], day.year)


def status_of(number):
    return sql("SELECT status FROM applications WHERE number='%s'" % number)[0][0]


def inc_with_family():
    d = definition("INC")
    ans = answers_for(d)
    ans["annual_income"] = "120000"
    ans["family"] = [{"name": "Ramesh Kumar", "relation": "father", "income": "45000"},
                     {"name": "Sunita Devi", "relation": "mother", "income": "75000"}]
    number, _ = file_app("INC", fields=ans)
    return number


def answers_section(html):
    m = re.search(r'<h2[^>]*>[^<]*</h2>\s*<dl class="summary answers">(.*?)</dl>', html, re.S)
    assert m, "an answers summary list on the page"
    return m.group(1)


@test
def desk_shows_family_members_one_row_each_and_money_in_rupees():
    number = inc_with_family()
    r = web("karmachari").get("/desk/app/" + number)
    eq(r.status, 200, "desk page")
    ans = answers_section(r.text)
    assert "{" not in ans and "[" not in ans, "no JSON in the answers: %s" % ans[:300]
    assert "₹1,20,000" in ans, "annual income in rupees with Indian grouping"
    rows = re.findall(r"<dt>([^<]*)</dt>\s*<dd>(.*?)</dd>", ans, re.S)
    family = [dd for dt, dd in rows if "Family members who earn" in dt]
    eq(len(family), 2, "one row per family member")
    assert "Ramesh Kumar" in family[0] and "Father" in family[0] and "₹45,000" in family[0], family[0]
    assert "Sunita Devi" in family[1] and "Mother" in family[1] and "₹75,000" in family[1], family[1]


@test
def desk_names_documents_and_links_each_to_a_preview():
    number = inc_with_family()
    r = web("karmachari").get("/desk/app/" + number)
    eq(r.status, 200, "desk page")
    d = definition("INC")
    for doc in d["documents"]:
        if doc["required"]:
            m = re.search(r'<a href="/locker/(\d+)\?inline=1"[^>]*>%s</a>' % re.escape(doc["label"]["en"]), r.text)
            assert m, "document %r named and linked to its preview" % doc["label"]["en"]
            p = web("karmachari").get("/locker/%s?inline=1" % m.group(1))
            eq(p.status, 200, "preview opens")
            assert "inline" in (p.header("Content-Disposition") or ""), "shown in the browser, not downloaded"
    assert not re.search(r">\s*%s\s*:" % d["documents"][0]["code"], r.text), "no document codes"


@test
def desk_dates_read_as_people_write_them():
    number = inc_with_family()
    r = web("karmachari").get("/desk/app/" + number)
    today = datetime.datetime.utcnow() + datetime.timedelta(hours=5, minutes=30)
    assert re.search(re.escape(long_date(today)) + r", \d\d:\d\d", r.text), "submitted: %s, HH:MM" % long_date(today)
    assert not re.search(r"\d{4}-\d\d-\d\d", r.text), "no YYYY-MM-DD dates on the desk page"
    q = web("karmachari").get("/desk")
    assert not re.search(r"\d{4}-\d\d-\d\d", q.text), "no YYYY-MM-DD dates in the queue"


@test
def reject_asks_are_you_sure_and_changes_nothing_until_yes():
    number, _ = file_app("INC")
    k = web("karmachari")
    page = k.get("/desk/app/" + number)
    form = {"csrf": k.csrf_from(page.text), "action": "reject", "remarks": "No income proof on record",
            "ooo_reason": "taken out of turn for the test"}
    r = k.post("/desk/app/" + number, form)
    eq(r.status, 200, "the question, not the decision")
    assert "Are you sure you want to reject application %s?" % number in r.text, "the question"
    assert "No income proof on record" in r.text, "the remarks shown back"
    assert 'name="confirm" value="yes"' in r.text, "a yes button"
    assert 'href="/desk/app/%s' % number in r.text, "a way back"
    eq(status_of(number), "pending", "nothing changed yet")
    form["confirm"] = "yes"
    r = k.post("/desk/app/" + number, form)
    eq(r.status, 303, "rejected on yes")
    eq(status_of(number), "rejected", "rejected")


@test
def reject_without_remarks_shows_the_error_not_the_question():
    number, _ = file_app("INC")
    k = web("karmachari")
    page = k.get("/desk/app/" + number)
    r = k.post("/desk/app/" + number, {"csrf": k.csrf_from(page.text), "action": "reject", "remarks": "",
                                       "ooo_reason": "taken out of turn for the test"})
    eq(r.status, 422, "refused on the desk page")
    assert "Are you sure" not in r.text, "no question for an action that would be refused"
    eq(status_of(number), "pending", "unchanged")


@test
def revoke_asks_are_you_sure_and_changes_nothing_until_yes():
    number, _ = file_app("INC")
    cert = walk_to_approval(number, CIRCLE)["certificate"]["number"]
    co = web("co")
    page = co.get("/desk/app/" + number)
    eq(page.status, 200, "desk page")
    form = {"csrf": co.csrf_from(page.text), "reason": "Issued on a forged income proof"}
    r = co.post("/desk/cert/%s/revoke" % cert, form)
    eq(r.status, 200, "the question, not the revocation")
    assert "Are you sure you want to revoke certificate %s?" % cert in r.text, "the question"
    assert "Issued on a forged income proof" in r.text, "the reason shown back"
    eq(sql("SELECT status FROM certificates WHERE number='%s'" % cert)[0][0], "valid", "still valid")
    form["confirm"] = "yes"
    r = co.post("/desk/cert/%s/revoke" % cert, form)
    eq(r.status, 303, "revoked on yes")
    eq(sql("SELECT status FROM certificates WHERE number='%s'" % cert)[0][0], "revoked", "revoked")


def apply_with_date(day, month, year, save=True):
    """csc1 saves (or files) a BRT draft on the apply page with the date of
    birth typed in its three boxes; returns the answer."""
    c = web("csc1")
    page = c.get("/apply/BRT")
    eq(page.status, 200, "apply page")
    d = definition("BRT")
    form = {"csrf": c.csrf_from(page.text), "idem": re.search(r'name="idem" value="([^"]+)"', page.text).group(1),
            "applicant_mobile": "9000000001", "save" if save else "submit": "1"}
    form.update(page_fields(d, answers_for(d)))
    del form["f_birth_date"]
    form.update({"f_birth_date-day": day, "f_birth_date-month": month, "f_birth_date-year": year})
    return c.post("/apply/BRT", form)


@test
def dates_are_typed_in_day_month_and_year_boxes():
    r = apply_with_date("5", "3", "2024")
    eq(r.status, 303, "draft saved: %r" % r)
    draft, form = sql("SELECT id, JSON_UNQUOTE(JSON_EXTRACT(form, '$.birth_date')) FROM applications "
                      "WHERE status='draft' ORDER BY id DESC LIMIT 1")[0]
    eq(form, "2024-03-05", "stored as one date")
    # the date's own question page shows it again in its three boxes
    page = web("csc1").get("/my/drafts/%s?step=birth_date" % draft).text
    assert 'type="date"' not in page, "no browser date picker"
    for part, label, v in (("day", "Day", "5"), ("month", "Month", "3"), ("year", "Year", "2024")):
        box = "f-f_birth_date" if part == "day" else "f-f_birth_date-" + part
        assert re.search(r'<label for="%s">%s</label><input[^>]*name="f_birth_date-%s" value="%s"[^>]*inputmode="numeric"'
                         % (box, label, part, v), page), "a labelled %s box" % part


@test
def a_date_that_is_not_real_is_refused_on_its_boxes_as_typed():
    r = apply_with_date("31", "2", "2024", save=False)
    eq(r.status, 422, "refused")
    assert 'href="#f-f_birth_date"' in r.text, "the error summary links to the day box"
    for part, v in (("day", "31"), ("month", "2"), ("year", "2024")):
        assert re.search(r'name="f_birth_date-%s" value="%s"' % (part, v), r.text), "the %s as typed" % part


@test
def no_page_asks_for_a_date_with_the_browser_picker():
    pages = [("csc1", "/csc/wallet", "from"), ("csc1", "/attendance/leave", "from"), ("stateadmin", "/dash", "from"),
             ("stateadmin", "/admin/money", "day"), ("stateadmin", "/admin/users/new", "dob"), ("bi", "/attendance", "day")]
    for who, path, name in pages:
        html = web(who).get(path).text
        assert 'type="date"' not in html, "%s: a browser date picker" % path
        for part in ("day", "month", "year"):
            assert 'name="%s-%s"' % (name, part) in html, "%s: the %s box of %s" % (path, part, name)
    # the boxes read as one date: the passbook for November 2026
    r = web("csc1").get("/csc/wallet?from-day=1&from-month=11&from-year=2026&to-day=30&to-month=11&to-year=2026")
    eq(r.status, 200, "passbook")
    assert "1 November 2026" in r.text, "the period typed in boxes"


def pdf_pages(body, layout=False):
    """The text of each page of a PDF (pdftotext; in reading order, or laid
    out as printed), in order."""
    f = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
    try:
        f.write(body)
        f.close()
        n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout).group(1))
        return [subprocess.run(["pdftotext"] + (["-layout"] if layout else []) + ["-f", str(i), "-l", str(i), f.name, "-"],
                               capture_output=True, text=True).stdout for i in range(1, n + 1)]
    finally:
        os.unlink(f.name)


@test
def receipt_pdf_says_what_was_paid_by_whom_and_for_what():
    mobile = "98111" + RUN.rjust(5, "0")[-5:]
    web_c, api, number = file_online(mobile)
    order, ret, back = pay_through_sandbox(web_c, {"app": number})
    eq(back.status, 303, "paid")
    rno, amount = sql("SELECT receipt_no, amount_paise FROM receipts WHERE ref='%s'" % order)[0]
    r = web_c.get("/receipts/%s/pdf" % rno)
    eq(r.status, 200, "receipt PDF")
    text = "\n".join(pdf_pages(r.body))
    flat = " ".join(text.split())
    for s in ("Receipt No.", rno, "Date and time of payment", "Amount paid", "Received from", mobile,
              "Fee for application %s" % number, "Income Certificate", "Rupees", "Only", "Online payment"):
        assert s in flat, "receipt says %r" % s
    rupees = int(amount) // 100
    assert ("₹%s" % "{:,}".format(rupees)) in flat or ("₹%d" % rupees) in flat, "amount with the rupee sign"
    for s in ("Application No.", "Date of Application", "Service Due By", "Rs "):
        assert s not in text, "no %r on a receipt" % s
    for word in ("payment", "order", "application", "topup", "bill"):
        assert word not in text.split("\n"), "no raw %r on a line of its own" % word
    # the receipt's own page says when, as people write it
    page = Client().get(receipt_check_path(rno, amount))
    assert "Genuine receipt" in page.text and re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d", page.text), page.text[:500]
    # out of the karmachari's Tatkal stack again: later tests count on finding it empty
    r = act(officer("karmachari"), number, "reject", remarks="receipt test done", out_of_order_reason="clearing a test's application")
    eq(r.status, 200, "cleared: %r" % r)


def receipt_check_path(rno, amount):
    """The address the receipt's QR code holds (its check page)."""
    key = open(os.path.join(VAR, "gramsewa.conf")).read().split("pay_key = ")[1].split("\n")[0].strip()
    mac = hmac.new(key.encode(), ("receipt|%s|%s" % (rno, amount)).encode(), hashlib.sha256).hexdigest()
    return "/receipt/%s?s=%s" % (rno, mac)


@test
def wallet_statement_is_a_table_of_its_own_without_blank_pages():
    c = web("csc1")
    r = c.get("/csc/wallet?from=2020-01-01&to=2030-12-31&format=pdf")
    eq(r.status, 200, "statement PDF")
    pages = pdf_pages(r.body, layout=True)
    for i, p in enumerate(pages):
        assert p.strip(), "page %d of %d is blank" % (i + 1, len(pages))
    text = "\n".join(pages)
    for s in ("Wallet statement", "Opening balance", "Closing balance", "Date", "Particulars", "Debit", "Credit", "Balance",
              "Period", "1 January 2020"):
        assert s in text, "statement says %r" % s
    for s in ("Application No.", "Date of Application", "Service Due By", "Scan to track"):
        assert s not in text, "no %r on a statement" % s
    closing = int(sql("SELECT IFNULL(SUM(e.amount_paise),0) FROM ledger_entries e JOIN accounts a ON a.id=e.account_id "
                      "WHERE a.kind='wallet' AND a.user_id=(SELECT id FROM users WHERE username='csc1')")[0][0])
    last = pages[-1]
    m = re.search(r"Closing balance\s+(\S+)", " ".join(last.split()))
    assert m, "closing balance on the last page"
    rupees = "₹{:,}".format(closing // 100).replace(",", "")
    eq(m.group(1).replace(",", "").split(".")[0], rupees, "closing balance")


@test
def certificate_prints_labels_money_in_words_and_places_in_hindi():
    d = definition("INC")
    ans = answers_for(d)
    ans["annual_income"] = "60000"
    number, _ = file_app("INC", fields=ans)
    out = walk_to_approval(number, CIRCLE)
    cert = out["certificate"]["number"]
    r = web("co").get("/certificates/%s/pdf" % cert)
    eq(r.status, 200, "certificate PDF")
    flat = " ".join("\n".join(pdf_pages(r.body)).split())
    for s in ("Annual income of the family", "₹60,000", "Rupees Sixty Thousand Only", "साठ हज़ार रुपये मात्र", "Address",
              "पलामू"):
        assert s in flat, "certificate says %r" % s
    for s in ("Village where you live", "60000 ", "Total family income in a year"):
        assert s not in flat, "no %r on a certificate" % s
    assert re.search(r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) "
                     r"\d{4}", flat), "issue date as people write it"


@test
def acknowledgement_names_the_channel_and_dates_in_words():
    number, filer = file_app("INC")
    r = web("csc1").get("/my/app/%s/ack.pdf" % number)
    eq(r.status, 200, "acknowledgement PDF")
    flat = " ".join("\n".join(pdf_pages(r.body)).split())
    assert "Channel" not in flat and " csc " not in flat, "no raw channel code"
    assert "CSC" in flat, "filed through a CSC"
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d", flat), "date of application as people write it"


run()
