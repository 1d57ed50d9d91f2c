"""The form engine in a service (issue 13, item 1): a service whose form
has money, computed and geopoint fields is designed (imported and on the
designer's page), published, filed through the API and the apply page, and
the officer reads the answers as text; bad answers of the new types get 422
and store nothing; photo, user and ref fields are refused in services."""
import hashlib
import json
import os
import tempfile
import time

from gs import Client, test, eq, run, sql, ctl
from lifecycle import (definition, publish_service, answers_for, upload, officer, apply_page)

RUN = int(time.time() * 1000) % 100000
CODE = "FRM%d" % (RUN % 10000)

PLOT = {"lat": "24.0355", "lon": "84.0663", "accuracy_m": "8", "source": "gps", "fix_at": "2026-11-23T10:15:00+05:30"}


def label(en, hi):
    return {"en": en, "hi": hi}


def service_with_new_types():
    """The Income certificate's definition, as another service with money,
    computed and geopoint fields added (published once per run)."""
    if getattr(service_with_new_types, "done", False):
        return
    d = definition("INC")
    d["code"] = CODE
    d["name"] = label("Land valuation %d" % RUN, "भूमि मूल्यांकन %d" % RUN)
    d["fields"] += [
        {"name": "fee_paid", "type": "money", "label": label("Fee already paid", "पहले से जमा शुल्क"), "required": True,
         "min": 100, "max": 10000000},
        {"name": "land_value", "type": "money", "label": label("Value of the land", "भूमि का मूल्य")},
        {"name": "total_value", "type": "computed", "label": label("Total", "कुल"),
         "compute": {"op": "sum", "of": ["fee_paid", "land_value"]}},
        {"name": "plot", "type": "geopoint", "label": label("Plot location", "भूखंड का स्थान"), "required": True,
         "accuracy_max_m": 50},
    ]
    publish_service(d)
    service_with_new_types.done = True


def good_answers(**over):
    a = answers_for(definition(CODE))
    a.update({"fee_paid": "1,250.50", "land_value": "200000", "plot": dict(PLOT), "total_value": "1"})
    a.update(over)
    return a


def file_api(c, fields):
    proof = upload(c, "income_proof", "9000000001").json()["id"]
    return c.api("POST", "/applications", {"service": CODE, "applicant": {"mobile": "9000000001"}, "submit": True,
                                           "fields": fields, "documents": {"income_proof": proof}})


def count_apps():
    return int(sql("SELECT COUNT(*) FROM applications a JOIN service_versions v ON v.id = a.version_id "
                   "JOIN services s ON s.id = v.service_id WHERE s.code = '%s'" % CODE)[0][0])


@test
def definition_with_new_types_publishes_and_exports_as_written():
    service_with_new_types()
    d = definition(CODE)
    types = {f["name"]: f["type"] for f in d["fields"]}
    eq((types["fee_paid"], types["total_value"], types["plot"]), ("money", "computed", "geopoint"))
    total = [f for f in d["fields"] if f["name"] == "total_value"][0]
    eq(total["compute"], {"op": "sum", "of": ["fee_paid", "land_value"]})
    back = json.loads(ctl("service", "export", CODE).stdout)
    eq([f for f in back["fields"] if f["name"] == "plot"][0]["accuracy_max_m"], 50)


@test
def api_filing_stores_paise_totals_and_point_and_officer_reads_text():
    service_with_new_types()
    c = officer("csc1")
    r = file_api(c, good_answers())
    eq(r.status, 201, "filed: %r" % r)
    number = r.json()["number"]
    got = c.api("GET", "/applications/" + number).json()["fields"]
    eq(got["fee_paid"], 125050, "money kept in paise")
    eq(got["land_value"], 20000000)
    eq(got["total_value"], 20125050, "the total is worked out by the server, not taken from the request")
    eq(got["plot"], {"lat": 24.0355, "lon": 84.0663, "accuracy_m": 8, "fix_at": "2026-11-23T10:15:00+05:30",
                     "source": "gps"})
    w = Client()
    w.login("karmachari")
    page = w.get("/desk/app/" + number)
    eq(page.status, 200)
    for text in ("₹1,250.50", "₹2,00,000", "₹2,01,250.50", "24.035500, 84.066300 (±8 m), GPS"):
        assert text in page.text, "officer sees %s" % text


@test
def bad_answers_of_new_types_get_422_and_store_nothing():
    service_with_new_types()
    c = officer("csc1")
    before = count_apps()
    cases = [
        ({"plot": dict(PLOT, lat="95")}, "plot", "latitude"),
        ({"plot": dict(PLOT, source="mock")}, "plot", "mock"),
        ({"plot": dict(PLOT, accuracy_m="80")}, "plot", "50 m"),
        ({"fee_paid": "12.345"}, "fee_paid", "amount in rupees"),
        ({"fee_paid": "0.50"}, "fee_paid", "₹1"),
        ({"fee_paid": 12.5}, "fee_paid", "amount in rupees"),
    ]
    for over, field, words in cases:
        r = file_api(c, good_answers(**over))
        eq(r.status, 422, "%r refused: %r" % (over, r))
        msg = r.json()["error"]["fields"].get(field, "")
        assert words in msg, "%s names the problem (%r): %r" % (field, words, msg)
    eq(count_apps(), before, "nothing stored")


@test
def apply_page_renders_reads_and_names_the_field_in_errors():
    service_with_new_types()
    c = Client()
    c.login("csc1")
    # one question a page: the money and the geopoint on their steps of a draft
    eq(apply_page(c, CODE, save=True).status, 303, "draft saved")
    draft = int(sql("SELECT MAX(id) FROM applications")[0][0])
    text = c.get("/my/drafts/%d?step=fee_paid" % draft).text + c.get("/my/drafts/%d?step=plot" % draft).text
    for name in ("f_fee_paid", "f_plot__lat", "f_plot__lon", "f_plot__accuracy_m", "f_plot__source"):
        assert 'name="%s"' % name in text, "input %s" % name
    check = c.get("/my/drafts/%d" % draft)
    eq(check.status, 200, "check your answers")
    assert 'name="f_total_value"' not in check.text and "step=total_value" not in check.text, \
        "a computed field is no question"
    r = apply_page(c, CODE, fields=good_answers(plot=dict(PLOT, lon="185")))
    eq(r.status, 422)
    assert "Plot location: Enter a latitude from -90 to 90 and a longitude from -180 to 180" in r.text, \
        "the summary names the field"
    proof = upload(officer("csc1"), "income_proof", "9000000001").json()["id"]
    r = apply_page(c, CODE, fields=good_answers(), docs={"doc_income_proof": str(proof)})
    eq(r.status, 303, "filed on the page: " + r.text[:300])
    stored = sql("SELECT JSON_EXTRACT(a.form, '$.fee_paid'), JSON_EXTRACT(a.form, '$.total_value'), "
                 "JSON_EXTRACT(a.form, '$.plot.source') FROM applications a WHERE a.id = "
                 "(SELECT MAX(id) FROM applications)")[0]
    eq(stored, ["125050", "20125050", '"gps"'])


@test
def uploaded_photo_is_stored_without_exif_and_its_camera_facts_kept():
    """A JPEG carrying EXIF (time, GPS, camera model) and a comment: the
    locker keeps the picture without any of it, and the time and place as
    columns for photo answers."""
    fixture = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "exif_gps.jpg")
    data = open(fixture, "rb").read()
    assert b"Exif" in data and b"SecretPhone" in data and b"Sunita" in data, "the fixture carries metadata"
    r = upload(officer("csc1"), "site_photo", "9000000001", data=data, name="site.jpg", ctype="image/jpeg")
    eq(r.status, 201, "uploaded: %r" % r)
    doc = r.json()
    row = sql("SELECT DATE_FORMAT(exif_at, '%%Y-%%m-%%d %%H:%%i:%%s'), exif_lat, exif_lon, sha256, size FROM documents "
              "WHERE id = %d" % doc["id"])[0]
    eq(row[:3], ["2026-11-20 10:05:30", "23.344167", "85.309667"], "camera time and place kept")
    w = Client()
    w.login("csc1")
    stored = w.get("/locker/%d" % doc["id"])
    eq(stored.status, 200)
    body = stored.body
    assert body[:2] == b"\xff\xd8", "still a JPEG"
    for secret in (b"Exif", b"SecretPhone", b"Sunita"):
        assert secret not in body, "stored picture carries no %r" % secret
    eq((hashlib.sha256(body).hexdigest(), len(body)), (row[3], int(row[4])), "the digest is of the stored file")
    eq((doc["sha256"], doc["size"]), (row[3], int(row[4])))


@test
def services_refuse_photo_user_and_ref_fields():
    d = definition("INC")
    d["code"] = "FRX%d" % (RUN % 10000)
    for t, extra in (("photo", {}), ("user", {"scope": "gp_staff"}), ("ref", {"ref_kind": "register:cash_book"})):
        d2 = dict(d, fields=d["fields"] + [dict({"name": "x", "type": t, "label": label("X", "एक्स")}, **extra)])
        f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
        json.dump(d2, f, ensure_ascii=False)
        f.close()
        try:
            r = ctl("service", "import", f.name, "--publish", check=False)
        finally:
            os.unlink(f.name)
        assert r.returncode != 0, "a %s field is refused" % t
        assert "a %s field cannot be used in a service form" % t in (r.stdout + r.stderr), r.stdout + r.stderr


@test
def designer_offers_money_computed_geopoint_but_not_photo():
    service_with_new_types()
    c = Client()
    c.login("deptadmin")
    page = c.get("/admin/services/%s/fields" % CODE)      # the designer's "Questions" section
    eq(page.status, 200)
    for t in ("money", "computed", "geopoint"):
        assert '<option value="%s"' % t in page.text, "type %s offered" % t
    for t in ("photo", "user", "ref"):
        assert '<option value="%s"' % t not in page.text, "type %s not offered" % t
    stamp, total, site = "stamp_fee_%d" % RUN, "all_fees_%d" % RUN, "site_%d" % RUN
    fields = "/admin/services/%s/fields" % CODE
    r = c.form_post(fields, fields,
                    {"name": stamp, "type": "money", "label_en": "Stamp fee", "label_hi": "स्टाम्प शुल्क",
                     "required": "1"})
    eq(r.status, 303, "money field added: " + r.text[:300])
    # a bound typed in rupees on the field's own page is kept in paise
    r = c.form_post("/admin/services/%s/fields/%s" % (CODE, stamp), "/admin/services/%s/fields/%s/edit" % (CODE, stamp),
                    {"action": "save", "type": "money", "label_en": "Stamp fee", "label_hi": "स्टाम्प शुल्क",
                     "min": "10", "max": "1,000.50"})
    eq(r.status, 303, "bounds saved: " + r.text[:300])
    r = c.form_post(fields, fields,
                    {"name": total, "type": "computed", "label_en": "All fees", "label_hi": "सभी शुल्क",
                     "compute_op": "sum", "compute_of": "fee_paid, " + stamp})
    eq(r.status, 303, "computed field added: " + r.text[:300])
    r = c.form_post(fields, fields,
                    {"name": site, "type": "geopoint", "label_en": "Site", "label_hi": "स्थल", "accuracy_max": "20"})
    eq(r.status, 303, "geopoint field added: " + r.text[:300])
    r = c.form_post(fields, fields,
                    {"name": "t2_%d" % RUN, "type": "computed", "label_en": "T", "label_hi": "ट"})
    eq(r.status, 422, "a computed field needs its sources")
    d = json.loads(c.get("/admin/services/%s/export" % CODE).body)
    by = {f["name"]: f for f in d["fields"]}
    eq((by[stamp]["type"], by[stamp]["min"], by[stamp]["max"]), ("money", 1000, 100050))
    eq(by[total]["compute"], {"op": "sum", "of": ["fee_paid", stamp]})
    eq(by[site]["accuracy_max_m"], 20)
    page = c.get("/admin/services/%s/fields/%s" % (CODE, stamp))
    assert 'value="1000.50"' in page.text, "the editor shows the bound in rupees"
    r = c.form_post("/admin/services/%s/fields" % CODE, "/admin/services/%s/fields" % CODE,
                    {"name": "pic_%d" % RUN, "type": "photo", "label_en": "Pic", "label_hi": "चित्र"})
    eq(r.status, 422, "photo refused for services")


run()
