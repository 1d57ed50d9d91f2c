"""Panchayat registers, part 2: register health on the dashboards (per GP
open books, days since the last entry, entries waiting for sign-off and a
score, rolled up the location tree with drill-down, as HTML and JSON) kept
in summary rows by the entry transactions; a certified extract of a public
register's entry as an ordinary service (REX), from filing to the signed
PDF with the entry's text and the book's hash, its QR and verify page, and
the refusals (an entry not final, an internal register); photo, user and
ref columns of the built-in registers (works photos before/during/after
kept without metadata and shown only to those who may see the entry, the
inspecting officer and who took the Gram Sabha attendance as users, a
works entry's asset as a reference to the property register).

The demo's Jamune panchayat (Medininagar block, Palamu district) has a VLE
(csc1), its panchayat secretary (panchayatsewak) and its mukhiya; bi is the
Block In-charge of Medininagar and di the District In-charge of Palamu.
Other test programs share the stack, so figures are compared before and
after."""
import os
import re
import subprocess
import json
import tempfile

from gs import Client, test, eq, run, sql, ctl, today, fin_year, api_as, trusting_nssdb
from lifecycle import file_app, officer, act as app_act, village

api = api_as


def loc(typ, name):
    return int(sql("SELECT id FROM locations WHERE type='%s' AND name_en='%s'" % (typ, name))[0][0])


def ok(r, status=201):
    eq(r.status, status, "status: %r" % r)
    return r.json()


def health(place, user="bi"):
    return ok(api(user).api("GET", "/dash/registers?location=%d" % place), 200)


def child(h, place):
    rows = [c for c in h["children"] if int(c["location_id"]) == place]
    eq(len(rows), 1, "one row for %d in %r" % (place, h["children"]))
    return rows[0]


_v = [0]


def entry(code, data, user="csc1"):
    _v[0] += 1
    return ok(api(user).api("POST", "/registers/%s/entries" % code, {"data": data, "submit": True}))


def cash(receipt):
    _v[0] += 1
    return entry("CASHBOOK", {"date": today(), "voucher_no": "H%d" % _v[0], "particulars": "Health",
                              "receipt_cash": str(receipt)})


def act(e, action, user, note=None):
    return ok(api(user).api("POST", "/registers/entries/%d/%s" % (e, action), {"note": note} if note else {}), 200)


@test
def register_health_counts_waiting_entries_through_their_sign_off():
    gp = loc("panchayat", "Jamune")
    h0 = health(gp)["totals"]
    e = cash(500)
    h1 = health(gp)["totals"]
    eq(h1["waiting_signoff"], h0["waiting_signoff"] + 1, "a submitted entry waits")
    eq(h1["days_since_last_entry"], 0, "an entry today")
    assert h1["open_books"] >= 1 and h1["gps"] == 1 and h1["gps_with_books"] == 1, h1
    act(e["id"], "verify", "panchayatsewak")
    eq(health(gp)["totals"]["waiting_signoff"], h1["waiting_signoff"], "verified, still waits for the mukhiya's signature")
    act(e["id"], "sign", "mukhiya")
    eq(health(gp)["totals"]["waiting_signoff"], h0["waiting_signoff"], "signed: no longer waiting")
    # a returned entry leaves the count too
    r = cash(40)
    eq(health(gp)["totals"]["waiting_signoff"], h0["waiting_signoff"] + 1, "waits")
    act(r["id"], "return", "panchayatsewak", note="Wrong voucher")
    eq(health(gp)["totals"]["waiting_signoff"], h0["waiting_signoff"], "returned: no longer waiting")


@test
def verification_ends_the_wait_when_a_register_has_no_signature():
    gp = loc("panchayat", "Jamune")
    defn = ok(api("csc1").api("GET", "/registers/definitions/DAKIN"), 200)
    assert "sign" not in defn["signoff"], "the dak register is not signed: %r" % defn["signoff"]
    data = {}
    for c in defn["columns"]:
        if c.get("required"):
            data[c["name"]] = today() if c["type"] == "date" else "Circular 7"
    w0 = health(gp)["totals"]["waiting_signoff"]
    e = entry("DAKIN", data)
    eq(health(gp)["totals"]["waiting_signoff"], w0 + 1, "submitted: waits")
    act(e["id"], "verify", "panchayatsewak")
    eq(health(gp)["totals"]["waiting_signoff"], w0, "verified: final")
    book = [b for b in health(gp)["books"] if b["book"] == e["book"]]
    eq(len(book), 1, "the GP's books are listed")
    eq(book[0]["register"], "DAKIN", "by register")
    eq(book[0]["status"], "open", "open")
    eq(book[0]["days_since_last_entry"], 0, "entered today")


@test
def register_health_rolls_up_to_block_district_and_state():
    gp, block, district = loc("panchayat", "Jamune"), loc("block", "Medininagar(Daltonganj)"), loc("district", "Palamu")
    state = int(sql("SELECT id FROM locations WHERE type='state' ORDER BY id LIMIT 1")[0][0])
    b0, d0 = health(block, "di"), health(district, "di")
    s0 = health(state, "stateadmin")
    gps_in_block = int(sql("SELECT COUNT(*) FROM locations l JOIN locations b ON l.path LIKE CONCAT(b.path, '%%') "
                           "WHERE b.id = %d AND l.type = 'panchayat' AND l.active = 1" % block)[0][0])
    eq(b0["totals"]["gps"], gps_in_block, "every GP of the block counts, with books or not")
    eq(b0["books"], [], "no books list above a GP")
    cash(75)
    b1, d1, s1 = health(block, "di"), health(district, "di"), health(state, "stateadmin")
    eq(child(b1, gp)["waiting_signoff"], child(b0, gp)["waiting_signoff"] + 1, "the GP's row in its block")
    eq(b1["totals"]["waiting_signoff"], b0["totals"]["waiting_signoff"] + 1, "the block's total")
    # the district's children are its blocks (through any subdivision level)
    drow = [c for c in d1["children"] if c["waiting_signoff"] != ([x for x in d0["children"]
            if x["location_id"] == c["location_id"]] or [{"waiting_signoff": None}])[0]["waiting_signoff"]]
    eq(len(drow), 1, "one child of the district moved: %r" % drow)
    eq(d1["totals"]["waiting_signoff"], d0["totals"]["waiting_signoff"] + 1, "the district's total")
    eq(s1["totals"]["waiting_signoff"], s0["totals"]["waiting_signoff"] + 1, "the state's total")
    eq(b1["children"][0].keys() >= {"location_id", "name_en", "open_books", "days_since_last_entry", "score"}, True, "fields")
    assert 0 <= b1["totals"]["score"] <= 100, b1["totals"]


@test
def register_health_is_read_from_the_summary_rows():
    gp = loc("panchayat", "Jamune")
    before = sql("SELECT waiting, open_books FROM register_health WHERE location_id = %d" % gp)[0]
    books = sql("SELECT COUNT(*), SUM(waiting) FROM register_books WHERE location_id = %d AND status = 'open'" % gp)[0]
    eq(before[1], books[0], "open books kept in step with the books")
    sql("UPDATE register_health SET waiting = 4321 WHERE location_id = %d" % gp)
    try:
        eq(health(gp)["totals"]["waiting_signoff"], 4321, "the figure is the summary row's, not a count of entries")
    finally:
        sql("UPDATE register_health SET waiting = %s WHERE location_id = %d" % (before[0], gp))
    eq(int(before[0]), int(sql("SELECT SUM(waiting) FROM register_books WHERE location_id = %d" % gp)[0][0]),
       "the GP's figure is the sum of its books'")
    eq(int(before[0]), int(sql("SELECT COUNT(*) FROM register_entries e JOIN register_books b ON b.id = e.book_id "
                               "JOIN register_versions v ON v.id = b.version_id WHERE b.location_id = %d AND (e.status = 'submitted' "
                               "OR (e.status = 'verified' AND JSON_EXTRACT(v.definition, '$.signoff.sign') IS NOT NULL))" % gp)[0][0]),
       "and agrees with the entries")


@test
def dashboard_page_shows_register_health_with_drill_down():
    gp, block = loc("panchayat", "Jamune"), loc("block", "Medininagar(Daltonganj)")
    c = Client()
    c.login("bi")
    r = c.get("/dash?location=%d" % block)
    eq(r.status, 200, "block dashboard")
    assert "Register health" in r.text and 'id="reghealth-places"' in r.text, "the section"
    assert 'data-location="%d"' % gp in r.text and "/dash?location=%d&amp;" % gp in r.text, "Jamune's row drills down"
    g = c.get("/dash?location=%d" % gp)
    eq(g.status, 200, "GP dashboard")
    book = sql("SELECT b.id FROM register_books b JOIN register_defs d ON d.id = b.def_id "
               "WHERE d.code = 'CASHBOOK' AND b.location_id = %d ORDER BY b.fy DESC LIMIT 1" % gp)[0][0]
    assert 'id="reghealth-books"' in g.text and "/registers/CASHBOOK/%s" % book in g.text, "the GP's books, linked"
    hi = Client()
    hi.login("bi")
    hi.get("/lang?lang=hi&next=/")
    h = hi.get("/dash?location=%d" % block)
    assert "पंजियों की स्थिति" in h.text, "in Hindi too"


@test
def register_health_stays_inside_the_viewers_area():
    other = sql("SELECT id FROM locations WHERE type = 'block' AND name_en <> 'Medininagar(Daltonganj)' ORDER BY id LIMIT 1")
    assert other, "another block"
    eq(api("bi").api("GET", "/dash/registers?location=%s" % other[0][0]).status, 403, "the BI of another block")
    eq(api("csc1").api("GET", "/dash/registers").status, 403, "a VLE has no dashboard")
    eq(api("bi").api("GET", "/dash/registers?location=abc").status, 400, "a bad place")


TMP = tempfile.mkdtemp(prefix="gsregs2")


def gram_sabha(resolution):
    """A Gram Sabha entry of Jamune, submitted by the VLE; returns it."""
    _v[0] += 1
    return entry("GRAMSABHA", {"meeting_no": "GS-%d" % _v[0], "type": "ordinary", "date": today(), "venue": "Panchayat bhawan",
                               "notice_date": today(), "agenda": "Village water supply", "members_on_roll": "400",
                               "present_total": "120", "present_women": "50", "present_sc": "20", "present_st": "30",
                               "quorum_met": "yes", "chair": "Savitri Devi", "resolutions": resolution})


def extract_app(e):
    """Files a REX application for entry e through csc1 (the citizen's
    village is in Jamune, so it goes to Jamune's panchayat secretary)."""
    fields = {"applicant_name": "Sita Devi", "mobile": "9000000001", "register": "GRAMSABHA", "gp_place": str(village()),
              "fy": fin_year(today()), "serial": str(e["serial"]), "purpose": "Bank loan", "declaration": "true"}
    number, _ = file_app("REX", fields=fields)
    return number


def approve(number):
    return app_act(officer("panchayatsewak"), number, "approve", remarks="Entry checked against the book",
                   out_of_order_reason="taken out of turn for the test")


@test
def certified_extract_of_a_gram_sabha_resolution_end_to_end():
    opts = [o["value"] for o in Client().get("/api/v1/services/REX").json()["definition"]["fields"][2]["options"]]
    eq(sorted(opts), ["GRAMSABHA", "IMMOVABLE", "PROCEEDINGS", "WORKS"], "only public registers are offered")
    e = gram_sabha("Resolution 7: a new hand pump at Pokhraha Kalan school")
    act(e["id"], "verify", "panchayatsewak")
    act(e["id"], "sign", "mukhiya")
    number = extract_app(e)
    desk = Client()
    desk.login("panchayatsewak")
    page = desk.get("/desk/app/" + number)
    eq(page.status, 200, "on the panchayat secretary's desk")
    assert 'id="extract"' in page.text and "a new hand pump at Pokhraha Kalan school" in page.text, "the entry is shown"
    r = approve(number)
    eq(r.status, 200, "approved: %r" % r)
    cert = r.json()["certificate"]
    path = os.path.join(TMP, cert["number"] + ".pdf")
    pdf = api("csc1").api("GET", "/certificates/%s/pdf" % cert["number"])
    eq(pdf.status, 200, "the certificate PDF")
    open(path, "wb").write(pdf.body)
    sig = subprocess.run(["pdfsig", "-nssdir", "sql:" + trusting_nssdb(TMP), path], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig and "Certificate is Trusted." in sig, sig
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout)
    assert "a new hand pump at Pokhraha Kalan school" in text, "the entry's text: " + text[:1500]
    assert "Gram Sabha register (GRAMSABHA)" in text and "Jamune" in text, text[:1500]
    ehash = e["hash"]
    assert " ".join(ehash[i:i + 16] for i in range(0, 64, 16)) in text, "the entry's hash: " + text[-1500:]
    head = sql("SELECT head_hash FROM register_books WHERE id = %d" % e["book"])[0][0]
    assert " ".join(head[i:i + 16] for i in range(0, 64, 16)) in text, "the book's hash now"
    # a long entry runs over a page: the QR is on the last one
    png = os.path.join(TMP, "qr")
    subprocess.run(["pdftoppm", "-r", "150", "-png", path, png], check=True)
    pages = sorted(f for f in os.listdir(TMP) if f.startswith("qr") and f.endswith(".png"))
    decoded = [subprocess.run(["zbarimg", "--raw", "-q", os.path.join(TMP, f)], capture_output=True, text=True).stdout.strip()
               for f in pages]
    eq([d for d in decoded if d], [cert["verify_url"]], "one QR, holding the verify URL")
    decoded = cert["verify_url"]
    v = Client().get("/" + decoded.split("/", 3)[3])
    assert "Valid certificate" in v.text, v.text[:500]
    assert "a new hand pump at Pokhraha Kalan school" in v.text and ehash[:16] in v.text, "the verify page shows the entry"


@test
def extract_is_refused_until_the_entry_is_final_and_for_an_internal_register():
    e = gram_sabha("Resolution 9: repair of the ward 3 drain")
    number = extract_app(e)
    desk = Client()
    desk.login("panchayatsewak")
    assert "not yet final" in desk.get("/desk/app/" + number).text, "the desk says why"
    r = approve(number)
    eq(r.status, 409, "not signed yet: %r" % r)
    assert "not yet final" in r.json()["error"]["message"], r.text
    eq(sql("SELECT status FROM applications WHERE number = '%s'" % number)[0][0], "pending", "still pending")
    eq(sql("SELECT COUNT(*) FROM certificates c JOIN applications a ON a.id = c.app_id WHERE a.number = '%s'" % number)[0][0],
       "0", "no certificate")
    act(e["id"], "verify", "panchayatsewak")
    act(e["id"], "sign", "mukhiya")
    # the same entry, had its register been internal (the book keeps its version's definition)
    ver = sql("SELECT version_id FROM register_books WHERE id = %d" % e["book"])[0][0]
    sql("UPDATE register_versions SET definition = REPLACE(definition, '\"public\":true', '\"public\":false') WHERE id = %s" % ver)
    try:
        assert "internal" in desk.get("/desk/app/" + number).text, "the desk says the register is internal"
        r = approve(number)
        eq(r.status, 409, "an internal register: %r" % r)
    finally:
        sql("UPDATE register_versions SET definition = REPLACE(definition, '\"public\":false', '\"public\":true') WHERE id = %s" % ver)
    eq(approve(number).status, 200, "public and final: certified")


FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "exif_gps.jpg")


def photo(user, data=None, name="site.jpg", ctype="image/jpeg"):
    """POSTs a picture for a photo column (multipart, field file)."""
    b = "GSREGPHOTO"
    body = ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
            % (b, name, ctype)).encode() + (data if data is not None else open(FIXTURE, "rb").read()) + ("\r\n--%s--\r\n" % b).encode()
    return api(user).request("POST", "/api/v1/registers/photos", body=body, ctype="multipart/form-data; boundary=" + b)


def uid(name):
    return int(sql("SELECT id FROM users WHERE username = '%s'" % name)[0][0])


def works(**over):
    _v[0] += 1
    data = {"work_id": "W-%d" % _v[0], "name": "Pond deepening, ward %d" % _v[0], "status": "ongoing"}
    data.update(over)
    return api("csc1").api("POST", "/registers/WORKS/entries", {"data": data, "submit": True})


def asset(user="csc1"):
    _v[0] += 1
    return entry("IMMOVABLE", {"asset_id": "A-%d" % _v[0], "category": "water", "description": "Village pond", "village": "Jamune",
                               "mode": "constructed"}, user=user)


@test
def works_entry_keeps_photos_before_during_after_without_metadata():
    docs = []
    for _ in range(3):
        r = photo("csc1")
        eq(r.status, 201, "uploaded: %r" % r)
        docs.append(r.json())
    eq(docs[0]["exif_at"], "2026-11-20 10:05:30", "the camera's time is read")
    e = ok(works(photo_before={"doc_id": docs[0]["doc_id"]}, photo_during={"doc_id": docs[1]["doc_id"]},
                 photo_after={"doc_id": docs[2]["doc_id"]}))
    got = ok(api("csc1").api("GET", "/registers/entries/%d" % e["id"]), 200)
    eq(got["data"]["photo_before"]["doc_id"], docs[0]["doc_id"], "kept as the document")
    eq(got["data"]["photo_after"]["exif_at"], "2026-11-20 10:05:30", "with the camera's time from the stored photo")
    web = Client()
    web.login("panchayatsewak")
    page = web.get("/registers/entry/%d" % e["id"])
    for d in docs:
        assert 'src="/registers/entry/%d/photo/%d"' % (e["id"], d["doc_id"]) in page.text, "the entry page shows each photo"
    img = web.get("/registers/entry/%d/photo/%d" % (e["id"], docs[1]["doc_id"]))
    eq(img.status, 200, "served to the secretary")
    assert img.header("Content-Type").startswith("image/jpeg") and img.body[:2] == b"\xff\xd8", img
    for secret in (b"Exif", b"SecretPhone", b"Sunita"):
        assert secret not in img.body, "no metadata: %r" % secret
    form = web.get("/registers/WORKS/%d" % e["book"])
    eq(form.status, 200, "the works book page with its photo, user and ref inputs")
    assert 'name="f_photo_before"' in form.text and 'name="f_asset"' in form.text, "the new columns are asked"
    other = Client()
    other.login("csc2")
    eq(other.get("/registers/entry/%d/photo/%d" % (e["id"], docs[1]["doc_id"])).status, 404, "not to another GP's VLE")
    eq(web.get("/registers/entry/%d/photo/%d" % (e["id"], docs[1]["doc_id"] + 100000)).status, 404, "only the entry's photos")


@test
def photo_that_is_not_an_image_or_not_yours_is_refused():
    n = sql("SELECT COUNT(*) FROM documents")[0][0]
    r = photo("csc1", data=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name="x.pdf", ctype="application/pdf")
    eq(r.status, 422, "a PDF is not a photo: %r" % r)
    r = photo("csc1", data=b"not an image at all", name="x.jpg")
    eq(r.status, 422, "junk named .jpg: %r" % r)
    eq(sql("SELECT COUNT(*) FROM documents")[0][0], n, "nothing stored")
    theirs = photo("csc2")
    eq(theirs.status, 201, "csc2's own picture")
    before = sql("SELECT COUNT(*) FROM register_entries")[0][0]
    r = works(photo_before={"doc_id": theirs.json()["doc_id"]})
    eq(r.status, 422, "someone else's picture: %r" % r)
    assert "photo_before" in r.text, r.text
    eq(sql("SELECT COUNT(*) FROM register_entries")[0][0], before, "no entry")


@test
def user_and_ref_columns_name_people_and_entries_of_the_gp():
    # the inspecting officer: staff over the GP (the BDO), not a VLE
    base = {"date": today(), "designation": "BDO", "items": "Cash book, stock", "observations": "In order", "status": "open"}
    e = ok(api("csc1").api("POST", "/registers/INSPECTION/entries", {"data": dict(base, officer=str(uid("bdo"))), "submit": True}))
    got = ok(api("csc1").api("GET", "/registers/entries/%d" % e["id"]), 200)
    eq(got["data"]["officer"], {"id": uid("bdo"), "name": "Manoj Minz"}, "the officer by user")
    r = api("csc1").api("POST", "/registers/INSPECTION/entries", {"data": dict(base, officer=str(uid("csc2"))), "submit": True})
    eq(r.status, 422, "a VLE is not an inspecting officer: %r" % r)
    f = ok(api("csc1").api("POST", "/registers/INSPECTION/entries",
                           {"data": dict(base, officer=str(uid("bdo")), follow_up_of=str(e["id"])), "submit": True}))
    eq(ok(api("csc1").api("GET", "/registers/entries/%d" % f["id"]), 200)["data"]["follow_up_of"]["id"], e["id"], "a follow-up")
    # who took the Gram Sabha attendance: the GP's own staff
    g = gram_sabha("Resolution 11: attendance test")
    eq(g["status"], "submitted", "made")
    sabha = {"meeting_no": "GS-U", "type": "special", "date": today(), "venue": "School", "notice_date": today(),
             "agenda": "Roads", "members_on_roll": "400", "present_total": "100", "present_women": "40", "present_sc": "10",
             "present_st": "20", "quorum_met": "yes", "chair": "Savitri Devi", "resolutions": "None"}
    ok(api("csc1").api("POST", "/registers/GRAMSABHA/entries",
                       {"data": dict(sabha, attendance_by=str(uid("panchayatsewak"))), "submit": True}))
    eq(api("csc1").api("POST", "/registers/GRAMSABHA/entries",
                       {"data": dict(sabha, attendance_by=str(uid("bdo"))), "submit": True}).status, 422, "the BDO is not GP staff")
    # a works entry's asset: an entry of the GP's own property register
    a = asset()
    w = ok(works(asset=str(a["id"])))
    got = ok(api("csc1").api("GET", "/registers/entries/%d" % w["id"]), 200)
    eq(got["data"]["asset"]["id"], a["id"], "the asset")
    assert got["data"]["asset"]["label"].startswith("Immovable property register"), got["data"]["asset"]
    eq(works(asset=str(cash(5)["id"])).status, 422, "a cash-book entry is not an asset")
    theirs = asset(user="csc2")
    eq(works(asset=str(theirs["id"])).status, 422, "another GP's asset")


def totals_of(book):
    return ok(api("csc1").api("GET", "/registers/CASHBOOK/%d" % book), 200)["totals"]


def counted_totals(book):
    """The totals added up from the entries, as the page did before 058."""
    row = sql("SELECT IFNULL(SUM(JSON_VALUE(e.data, '$.receipt_cash')), 0), IFNULL(SUM(JSON_VALUE(e.data, '$.payment_cash')), 0) "
              "FROM register_entries e WHERE e.book_id = %d AND e.status IN ('submitted', 'verified', 'signed') AND NOT EXISTS "
              "(SELECT 1 FROM register_entries x WHERE x.corrects_entry_id = e.id AND x.status IN ('submitted', 'verified', 'signed'))"
              % book)[0]
    return int(row[0]), int(row[1])


@test
def book_totals_are_kept_on_the_book_through_corrections_and_returns():
    a = cash(300)
    book = a["book"]
    t0 = totals_of(book)
    eq((t0["receipt_cash"], t0["payment_cash"]), counted_totals(book), "as added up from the entries")
    b = cash(200)
    eq(totals_of(book)["receipt_cash"], t0["receipt_cash"] + 20000, "a new entry adds to the total")
    # a correction takes the original's place
    _v[0] += 1
    c = ok(api("csc1").api("POST", "/registers/CASHBOOK/entries",
                           {"data": {"date": today(), "voucher_no": "H%d" % _v[0], "particulars": "Corrected", "receipt_cash": "250"},
                            "submit": True, "corrects": b["id"]}))
    eq(totals_of(book)["receipt_cash"], t0["receipt_cash"] + 25000, "the correction replaces the original")
    # returning the correction gives the original back
    act(c["id"], "return", "panchayatsewak", note="Wrong amount")
    t = totals_of(book)
    eq(t["receipt_cash"], t0["receipt_cash"] + 20000, "returned: the original stands again")
    eq((t["receipt_cash"], t["payment_cash"]), counted_totals(book), "still what the entries add up to")
    page = Client()
    page.login("csc1")
    html = page.get("/registers/CASHBOOK/%d" % book)
    eq(html.status, 200, "the book page")
    # a book from before 058 (no totals on its row) is counted once by its first reader
    sql("UPDATE register_books SET totals = NULL WHERE id = %d" % book)
    eq((totals_of(book)["receipt_cash"], t["payment_cash"]), counted_totals(book), "counted")
    assert sql("SELECT totals FROM register_books WHERE id = %d" % book)[0][0] not in (None, "NULL", ""), "and kept on the row"


def import_def(d):
    path = os.path.join(TMP, d["code"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False)
    return ctl("register-import", path, "--publish", check=False)


def block_dak():
    here = os.path.dirname(os.path.abspath(__file__))
    d = json.load(open(os.path.join(here, "..", "..", "data", "registers", "10_dak_in.json"), encoding="utf-8"))
    d.update(code="BLOCKDAK", level="block", name={"en": "Block dak receipt register", "hi": "प्रखंड डाक प्राप्ति पंजी"})
    d["signoff"] = {"enter": ["bdo", "bi"], "verify": "bdo"}
    return d


@test
def block_level_books_are_kept_by_the_block_and_scoped_by_the_tree():
    d = block_dak()
    bad = dict(d, signoff={"enter": ["csc"], "verify": "bdo"})
    p = import_def(dict(bad, code="BLOCKBAD"))
    assert p.returncode != 0 and "signoff.enter" in (p.stdout + p.stderr), p.stdout + p.stderr
    p = import_def(d)
    eq(p.returncode, 0, "imported: " + p.stdout + p.stderr)
    block = loc("block", "Medininagar(Daltonganj)")
    data = {"date": today(), "party": "District office", "subject": "Block circular"}
    r = api("bdo").api("POST", "/registers/BLOCKDAK/entries", {"data": data, "submit": True})
    e = ok(r)
    eq(int(sql("SELECT location_id FROM register_books WHERE id = %d" % e["book"])[0][0]), block, "the block's book")
    e2 = ok(api("bi").api("POST", "/registers/BLOCKDAK/entries", {"data": data, "submit": True, "gp": block}))
    eq(e2["book"], e["book"], "the BI keeps the same book")
    eq(act(e["id"], "verify", "bdo")["status"], "verified", "verified by the BDO")
    r = api("bdo").api("POST", "/registers/BLOCKDAK/entries", {"data": data, "submit": True, "gp": loc("panchayat", "Jamune")})
    eq(r.status, 422, "a panchayat is not a place for a block register: %r" % r)
    eq(api("csc1").api("POST", "/registers/BLOCKDAK/entries", {"data": data, "submit": True, "gp": block}).status in (403, 404),
       True, "a VLE does not keep the block's books")
    eq(api("csc1").api("GET", "/registers/entries/%d" % e["id"]).status, 404, "nor sees them")
    assert e["book"] not in [b["id"] for b in ok(api("csc1").api("GET", "/registers"), 200)["items"]], "nor lists them"
    eq(api("di").api("GET", "/registers/entries/%d" % e["id"]).status, 200, "the district in-charge watches them")
    listed = ok(api("bdo").api("GET", "/registers"), 200)
    assert e["book"] in [b["id"] for b in listed["items"]], "in the BDO's books"
    web = Client()
    web.login("bdo")
    page = web.get("/registers")
    assert "/registers/BLOCKDAK/new" in page.text and "/registers/CASHBOOK/new" not in page.text, "the BDO opens block books only"


run()
