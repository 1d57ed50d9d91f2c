"""Service designer and catalogue: create, edit, validate, publish, version,
import/export, permissions."""
import html.parser
import json
import re
import tempfile
import time

from gs import Client, test, eq, run, ctl, sql

RUN = str(int(time.time() * 1000) % 100000)


def dept_admin():
    c = Client()
    c.login("deptadmin")
    return c


def post(c, code, section, data):
    return c.form_post("/admin/services/" + code, "/admin/services/%s/%s" % (code, section), data)


class _Form(html.parser.HTMLParser):
    """What a browser would send for the form posting to action: text
    inputs, ticked boxes and chosen options, as {name: value or [values]}."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.select, self.values = action, False, None, {}

    def add(self, name, value):
        old = self.values.get(name)
        self.values[name] = value if old is None else (old if isinstance(old, list) else [old]) + [value]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        elif self.inside and tag == "input" and a.get("name") and a.get("type") != "submit":
            if a.get("type") != "checkbox" or "checked" in a:
                self.add(a["name"], a.get("value", ""))
        elif self.inside and tag == "select":
            self.select = a.get("name")
        elif self.inside and tag == "option" and self.select and "selected" in a:
            self.add(self.select, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None


def form_as_shown(c, code, section):
    """The designer's form for section as its page fills it in."""
    f = _Form("/admin/services/%s/%s" % (code, section))
    f.feed(c.get("/admin/services/%s/%s" % (code, section)).text)
    f.values.pop("csrf", None)
    return f.values


@test
def catalogue_lists_seeded_services_in_both_languages():
    r = Client().get("/services")
    eq(r.status, 200, "catalogue")
    for name in ("Caste Certificate", "Income Certificate", "Residence Certificate", "Birth Certificate",
                 "Death Certificate", "Land Possession Certificate"):
        assert name in r.text, name
    c = Client()
    c.get("/lang?lang=hi&next=/services")
    r = c.get("/services")
    assert "आय प्रमाण पत्र" in r.text and "कार्य दिवस" in r.text
    r = Client().get("/services/INC")
    assert "Salary slip or income self-declaration" in r.text and "30 working days" in r.text
    assert "₹30" in r.text, "CSC charge shown"


@test
def api_lists_services_and_definition():
    j = Client().get("/api/v1/services").json()
    codes = [s["code"] for s in j["items"]]
    for c in ("CST", "INC", "RES", "BRT", "DTH", "LPC"):
        assert c in codes, c
    d = Client().get("/api/v1/services/CST").json()
    eq(d["definition"]["processing"]["stages"][0]["role"], "karmachari", "first stage")
    eq(Client().get("/api/v1/services/NOPE").status, 404, "unknown service")


@test
def create_build_publish_new_service():
    c = dept_admin()
    r = c.form_post("/admin/services", "/admin/services",
                    {"code": "OBC", "name_en": "Non-Creamy Layer Certificate", "name_hi": "नॉन-क्रीमी लेयर प्रमाण पत्र", "dept": "REV"})
    eq(r.status, 303, "created: " + r.text[:300])
    r = c.get("/admin/services/OBC")
    assert "Fix these before publishing" in r.text and "needs a location field" in r.text
    for data in (
        {"name": "applicant_name", "type": "text", "label_en": "Your name", "label_hi": "आपका नाम", "required": "1"},
        {"name": "address", "type": "location", "label_en": "Village", "label_hi": "गाँव", "required": "1"},
        {"name": "income", "type": "number", "label_en": "Family income", "label_hi": "पारिवारिक आय", "required": "1"},
    ):
        eq(post(c, "OBC", "fields", data).status, 303, "field " + data["name"])
    eq(post(c, "OBC", "stages", {"action": "add", "stage_code": "check", "stage_en": "Check", "stage_hi": "जाँच",
                                  "stage_role": "karmachari", "stage_actions": ["forward", "return", "reject"],
                                  "stage_sla": "5"}).status, 303, "stage 1")
    eq(post(c, "OBC", "stages", {"action": "add", "stage_code": "decide", "stage_en": "Decide", "stage_hi": "निर्णय",
                                  "stage_role": "co", "stage_actions": ["approve", "reject", "recall"],
                                  "stage_sla": "5"}).status, 303, "stage 2")
    eq(post(c, "OBC", "fields/income", {"action": "print", "position": "1"}).status, 303, "print")
    r = c.form_post("/admin/services/OBC", "/admin/services/OBC/publish", {})
    eq(r.status, 303, "published: " + re.sub(r"\s+", " ", r.text)[:800])
    r = Client().get("/services")
    assert "Non-Creamy Layer Certificate" in r.text
    eq(sql("SELECT v.version, v.status FROM service_versions v JOIN services s ON s.id=v.service_id WHERE s.code='OBC'"),
       [["1", "published"]], "v1 published")
    changes = int(sql("SELECT COUNT(*) FROM service_changes c JOIN services s ON s.id=c.service_id WHERE s.code='OBC'")[0][0])
    assert changes >= 8, "history of who changed what: %d" % changes
    assert sql("SELECT COUNT(*) FROM audit_log WHERE entity='service' AND entity_id='OBC' AND action='service.publish'")[0][0] == "1"


@test
def editing_published_makes_a_new_draft_version():
    c = dept_admin()
    r = post(c, "OBC", "general", {"name_en": "Non-Creamy Layer Certificate (OBC)", "name_hi": "नॉन-क्रीमी लेयर प्रमाण पत्र",
                                     "channels": ["online", "csc"]})
    eq(r.status, 303, "edit")
    rows = sql("SELECT v.version, v.status FROM service_versions v JOIN services s ON s.id=v.service_id "
               "WHERE s.code='OBC' ORDER BY v.version")
    eq(rows, [["1", "published"], ["2", "draft"]], "draft v2 beside published v1")
    assert "Non-Creamy Layer Certificate (OBC)" not in Client().get("/services").text, "citizens still see v1"
    eq(c.form_post("/admin/services/OBC", "/admin/services/OBC/publish", {}).status, 303, "publish v2")
    rows = sql("SELECT v.version, v.status FROM service_versions v JOIN services s ON s.id=v.service_id "
               "WHERE s.code='OBC' ORDER BY v.version")
    eq(rows, [["1", "superseded"], ["2", "published"]], "v2 live")


@test
def invalid_draft_cannot_be_published():
    c = dept_admin()
    # remove the approving stage
    eq(post(c, "OBC", "stages", {"action": "delete", "stage": "decide"}).status, 303, "delete stage")
    r = c.form_post("/admin/services/OBC", "/admin/services/OBC/publish", {})
    eq(r.status, 422, "refused")
    assert "Not published" in r.text and "no approve action" in r.text
    eq(sql("SELECT v.status FROM service_versions v JOIN services s ON s.id=v.service_id WHERE s.code='OBC' AND v.version=2")[0][0],
       "published", "the live version is unchanged")


@test
def field_form_errors_shown_at_field():
    c = dept_admin()
    r = post(c, "OBC", "fields", {"name": "Bad Name", "type": "select", "label_en": "", "label_hi": "x"})
    eq(r.status, 422, "refused")
    for f in ("name", "label_en", "options"):
        assert 'id="e-%s"' % f in r.text, f
    r = post(c, "OBC", "fields/income/edit", {"action": "save", "type": "number", "label_en": "Income", "label_hi": "आय",
                                              "min": "100", "max": "5"})
    eq(r.status, 422, "min > max refused")
    assert 'id="e-max"' in r.text


@test
def json_edit_checked_before_saving():
    c = dept_admin()
    r = post(c, "OBC", "json", {"definition": "{not json"})
    eq(r.status, 422, "malformed")
    assert "not valid JSON" in r.text
    r = post(c, "OBC", "json", {"definition": json.dumps({"format": "gramsewa.service/7"})})
    eq(r.status, 422, "unknown format")
    assert "unknown format" in r.text


@test
def fees_keep_their_paise_through_the_designer():
    # a service whose fees are not whole rupees (a definition may say so)
    d = json.loads(ctl("service", "export", "INC").stdout)
    code = "FEE" + RUN
    d["code"] = code
    d["fees"].update({"government_paise": 1025, "csc_charge_paise": 3050, "tatkal_paise": 0})
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
    json.dump(d, f, ensure_ascii=False)
    f.close()
    ctl("service", "import", f.name, "--publish")
    c = dept_admin()

    def fees():
        return json.loads(c.get("/admin/services/%s/export" % code).body)["fees"]
    # saving the settings as the page shows them, for another reason,
    # keeps the fees as they were
    shown = form_as_shown(c, code, "settings")
    shown["rtps_days"] = "29"
    eq(post(c, code, "settings", shown).status, 303, "settings saved")
    eq((fees()["government_paise"], fees()["csc_charge_paise"]), (1025, 3050), "no paisa lost on saving")
    eq((shown["fee_gov"], shown["fee_csc"], shown["fee_tatkal"]), ("10.25", "30.50", "0"), "the fees as the form shows them")
    # and an amount in rupees and paise is read as such
    shown["fee_csc"] = "₹ 1,234.50"
    eq(post(c, code, "settings", shown).status, 303, "a typed amount")
    eq(fees()["csc_charge_paise"], 123450, "₹1,234.50")
    shown["fee_csc"] = "30.505"
    r = post(c, code, "settings", shown)
    eq(r.status, 422, "three decimals refused")
    assert 'href="#f-fee_csc"' in r.text, "the fee named"


@test
def import_export_round_trip():
    out = ctl("service", "export", "INC").stdout
    d = json.loads(out)
    d["code"] = "INC2"
    d["name"]["en"] = "Income Certificate (copy)"
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
    json.dump(d, f, ensure_ascii=False)
    f.close()
    ctl("service", "import", f.name, "--publish")
    back = json.loads(ctl("service", "export", "INC2").stdout)
    eq(back, d, "export -> import -> export gives the same definition")


def upload_import(c, body, publish=False):
    """POST /admin/services/import with body as the uploaded file."""
    tok = c.csrf_from(c.get("/admin/services").text)
    boundary = "XYZ123"
    fields = {"csrf": tok}
    if publish:
        fields["publish"] = "1"
    payload = "".join("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)
                      for k, v in fields.items())
    payload = (payload + "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.json\"\r\n"
               "Content-Type: application/json\r\n\r\n" % boundary).encode() + body + ("\r\n--%s--\r\n" % boundary).encode()
    return c.post("/admin/services/import", payload, ctype="multipart/form-data; boundary=" + boundary)


@test
def import_refuses_bad_files_with_reasons():
    c = dept_admin()
    for body, reason in ((b"{oops", "not valid JSON"), (b'{"format":"gramsewa.service/9"}', "unknown format"),
                         (json.dumps({"format": "gramsewa.service/1", "code": "ZZ", "department": "REV"}).encode(),
                          "needs both English and Hindi")):
        r = upload_import(c, body)
        eq(r.status, 422, reason)
        assert "The file was not imported" in r.text and reason in r.text, r.text[:2000]
    eq(sql("SELECT COUNT(*) FROM services WHERE code='ZZ'")[0][0], "0", "nothing saved")


def owner_and_versions(code):
    """The owning department of a service and its versions, for before/after comparisons."""
    return sql("SELECT d.code, (SELECT GROUP_CONCAT(v.version, v.status ORDER BY v.version) FROM service_versions v "
               "WHERE v.service_id = s.id) FROM services s JOIN departments d ON d.id = s.department_id "
               "WHERE s.code = '%s'" % code)


def definition_file(code, dept, new_code=None):
    """A service's published definition naming dept (and new_code), as a file."""
    d = json.loads(ctl("service", "export", code).stdout)
    d["department"] = dept
    if new_code:
        d["code"] = new_code
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
    json.dump(d, f, ensure_ascii=False)
    f.close()
    return f.name, json.dumps(d, ensure_ascii=False).encode()


@test
def import_cannot_take_over_another_departments_service():
    c = dept_admin()   # Revenue
    for code in ("DTH", "BRT"):   # Health services
        before = owner_and_versions(code)
        eq(before[0][0], "HLT", code + " belongs to Health")
        for dept in ("REV", "HLT"):
            for publish in (True, False):
                _, body = definition_file(code, dept)
                r = upload_import(c, body, publish=publish)
                eq(r.status, 403, "%s naming %s, publish=%s: %s" % (code, dept, publish, r.text[:200]))
        eq(owner_and_versions(code), before, code + " unchanged")
    # own department: a new code or one it owns
    _, body = definition_file("INC", "REV", new_code="INCR")
    eq(upload_import(c, body, publish=True).status, 303, "a new code into Revenue")
    _, body = definition_file("INCR", "REV")
    eq(upload_import(c, body).status, 303, "a code Revenue owns")
    eq(owner_and_versions("INCR")[0], ["REV", "1published,2draft"], "Revenue's service, new draft")
    # but not into another department, neither new nor its own code moved away
    for code, new in (("INC", "INCH"), ("INCR", None)):
        _, body = definition_file(code, "HLT", new_code=new)
        eq(upload_import(c, body, publish=True).status, 403, "into Health: %s" % (new or code))
    eq(owner_and_versions("INCH"), [], "nothing created")
    eq(owner_and_versions("INCR")[0], ["REV", "1published,2draft"], "not moved")
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE action='service.import' AND entity_id IN ('DTH', 'BRT') "
           "AND actor_id = (SELECT id FROM users WHERE username='deptadmin')"), [["0"]], "no import by Revenue")


@test
def json_editor_cannot_give_a_service_to_another_department():
    c = dept_admin()
    before = owner_and_versions("INCR")   # Revenue's, from the import test
    d = json.loads(ctl("service", "export", "INCR").stdout)
    d["department"] = "HLT"
    r = post(c, "INCR", "json", {"definition": json.dumps(d, ensure_ascii=False)})
    eq(r.status, 403, "naming Health in Revenue's service")
    eq(owner_and_versions("INCR"), before, "unchanged")
    d["department"] = "REV"
    eq(post(c, "INCR", "json", {"definition": json.dumps(d, ensure_ascii=False)}).status, 303, "own department")


@test
def state_admin_may_move_a_service_by_import():
    sa = Client()
    sa.login("stateadmin")
    _, body = definition_file("INC", "HLT", new_code="MOVE1")
    eq(upload_import(sa, body, publish=True).status, 303, "new, into Health")
    _, body = definition_file("MOVE1", "REV")
    eq(upload_import(sa, body, publish=True).status, 303, "moved to Revenue")
    eq(owner_and_versions("MOVE1")[0][0], "REV", "owned by Revenue now")


@test
def cli_import_keeps_services_with_their_department():
    before = owner_and_versions("DTH")
    path, _ = definition_file("DTH", "REV")
    p = ctl("service", "import", path, "--publish", check=False)
    eq(p.returncode, 1, "refused: " + p.stdout + p.stderr)
    assert "DTH belongs to department HLT" in p.stderr, p.stderr
    # acting for one department: only that department's files and codes
    p = ctl("service", "import", path, "--publish", "--department", "HLT", check=False)
    eq(p.returncode, 1, "a file naming Revenue, imported for Health: " + p.stderr)
    path, _ = definition_file("DTH", "HLT")
    p = ctl("service", "import", path, "--department", "REV", check=False)
    eq(p.returncode, 1, "Health's code, imported for Revenue: " + p.stderr)
    eq(owner_and_versions("DTH"), before, "DTH unchanged")
    path, _ = definition_file("INC", "REV", new_code="INCCLI")
    ctl("service", "import", path, "--publish", "--department", "REV")
    eq(owner_and_versions("INCCLI")[0], ["REV", "1published"], "a new code for Revenue")
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action='service.import' AND entity_id='INCCLI'")[0][0] == "1", \
        "the command line's import is audited too"


@test
def department_admin_limited_to_own_department():
    c = dept_admin()
    eq(c.get("/admin/services/BRT").status, 403, "Health service")
    eq(c.get("/admin/services/INC").status, 200, "Revenue service")
    page = c.get("/admin/services").text
    assert "/admin/services/INC" in page and "/admin/services/BRT" not in page, "list holds only own department"
    assert 'value="REV"' in page and 'value="HLT"' not in page, "new services only in own department"
    co = Client()
    co.login("co")
    eq(co.get("/admin/services").status, 403, "circle officer")
    sa = Client()
    sa.login("stateadmin")
    eq(sa.get("/admin/services/BRT").status, 200, "state admin sees all")


@test
def retire_hides_from_catalogue():
    c = dept_admin()
    # retiring asks "Are you sure?" first (test_desk checks the question itself)
    eq(c.form_post("/admin/services/OBC", "/admin/services/OBC/retire", {"confirm": "yes"}).status, 303, "retire")
    assert "Non-Creamy Layer" not in Client().get("/services").text
    eq(Client().get("/api/v1/services/OBC").status, 404, "no new applications")


@test
def designer_is_a_task_list_with_one_form_per_page():
    c = dept_admin()
    code = "TL" + RUN[-3:]
    eq(c.form_post("/admin/services", "/admin/services", {"code": code, "name_en": "Task list test", "name_hi": "कार्य सूची परीक्षण",
                                                           "dept": "REV"}).status, 303, "created")
    t = c.get("/admin/services/" + code).text
    eq(re.findall(r'<a href="/admin/services/%s/(\w+)"' % code, t),
       ["general", "fields", "documents", "settings", "stages", "notifications", "json", "history"], "every section, in order")
    tasks = re.findall(r'<a href="/admin/services/%s/(\w+)" aria-describedby="ts-\1">([^<]+)</a>.*?<strong id="ts-\1" class="tag[^"]*">([^<]+)<'
                       % code, t, re.S)
    eq([x[0] for x in tasks], ["general", "fields", "documents", "settings", "stages", "notifications"], "the tasks with a state")
    states = {x[0]: x[2] for x in tasks}
    eq(states["fields"], "Incomplete", "no questions yet")
    eq(states["documents"], "Optional", "documents may be none")
    assert "<textarea" not in t and t.count("<form") <= 4, "no section forms on the task list"
    for sec in ("general", "fields", "documents", "settings", "stages", "notifications", "json", "history"):
        r = c.get("/admin/services/%s/%s" % (code, sec))
        eq(r.status, 200, sec)
        assert 'href="/admin/services/%s">Back to the task list</a>' % code in r.text, "a way back from " + sec
        assert len(r.body) < 48 * 1024, "%s page %d bytes" % (sec, len(r.body))
    j = c.get("/admin/services/%s/json" % code).text
    assert re.search(r'<label for="f-definition">[^<]+</label>\s*<textarea id="f-definition" name="definition"', j), "the JSON box has a label"
    eq(c.get("/admin/services/%s/nonsense" % code).status, 404, "not a section")
    r = post(c, code, "fields", {"name": "applicant_name", "type": "text", "label_en": "Your name", "label_hi": "आपका नाम",
                                 "required": "1"})
    eq(r.status, 303, "field added")
    eq(r.header("Location"), "/admin/services/%s/fields" % code, "back to the section's own page")
    t = c.get("/admin/services/" + code).text
    assert re.search(r'id="ts-fields" class="tag green">Completed<', t), "the task list says so"
    r = post(c, code, "settings", {"rtps_days": "many"})
    eq(r.status, 422, "a bad value")
    assert '<form method="post" action="/admin/services/%s/settings"' % code in r.text and "/general\"" not in r.text, \
        "shown again on the settings page alone"
    c.get("/lang?lang=hi&next=/")
    assert "सेवा तैयार करें" in c.get("/admin/services/" + code).text, "in Hindi"


@test
def retiring_asks_are_you_sure_on_a_page_of_its_own():
    c = dept_admin()
    code = "RT" + RUN[-3:]
    eq(c.form_post("/admin/services", "/admin/services", {"code": code, "name_en": "Retire test", "name_hi": "बंद परीक्षण",
                                                           "dept": "REV"}).status, 303, "created")
    inc = json.loads(c.get("/admin/services/INC/export").body)
    inc["code"] = code
    eq(post(c, code, "json", {"definition": json.dumps(inc)}).status, 303, "a whole definition")
    eq(c.form_post("/admin/services/" + code, "/admin/services/%s/publish" % code, {}).status, 303, "published")
    t = c.get("/admin/services/" + code).text
    assert 'href="/admin/services/%s/retire"' % code in t, "the task list links to the question"
    assert 'action="/admin/services/%s/retire"' % code not in t, "and does not retire in one click"
    q = c.get("/admin/services/%s/retire" % code)
    eq(q.status, 200, "the question")
    assert "Are you sure you want to retire this service?" in q.text and "Applications already filed" in q.text, "what will happen"
    assert 'action="/admin/services/%s/retire"' % code in q.text and "Yes, retire this service" in q.text
    eq(sql("SELECT status FROM services WHERE code='%s'" % code)[0][0], "active", "asking changed nothing")


if __name__ == "__main__":
    run()
