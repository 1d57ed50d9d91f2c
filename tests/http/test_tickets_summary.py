#!/usr/bin/env python3
"""test_tickets_summary.py — the ticket dashboards read summary rows
(ticket_sums, sql/076) kept in step with every ticket change: after a mixed
sequence of raises, assignments, pauses, resolutions, reopenings, closings,
rejections, duplicates, escalations and auto-closes, every dashboard figure
equals a direct count of the tickets, and `gramsewactl ticket-sums rebuild`
writes exactly the rows the changes had kept."""
import os
import time

from gs import Client, test, eq, run, sql, ctl, now

RUN = str(int(time.time() * 1000) % 10000000)
OPEN = "'new','assigned','in_progress','awaiting_info'"
RUNNING = "'new','assigned','in_progress'"
BYS = ("place", "type", "priority", "resolver")


def api(user):
    c = Client()
    c.api_login(user)
    return c


def place(kind, name):
    return int(sql("SELECT id FROM locations WHERE type='%s' AND name_en='%s'" % (kind, name))[0][0])


def raise_ticket(c, **kw):
    body = {"type": "TECH_HW_INTERNET", "location": place("panchayat", "Jamune"), "subject": "Summary " + RUN,
            "body": "No internet at the centre. " + RUN}
    body.update(kw)
    r = c.api("POST", "/tickets", body)
    eq(r.status, 201, "raise: %r" % r)
    return r.json()["number"]


def act(c, number, **kw):
    r = c.api("POST", "/tickets/%s/actions" % number, kw)
    eq(r.status, 200, "%s on %s: %r" % (kw.get("action"), number, r))


def dash(location, by, days=30):
    r = api("stateadmin").api("GET", "/tickets/dash?location=%d&by=%s&days=%d" % (location, by, days))
    eq(r.status, 200, "dash: %r" % r)
    return {i["key"]: i for i in r.json()["items"]}


def direct(location, by, days=30):
    """The same figures counted from the tickets themselves, and every
    key's resolution times (minutes) for the median."""
    path, depth = sql("SELECT path, depth FROM locations WHERE id=%d" % location)[0]
    key = ("CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(loc_path, '/', %d + 3), '/', -1) AS UNSIGNED)" % int(depth),
           "type_id", "priority", "IFNULL(assignee_id, 0)")[BYS.index(by)]
    where = "loc_path LIKE '%s%%' AND created_at >= CURDATE() - INTERVAL %d DAY" % (path, days)
    age = "DATEDIFF(CURDATE(), DATE(created_at))"
    rows = sql("SELECT %s, COUNT(*), SUM(status IN (%s)), SUM(status IN (%s) AND due_at < NOW()), "
               "SUM(resolved_at IS NOT NULL), SUM(resolved_at IS NOT NULL AND breached = 0), "
               "SUM(resolved_at IS NOT NULL AND reopened > 0), SUM(status IN (%s) AND %s = 0), "
               "SUM(status IN (%s) AND %s BETWEEN 1 AND 2), SUM(status IN (%s) AND %s BETWEEN 3 AND 6), "
               "SUM(status IN (%s) AND %s >= 7) FROM tickets WHERE %s GROUP BY 1"
               % (key, OPEN, RUNNING, OPEN, age, OPEN, age, OPEN, age, OPEN, age, where))
    mins = {}
    for k, m in sql("SELECT %s, TIMESTAMPDIFF(MINUTE, created_at, resolved_at) FROM tickets WHERE %s "
                    "AND resolved_at IS NOT NULL" % (key, where)):
        mins.setdefault(int(k), []).append(int(m))
    names = ("raised", "open", "overdue", "resolved", "resolved_in_sla", "reopened", "under_1d", "1d_3d", "3d_7d", "over_7d")
    return {int(r[0]): dict(zip(names, (int(x) for x in r[1:]))) for r in rows}, mins


def middle(xs):
    """The middle value(s): one for an odd count, the two around it for an even one."""
    xs = sorted(xs)
    n = len(xs)
    return xs[(n - 1) // 2], xs[n // 2]


def check_equal(location, by):
    got, (want, mins) = dash(location, by), direct(location, by)
    eq(sorted(got), sorted(want), "%s keys" % by)
    for k, w in want.items():
        g = got[k]
        flat = dict(g, **g["open_by_age"])
        for name, v in w.items():
            eq(flat[name], v, "%s %s %s" % (by, k, name))
        if k not in mins:
            eq(g["median_resolution_minutes"], None, "%s %s median" % (by, k))
            continue
        # within the √2-wide buckets of the middle ticket(s) (15 minutes in the first)
        (lo, hi), est = middle(mins[k]), g["median_resolution_minutes"]
        assert est is not None and lo / 1.5 - 15 <= est <= hi * 1.5 + 15, "%s %s median %r, middle %r" % (by, k, est, (lo, hi))


def table():
    hs = ", ".join("h%d" % k for k in range(1, 25))
    return sorted(tuple(r) for r in sql("SELECT depth, loc_path, exact, day, type_id, priority, assignee_id, due_day, slot, "
                                        "n, open, resolved, in_sla, reopened, %s FROM ticket_sums "
                                        "WHERE n <> 0 OR open <> 0 OR resolved <> 0 OR in_sla <> 0 OR reopened <> 0 OR %s"
                                        % (hs, " OR ".join("h%d <> 0" % k for k in range(1, 25)))))


@test
def dashboards_equal_a_direct_count_after_a_mixed_sequence_of_actions():
    # other tests change tickets in SQL for their setups: start from a rebuild
    assert "summary rows rebuilt" in ctl("ticket-sums", "rebuild").stdout
    csc, bi = api("csc1"), api("bi")
    t = [raise_ticket(csc, priority=1 + i % 4) for i in range(9)]
    # tickets raised days ago, some due yesterday, one due earlier today: the
    # product cannot backdate, so SQL does and the summary is rebuilt
    sql("UPDATE tickets SET created_at = NOW() - INTERVAL 9 DAY, due_at = NOW() - INTERVAL 2 DAY WHERE number = '%s'" % t[0])
    sql("UPDATE tickets SET created_at = NOW() - INTERVAL 4 DAY, due_at = NOW() - INTERVAL 1 DAY WHERE number = '%s'" % t[1])
    sql("UPDATE tickets SET created_at = NOW() - INTERVAL 2 DAY, due_at = GREATEST(CURDATE(), NOW() - INTERVAL 1 MINUTE) "
        "WHERE number = '%s'" % t[2])
    sql("UPDATE tickets SET created_at = NOW() - INTERVAL 3 HOUR WHERE number IN ('%s', '%s')" % (t[3], t[4]))
    ctl("ticket-sums", "rebuild")
    act(bi, t[0], action="start")
    act(bi, t[0], action="ask_info", body="Which modem?")
    act(csc, t[0], action="reply", body="The Airtel one")
    act(bi, t[1], action="assign", assignee="di", body="District network")
    act(bi, t[3], action="resolve", code="fixed", body="Router restarted")
    act(bi, t[4], action="resolve", code="advice", body="Call the ISP")
    act(csc, t[4], action="reopen", body="Still down")
    act(bi, t[4], action="resolve", code="fixed", body="Line replaced")
    act(csc, t[4], action="close")
    act(csc, t[4], action="rate", rating=4)
    act(bi, t[5], action="reject", body="Not a CSC matter")
    act(bi, t[6], action="duplicate", of=t[7])
    act(bi, t[8], action="resolve", code="fixed", body="Done")
    act(bi, t[7], action="note", body="Watching it")
    for loc in (place("district", "Palamu"), place("block", "Medininagar(Daltonganj)")):
        for by in BYS:
            check_equal(loc, by)
    # a month on, the escalation job escalates what is overdue and closes what was resolved
    ctl("ticket-escalate", env={"GS_FAKE_NOW": str(int(now()) + 30 * 86400)})
    eq(sql("SELECT status FROM tickets WHERE number = '%s'" % t[8])[0][0], "closed", "auto-closed")
    eq(sql("SELECT escalation_level FROM tickets WHERE number = '%s'" % t[1])[0][0], "1", "escalated")
    for by in BYS:
        check_equal(place("district", "Palamu"), by)


@test
def rebuild_writes_the_rows_the_changes_kept():
    csc, bi = api("csc1"), api("bi")
    n = raise_ticket(csc, priority=2)
    act(bi, n, action="resolve", code="fixed", body="Fixed " + RUN)
    kept = table()
    assert kept, "summary rows"
    out = ctl("ticket-sums", "rebuild").stdout
    eq(table(), kept, "rebuilt rows equal the incremental ones")
    eq(out.strip(), "ticket-sums: %d summary rows rebuilt" % len(kept), "report")
    eq(ctl("ticket-sums", "bogus", check=False).returncode, 2, "usage")


@test
def rebuild_equals_the_rows_kept_after_escalations_and_auto_closes_in_chunks():
    csc, bi = api("csc1"), api("bi")
    t = [raise_ticket(csc, priority=1 + i % 4) for i in range(7)]
    act(bi, t[0], action="resolve", code="fixed", body="Fixed " + RUN)
    act(bi, t[1], action="start")
    act(bi, t[2], action="assign", assignee="di", body="District network")
    ctl("ticket-sums", "rebuild")
    kept_before = table()
    # a month on, in chunks of 2: every chunk writes the net change per key
    later = {"GS_FAKE_NOW": str(int(now()) + 30 * 86400)}
    out = ctl("ticket-escalate", "--chunk", "2", env=later).stdout
    assert "escalated" in out and " 0 failed" in out, out
    eq(sql("SELECT status FROM tickets WHERE number = '%s'" % t[0])[0][0], "closed", "auto-closed")
    eq(sql("SELECT COUNT(*) FROM tickets WHERE number IN ('%s') AND escalation_level > 0" % "','".join(t[1:]))[0][0],
       "6", "escalated")
    kept = table()
    assert kept != kept_before, "the escalations moved summary rows"
    ctl("ticket-sums", "rebuild")
    eq(table(), kept, "rebuilt rows equal the incremental ones after the job")
    # a second run at the same time finds nothing and moves no row
    eq(ctl("ticket-escalate", env=later).stdout.strip(), "tickets: 0 escalated, 0 closed, 0 failed", "second run")
    eq(table(), kept, "a second run changes no summary row")
    eq(ctl("ticket-escalate", "--chunk", "0", check=False).returncode, 2, "usage")


run()
