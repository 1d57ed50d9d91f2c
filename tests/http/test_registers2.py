"""Panchayat registers, part 2: register health on the dashboards (per GP
open books, days since the last entry, entries waiting for sign-off and a
score, rolled up the location tree with drill-down, as HTML and JSON) kept
in summary rows by the entry transactions.

The demo's Jamune panchayat (Medininagar block, Palamu district) has a VLE
(csc1), its panchayat secretary (panchayatsewak) and its mukhiya; bi is the
Block In-charge of Medininagar and di the District In-charge of Palamu.
Other test programs share the stack, so figures are compared before and
after."""
from gs import Client, test, eq, run, sql, today

API = {}


def api(user):
    if user not in API:
        c = Client()
        c.api_login(user)
        API[user] = c
    return API[user]


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


run()
