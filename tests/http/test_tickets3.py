"""test_tickets3.py — support tickets, follow-ups (issue 15): files through
the JSON API (multipart POST /api/v1/tickets/NO/files with the page's
checks: content, size cap, kinds; 403 to whoever is no party to the
ticket; listed and downloaded through the API, an internal note's file
never to the raiser); similar open tickets suggested while raising (page
and GET /api/v1/tickets/similar); a merged duplicate's raiser told by SMS
and on the portal, in the merge's transaction, which ticket to follow."""
import time

from gs import test, eq, run, sql
from lifecycle import PDF, PNG
from tickets_lib import DOS_PDF, jamune, web, api, multipart

RUN = str(int(time.time() * 1000) % 10000000)
PRINTER = {"printer_model": "HP LaserJet 1020", "under_warranty": "no"}


def uid(username):
    return sql("SELECT id FROM users WHERE username='%s'" % username)[0][0]


def raise_ticket(c, subject, **kw):
    body = {"type": "TECH_HW_PRINTER", "location": jamune(), "subject": subject, "answers": PRINTER,
            "body": "The printer at the CSC jams on every page."}
    body.update(kw)
    r = c.api("POST", "/tickets", body)
    eq(r.status, 201, "raise: %r" % r)
    return r.json()["number"]


def upload(c, number, data, fields=None, **kw):
    return c.request("POST", "/api/v1/tickets/%s/files" % number, body=multipart(fields or {}, data, **kw),
                     ctype="multipart/form-data; boundary=GSUP")


def count(table, number):
    return sql("SELECT COUNT(*) FROM %s x JOIN tickets t ON t.id=x.ticket_id WHERE t.number='%s'" % (table, number))[0][0]


@test
def files_go_through_the_api_with_the_pages_checks():
    csc = api("csc1")
    number = raise_ticket(csc, "API file " + RUN)
    r = upload(csc, number, PDF, name="receipt.pdf")
    eq(r.status, 201, "uploaded: %r" % r)
    f = r.json()
    eq((f["name"], f["mime"], f["internal"]), ("receipt.pdf", "application/pdf", False), "typed by content, public")
    eq(f["url"], "/api/v1/tickets/%s/files/%s" % (number, f["id"]), "where to fetch it")
    eq(csc.get(f["url"]).body, PDF, "downloaded by bearer")
    listed = csc.api("GET", "/tickets/%s/files" % number)
    eq(listed.status, 200, "listed: %r" % listed)
    eq([x["id"] for x in listed.json()["items"]], [f["id"]], "the list")
    eq(sql("SELECT e.action, e.body FROM ticket_events e JOIN ticket_attachments a ON a.event_id=e.id WHERE a.id=%s"
           % f["id"])[0], ["reply", "File: receipt.pdf"], "on the thread as a reply")
    # a file that is not what it claims, a kind not allowed, none at all: 422, nothing written
    events, files = count("ticket_events", number), count("ticket_attachments", number)
    for data, what in [(DOS_PDF, "a program inside a PDF"), (b"#!/bin/sh\nrm -rf /\n", "a script"), (None, "no file")]:
        r = upload(csc, number, data, {"body": "try"}, name="x.pdf")
        eq(r.status, 422, "%s refused: %r" % (what, r))
        assert '"file"' in r.text, "the problem is at the file: %s" % r.text
    eq((count("ticket_events", number), count("ticket_attachments", number)), (events, files), "nothing written")
    # larger than the cap
    big = PDF + b"%" * (5 * 1024 * 1024 + 10)
    r = upload(csc, number, big, name="big.pdf")
    eq(r.status, 413, "too big: %r" % r)
    eq(count("ticket_attachments", number), files, "nothing stored")
    # another VLE is no party to it
    other = api("csc2")
    eq(upload(other, number, PDF).status, 403, "not a party")
    eq(other.api("GET", "/tickets/%s/files" % number).status, 404, "nor lists its files")
    eq(count("ticket_attachments", number), files, "nothing stored")
    eq(upload(csc, "TK9999999", PDF).status, 404, "no such ticket")
    # the BI's internal note: listed to the BI, never to the raiser
    bi = api("bi")
    r = upload(bi, number, PNG, {"action": "note", "body": "Photo of the router"}, name="router.png", ctype="image/png")
    eq(r.status, 201, "note: %r" % r)
    note = r.json()
    eq((note["internal"], note["mime"]), (True, "image/png"), "internal")
    eq(len(bi.api("GET", "/tickets/%s/files" % number).json()["items"]), 2, "the BI sees both")
    eq([x["id"] for x in csc.api("GET", "/tickets/%s/files" % number).json()["items"]], [f["id"]], "the raiser one")
    eq(csc.get(note["url"]).status, 404, "nor downloads the note's")
    eq(upload(csc, number, PDF, {"action": "note"}).status, 403, "a note is the handler's")
    eq(upload(csc, number, PDF, {"action": "resolve"}).status, 422, "only with a reply or a note")


@test
def similar_open_tickets_are_suggested_while_raising():
    csc = api("csc1")
    word = "Zq" + RUN
    older = raise_ticket(csc, "Toner smudges %s pages" % word)
    newer = raise_ticket(csc, "Paper feed noise")
    closed = raise_ticket(csc, "Toner smudges %s again" % word)
    bi = api("bi")
    eq(bi.api("POST", "/tickets/%s/actions" % closed, {"action": "reject", "body": "Same as before"}).status, 200, "rejected")
    q = "/tickets/similar?type=TECH_HW_PRINTER&location=%d&subject=toner+%s" % (jamune(), word)
    r = csc.api("GET", q)
    eq(r.status, 200, "similar: %r" % r)
    items = r.json()["items"]
    numbers = [x["number"] for x in items]
    assert len(items) <= 5, "at most five"
    eq(numbers[0], older, "most words in common first")
    eq(items[0]["words_in_common"], 2, "toner and the word")
    assert closed not in numbers, "open ones only"
    assert newer in numbers or len(items) == 5, "the newest open ones of the place follow: %r" % numbers
    eq(items[0]["url"], "/api/v1/tickets/" + older, "the raiser may open it")
    # another VLE of the place is not shown another raiser's tickets; the BI (who handles them) is
    assert older not in [x["number"] for x in api("csc2").api("GET", q).json()["items"]], "not to another VLE"
    assert older in [x["number"] for x in bi.api("GET", q).json()["items"]], "to the BI"
    eq(csc.api("GET", "/tickets/similar?type=TECH_HW_PRINTER").status, 422, "a place is needed")
    # the page shows them at the step after the kind and the place
    page = web("csc1")
    palamu = sql("SELECT id FROM locations WHERE type='district' AND name_en='Palamu'")[0][0]
    block = sql("SELECT id FROM locations WHERE type='block' AND name_en='Medininagar(Daltonganj)'")[0][0]
    r = page.form_post("/tickets/new", "/tickets/new", {
        "type": "TECH_HW_PRINTER", "location_district": palamu, "location_block": block, "location_panchayat": jamune(),
        "subject": "toner " + word, "show_form": "1"})
    eq(r.status, 200, "the form again: %r" % r)
    assert 'id="similar"' in r.text and '/tickets/%s"' % older in r.text, "suggested on the page"


@test
def a_grievance_is_suggested_only_to_those_who_see_it():
    csc = api("csc1")
    r = csc.api("POST", "/tickets", {"type": "GRV_REV_DELAY", "location": jamune(), "subject": "Pension late " + RUN,
                                     "body": "No pension for three months", "mobile": "9000000001"})
    eq(r.status, 201, "filed: %r" % r)
    number = r.json()["number"]
    q = "/tickets/similar?type=GRV_REV_DELAY&location=%d&subject=pension" % jamune()
    assert number in [x["number"] for x in csc.api("GET", q).json()["items"]], "the filer sees it"
    assert number not in [x["number"] for x in api("csc2").api("GET", q).json()["items"]], "another VLE does not"


@test
def a_merged_duplicates_raiser_is_told_by_sms_and_on_the_portal():
    csc, bi = api("csc1"), api("bi")
    kept = raise_ticket(csc, "Merge kept " + RUN)
    dup = raise_ticket(csc, "Merge dup " + RUN)
    r = bi.api("POST", "/tickets/%s/actions" % dup, {"action": "duplicate", "of": kept})
    eq(r.status, 200, "merged: %r" % r)
    sms = sql("SELECT recipient, body FROM notifications WHERE channel='sms' AND event='ticket.merged' AND ref='%s'" % dup)
    eq(len(sms), 1, "one SMS")
    eq(sms[0][0], sql("SELECT mobile FROM users WHERE username='csc1'")[0][0], "to the raiser's mobile")
    assert dup in sms[0][1] and kept in sms[0][1], "names both tickets: %s" % sms[0][1]
    portal = sql("SELECT recipient, body FROM notifications WHERE channel='portal' AND event='ticket.merged' AND ref='%s'" % dup)
    eq(portal, [[uid("csc1"), sms[0][1]]], "one portal message to the raiser")
    mine = csc.api("GET", "/notifications").json()["items"]
    eq([(x["ref"], x["event"]) for x in mine[:1]], [(dup, "ticket.merged")], "in the raiser's API")
    assert kept in web("csc1").get("/tickets").text, "and on the tickets page"
    assert not [x for x in api("csc2").api("GET", "/notifications").json()["items"] if x["ref"] == dup], "nobody else's"
    # a refused merge writes nothing
    eq(bi.api("POST", "/tickets/%s/actions" % kept, {"action": "duplicate", "of": "TK9999999"}).status, 422, "no such")
    eq(sql("SELECT COUNT(*) FROM notifications WHERE event='ticket.merged' AND ref='%s'" % kept)[0][0], "0", "nothing sent")


if __name__ == "__main__":
    run()
