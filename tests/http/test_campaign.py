"""test_campaign.py — Jan Samvad campaigns (issue 15, item 6): the call list
from a beneficiary CSV (repeats and do-not-call numbers left out), the
random sample per gram panchayat, agents taking contacts one at a time,
dispositions with retry spacing, answers checked by the service form
model with its branching, "benefit not received" opening a grievance in
the same transaction, and the report with 95% intervals.  (The test
stack's campaign_hours is the whole day, so the checks do not depend on
the hour the suite runs.)"""
import os
import tempfile
import time

from gs import Client, test, eq, run, sql, ctl

RUN = str(int(time.time() * 1000) % 10000000)
CODE = "JSPMAY"


def cid():
    return int(sql("SELECT id FROM campaigns WHERE code='%s'" % CODE)[0][0])


def villages(gp):
    return [r[0] for r in sql("SELECT v.id FROM locations v JOIN locations g ON g.id=v.parent_id WHERE g.name_en='%s' "
                              "AND g.type='panchayat' ORDER BY v.id LIMIT 3" % gp)]


def mobile(i):
    return "8%d%08d" % (i % 10, (int(RUN) * 37 + i) % 100000000)


def load(rows):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
        f.write("name,mobile,village_id,scheme_ref,benefit_date,benefit_paise\n")
        for r in rows:
            f.write(",".join(r) + "\n")
        path = f.name
    try:
        return ctl("campaign", "list", CODE, path).stdout
    finally:
        os.unlink(path)


def agent(user="ccagent"):
    c = Client()
    c.api_login(user)
    return c


def take(c):
    r = c.api("POST", "/campaigns/%d/next" % cid())
    eq(r.status, 200, "next: %r" % r)
    return r.json()


@test
def call_list_is_deduplicated_and_sampled_per_gp():
    jam, lah = villages("Jamune"), villages("Lahlahe")
    assert jam and lah, "demo villages"
    rows = [("Beneficiary %d" % i, mobile(i), (jam if i < 4 else lah)[i % 2], "PMAY-%s-%d" % (RUN, i), "2026-04-01", "12000000")
            for i in range(8)]
    rows.append(rows[0])                                  # a repeat
    rows.append(("Nobody", "12345", jam[0], "PMAY-X", "", ""))   # a bad row
    out = load(rows)
    assert "10 rows, 8 added, 1 duplicate, 0 on the do-not-call list, 1 bad" in out, out
    before = int(sql("SELECT COUNT(*) FROM campaign_contacts WHERE campaign_id=%d AND sampled=1" % cid())[0][0])
    out = ctl("campaign", "sample", CODE, "3").stdout
    per_gp = sql("SELECT gp_id, SUM(sampled) FROM campaign_contacts WHERE campaign_id=%d GROUP BY gp_id" % cid())
    assert all(int(n) <= 3 for _, n in per_gp), per_gp
    after = int(sql("SELECT COUNT(*) FROM campaign_contacts WHERE campaign_id=%d AND sampled=1" % cid())[0][0])
    assert after - before == 6, (before, after, out)
    # drawing again tops up to the same size: nothing more
    assert "0 contacts drawn" in ctl("campaign", "sample", CODE, "3").stdout
    assert int(sql("SELECT COUNT(*) FROM audit_log WHERE action='campaign.sample'")[0][0]) >= 2, "audited"


@test
def agents_take_different_contacts_and_a_vle_only_in_their_gp():
    a, v = agent("ccagent"), agent("csc1")
    x = take(a)
    y = take(v)
    assert x["contact"] != y["contact"], "one contact, one agent"
    gp = sql("SELECT g.name_en FROM campaign_contacts k JOIN locations g ON g.id=k.gp_id WHERE k.id=%d" % y["contact"])[0][0]
    eq(gp, "Jamune", "csc1 calls in Jamune only")
    # the agent asked again gets the one they hold
    eq(take(a)["contact"], x["contact"], "held contact first")
    # a busy line is retried after the spacing, by anyone
    r = a.api("POST", "/campaigns/%d/contacts/%d" % (cid(), x["contact"]), {"disposition": "busy"})
    eq(r.status, 200, "busy: %r" % r)
    st, att, later = sql("SELECT status, attempts, next_attempt_at > NOW() + INTERVAL 100 MINUTE FROM campaign_contacts "
                         "WHERE id=%d" % x["contact"])[0]
    eq([st, att, later], ["pending", "1", "1"], "retry later")
    # someone else's contact cannot be recorded
    eq(a.api("POST", "/campaigns/%d/contacts/%d" % (cid(), y["contact"]), {"disposition": "busy"}).status, 403, "not hers")
    v.api("POST", "/campaigns/%d/contacts/%d" % (cid(), y["contact"]), {"disposition": "refused"})


@test
def benefit_not_received_opens_a_grievance_in_the_same_step():
    a = agent()
    k = take(a)
    url = "/campaigns/%d/contacts/%d" % (cid(), k["contact"])
    r = a.api("POST", url, {"disposition": "completed", "answers": {"benefit_received": "no"}})
    eq(r.status, 422, "satisfaction is required: %r" % r)
    assert "satisfaction" in r.json()["error"]["fields"], r.json()
    eq(a.api("POST", url, {"disposition": "sold"}).status, 422, "unknown disposition")
    r = a.api("POST", url, {"disposition": "completed",
                            "answers": {"benefit_received": "no", "asked_money": "yes", "satisfaction": "1"}})
    eq(r.status, 200, "recorded: %r" % r)
    number = r.json()["grievance"]
    assert number and number.startswith("GR"), (r.json(), sql("SELECT grievance_type, grievance_field, grievance_value "
                                                              "FROM campaigns WHERE code='%s'" % CODE))
    row = sql("SELECT kind, raised_for_mobile, channel FROM tickets WHERE number='%s'" % number)[0]
    eq(row, ["grievance", k["mobile"], "call"], "the grievance, for the beneficiary")
    st, answers, tid = sql("SELECT status, answers, ticket_id FROM campaign_contacts WHERE id=%d" % k["contact"])[0]
    eq(st, "done", "done")
    assert "asked_money" not in answers, "a question not shown (branching) is not kept: %s" % answers
    assert tid != "NULL", "linked"
    eq(a.api("POST", url, {"disposition": "busy"}).status, 409, "finished")


@test
def do_not_call_keeps_the_number_out_of_later_lists():
    a = agent()
    k = take(a)
    eq(a.api("POST", "/campaigns/%d/contacts/%d" % (cid(), k["contact"]), {"disposition": "do_not_call"}).status, 200, "dnc")
    eq(sql("SELECT COUNT(*) FROM dnc WHERE mobile='%s'" % k["mobile"])[0][0], "1", "on the list")
    out = load([("Again", k["mobile"], villages("Jamune")[0], "PMAY-NEW-" + RUN, "", "")])
    assert "1 on the do-not-call list" in out, out


@test
def report_by_block_and_district_with_intervals():
    a = agent("di")
    r = a.api("GET", "/campaigns/%d/report?by=district&field=benefit_received" % cid())
    eq(r.status, 200, "report: %r" % r)
    body = r.json()
    palamu = [p for p in body["places"] if p["name"] == "Palamu"]
    assert palamu and palamu[0]["completed"] >= 1, body["places"]
    no = [x for x in body["answers"] if x["name"] == "Palamu" and x["value"] == "no"]
    assert no and no[0]["ci95"][0] <= no[0]["pct"] <= no[0]["ci95"][1], no
    eq(a.api("GET", "/campaigns/%d/report?field=x%%27" % cid()).status, 422, "a bad question name")
    web = Client()
    web.login("di")
    page = web.get("/campaigns/%d?by=block&field=benefit_received" % cid())
    eq(page.status, 200, "page")
    assert "Medininagar" in page.text, "block rows"
    eq(agent("csc2").api("GET", "/tickets/dash").status, 403, "VLEs have no dashboards")


@test
def the_call_screen_shows_the_consent_line_and_the_questions():
    web = Client()
    web.login("ccagent")
    page = web.get("/campaigns/%d" % cid())
    r = web.post("/campaigns/%d/next" % cid(), {"csrf": web.csrf_from(page.text)})
    eq(r.status, 303, "next: %r" % r)
    screen = web.get(r.header("Location"))
    eq(screen.status, 200, "call screen")
    assert "This call is from the Government of Jharkhand" in screen.text, "consent line"
    assert 'name="f_benefit_received"' in screen.text, "the questionnaire"
    r = web.post(r.header("Location"), {"csrf": web.csrf_from(screen.text), "disposition": "completed",
                                        "f_benefit_received": "yes"})
    eq(r.status, 422, "unanswered questions: %r" % r)


run()
