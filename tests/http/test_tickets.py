"""test_tickets.py — smart support tickets (issue 15): raising routes a
ticket to the resolver in jurisdiction with a due time in working hours;
an assignment may only go to a resolver whose area covers the place; the
lifecycle (start, ask for information with the clock paused, the raiser's
answer resuming it, resolution with a code and text, rating, reopen,
internal notes the raiser never sees); pages and API; and
`gramsewactl ticket-escalate`, run twice at once, escalates each overdue
ticket once (BI → DI → PMU) and again does nothing."""
import os
import subprocess
import time

from gs import Client, test, eq, run, sql, ctl, now, VAR, CTL

RUN = str(int(time.time() * 1000) % 10000000)
JAMUNE = None
# the demo catalogue's printer sub type asks these extra fields (a service form)
PRINTER = {"printer_model": "HP LaserJet 1020", "under_warranty": "no"}


def jamune():
    global JAMUNE
    if JAMUNE is None:
        JAMUNE = int(sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Jamune'")[0][0])
    return JAMUNE


def api(user):
    c = Client()
    c.api_login(user)
    return c


def uid(username):
    return int(sql("SELECT id FROM users WHERE username='%s'" % username)[0][0])


def raise_ticket(c, **kw):
    body = {"type": "TECH_HW_PRINTER", "location": jamune(), "subject": "Printer jams " + RUN, "answers": PRINTER,
            "body": "The printer at the CSC jams on every page. " + RUN}
    body.update(kw)
    r = c.api("POST", "/tickets", body)
    eq(r.status, 201, "raise: %r" % r)
    return r.json()


def act(c, number, **kw):
    return c.api("POST", "/tickets/%s/actions" % number, kw)


def row(number, cols):
    return sql("SELECT %s FROM tickets WHERE number='%s'" % (cols, number))[0]


@test
def raise_routes_to_the_block_in_charge_with_a_working_hour_due_time():
    csc = api("csc1")
    t = raise_ticket(csc)
    eq(t["status"], "assigned", "status")
    eq(t["assignee"]["ref"], "bi", "routed to the BI of Medininagar")
    eq(t["resolver_role"], "bi", "resolver role")
    eq(t["priority"], 3, "the sub type's default priority")
    # 24 working hours at priority 3 from now: at least three office days away
    created, due = row(t["number"], "UNIX_TIMESTAMP(created_at), UNIX_TIMESTAMP(due_at)")
    assert int(due) - int(created) >= 2 * 86400, "24 working hours end days later: %s %s" % (created, due)
    # the acknowledgement is in the outbox and the change in the audit trail
    eq(sql("SELECT COUNT(*) FROM notifications WHERE event='ticket.raise' AND ref='%s'" % t["number"])[0][0], "1", "SMS")
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE action='ticket.raise' AND entity_id='%s'" % t["number"])[0][0], "1",
       "audit")
    ctl("audit-verify")


@test
def raising_with_an_assignee_outside_jurisdiction_is_refused():
    csc = api("csc1")
    before = sql("SELECT COUNT(*) FROM tickets")[0][0]
    r = csc.api("POST", "/tickets", {"type": "TECH_HW_PRINTER", "location": jamune(), "subject": "Outside " + RUN,
                                     "answers": PRINTER,
                                     "body": "to the BI of another block", "assignee": "bi2"})
    eq(r.status, 422, "refused: %r" % r)
    assert "assignee" in r.json()["error"]["fields"], r.json()
    eq(sql("SELECT COUNT(*) FROM tickets")[0][0], before, "nothing written")


@test
def a_sub_types_extra_fields_are_checked_with_their_branching():
    csc = api("csc1")
    base = {"type": "TECH_HW_PRINTER", "location": jamune(), "subject": "Fields " + RUN, "body": "The printer is dead."}
    r = csc.api("POST", "/tickets", base)
    eq(r.status, 422, "no answers: %r" % r)
    assert {"printer_model", "under_warranty"} <= set(r.json()["error"]["fields"]), r.json()
    # under warranty: the date is asked too (show_if)
    r = csc.api("POST", "/tickets", dict(base, answers={"printer_model": "Canon", "under_warranty": "yes"}))
    eq(r.status, 422, "warranty date: %r" % r)
    assert list(r.json()["error"]["fields"]) == ["warranty_till"], r.json()
    r = csc.api("POST", "/tickets", dict(base, answers={"printer_model": "Canon", "under_warranty": "no",
                                                        "warranty_till": "2030-01-01"}))
    eq(r.status, 201, "raised: %r" % r)
    eq(r.json()["answers"], {"printer_model": "Canon", "under_warranty": "no"}, "a hidden answer is dropped")
    # the page shows the fields once the kind is chosen
    web = Client()
    web.login("csc1")
    form = web.get("/tickets/new")
    page = web.post("/tickets/new", {"csrf": web.csrf_from(form.text), "type": "TECH_HW_PRINTER", "show_form": "1"})
    eq(page.status, 200, "re-rendered")
    assert 'name="f_printer_model"' in page.text, "extra fields on the page"
    assert "Canon" in web.get("/tickets/" + r.json()["number"]).text, "answers on the thread"


@test
def reassign_outside_jurisdiction_is_refused():
    t = raise_ticket(api("csc1"))
    bi = api("bi")
    r = act(bi, t["number"], action="assign", assignee="bi2", body="Chainpur should look at it")
    eq(r.status, 422, "to the BI of Chainpur: %r" % r)
    assert "assignee" in r.json()["error"]["fields"], r.json()
    eq(row(t["number"], "assignee_id, reassigned"), [str(uid("bi")), "0"], "unchanged")
    # a citizen, a VLE, an unknown name: no resolvers at all
    for who in ("csc2", "9000000001", "nobody-" + RUN):
        eq(act(bi, t["number"], action="assign", assignee=who, body="x" * 3).status, 422, "assign to " + who)
    # the district in-charge covers the block: allowed, with a reason
    eq(act(bi, t["number"], action="assign", assignee="di").status, 422, "a reassignment needs a reason")
    r = act(bi, t["number"], action="assign", assignee="di", body="needs the district's decision")
    eq(r.status, 200, "to the DI: %r" % r)
    eq(r.json()["assignee"]["ref"], "di", "assignee")
    eq(r.json()["resolver_role"], "di", "role")
    eq(row(t["number"], "reassigned")[0], "1", "counted as reassigned")


@test
def others_cannot_see_or_act_on_a_ticket():
    t = raise_ticket(api("csc1"))
    for user in ("csc2", "bi2", "karmachari"):
        c = api(user)
        eq(c.api("GET", "/tickets/" + t["number"]).status, 404, user + " reads")
        eq(act(c, t["number"], action="reply", body="mine now").status, 404, user + " replies")
    # the raiser may not resolve it; the BI may
    eq(act(api("csc1"), t["number"], action="resolve", code="fixed", body="self-fixed").status, 403, "raiser resolves")
    web = Client()
    web.login("csc2")
    eq(web.get("/tickets/" + t["number"]).status, 404, "page")
    eq(sql("SELECT status FROM tickets WHERE number='%s'" % t["number"])[0][0], "assigned", "unchanged")


@test
def awaiting_information_pauses_the_clock_and_the_answer_resumes_it():
    csc, bi = api("csc1"), api("bi")
    t = raise_ticket(csc)
    n = t["number"]
    eq(act(csc, n, action="start").status, 403, "only the assignee starts")
    eq(act(bi, n, action="start").json()["status"], "in_progress", "started")
    eq(act(bi, n, action="ask_info").status, 422, "a question needs text")
    r = act(bi, n, action="ask_info", body="Which printer model is it?")
    eq(r.json()["status"], "awaiting_info", "waiting")
    assert r.json()["paused_since"], "the raiser sees since when the clock is paused"
    due_before = row(n, "due_at")[0]
    # the raiser sees the question (public), not the BI's internal note
    eq(act(bi, n, action="note", body="secret note " + RUN).status, 200, "note")
    mine = csc.api("GET", "/tickets/" + n).json()
    assert "secret note " + RUN not in str(mine), "the raiser must not see internal notes"
    assert any(e["action"] == "ask_info" for e in mine["events"]), mine["events"]
    assert "secret note " + RUN in str(bi.api("GET", "/tickets/" + n).json()), "the BI sees the note"
    r = act(csc, n, action="reply", body="HP LaserJet 1020")
    eq(r.json()["status"], "in_progress", "the answer resumes it")
    due_after, paused_at = row(n, "due_at, IFNULL(paused_at, '')")
    assert due_after >= due_before, "the due time never moves back: %s -> %s" % (due_before, due_after)
    eq(paused_at, "", "no longer paused")
    # the SMS asking for information went to the raiser
    eq(sql("SELECT COUNT(*) FROM notifications WHERE event='ticket.ask_info' AND ref='%s' AND recipient='9000000110'"
           % n)[0][0], "1", "question SMS")


@test
def resolution_needs_a_code_and_text_then_rating_and_reopen():
    csc, bi = api("csc1"), api("bi")
    n = raise_ticket(csc)["number"]
    r = act(bi, n, action="resolve")
    eq(r.status, 422, "no code, no text")
    assert {"code", "body"} <= set(r.json()["error"]["fields"]), r.json()
    eq(act(bi, n, action="resolve", code="made-up", body="done").status, 422, "unknown code")
    r = act(bi, n, action="resolve", code="fixed", body="Replaced the drum unit")
    eq(r.status, 200, "resolved: %r" % r)
    eq(r.json()["status"], "resolved", "status")
    eq(r.json()["resolution_code"], "fixed", "code")
    eq(sql("SELECT COUNT(*) FROM notifications WHERE event='ticket.resolve' AND ref='%s'" % n)[0][0], "1", "SMS")
    eq(act(bi, n, action="rate", rating=5).status, 403, "only the raiser rates")
    eq(act(csc, n, action="rate", rating=9).status, 422, "1 to 5")
    eq(act(csc, n, action="rate", rating=4).json()["rating"], 4, "rated")
    eq(act(csc, n, action="rate", rating=5).status, 409, "once")
    eq(act(csc, n, action="reopen").status, 422, "a reopen says why")
    r = act(csc, n, action="reopen", body="It jams again")
    eq(r.json()["status"], "assigned", "back with the BI")
    eq(row(n, "reopened, IFNULL(resolution_code, '')"), ["1", ""], "counted, resolution cleared")
    eq(act(bi, n, action="resolve", code="workaround", body="Use the other tray").status, 200, "resolved again")
    eq(act(csc, n, action="close").json()["status"], "closed", "the raiser confirms")
    eq(act(bi, n, action="reply", body="late").status, 409, "closed is closed")


@test
def duplicate_and_reject():
    csc, bi = api("csc1"), api("bi")
    a, b = raise_ticket(csc)["number"], raise_ticket(csc)["number"]
    eq(act(bi, b, action="duplicate", of=b).status, 422, "not of itself")
    r = act(bi, b, action="duplicate", of=a)
    eq(r.json()["status"], "duplicate", "merged")
    eq(r.json()["duplicate_of"], a, "into a")
    eq(act(bi, a, action="reject").status, 422, "a rejection says why")
    eq(act(bi, a, action="reject", body="Not a CSC printer").json()["status"], "rejected", "rejected")


@test
def pages_show_tiles_lists_and_raise_a_ticket():
    web = Client()
    web.login("csc1")
    r = web.get("/tickets")
    eq(r.status, 200, "tickets page")
    assert "Raised by me" in r.text, "tile"
    form = web.get("/tickets/new")
    eq(form.status, 200, "form")
    assert "TECH_HW_PRINTER" in form.text, "catalogue offered"
    palamu = sql("SELECT id FROM locations WHERE type='district' AND name_en='Palamu'")[0][0]
    block = sql("SELECT id FROM locations WHERE type='block' AND name_en='Medininagar(Daltonganj)'")[0][0]
    bad = web.post("/tickets/new", {"csrf": web.csrf_from(form.text), "type": "TECH_HW_PRINTER", "subject": "x"})
    eq(bad.status, 422, "problems shown")
    assert "Choose the place the problem is at" in bad.text, "place error"
    r = web.post("/tickets/new", {"csrf": web.csrf_from(form.text), "type": "TECH_HW_INTERNET", "priority": "1",
                                  "location_district": palamu, "location_block": block, "location_panchayat": jamune(),
                                  "subject": "No internet " + RUN, "body": "The line is dead since morning."})
    eq(r.status, 303, "raised: %r" % r)
    number = r.header("Location").split("/")[2].split("?")[0]
    eq(row(number, "priority, channel")[0:2], ["1", "csc"], "priority and channel")
    page = web.get(r.header("Location"))
    assert number in page.text and "No internet " + RUN in page.text, "thread page"
    # the BI's page offers the actions; the BI's list has it
    bi = Client()
    bi.login("bi")
    assert number in bi.get("/tickets?list=my").text, "in the BI's list"
    p = bi.get("/tickets/" + number)
    assert 'value="resolve"' in p.text, "resolve offered"
    r = bi.post("/tickets/" + number, {"csrf": bi.csrf_from(p.text), "action": "resolve", "code": "fixed",
                                       "body": "Line restored"})
    eq(r.status, 303, "resolved on the page: %r" % r)
    eq(row(number, "status")[0], "resolved", "status")


@test
def dashboard_counts_by_place_with_drill_down_and_stays_in_jurisdiction():
    csc, bi = api("csc1"), api("bi")
    block = int(sql("SELECT id FROM locations WHERE type='block' AND name_en='Medininagar(Daltonganj)'")[0][0])

    def figures(by="place", location=block):
        r = api("di").api("GET", "/tickets/dash?location=%d&by=%s&days=30" % (location, by))
        eq(r.status, 200, "dash: %r" % r)
        return {i["key"]: i for i in r.json()["items"]}

    before = figures().get(jamune(), {"raised": 0, "open": 0, "resolved": 0})
    a, b = raise_ticket(csc)["number"], raise_ticket(csc, priority=1)["number"]
    eq(act(bi, a, action="resolve", code="advice", body="Cleaned the rollers").status, 200, "resolve")
    after = figures()[jamune()]
    eq(after["raised"] - before["raised"], 2, "raised in Jamune")
    eq(after["open"] - before["open"], 1, "open")
    eq(after["resolved"] - before["resolved"], 1, "resolved")
    assert after["resolved_in_sla"] >= 1 and after["median_resolution_minutes"] is not None, after
    # by priority: the critical one is there
    assert figures("priority")[1]["open"] >= 1, "priority 1 open"
    # the page, drilled from the district down to the block
    web = Client()
    web.login("di")
    palamu = sql("SELECT id FROM locations WHERE type='district' AND name_en='Palamu'")[0][0]
    page = web.get("/tickets/dash?location=%s&by=place" % palamu)
    eq(page.status, 200, "district page")
    # the next level of the tree under the district (a sub-division) links down
    child = sql("SELECT id FROM locations WHERE parent_id=%s AND '%s' LIKE CONCAT(path, '%%')"
                % (palamu, sql("SELECT path FROM locations WHERE id=%d" % block)[0][0]))[0][0]
    assert "/tickets/dash?location=%s&amp;by=place" % child in page.text, "drill-down link"
    # outside one's area: refused
    eq(api("bi2").api("GET", "/tickets/dash?location=%d" % block).status, 403, "Chainpur's BI on Medininagar")
    eq(api("csc1").api("GET", "/tickets/dash").status, 403, "a VLE has no dashboard")
    eq(api("di").api("GET", "/tickets/dash?by=colour").status, 404, "unknown grouping")


@test
def ticket_pages_need_a_log_in_and_a_staff_or_operator_role():
    eq(Client().get("/tickets").status, 303, "log-in first")
    eq(Client().api("GET", "/tickets").status, 401, "API log-in first")


@test
def escalation_run_twice_at_once_escalates_each_ticket_once():
    csc = api("csc1")
    n = raise_ticket(csc, subject="Overdue " + RUN)["number"]
    eq(row(n, "assignee_id")[0], str(uid("bi")), "with the BI")
    # thirty days on, the ticket is overdue: two runs at once
    env = dict(os.environ, GS_FAKE_NOW=str(int(now()) + 30 * 86400))
    cmd = [CTL, "-c", os.path.join(VAR, "gramsewa.conf"), "ticket-escalate"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs):
        eq(p.returncode, 0, "ticket-escalate: %s %s" % (out, err))
    eq(sql("SELECT COUNT(*) FROM ticket_events e JOIN tickets t ON t.id=e.ticket_id WHERE t.number='%s' "
           "AND e.action='escalate'" % n)[0][0], "1", "escalated once")
    eq(row(n, "resolver_role, assignee_id, escalation_level, breached"), ["di", str(uid("di")), "1", "1"], "to the DI")
    eq(sql("SELECT COUNT(*) FROM notifications WHERE event='ticket.escalate' AND ref='%s'" % n)[0][0], "1", "SMS once")
    # again at the same instant: nothing new (its new due time is ahead)
    ctl("ticket-escalate", env={"GS_FAKE_NOW": str(int(now()) + 30 * 86400)})
    eq(row(n, "escalation_level")[0], "1", "idempotent")
    # and later still: DI to PMU, then it stays with the PMU
    for days in (60, 90):
        ctl("ticket-escalate", env={"GS_FAKE_NOW": str(int(now()) + days * 86400)})
    eq(row(n, "resolver_role, assignee_id, escalation_level"), ["pmu", str(uid("pmu")), "2"], "to the PMU, once")
    ctl("audit-verify")


@test
def a_changed_sla_or_holiday_applies_to_the_next_raise_on_every_worker():
    # the workers keep copies of the catalogue and the calendars (ticket_cache.c):
    # raises first fill every worker's, then a change in SQL must reach them all
    csc = api("csc1")

    def due_days(n):
        dues = []
        for _ in range(n):
            t = raise_ticket(csc, priority=4, subject="Cache " + RUN)
            dues.append(int(row(t["number"], "DATEDIFF(due_at, created_at)")[0]))
        return dues

    before = due_days(8)
    sla = sql("SELECT sla_p4 FROM ticket_types WHERE code = 'TECH_HW_PRINTER'")[0][0]
    sql("UPDATE ticket_types SET sla_p4 = 800 WHERE code = 'TECH_HW_PRINTER'")
    try:
        after = due_days(8)
    finally:
        sql("UPDATE ticket_types SET sla_p4 = %s WHERE code = 'TECH_HW_PRINTER'" % sla)
    assert min(after) > max(before) + 60, "800 working hours are months: %r then %r" % (before, after)
    assert max(due_days(8)) <= max(before) + 1, "the SLA restored"
    # a state-wide holiday on each of the next 60 days
    sql("INSERT INTO holidays (location_id, day, name_en, name_hi) SELECT NULL, CURDATE() + INTERVAL seq DAY, "
        "'Cache test', 'Cache test' FROM seq_1_to_60 WHERE CURDATE() + INTERVAL seq DAY NOT IN (SELECT day FROM holidays)")
    try:
        later = due_days(8)
    finally:
        sql("DELETE FROM holidays WHERE name_en = 'Cache test'")
    assert min(later) > 60, "due after the holidays: %r" % later
    assert max(due_days(8)) <= max(before) + 1, "the holidays gone"


run()
