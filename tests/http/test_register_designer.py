"""The register designer without JSON (a state administrator: create a
draft, add columns with the form engine's field editor, set the header,
preview the entry form and the print layout, publish; a book of the new
version takes an entry and keeps its version when the next one is
published), bad columns refused at their input with nothing saved, who may
design, CSRF; and photos taken on the web entry form (multipart): stored
without EXIF as the API stores them, a text file named .jpg refused at its
column with no entry and no document."""
import json
import os
import re
import time

from gs import Client, test, eq, run, sql, today, api_as

RUN = str(int(time.time() * 1000) % 100000)
CODE = "TR" + RUN
FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "exif_gps.jpg")


def admin():
    c = Client()
    c.login("stateadmin")
    return c


def post(c, page, action, data):
    return c.form_post(page, action, data)


def design(c, code=CODE):
    return "/admin/registers/%s/design" % code


def add_column(c, data, code=CODE):
    return post(c, "/admin/registers/%s/add-column" % code, "/admin/registers/%s/columns" % code, data)


def latest(code=CODE):
    """(version, status, definition) of the register's latest version."""
    v, s, d = sql("SELECT v.version, v.status, v.definition FROM register_versions v JOIN register_defs d ON d.id = v.def_id "
                  "WHERE d.code = '%s' ORDER BY v.version DESC LIMIT 1" % code)[0]
    return int(v), s, json.loads(d)


def multipart(fields, files):
    """A multipart/form-data body: fields {name: value}, files {name: (filename, type, bytes)}."""
    b = "GSDESIGN" + RUN
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode()
    for k, (fn, ct, data) in files.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                % (b, k, fn, ct)).encode() + data + b"\r\n"
    return out + ("--%s--\r\n" % b).encode(), "multipart/form-data; boundary=" + b


def has_error(r, field):
    return ('id="e-%s"' % field) in r.text


_made = []


def made():
    """The designed register, created once: date, species, count, cost,
    photo and a total worked out from count; the header set."""
    if _made:
        return _made[0]
    c = admin()
    r = post(c, "/admin/registers/new", "/admin/registers/new", {"code": CODE, "name_en": "Tree plantation register",
                                                                  "name_hi": "वृक्षारोपण रजिस्टर"})
    eq(r.status, 303, "created: %r" % r)
    assert r.header("Location").endswith(design(c)), r.header("Location")
    eq(latest()[:2], (1, "draft"), "a first draft")
    cols = [
        {"name": "planted_on", "type": "date", "label_en": "Date planted", "label_hi": "रोपण की तारीख़", "required": "1"},
        {"name": "species", "type": "text", "label_en": "Species", "label_hi": "प्रजाति", "required": "1"},
        {"name": "trees", "type": "number", "label_en": "Trees planted", "label_hi": "लगाए गए पेड़", "required": "1"},
        {"name": "cost", "type": "money", "label_en": "Cost", "label_hi": "लागत"},
        {"name": "site", "type": "select", "label_en": "Site", "label_hi": "स्थान",
         "options": "road|Roadside|सड़क किनारे\nschool|School|विद्यालय"},
        {"name": "photo", "type": "photo", "label_en": "Photo", "label_hi": "फ़ोटो"},
        {"name": "total", "type": "computed", "label_en": "Trees (worked out)", "label_hi": "पेड़ (गणना)",
         "compute_op": "sum", "compute_of": "trees"},
    ]
    for col in cols:
        r = add_column(c, col)
        eq(r.status, 303, "column %s added: %s" % (col["name"], r.text[:2000]))
    # reorder: cost after site (down once)
    r = post(c, design(c), "/admin/registers/%s/columns/cost" % CODE, {"action": "down"})
    eq(r.status, 303, "moved")
    r = post(c, "/admin/registers/%s/header" % CODE, "/admin/registers/%s/header" % CODE, {
        "name_en": "Tree plantation register", "name_hi": "वृक्षारोपण रजिस्टर", "basis_en": "JPRA 2001 s. 75",
        "level": "panchayat", "periodicity": "continuous", "date_column": "planted_on", "totals": ["trees", "cost"],
        "enter": ["csc", "panchayat_sewak"], "verify": "panchayat_sewak", "sign": "mukhiya", "paper": "A4",
        "landscape": "1", "daily_close": "1"})
    eq(r.status, 303, "header saved: %s" % r.text[:3000])
    _made.append(c)
    return c


@test
def designer_creates_a_register_adds_columns_previews_and_publishes():
    c = made()
    v, status, d = latest()
    eq((v, status), (1, "draft"), "every change edits the one draft")
    eq([x["name"] for x in d["columns"]], ["planted_on", "species", "trees", "site", "cost", "photo", "total"], "columns in order")
    eq(d["date_column"], "planted_on", "the date column")
    eq(d["totals"], ["trees", "cost"], "totals")
    eq(d["signoff"], {"enter": ["csc", "panchayat_sewak"], "verify": "panchayat_sewak", "sign": "mukhiya"}, "sign-off chain")
    assert d["daily_close"] is True, d
    hdr = c.get("/admin/registers/%s/header" % CODE)
    eq(hdr.status, 200, "the header's page")
    for shown in ('name="totals" value="trees" checked', 'name="enter" value="csc" checked', 'value="planted_on" selected',
                  'value="mukhiya" selected', 'name="daily_close" value="1" checked'):
        assert shown in hdr.text, "the header as saved: %s" % shown
    page = c.get(design(c))
    eq(page.status, 200, "the draft's page")
    assert 'id="problems"' not in page.text, "no problems left: %s" % page.text
    form = c.get("/admin/registers/%s/preview?version=1" % CODE)
    eq(form.status, 200, "the entry form's preview")
    for name in ("f_planted_on", "f_species", "f_trees", "f_cost", "f_site", "f_photo"):
        assert 'name="%s' % name in form.text, name
    assert 'type="file"' in form.text, "the photo column takes a picture"
    pdf = c.get("/admin/registers/%s/print?version=1" % CODE)
    eq(pdf.status, 200, "the print layout")
    assert pdf.header("Content-Type").startswith("application/pdf") and pdf.body[:5] == b"%PDF-", pdf
    exp = c.get("/admin/registers/%s/export?version=1" % CODE)
    eq(exp.status, 200, "export")
    eq(exp.json()["code"], CODE, "the exported definition")
    r = post(c, design(c), "/admin/registers/%s/publish" % CODE, {})
    eq(r.status, 303, "published: %s" % r.text[:2000])
    eq(latest()[:2], (1, "published"), "version 1 in force")
    audit = sql("SELECT action FROM audit_log WHERE entity = 'register' AND entity_id = '%s' ORDER BY id" % CODE)
    acts = [a[0] for a in audit]
    assert acts[0] == "register.create" and "register.edit" in acts and acts[-1] == "register.publish", acts
    # a book of the new version takes an entry
    e = api_as("csc1").api("POST", "/registers/%s/entries" % CODE, {"data": {
        "planted_on": today(), "species": "Neem", "trees": 12, "site": "school", "cost": "1,500"}, "submit": True})
    eq(e.status, 201, "an entry: %r" % e)
    book = int(e.json()["book"])
    vid = sql("SELECT v.id FROM register_versions v JOIN register_defs d ON d.id = v.def_id WHERE d.code = '%s' AND v.version = 1" % CODE)[0][0]
    eq(sql("SELECT version_id FROM register_books WHERE id = %d" % book)[0][0], vid, "the book opened with version 1")
    got = api_as("csc1").api("GET", "/registers/entries/%d" % e.json()["id"]).json()
    eq(got["data"]["total"], 12, "the computed column worked out")
    # the next version: a change after publishing makes version 2 as a draft
    r = add_column(c, {"name": "caretaker", "type": "text", "label_en": "Caretaker", "label_hi": "देखभालकर्ता"})
    eq(r.status, 303, "a column for version 2")
    eq(latest()[:2], (2, "draft"), "version 2 is a draft; version 1 stays in force")
    r = post(c, design(c), "/admin/registers/%s/publish" % CODE, {})
    eq(r.status, 303, "version 2 published")
    eq(sql("SELECT status FROM register_versions WHERE id = %s" % vid)[0][0], "superseded", "version 1 superseded")
    eq(sql("SELECT version_id FROM register_books WHERE id = %d" % book)[0][0], vid, "the open book keeps version 1")


@test
def bad_columns_are_refused_at_their_input_and_nothing_is_saved():
    c = made()
    before = sql("SELECT definition FROM register_versions v JOIN register_defs d ON d.id = v.def_id WHERE d.code = '%s' "
                 "ORDER BY v.version DESC LIMIT 1" % CODE)[0][0]
    n_audit = sql("SELECT COUNT(*) FROM audit_log WHERE entity_id = '%s'" % CODE)[0][0]
    r = add_column(c, {"name": "species", "type": "text", "label_en": "Again", "label_hi": "फिर"})
    eq(r.status, 422, "a name taken")
    assert has_error(r, "name"), r.text
    r = add_column(c, {"name": "blob", "type": "blob", "label_en": "Blob", "label_hi": "ब्लॉब"})
    eq(r.status, 422, "an unknown type")
    assert has_error(r, "type"), r.text
    r = add_column(c, {"name": "where", "type": "location", "label_en": "Village", "label_hi": "गाँव"})
    eq(r.status, 422, "a type registers do not keep")
    assert has_error(r, "type"), r.text
    r = add_column(c, {"name": "sum2", "type": "computed", "label_en": "Sum", "label_hi": "योग", "compute_op": "sum",
                       "compute_of": "trees, nothere"})
    eq(r.status, 422, "a computed column over a missing column")
    assert has_error(r, "compute_of") and "nothere" in r.text, r.text
    assert 'value="sum2"' in r.text, "what was typed is kept"
    r = post(c, "/admin/registers/%s/header" % CODE, "/admin/registers/%s/header" % CODE, {
        "name_en": "Tree plantation register", "name_hi": "वृक्षारोपण रजिस्टर", "level": "panchayat",
        "periodicity": "continuous", "date_column": "species", "totals": ["species"], "enter": ["bdo"],
        "verify": "panchayat_sewak", "sign": "panchayat_sewak", "paper": "A5"})
    eq(r.status, 422, "a bad header")
    for f in ("date_column", "totals", "enter", "sign", "paper"):
        assert has_error(r, f), f
    after = sql("SELECT definition FROM register_versions v JOIN register_defs d ON d.id = v.def_id WHERE d.code = '%s' "
                "ORDER BY v.version DESC LIMIT 1" % CODE)[0][0]
    eq(after, before, "nothing saved")
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE entity_id = '%s'" % CODE)[0][0], n_audit, "nothing audited")
    # a column another names cannot be removed
    r = post(c, design(c), "/admin/registers/%s/columns/trees" % CODE, {"action": "delete"})
    eq(r.status, 409, "trees is summed by total")


@test
def unfinished_draft_is_not_published():
    c = admin()
    code = "TU" + RUN
    r = post(c, "/admin/registers/new", "/admin/registers/new", {"code": code, "name_en": "Unfinished", "name_hi": "अधूरा"})
    eq(r.status, 303, "created")
    r = post(c, "/admin/registers/new", "/admin/registers/new", {"code": code, "name_en": "Again", "name_hi": "फिर"})
    eq(r.status, 422, "a code taken")
    assert has_error(r, "code"), r.text
    r = post(c, "/admin/registers/new", "/admin/registers/new", {"code": "bad code", "name_en": "", "name_hi": "x"})
    eq(r.status, 422, "a bad code and no English name")
    assert has_error(r, "code") and has_error(r, "name_en"), r.text
    r = post(c, design(c, code), "/admin/registers/%s/publish" % code, {})
    eq(r.status, 422, "no columns: not published")
    assert "a register needs columns" in r.text, r.text
    eq(latest(code)[:2], (1, "draft"), "still a draft")
    api = api_as("stateadmin")
    got = api.api("GET", "/admin/registers/%s" % code)
    eq(got.status, 200, "the draft through the API")
    eq((got.json()["version"], got.json()["status"], got.json()["definition"]["columns"]), (1, "draft", []), "a draft without columns")
    r = api.api("POST", "/admin/registers/%s/publish" % code, {})
    eq(r.status, 422, "the API refuses it too: %r" % r)
    assert "a register needs columns" in r.text, r.text
    eq(api_as("csc1").api("GET", "/admin/registers/%s" % code).status, 403, "not a VLE's")


@test
def only_register_designers_and_only_with_csrf():
    made()
    csc = Client()
    csc.login("csc1")
    eq(csc.get("/admin/registers/new").status, 403, "a VLE may not design")
    eq(csc.get(design(csc)).status, 403, "nor see the draft")
    dept = Client()
    dept.login("deptadmin")  # Revenue's administrator, not Panchayati Raj's
    eq(dept.get("/admin/registers").status, 403, "another department's administrator may not")
    eq(dept.get(design(dept)).status, 403, "nor see the draft")
    r = dept.form_post("/admin/services", "/admin/registers/%s/columns" % CODE,
                       {"name": "x1", "type": "text", "label_en": "X", "label_hi": "X"})
    eq(r.status, 403, "nor add a column")
    c = admin()
    before = latest()
    r = c.post("/admin/registers/%s/columns" % CODE, {"name": "x2", "type": "text", "label_en": "X", "label_hi": "X"})
    eq(r.status, 403, "no CSRF token: refused")
    r = c.post("/admin/registers/new", {"code": "TC" + RUN, "name_en": "X", "name_hi": "X"})
    eq(r.status, 403, "no CSRF token: not created")
    eq(latest(), before, "nothing saved")
    eq(sql("SELECT COUNT(*) FROM register_defs WHERE code = 'TC%s'" % RUN)[0][0], "0", "no register")


def works_form(c):
    """The VLE's works book page (its entry form) and where it posts."""
    page = c.get("/registers/WORKS/new")
    if page.status == 303:
        page = c.get(page.header("Location"))
    eq(page.status, 200, "the works book")
    action = re.search(r'<form method="post" action="(/registers/WORKS/[^"]+)" enctype="multipart/form-data"', page.text)
    assert action, "a multipart entry form"
    return page, action.group(1)


def works_post(c, files, work):
    page, action = works_form(c)
    body, ctype = multipart({"csrf": c.csrf_from(page.text), "f_work_id": work, "f_name": "Pond " + work,
                             "f_status": "ongoing", "submit": "1"}, files)
    return c.request("POST", action, body=body, ctype=ctype)


@test
def photo_taken_on_the_web_entry_form_is_kept_without_exif():
    c = Client()
    c.login("csc1")
    work = "WD-" + RUN
    r = works_post(c, {"f_photo_before": ("site.jpg", "image/jpeg", open(FIXTURE, "rb").read())}, work)
    eq(r.status, 303, "entry made: %s" % r.text[:3000])
    eid = int(r.header("Location").rsplit("/", 1)[1])
    got = api_as("csc1").api("GET", "/registers/entries/%d" % eid).json()
    doc = got["data"]["photo_before"]["doc_id"]
    eq(got["data"]["photo_before"]["exif_at"], "2026-11-20 10:05:30", "the camera's time read before it was dropped")
    eq(sql("SELECT doc_type, uploaded_by = (SELECT id FROM users WHERE username = 'csc1') FROM documents WHERE id = %d" % doc)[0],
       ["register_photo", "1"], "stored as the API stores it")
    img = c.get("/registers/entry/%d/photo/%d" % (eid, doc))
    eq(img.status, 200, "the photo")
    assert img.body[:2] == b"\xff\xd8", "a JPEG"
    for secret in (b"Exif", b"SecretPhone", b"Sunita"):
        assert secret not in img.body, "no metadata: %r" % secret


@test
def text_file_named_jpg_on_the_web_form_is_refused_at_its_column():
    c = Client()
    c.login("csc1")
    work = "WX-" + RUN
    docs = sql("SELECT COUNT(*) FROM documents")[0][0]
    entries = sql("SELECT COUNT(*) FROM register_entries")[0][0]
    r = works_post(c, {"f_photo_before": ("site.jpg", "image/jpeg", b"just some text, not a picture\n")}, work)
    eq(r.status, 422, "refused")
    assert has_error(r, "f_photo_before"), r.text
    assert 'value="%s"' % work in r.text, "the answers typed are kept"
    eq(sql("SELECT COUNT(*) FROM documents")[0][0], docs, "no document stored")
    eq(sql("SELECT COUNT(*) FROM register_entries")[0][0], entries, "no entry")
    page, action = works_form(c)
    body, ctype = multipart({"f_work_id": work, "f_name": "x", "f_status": "ongoing", "submit": "1"},
                            {"f_photo_before": ("site.jpg", "image/jpeg", open(FIXTURE, "rb").read())})
    eq(c.request("POST", action, body=body, ctype=ctype).status, 403, "no CSRF token: refused")
    eq(sql("SELECT COUNT(*) FROM documents")[0][0], docs, "still no document")


if __name__ == "__main__":
    run()
