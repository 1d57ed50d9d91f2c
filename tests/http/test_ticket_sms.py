"""test_ticket_sms.py — the SMS texts of ticket sub types kept on a page
(issue 15, follow-up; before, CSV import only): the state administrator
lists them per sub type and language, edits one with the placeholders
listed, an unknown placeholder refused next to its text (nothing saved),
previews with sample values, saves (audited) and the next acknowledgement
uses the text; the same through the JSON API; nobody else may."""
import time

from gs import test, eq, run, sql
from tickets_lib import jamune, web, api

RUN = str(int(time.time() * 1000) % 10000000)
CODE = "TECH_HW_INTERNET"
PAGE = "/admin/ticket-sms/" + CODE


def texts():
    return sql("SELECT IFNULL(sms_raised_en, ''), IFNULL(sms_raised_hi, ''), IFNULL(sms_resolved_en, ''), "
               "IFNULL(sms_resolved_hi, '') FROM ticket_types WHERE code='%s'" % CODE)[0]


@test
def the_texts_are_listed_per_sub_type_and_language():
    sa = web("stateadmin")
    r = sa.get("/admin/ticket-sms")
    eq(r.status, 200, "list: %r" % r)
    assert PAGE in r.text and "Generic text" in r.text, "the sub types, the generic marker"
    r = sa.get(PAGE)
    eq(r.status, 200, "edit page: %r" % r)
    for p in ["{number}", "{subject}", "{due}", "{text}", "{days}"]:
        assert p in r.text, "placeholder %s listed" % p
    assert 'id="p-raised_en"' in r.text and "TK0000123" in r.text, "the generic text previewed with sample values"
    eq(sa.get("/admin/ticket-sms/NO_SUCH").status, 404, "no such sub type")
    for user in ["csc1", "bi", "deptadmin"]:
        eq(web(user).get("/admin/ticket-sms").status, 403, "%s may not" % user)


@test
def an_unknown_placeholder_is_refused_next_to_its_text():
    sa = web("stateadmin")
    before = texts()
    r = sa.form_post(PAGE, PAGE, {"action": "save", "raised_en": "Ticket {numbr} noted. - GramSewa",
                                  "resolved_hi": "टिकट {number} हल: {text}"})
    eq(r.status, 422, "refused: %r" % r)
    assert 'id="e-raised_en"' in r.text and "{numbr}" in r.text, "the problem at its text, naming it"
    assert 'id="e-resolved_hi"' not in r.text, "the good text has no problem"
    assert "Ticket {numbr} noted" in r.text, "what was typed is kept"
    r = sa.form_post(PAGE, PAGE, {"action": "save", "raised_en": "x" * 301})
    eq(r.status, 422, "too long: %r" % r)
    assert 'id="e-raised_en"' in r.text
    eq(texts(), before, "nothing saved")


@test
def a_preview_fills_sample_values_and_saves_nothing():
    sa = web("stateadmin")
    before = texts()
    r = sa.form_post(PAGE, PAGE, {"action": "preview", "raised_en": "Net ticket {number}: {subject}. By {due}.",
                                  "raised_hi": "नेट टिकट {number} दर्ज"})
    eq(r.status, 200, "preview: %r" % r)
    assert "Net ticket TK0000123: Printer not working. By " in r.text, "English sample"
    assert "नेट टिकट TK0000123 दर्ज" in r.text, "Hindi sample"
    r = sa.form_post(PAGE, PAGE, {"action": "preview", "raised_en": "Net ticket {numbr}"})
    eq(r.status, 200, "a preview with a problem: %r" % r)
    assert 'id="e-raised_en"' in r.text, "the problem shown"
    eq(texts(), before, "nothing saved")


@test
def a_saved_text_is_audited_and_used_for_the_next_acknowledgement():
    sa = web("stateadmin")
    text = "Net ticket {number} noted %s. - GramSewa" % RUN
    r = sa.form_post(PAGE, PAGE, {"action": "save", "raised_en": text, "raised_hi": "", "resolved_en": "",
                                  "resolved_hi": ""})
    eq(r.status, 303, "saved: %r" % r)
    eq(texts(), [text, "", "", ""], "stored; empty is the generic one")
    eq(sql("SELECT COUNT(*) FROM audit_log WHERE action='ticket.sms_templates' AND entity_id='%s'" % CODE)[0][0], "1",
       "audited")
    csc = api("csc1")
    r = csc.api("POST", "/tickets", {"type": CODE, "location": jamune(), "subject": "Line dead " + RUN, "body": "No internet"})
    eq(r.status, 201, "raised: %r" % r)
    number = r.json()["number"]
    sms = sql("SELECT body FROM notifications WHERE event='ticket.raise' AND ref='%s'" % number)[0][0]
    eq(sms, "Net ticket %s noted %s. - GramSewa" % (number, RUN), "the acknowledgement uses it")


@test
def the_api_lists_and_saves_with_the_same_checks():
    a = api("stateadmin")
    r = a.api("GET", "/ticket-sms")
    eq(r.status, 200, "list: %r" % r)
    assert CODE in [t["code"] for t in r.json()["items"]], "listed"
    before = texts()
    r = a.api("POST", "/ticket-sms/" + CODE, {"raised_en": "ok {number}", "resolved_hi": "{due} {oops}"})
    eq(r.status, 422, "refused: %r" % r)
    assert "resolved_hi" in r.json()["error"]["fields"], r.json()
    eq(texts(), before, "nothing saved")
    r = a.api("POST", "/ticket-sms/" + CODE, {"raised_en": "API {number}", "resolved_en": None})
    eq(r.status, 200, "saved: %r" % r)
    eq(texts(), ["API {number}", "", "", ""], "all four: absent ones generic")
    eq(api("csc1").api("GET", "/ticket-sms").status, 403, "not an operator's")


if __name__ == "__main__":
    run()
