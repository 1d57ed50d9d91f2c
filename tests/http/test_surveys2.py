"""Surveys, part 2: a survey's form in versions (draft -> published ->
superseded; a published version never changes, an edit is a new draft;
tasks and submissions keep the version they were made against; the
preview renders the form as a VLE sees it, with the accuracy threshold and
the photo window stated), the daily `survey-remind` job (one SMS per task
per day even when run twice at once, none for completed tasks, a digest of
the block's overdue tasks to its BI), and register health for the books of
block- and district-level registers on the block and district dashboards.

The demo: csc1 is the VLE of Jamune, csc2 of Lahlahe (both in the
Medininagar block, the BI "bi"); di is the District In-charge of Palamu,
bdo the BDO of Medininagar."""
import copy
import datetime
import json
import os
import subprocess
import tempfile

from gs import Client, test, eq, run, sql, ctl, today, CTL, VAR
from surveykit import RUN, photo, multipart, api, loc, label, FORM, new_survey, submit, task_row


def versions(sid, user="bi"):
    r = api(user).api("GET", "/surveys/%d/versions" % sid)
    eq(r.status, 200, "versions: %r" % r)
    return [(v["version"], v["status"]) for v in r.json()["items"]], r.json()["items"]


def with_depth(required=True):
    f = copy.deepcopy(FORM)
    f["fields"].append({"name": "depth", "type": "number", "label": label("Depth of the bore (m)", "बोर की गहराई (मी)"),
                        "required": required, "min": 1, "max": 500})
    return f


@test
def publishing_a_new_version_leaves_old_submissions_in_theirs():
    sid, tasks = new_survey()
    listed, items = versions(sid)
    eq(listed, [(1, "published")], "the form a survey is created with is its version 1, published")
    v1 = items[0]["id"]
    t = api("csc1").api("GET", "/tasks/%d" % tasks["csc1"]).json()
    eq((t["version_id"], t["allocated_version_id"], t["answers_version_id"]), (v1, v1, None), "the task says its version")
    row = [x for x in api("csc1").api("GET", "/tasks?survey=%d" % sid).json()["items"]][0]
    eq(row["version_id"], v1, "and so does the list the field app reads")
    eq(submit("csc1", tasks["csc1"]).status, 200, "csc1 submits in version 1")

    eq(api("bi").api("POST", "/surveys/%d/versions" % sid, {"form": with_depth()}).status, 403, "a BI does not write forms")
    r = api("di").api("POST", "/surveys/%d/versions" % sid, {"form": with_depth(False)})
    eq(r.status, 201, "a draft: %r" % r)
    draft = r.json()
    eq((draft["version"], draft["status"]), (2, "draft"))
    r = api("di").api("POST", "/surveys/%d/versions" % sid, {"form": with_depth(True)})
    eq((r.status, r.json()["id"]), (201, draft["id"]), "a draft is changed in place until published")
    bad = {"format": "gramsewa.form/1", "fields": [{"name": "x", "type": "text", "label": label("X", "X")}]}
    r = api("di").api("POST", "/surveys/%d/versions" % sid, {"form": bad})
    eq(r.status, 422, "a form without a geopoint and a photo: %r" % r)
    assert '"depth"' in sql("SELECT form FROM survey_versions WHERE id = %d" % draft["id"])[0][0], "the draft is as it was"
    eq(versions(sid)[0], [(2, "draft"), (1, "published")])
    eq(api("csc2").api("GET", "/tasks/%d" % tasks["csc2"]).json()["version_id"], v1, "a draft is not what tasks are filled in")
    eq(api("csc2").api("GET", "/surveys/%d/versions/%d" % (sid, draft["id"])).status, 404, "nor shown to VLEs")

    eq(api("bi").api("POST", "/surveys/%d/versions/%d/publish" % (sid, draft["id"]), {}).status, 403)
    r = api("di").api("POST", "/surveys/%d/versions/%d/publish" % (sid, draft["id"]), {})
    eq((r.status, r.json()["status"]), (200, "published"), "published: %r" % r)
    eq(versions(sid)[0], [(2, "published"), (1, "superseded")])
    eq(api("di").api("POST", "/surveys/%d/versions/%d/publish" % (sid, draft["id"]), {}).status, 409, "published once")
    eq(api("di").api("POST", "/surveys/%d/versions/%d/publish" % (sid, v1), {}).status, 409, "a superseded one stays so")
    v1_form = sql("SELECT form FROM survey_versions WHERE id = %d" % v1)[0][0]

    # the old submission keeps its version, on the row and on the page
    eq(sql("SELECT answers_version_id, version_id FROM tasks WHERE id = %d" % tasks["csc1"])[0], [str(v1), str(v1)])
    bi = Client()
    bi.login("bi")
    page = bi.get("/tasks/%d" % tasks["csc1"])
    assert 'id="answers-version"' in page.text and "1</p>" in page.text, "the answers say their version"
    assert "Depth of the bore" not in page.text, "and are read in the form they were filled in"

    # csc2 now fills version 2: a client holding version 1 is told so
    t = api("csc2").api("GET", "/tasks/%d" % tasks["csc2"]).json()
    eq((t["version_id"], t["allocated_version_id"]), (draft["id"], v1), "fill in the published one")
    assert any(f["name"] == "depth" for f in t["form"]["fields"]), "the task's form is version 2"
    a = {"working": "yes", "site": {"lat": "24.03", "lon": "84.07", "accuracy_m": 5, "source": "gps"}}
    body, ctype = multipart({"answers": json.dumps(a), "version_id": str(v1)}, {"photo": ("p.jpg", photo(-300))})
    r = api("csc2").request("POST", "/api/v1/tasks/%d/submit" % tasks["csc2"], body=body, ctype=ctype)
    eq(r.status, 409, "answers to version 1 after version 2 was published: %r" % r)
    eq(submit("csc2", tasks["csc2"]).status, 422, "version 2 asks for the depth")
    eq(task_row(tasks["csc2"])[0], "allocated", "nothing changed")
    r = submit("csc2", tasks["csc2"], answers={"depth": 40})
    eq(r.status, 200, "filled in version 2: %r" % r)
    eq(r.json()["answers_version_id"], draft["id"])

    # editing the published version makes a new draft; version 2 never changes
    v2_form = sql("SELECT form FROM survey_versions WHERE id = %d" % draft["id"])[0][0]
    r = api("di").api("POST", "/surveys/%d/versions" % sid, {"form": FORM})
    eq((r.status, r.json()["version"], r.json()["status"]), (201, 3, "draft"), "an edit is version 3, a draft")
    eq(sql("SELECT form FROM survey_versions WHERE id = %d" % draft["id"])[0][0], v2_form, "version 2 as published")
    eq(sql("SELECT form FROM survey_versions WHERE id = %d" % v1)[0][0], v1_form, "version 1 as published")
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.publish' AND entity_id = '%d'" % sid)[0][0] == "1", \
        "publishing is audited"


ALL_TYPES = {"format": "gramsewa.form/1", "fields": [
    {"name": "t_text", "type": "text", "label": label("A text", "पाठ")},
    {"name": "t_number", "type": "number", "label": label("A number", "संख्या")},
    {"name": "t_date", "type": "date", "label": label("A date", "तारीख")},
    {"name": "t_select", "type": "select", "label": label("A list", "सूची"),
     "options": [{"value": "a", "label": label("A", "अ")}, {"value": "b", "label": label("B", "ब")}]},
    {"name": "t_multiselect", "type": "multiselect", "label": label("Several", "कई"),
     "options": [{"value": "a", "label": label("A", "अ")}, {"value": "b", "label": label("B", "ब")}]},
    {"name": "t_radio", "type": "radio", "label": label("One of", "एक"),
     "options": [{"value": "a", "label": label("A", "अ")}, {"value": "b", "label": label("B", "ब")}]},
    {"name": "t_checkbox", "type": "checkbox", "label": label("A box", "बॉक्स")},
    {"name": "t_mobile", "type": "mobile", "label": label("A mobile", "मोबाइल")},
    {"name": "t_email", "type": "email", "label": label("An e-mail", "ई-मेल")},
    {"name": "t_aadhaar", "type": "aadhaar", "label": label("An Aadhaar", "आधार")},
    {"name": "t_pin", "type": "pin", "label": label("A PIN", "पिन")},
    {"name": "t_location", "type": "location", "label": label("A place", "स्थान")},
    {"name": "t_file", "type": "file", "label": label("A file", "फ़ाइल")},
    {"name": "t_group", "type": "group", "label": label("Rows", "पंक्तियाँ"),
     "fields": [{"name": "g_name", "type": "text", "label": label("Name", "नाम")}]},
    {"name": "t_money", "type": "money", "label": label("Money", "राशि")},
    {"name": "t_computed", "type": "computed", "label": label("Total", "योग"), "compute": {"op": "sum", "of": ["t_money"]}},
    {"name": "t_geopoint", "type": "geopoint", "label": label("Where", "कहाँ"), "accuracy_max_m": 25},
    {"name": "t_photo", "type": "photo", "label": label("A photo", "फ़ोटो")},
    {"name": "t_user", "type": "user", "label": label("A person", "व्यक्ति")},
    {"name": "t_ref", "type": "ref", "label": label("An entry", "प्रविष्टि"), "ref_kind": "register:IMMOVABLE"},
]}


@test
def preview_renders_every_field_type_with_the_rules_stated():
    sid, _ = new_survey()
    r = api("di").api("POST", "/surveys/%d/versions" % sid, {"form": ALL_TYPES})
    eq(r.status, 201, "a draft with every type: %r %s" % (r, r.text[:600]))
    vid = r.json()["id"]
    for user in ("di", "bi"):
        c = Client()
        c.login(user)
        page = c.get("/surveys/%d/versions/%d/preview" % (sid, vid))
        eq(page.status, 200, "%s previews" % user)
        for f in ALL_TYPES["fields"]:
            if f["type"] == "computed":
                continue    # worked out by the server, never asked
            assert 'f_%s' % f["name"] in page.text, "%s (%s) is on the preview" % (f["name"], f["type"])
        assert 'id="photo-window"' in page.text, "the photo window stated"
        assert 'data-field="t_geopoint">25 metres' in page.text, "the accuracy threshold stated"
        assert 'type="file"' in page.text and 'capture="environment"' in page.text, "the photo as a camera upload"
        assert ('id="publish"' in page.text) == (user == "di"), "only the survey's authors publish"
    c = Client()
    c.login("di")
    listing = c.get("/surveys/%d/versions" % sid)
    eq(listing.status, 200)
    assert 'data-version="%d"' % vid in listing.text and "/versions/%d/preview" % vid in listing.text
    r = c.form_post("/surveys/%d/versions" % sid, "/surveys/%d/versions" % sid, {"form": "{not json"})
    eq(r.status, 422, "a form that is not JSON is refused on the page")
    assert 'id="problems"' in r.text and "{not json" in r.text, "with the problem and what was typed"
    r = c.form_post("/surveys/%d/versions" % sid, "/surveys/%d/versions" % sid, {"form": json.dumps(FORM)})
    eq(r.status, 303, "saved on the page: %r" % r)
    assert r.header("Location").endswith("/versions/%d/preview?done=draft" % vid), "the same draft, to its preview"
    r = c.form_post("/surveys/%d/versions/%d/preview" % (sid, vid), "/surveys/%d/versions/%d/publish" % (sid, vid), {})
    eq(r.status, 303, "published on the page")
    eq(versions(sid)[0][0], (2, "published"))
    eq(Client().get("/surveys/%d/versions/%d/preview" % (sid, vid)).status in (302, 303, 401, 403), True, "not for strangers")


# ---- survey-remind ----

def remind(day, env=None):
    return subprocess.Popen([CTL, "-c", os.path.join(VAR, "gramsewa.conf"), "survey-remind", "--day", day],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def sms_for(event, ref):
    return sql("SELECT recipient, body, dlt_template_id FROM notifications WHERE event = '%s' AND ref = '%s' ORDER BY id"
               % (event, ref))


def day_after(d, n):
    return (datetime.date.fromisoformat(d) + datetime.timedelta(days=n)).isoformat()


@test
def survey_remind_queues_once_per_task_per_day_even_run_twice_at_once():
    sid, tasks = new_survey()
    due = sql("SELECT due_date FROM tasks WHERE id = %d" % tasks["csc1"])[0][0]
    eq(submit("csc2", tasks["csc2"]).status, 200)
    eq(api("bi").api("POST", "/tasks/%d/approve" % tasks["csc2"], {}).status, 200, "csc2's task is completed")
    sql("UPDATE users SET lang = 'hi' WHERE username = 'csc1'")
    try:
        day = today()
        runs = [remind(day), remind(day)]
        outs = [p.communicate() for p in runs]
        eq([p.returncode for p in runs], [0, 0], "both runs finish: %r" % (outs,))
    finally:
        sql("UPDATE users SET lang = 'en' WHERE username = 'csc1'")
    sent = sms_for("survey.due", tasks["csc1"])
    eq(len(sent), 1, "one reminder for csc1's task though two runs raced: %r" % (sent,))
    mobile = sql("SELECT mobile FROM users WHERE username = 'csc1'")[0][0]
    eq(sent[0][0], mobile, "to its VLE")
    assert "सर्वेक्षण कार्य %d" % tasks["csc1"] in sent[0][1], "in the VLE's language: %s" % sent[0][1]
    eq(sent[0][2], "1107160000000000432", "with the Hindi template's DLT id")
    eq(sql("SELECT reminded_on FROM tasks WHERE id = %d" % tasks["csc1"])[0][0], day, "the mark, same transaction")
    eq(sms_for("survey.due", tasks["csc2"]) + sms_for("survey.overdue", tasks["csc2"]), [], "a completed task is not reminded")
    p = remind(day)
    p.communicate()
    eq(len(sms_for("survey.due", tasks["csc1"])), 1, "a second run the same day queues nothing more")

    # the day after the due date: overdue, reminded again (a new day), and the BI's digest
    late = day_after(due, 1)
    runs = [remind(late), remind(late)]
    outs = [p.communicate() for p in runs]
    eq([p.returncode for p in runs], [0, 0], "both runs finish: %r" % (outs,))
    over = sms_for("survey.overdue", tasks["csc1"])
    eq(len(over), 1, "one overdue reminder: %r" % (over,))
    assert "was due on" in over[0][1] and "/tasks/%d" % tasks["csc1"] in over[0][1], over[0][1]
    block = loc("block", "Medininagar(Daltonganj)")
    digest = sms_for("survey.digest", "%d/%s" % (block, late))
    eq(len(digest), 1, "one digest to the block's BI: %r" % (digest,))
    eq(digest[0][0], sql("SELECT mobile FROM users WHERE username = 'bi'")[0][0], "to the BI")
    assert "overdue" in digest[0][1] and "Medininagar" in digest[0][1], digest[0][1]
    n = int(sql("SELECT tasks FROM survey_digests WHERE block_id = %d AND day = '%s'" % (block, late))[0][0])
    assert n >= 1, "the digest counts the block's overdue tasks"
    eq(sms_for("survey.overdue", tasks["csc2"]), [], "still nothing for the completed task")


@test
def survey_remind_leaves_tasks_far_from_due_and_closed_surveys_alone():
    sid, tasks = new_survey()
    due = sql("SELECT due_date FROM tasks WHERE id = %d" % tasks["csc1"])[0][0]
    early = day_after(due, -10)
    p = remind(early)
    out = p.communicate()
    eq(p.returncode, 0, repr(out))
    eq(sms_for("survey.due", tasks["csc1"]), [], "ten days before the due date: no reminder (survey_remind_days 2)")
    eq(api("di").api("POST", "/surveys/%d/close" % sid, {}).status, 200)
    p = remind(day_after(due, 1))
    p.communicate()
    eq(sms_for("survey.overdue", tasks["csc1"]), [], "a closed survey's cancelled task is not reminded")
    r = ctl("survey-remind", "--day", "2026-13-40", check=False)
    eq(r.returncode, 2, "a bad day is a usage error")


# ---- register health of block books ----

TMP = tempfile.mkdtemp(prefix="gs-surveys2-")


def import_block_register(code):
    here = os.path.dirname(os.path.abspath(__file__))
    d = json.load(open(os.path.join(here, "..", "..", "data", "registers", "10_dak_in.json"), encoding="utf-8"))
    d.update(code=code, level="block", name={"en": "Block dak register " + code, "hi": "प्रखंड डाक पंजी " + code})
    d["signoff"] = {"enter": ["bdo", "bi"], "verify": "bdo"}
    path = os.path.join(TMP, code + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False)
    ctl("register-import", path, "--publish")


@test
def register_health_counts_block_books_on_the_block_and_district_dashboards():
    code = "BH" + RUN
    import_block_register(code)
    block = loc("block", "Medininagar(Daltonganj)")
    district = loc("district", "Palamu")
    data = {"date": today(), "party": "District office", "subject": "Circular"}
    r = api("bdo").api("POST", "/registers/%s/entries" % code, {"data": data, "submit": True})
    eq(r.status, 201, "an entry in the block's book: %r" % r)
    book = r.json()["book"]
    h = api("bi").api("GET", "/dash/registers?location=%d" % block).json()
    mine = [o for o in h["offices"] if o["location_id"] == block]
    eq(len(mine), 1, "the block's own books have a row: %r" % h["offices"])
    assert mine[0]["open_books"] >= 1 and mine[0]["waiting_signoff"] >= 1, mine[0]
    eq(mine[0]["days_since_last_entry"], 0, "entered today")
    assert book in [b["book"] for b in h["books"]], "the block's books are listed at the block"
    h = api("di").api("GET", "/dash/registers?location=%d" % district).json()
    assert block in [o["location_id"] for o in h["offices"]], "the district sees the block's books"
    gp = api("bi").api("GET", "/dash/registers?location=%d" % loc("panchayat", "Jamune")).json()
    eq(gp["offices"], [], "a GP has no offices' row")
    before = mine[0]["waiting_signoff"]
    entry = r.json()["id"]
    eq(api("bdo").api("POST", "/registers/entries/%d/verify" % entry, {}).status, 200, "verified")
    h = api("bi").api("GET", "/dash/registers?location=%d" % block).json()
    eq([o for o in h["offices"] if o["location_id"] == block][0]["waiting_signoff"], before - 1, "no longer waiting")
    web = Client()
    web.login("bi")
    page = web.get("/dash?location=%d" % block)
    eq(page.status, 200)
    assert 'id="reghealth-offices"' in page.text and 'data-location="%d"' % block in page.text, "the block's row on its dashboard"
    assert "/registers/%s/%d" % (code, book) in page.text, "and its books, linked"
    web = Client()
    web.login("di")
    page = web.get("/dash?location=%d" % district)
    assert 'id="reghealth-offices"' in page.text and 'data-location="%d"' % block in page.text, "on the district's too"


run()
