"""Amenities and survey tasks (the CHiPS model): a DI creates a survey (a
form of the form engine with a geopoint and a photo question), the BI
allocates its tasks in bulk to the GPs' VLEs, a VLE submits with a GPS fix
and a photo, the BI approves or returns.  A fix less accurate than the
form's threshold or a photo taken outside the window is accepted but
flagged; bad input is 422 and changes nothing.

The demo: csc1 is the VLE of Jamune, csc2 of Lahlahe (both in the
Medininagar block, the BI "bi"); bi2 is the BI of Chainpur."""
import csv as csvmod
import io
import json
import re
import time

from gs import Client, test, eq, run, sql, now
from surveykit import (RUN, SEQ, IST, photo, multipart, api, loc, user_id, label, FORM, new_survey, submit,
                       task_row)


@test
def bulk_allocation_then_vle_submits_then_bi_approves():
    sid, tasks = new_survey()
    vles = sql("SELECT COUNT(*) FROM tasks WHERE project_id = %d" % sid)[0][0]
    gps = sql("SELECT COUNT(DISTINCT g.id) FROM locations g JOIN locations b ON b.id = g.parent_id "
              "JOIN role_holdings rh ON rh.role = 'csc' AND rh.active = 1 JOIN locations v ON v.id = rh.location_id "
              "AND v.path LIKE CONCAT(g.path, '%%') WHERE g.type = 'panchayat' AND b.name_en = 'Medininagar(Daltonganj)'")[0][0]
    eq(vles, gps, "one task per GP of the block that has a VLE")
    again = api("bi").api("POST", "/surveys/%d/allocate" % sid, {"places": [loc("panchayat", "Jamune")]})
    eq((again.json()["allocated"], again.json()["existing"]), (0, 1), "allocating again makes no second task")
    t = tasks["csc1"]
    eq(api("csc1").api("POST", "/tasks/%d/start" % t, {}).json()["status"], "in_progress")
    r = submit("csc1", t)
    eq(r.status, 200, "submitted: %r" % r)
    got = r.json()
    eq((got["status"], got["flags"]), ("pending_approval", ""), "clean submission")
    assert got["answers"]["photo"]["in_window"] is True and got["answers"]["site"]["accuracy_m"] == 8, got["answers"]
    r = api("bi").api("POST", "/tasks/%d/approve" % t, {})
    eq(r.status, 200, "approved: %r" % r)
    eq(task_row(t)[0], "completed")
    eq(api("bi").api("POST", "/tasks/%d/approve" % t, {}).status, 409, "approved once only")


@test
def reassign_outside_the_bis_block_is_refused():
    sid, tasks = new_survey()
    t = tasks["csc1"]
    before = task_row(t)
    r = api("bi2").api("POST", "/tasks/%d/reassign" % t, {"assignee": user_id("csc2"), "reason": "VLE on leave"})
    eq(r.status, 404, "the Chainpur BI does not reach a Medininagar task")
    r = api("bi").api("POST", "/tasks/%d/reassign" % t, {"assignee": user_id("bi2"), "reason": "VLE on leave"})
    eq(r.status, 422, "only to a VLE of the BI's own area")
    r = api("bi").api("POST", "/tasks/%d/reassign" % t, {"assignee": user_id("csc2")})
    eq(r.status, 422, "a reason is needed")
    eq(task_row(t), before, "nothing changed")
    r = api("bi").api("POST", "/tasks/%d/reassign" % t, {"assignee": user_id("csc2"), "reason": "VLE on leave"})
    eq(r.status, 200, "reassigned: %r" % r)
    eq(int(task_row(t)[2]), user_id("csc2"))
    eq(submit("csc1", t).status, 404, "the former VLE no longer submits it")


@test
def poor_accuracy_and_photo_outside_the_window_are_flagged():
    sid, tasks = new_survey()
    r = submit("csc2", tasks["csc2"], accuracy=80, pic=photo(-10 * 86400))
    eq(r.status, 200, "accepted: %r" % r)
    eq(r.json()["flags"], "accuracy,photo_time")
    eq(task_row(tasks["csc2"])[:2], ["pending_approval", "accuracy,photo_time"])
    bi = Client()
    bi.login("bi")
    page = bi.get("/tasks/%d" % tasks["csc2"])
    eq(page.status, 200)
    assert 'id="flags"' in page.text and "less accurate" in page.text and "not taken inside" in page.text, "the BI sees why"
    r = submit("csc1", tasks["csc1"], accuracy=20, pic=photo(-3600))
    eq(r.json()["flags"], "", "at the threshold and inside the window: clean")


@test
def photo_that_is_not_an_image_is_422_and_nothing_changes():
    sid, tasks = new_survey()
    t = tasks["csc1"]
    docs = sql("SELECT COUNT(*) FROM documents")[0][0]
    r = submit("csc1", t, pic=b"%PDF-1.4 not a picture at all")
    eq(r.status, 422, "refused: %r" % r)
    assert "photo" in r.json()["error"]["fields"], r.text
    eq(task_row(t)[:2], ["allocated", ""], "the task is as it was")
    eq(sql("SELECT COUNT(*) FROM documents")[0][0], docs, "no document stored")


@test
def coordinates_out_of_range_are_422_and_nothing_changes():
    sid, tasks = new_survey()
    t = tasks["csc1"]
    docs = sql("SELECT COUNT(*) FROM documents")[0][0]
    for lat, lon in (("95.0", "84.07"), ("24.03", "-181"), ("north", "84.07")):
        r = submit("csc1", t, lat=lat, lon=lon)
        eq(r.status, 422, "%s,%s refused: %r" % (lat, lon, r))
        assert "site" in r.json()["error"]["fields"], r.text
    eq(task_row(t), ["allocated", "", str(user_id("csc1")), "", "0"], "the task is as it was")
    eq(sql("SELECT COUNT(*) FROM documents")[0][0], docs, "the photo sent with them was not kept")


@test
def vle_cannot_submit_someone_elses_task():
    sid, tasks = new_survey()
    t = tasks["csc1"]
    eq(submit("csc2", t).status, 404)
    eq(api("csc2").api("GET", "/tasks/%d" % t).status, 404, "nor see it")
    eq(api("csc2").api("POST", "/tasks/%d/start" % t, {}).status, 404)
    eq(task_row(t)[:2], ["allocated", ""])


@test
def returned_task_is_filled_again():
    sid, tasks = new_survey()
    t = tasks["csc2"]
    eq(submit("csc2", t).status, 200)
    eq(api("bi").api("POST", "/tasks/%d/return" % t, {}).status, 422, "a return needs a reason")
    r = api("bi").api("POST", "/tasks/%d/return" % t, {"reason": "Photo does not show the handpump"})
    eq(r.status, 200, "returned: %r" % r)
    eq(r.json()["return_note"], "Photo does not show the handpump")
    r = submit("csc2", t)
    eq(r.status, 200, "resubmitted: %r" % r)
    eq((r.json()["status"], r.json()["submissions"]), ("pending_approval", 2))


@test
def reports_count_correctly():
    sid, tasks = new_survey()
    eq(submit("csc1", tasks["csc1"], answers={"working": "yes", "households": "40"}).status, 200)
    eq(submit("csc2", tasks["csc2"], accuracy=50, answers={"working": "no", "households": "60"}).status, 200)
    eq(api("bi").api("POST", "/tasks/%d/approve" % tasks["csc1"], {}).status, 200)
    rep = api("bi").api("GET", "/surveys/%d/report" % sid).json()
    places = {p["gp_en"]: p for p in rep["by_place"]}
    j, l = places["Jamune"], places["Lahlahe"]
    eq((j["completed"], j["pending_approval"], j["flagged"], j["total"]), (1, 0, 0, 1), "Jamune")
    eq((l["completed"], l["pending_approval"], l["flagged"], l["total"]), (0, 1, 1, 1), "Lahlahe")
    total = sum(p["total"] for p in rep["by_place"])
    eq(sum(p["allocated"] for p in rep["by_place"]), total - 2, "the rest still allocated")
    vles = {v["user"]: v for v in rep["by_vle"]}
    eq(vles[user_id("csc1")]["completed"], 1)
    eq(vles[user_id("csc2")]["pending_approval"], 1)
    eq([d["submitted"] for d in rep["per_day"]], [2], "two submissions today")
    eq(rep["ageing"]["days_0_3"], total - 2, "the open tasks are new")
    q = {a["question"]: a for a in rep["answers"]}
    eq({o["value"]: o["count"] for o in q["working"]["options"]}, {"yes": 1, "no": 1})
    eq((q["households"]["answered"], q["households"]["sum"], q["households"]["average"]), (2, 100, 50.0))
    bi = Client()
    bi.login("bi")
    csv = bi.get("/surveys/%d/csv" % sid)
    eq(csv.status, 200)
    rows = list(csvmod.reader(io.StringIO(csv.text)))
    eq(rows[0][:4], ["gp_id", "gp", "block", "allocated"], "the CSV's header")
    row = [x for x in rows if x[1] == "Jamune"][0]
    eq(row[3:], ["0", "0", "0", "1", "0", "0", "1"], "the CSV row of Jamune")
    page = bi.get("/surveys/%d" % sid)
    eq(page.status, 200)
    assert 'id="by-place"' in page.text and "<svg" in page.text, "report and map on the page"
    eq(page.text.count("</circle>"), 2, "a dot per submitted task")
    eq(api("bi2").api("GET", "/surveys/%d/report" % sid).json()["by_place"], [], "Chainpur's BI sees no Medininagar rows")


def add_amenity(user, gp, name, lat, lon, accuracy=6, kind="handpump"):
    return api(user).api("POST", "/amenities", {"type": kind, "location": gp, "name": name,
                                                "point": {"lat": lat, "lon": lon, "accuracy_m": accuracy, "source": "gps"}})


@test
def svg_map_has_a_point_per_amenity():
    gp = loc("panchayat", "Jamune")
    for i, (lat, lon, kind) in enumerate((("24.031", "84.071", "handpump"), ("24.035", "84.068", "school"),
                                          ("24.028", "84.075", "anganwadi"))):
        r = add_amenity("csc1", gp, "Point %s-%d" % (RUN, i), lat, lon, kind=kind)
        eq(r.status, 201, "added: %r" % r)
    body, ctype = multipart({"type": "solar_light", "location": str(gp), "name": "Solar light " + RUN,
                             "point.lat": "24.033", "point.lon": "84.072", "point.accuracy_m": "5"},
                            {"photo": ("s.jpg", photo(-60))})
    r = api("csc1").request("POST", "/api/v1/amenities", body=body, ctype=ctype)
    eq(r.status, 201, "added with a photo: %r" % r)
    aid = r.json()["id"]
    assert sql("SELECT photo_doc_id FROM amenities WHERE id = %d" % aid)[0][0] != "NULL", "photo kept"
    n = int(sql("SELECT COUNT(*) FROM amenities WHERE gp_id = %d AND active = 1" % gp)[0][0])
    bi = Client()
    bi.login("bi")
    page = bi.get("/amenities?location=%d" % gp)
    eq(page.status, 200)
    svg = re.search(r"<svg.*?</svg>", page.text, re.S).group(0)
    eq(svg.count("</circle>"), n, "one dot per amenity of Jamune")
    assert "Solar light " + RUN in svg, "each dot is named"
    geo = api("bi").api("GET", "/amenities?location=%d" % gp).json()
    eq(len(geo["features"]), n, "the same points as GeoJSON")
    one = bi.get("/amenities/%d" % aid)
    eq(one.status, 200)
    assert 'src="/amenities/%d/photo"' % aid in one.text
    pic = bi.get("/amenities/%d/photo" % aid)
    eq(pic.status, 200)
    assert pic.body[:2] == b"\xff\xd8" and b"Exif" not in pic.body, "the photo, without its EXIF"


@test
def amenity_bad_point_or_photo_is_422_and_nothing_stored():
    gp = loc("panchayat", "Jamune")
    before = sql("SELECT COUNT(*) FROM amenities")[0][0]
    eq(add_amenity("csc1", gp, "Bad " + RUN, "91", "84.07").status, 422, "latitude out of range")
    eq(add_amenity("csc1", gp, "Bad " + RUN, "24.03", "84.07", kind="castle").status, 422, "unknown kind")
    body, ctype = multipart({"type": "school", "location": str(gp), "name": "Bad " + RUN, "point.lat": "24.03",
                             "point.lon": "84.07"}, {"photo": ("x.jpg", b"GIF89a not a jpeg")})
    eq(api("csc1").request("POST", "/api/v1/amenities", body=body, ctype=ctype).status, 422, "a photo that is not one")
    eq(add_amenity("csc2", gp, "Not mine " + RUN, "24.03", "84.07").status, 404, "csc2 is not Jamune's VLE")
    eq(sql("SELECT COUNT(*) FROM amenities")[0][0], before, "nothing stored")


@test
def amenity_survey_gives_a_task_per_amenity_and_the_visit_shows_on_its_page():
    gp = loc("panchayat", "Jamune")
    r = add_amenity("csc1", gp, "Visited pump " + RUN, "24.0305", "84.0705")
    aid = r.json()["id"]
    SEQ[0] += 1
    day = 86400
    body = {"code": "SRA%s_%d" % (RUN, SEQ[0]), "title": label("Handpump visits", "चापाकल भ्रमण"), "form": FORM,
            "target_kind": "amenity", "amenity_types": "handpump",
            "window_from": time.strftime("%Y-%m-%d", time.gmtime(now() + IST - day)),
            "window_to": time.strftime("%Y-%m-%d", time.gmtime(now() + IST + day))}
    sid = api("di").api("POST", "/surveys", body).json()["id"]
    eq(api("bi").api("POST", "/surveys/%d/allocate" % sid, {"places": [gp]}).status, 200)
    pumps = int(sql("SELECT COUNT(*) FROM amenities WHERE gp_id = %d AND type_code = 'handpump' AND active = 1" % gp)[0][0])
    mine = api("csc1").api("GET", "/tasks?survey=%d" % sid).json()["items"]
    eq(len(mine), pumps, "a task per handpump of Jamune")
    t = [x for x in mine if x["target"] == "Visited pump " + RUN][0]["id"]
    eq(submit("csc1", t).status, 200)
    eq(api("bi").api("POST", "/tasks/%d/approve" % t, {}).status, 200)
    bi = Client()
    bi.login("bi")
    page = bi.get("/amenities/%d" % aid)
    assert 'href="/tasks/%d"' % t in page.text, "the visit is listed on the amenity's page"
    assert sql("SELECT last_surveyed_at IS NOT NULL FROM amenities WHERE id = %d" % aid)[0][0] == "1"


@test
def vle_fills_the_task_on_the_page():
    sid, tasks = new_survey()
    c = Client()
    c.login("csc1")
    page = c.get("/tasks/%d" % tasks["csc1"])
    eq(page.status, 200)
    assert 'type="file"' in page.text and 'name="f_site__lat"' in page.text, "the form with a photo input"
    tok = c.csrf_from(page.text)
    fields = {"csrf": tok, "f_working": "no", "f_households": "12", "f_site__lat": "95", "f_site__lon": "84.07",
              "f_site__accuracy_m": "9", "f_site__source": "gps"}
    body, ctype = multipart(fields, {"f_photo": ("p.jpg", photo(-120))})
    r = c.request("POST", "/tasks/%d" % tasks["csc1"], body=body, ctype=ctype)
    eq(r.status, 422, "a latitude out of range: %r" % r)
    assert "latitude" in r.text, "the page says what is wrong"
    eq(task_row(tasks["csc1"])[0], "allocated")
    fields["f_site__lat"] = "24.03"
    body, ctype = multipart(fields, {"f_photo": ("p.jpg", photo(-120))})
    r = c.request("POST", "/tasks/%d" % tasks["csc1"], body=body, ctype=ctype)
    eq(r.status, 303, "submitted on the page: %r" % r)
    eq(task_row(tasks["csc1"])[0], "pending_approval")


@test
def closing_a_survey_cancels_its_open_tasks():
    sid, tasks = new_survey()
    eq(submit("csc2", tasks["csc2"]).status, 200)
    eq(api("bi").api("POST", "/surveys/%d/close" % sid, {}).status, 403, "a BI does not close surveys")
    r = api("di").api("POST", "/surveys/%d/close" % sid, {})
    eq(r.status, 200, "closed: %r" % r)
    eq(task_row(tasks["csc1"])[0], "cancelled", "the open task is cancelled")
    eq(task_row(tasks["csc2"])[0], "pending_approval", "the submitted one still waits")
    eq(submit("csc1", tasks["csc1"]).status, 409, "no submission once closed")
    eq(api("bi").api("POST", "/surveys/%d/allocate" % sid, {"places": [loc("panchayat", "Jamune")]}).status, 409)
    eq(api("di").api("POST", "/surveys/%d/close" % sid, {}).status, 409, "closed once")
    eq(api("bi").api("POST", "/tasks/%d/approve" % tasks["csc2"], {}).status, 200, "the waiting one is still decided")
    rep = api("bi").api("GET", "/surveys/%d/report" % sid).json()
    eq(sum(p["total"] for p in rep["by_place"]), 1, "cancelled tasks leave the report")


@test
def a_vles_locker_upload_for_a_villager_cannot_be_a_survey_photo():
    """A picture the VLE uploaded to a villager's locker is the villager's
    document: naming its id as a survey photo is refused, so it never shows
    on the task to the block's officers."""
    sid, tasks = new_survey()
    body, ctype = multipart({"mobile": "9000000001", "doc_type": "ration_card"}, {"file": ("card.jpg", photo(-300))})
    up = api("csc1").request("POST", "/api/v1/documents", body=body, ctype=ctype)
    eq(up.status, 201, "uploaded to the villager's locker: %r" % up)
    a = {"working": "yes", "site": {"lat": "24.03", "lon": "84.07", "accuracy_m": 5, "source": "gps"},
         "photo": {"doc_id": up.json()["id"]}}
    r = api("csc1").api("POST", "/tasks/%d/submit" % tasks["csc1"], {"answers": a})
    eq(r.status, 422, "refused: %r" % r)
    assert "photo" in r.json()["error"]["fields"], r.text
    eq(task_row(tasks["csc1"])[:2], ["allocated", ""], "the task is as it was")


run()
