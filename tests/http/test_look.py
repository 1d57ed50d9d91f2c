"""test_look.py — what a person saw on the pages built last stop, kept
from coming back: a register book and entry name their gram panchayat in
Hindi too (the LGD has no Hindi name for most GPs: the English one
stands in), and register health says 0 days since an entry made today
(it said "—", no entry); a returned entry says what to do next and links to the new
entry form, which the link can reach; a ticket's thread in Hindi reads
"<name> ने टिकट दर्ज किया" (no colon between the name and ने); the
training month says "no trainings" without an empty table under it, and
a place without amenities shows no empty map box; the
call centre gives an application's status in words of the page's
language ("pending" was printed raw on the Hindi page); the Jan Samvad
call screen asks its questions before the call's outcome (the outcome,
"choose completed only when every question is answered", came first); the
MPR PDF gives every column room for its longest word ("Jamune" was
broken "Jamun / e" in a 30 pt place column, "Grievanc / es" in a
heading); a certified register extract, a bilingual certificate, gives
a choice, a date and the entry's status in both languages ("Ordinary",
"Yes", "Signed" were English only).  Layout at 360 px is
tests/browser/test_look.js."""
import os
import re
import subprocess
import tempfile
import time

from gs import Client, test, eq, run, sql, today, fin_year, api_as, ctl
from lifecycle import file_app, officer, act as app_act, village

RUN = str(int(time.time() * 1000) % 10000000)


def jamune():
    return int(sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Jamune'")[0][0])


def jamune_hi():
    return sql("SELECT IFNULL(name_hi, name_en) FROM locations WHERE id = %d" % jamune())[0][0]


def page(user, path, lang="en"):
    c = Client()
    c.login(user)
    c.cookies["lang"] = lang
    r = c.get(path)
    eq(r.status, 200, "GET %s" % path)
    return r


def cash_entry(particulars):
    r = api_as("csc1").api("POST", "/registers/CASHBOOK/entries",
                           {"data": {"date": today(), "voucher_no": "L" + RUN, "particulars": particulars,
                                     "receipt_cash": "10"}, "submit": True})
    eq(r.status, 201, "entry: %r" % r)
    return r.json()


@test
def register_book_and_entry_name_their_gram_panchayat_in_hindi():
    e = cash_entry("Look " + RUN)
    want = "<strong>%s</strong>" % jamune_hi()
    book = page("csc1", "/registers/CASHBOOK/%d" % e["book"], "hi").text
    assert want in book, "the book names its GP in Hindi: " + re.sub(r"\s+", " ", book)[:600]
    entry = page("csc1", "/registers/entry/%d" % e["id"], "hi").text
    assert "— %s, " % jamune_hi() in entry, "the entry's link back names the GP"
    # register health: an entry made today is 0 days ago, not "—" (no entry)
    health = page("bi", "/registers").text
    assert re.search(r"<tr><td>Jamune</td><td>\d+</td><td>0</td>", health), "0 days since the last entry: " + \
        re.sub(r"\s+", " ", health[health.find('id="health"'):])[:500]


@test
def a_returned_entry_says_what_to_do_and_links_to_the_new_entry_form():
    e = cash_entry("Returned " + RUN)
    r = api_as("panchayatsewak").api("POST", "/registers/entries/%d/return" % e["id"], {"note": "Voucher missing"})
    eq(r.status, 200, "returned: %r" % r)
    entry = page("csc1", "/registers/entry/%d" % e["id"]).text
    m = re.search(r'<p id="returned-next">(.*?)</p>', entry, re.S)
    assert m, "the returned entry says what to do next"
    assert 'href="/registers/CASHBOOK/%d#new"' % e["book"] in m.group(1), "with a link to the new entry form: " + m.group(1)
    assert 'id="new"' in page("csc1", "/registers/CASHBOOK/%d" % e["book"]).text, "which the link can reach"
    # an entry in the book is not told so
    kept = cash_entry("Kept " + RUN)
    assert 'id="returned-next"' not in page("csc1", "/registers/entry/%d" % kept["id"]).text, "only a returned entry"


@test
def ticket_thread_in_hindi_puts_ne_right_after_the_name():
    r = api_as("csc1").api("POST", "/tickets", {"type": "TECH_HW_PRINTER", "location": jamune(), "subject": "Look " + RUN,
                                                "answers": {"printer_model": "HP", "under_warranty": "no"},
                                                "body": "The printer jams on every page. " + RUN})
    eq(r.status, 201, "raised: %r" % r)
    no = r.json()["number"]
    hi = page("csc1", "/tickets/" + no, "hi").text
    assert "Imran Ansari ने टिकट दर्ज किया" in hi, "name then ने: " + re.sub(r"\s+", " ", hi)[-1500:]
    assert ": ने" not in hi, "no colon before ने"
    en = page("csc1", "/tickets/" + no).text
    assert "Imran Ansari: raised the ticket" in en, "English keeps its colon"


@test
def call_centre_lookup_gives_an_application_status_in_words():
    number, _ = file_app("INC", filer="csc1", mobile="9000000001")
    hi = page("ccagent", "/cc?number=9000000001", "hi").text
    assert "%s — INC, प्रक्रिया में</li>" % number in hi, "status in Hindi words: " + re.sub(r"\s+", " ", hi)[-1500:]
    en = page("ccagent", "/cc?number=9000000001").text
    assert re.search(r"%s — INC, [A-Z][^<]*</li>" % re.escape(number), en) and ", pending</li>" not in en, "in English words"


@test
def amenities_without_any_show_no_empty_map():
    sarja = int(sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Sarja'")[0][0])
    t = page("bi", "/amenities?type=community_hall&location=%d" % sarja).text
    assert 'id="svg-map"' not in t, "no empty map box"
    assert 'id="amenities"' not in t, "no empty table"


@test
def jan_samvad_call_screen_asks_the_questions_before_the_outcome():
    village = sql("SELECT v.id FROM locations v JOIN locations g ON g.id = v.parent_id WHERE g.name_en = 'Jamune' "
                  "AND g.type = 'panchayat' ORDER BY v.id LIMIT 1")[0][0]
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
        f.write("name,mobile,village_id,scheme_ref,benefit_date,benefit_paise\n")
        for i in range(3):
            f.write("Look %d,7%09d,%s,PMAYG-L%d,2026-06-01,12000000\n" % (i, (int(RUN) * 7 + i) % 10 ** 9, village, i))
    ctl("campaign", "list", "JSPMAY", f.name)
    os.unlink(f.name)
    ctl("campaign", "sample", "JSPMAY", "3")
    web = Client()
    web.login("ccagent")
    camp = sql("SELECT id FROM campaigns WHERE code = 'JSPMAY'")[0][0]
    r = web.post("/campaigns/%s/next" % camp, {"csrf": web.csrf_from(web.get("/campaigns/%s" % camp).text)})
    eq(r.status, 303, "next contact: %r" % r)
    screen = web.get(r.header("Location")).text
    q, d = screen.find('name="f_benefit_received"'), screen.find('name="disposition"')
    assert 0 < q < d, "the questions (at %d) come before the call's outcome (at %d)" % (q, d)


@test
def certified_register_extract_gives_choices_and_dates_in_both_languages():
    e = api_as("csc1").api("POST", "/registers/GRAMSABHA/entries", {"submit": True, "data": {
        "meeting_no": "L" + RUN, "type": "ordinary", "date": today(), "venue": "Panchayat bhawan", "notice_date": today(),
        "agenda": "Village water supply", "members_on_roll": "400", "present_total": "120", "present_women": "50",
        "present_sc": "20", "present_st": "30", "quorum_met": "yes", "chair": "Savitri Devi",
        "resolutions": "संकल्प 7: विद्यालय में नया चापाकल। Resolution 7: a new hand pump"}})
    eq(e.status, 201, "gram sabha entry: %r" % e)
    e = e.json()
    for action, who in (("verify", "panchayatsewak"), ("sign", "mukhiya")):
        eq(api_as(who).api("POST", "/registers/entries/%d/%s" % (e["id"], action), {}).status, 200, action)
    number, _ = file_app("REX", fields={"applicant_name": "Sita Devi", "mobile": "9000000001", "register": "GRAMSABHA",
                                         "gp_place": str(village()), "fy": fin_year(today()), "serial": str(e["serial"]),
                                         "purpose": "Bank loan", "declaration": "true"})
    r = app_act(officer("panchayatsewak"), number, "approve", remarks="Checked against the book",
                out_of_order_reason="taken out of turn for the test")
    eq(r.status, 200, "approved: %r" % r)
    pdf = api_as("csc1").api("GET", "/certificates/%s/pdf" % r.json()["certificate"]["number"])
    f = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
    f.write(pdf.body)
    f.close()
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True).stdout)
    os.unlink(f.name)
    for both in ("साधारण / Ordinary", "हाँ / Yes", "हस्ताक्षरित / Signed"):
        assert both in text, "%s on the certificate: %s" % (both, text[:1500])
    assert "संकल्प 7: विद्यालय में नया चापाकल। Resolution 7: a new hand pump" in text, "free text as written"


@test
def training_month_without_trainings_has_no_empty_table():
    t = page("csc1", "/training?month=2001-01").text
    assert 'id="list-none"' in t, "says there are none"
    assert 'id="list"' not in t, "and no empty table"


@test
def mpr_pdf_keeps_place_names_whole():
    month = today()[:7]
    for user, path in (("csc1", "/mpr/DP_MPR/%s/pdf?location=%d" % (month, jamune())), ("di", "/mpr/DP_MPR/%s/pdf" % month)):
        c = Client()
        c.login(user)
        r = c.get(path)
        eq(r.status, 200, "PDF %s" % path)
        f = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
        f.write(r.body)
        f.close()
        text = subprocess.run(["pdftotext", "-raw", f.name, "-"], capture_output=True, text=True).stdout
        os.unlink(f.name)
        words = text.split()
        for w in ("Jamune" if user == "csc1" else "Palamu", "Trainings", "Grievances", "Reports"):
            assert w in words, "%s whole: %r" % (w, text[:900])


run()
