"""test_campaign_questions.py — a Jan Samvad question edited in place on
the campaign's definition page (issue 15, follow-up): in a draft anything
(type, options, branching to an earlier question, labels) without delete
and re-add; once answers are collected a change of meaning (type, option
values, condition, required) is refused with 409 and a clear message and
changes nothing, while a wording fix is saved and audited with the old
and the new text."""
import json
import time

from gs import Client, test, eq, run, sql
from campaign_lib import SETTINGS, list_one, take_next

RUN = str(int(time.time() * 1000) % 10000000)
RECEIVED = {"action": "edit", "name": "received", "type": "radio", "label_en": "Did your pension come?",
            "label_hi": "क्या आपकी पेंशन आई?", "options": "yes|Yes|हाँ\nno|No|नहीं", "required": "1"}


def web(user):
    c = Client()
    c.login(user)
    return c


def questions(cid):
    q = json.loads(sql("SELECT questionnaire FROM campaigns WHERE id=%d" % cid)[0][0])
    return {f["name"]: f for f in q["fields"]}


def draft(sa, code):
    r = sa.form_post("/admin/campaigns", "/admin/campaigns", dict(SETTINGS, code=code))
    eq(r.status, 303, "created: %r" % r)
    page = r.header("Location")
    q = page + "/questions"
    eq(sa.form_post(page, q, dict(RECEIVED, action="add", label_en="Did it come?")).status, 303, "first question")
    r = sa.form_post(page, q, {"action": "add", "name": "months", "type": "number", "label_en": "For how many months not?",
                               "label_hi": "कितने महीने से नहीं?", "required": "1", "show_field": "received", "show_equals": "no"})
    eq(r.status, 303, "second question: %r" % r)
    return page, int(page.rsplit("/", 1)[1])


@test
def a_drafts_question_is_edited_in_place():
    sa = web("stateadmin")
    page, cid = draft(sa, "JSQED" + RUN)
    r = sa.get(page + "?edit=received")
    eq(r.status, 200, "the editor: %r" % r)
    assert 'name="action" value="edit"' in r.text and 'value="Did it come?"' in r.text, "filled with the question"
    q = page + "/questions"
    # branching may only point at an earlier question
    r = sa.form_post(page, q, dict(RECEIVED, show_field="months", show_equals="1"))
    eq(r.status, 422, "a condition on a later question: %r" % r)
    assert 'id="e-show_field"' in r.text, "at the condition"
    # type, options and wording at once
    r = sa.form_post(page, q, dict(RECEIVED, type="select", options="yes|Yes|हाँ\nno|No|नहीं\npartly|Partly|आंशिक"))
    eq(r.status, 303, "edited: %r" % r)
    got = questions(cid)
    eq(list(got), ["received", "months"], "in its place, nothing deleted")
    eq((got["received"]["type"], [o["value"] for o in got["received"]["options"]]), ("select", ["yes", "no", "partly"]),
       "type and options")
    eq(got["received"]["label"]["en"], "Did your pension come?", "wording")
    eq(got["months"].get("show_if"), {"field": "received", "equals": "no"}, "the later question's condition kept")
    eq(sa.form_post(page, q, dict(RECEIVED, name="nothing")).status, 404, "no such question")
    eq(int(sql("SELECT COUNT(*) FROM audit_log WHERE action='campaign.question_edit' AND entity_id='JSQED%s'" % RUN)[0][0]), 1,
       "audited once")


@test
def once_answered_only_the_wording_may_change():
    sa = web("stateadmin")
    code = "JSQAN" + RUN
    page, cid = draft(sa, code)
    eq(sa.form_post(page, page + "/status", {"to": "active"}).status, 303, "active")
    q = page + "/questions"
    # active, nobody answered yet: the meaning is fixed already
    r = sa.form_post(page, q, dict(RECEIVED, type="select"))
    eq(r.status, 409, "not a draft: %r" % r)
    assert "no longer a draft" in r.text, "says why"
    list_one(code, "8%09d" % (int(RUN) % 1000000000), "Q-" + RUN)
    a, url = take_next(cid)
    r = a.api("POST", url, {"disposition": "completed", "answers": {"received": "yes"}})
    eq(r.status, 200, "answered: %r" % r)
    before = sql("SELECT questionnaire FROM campaigns WHERE id=%d" % cid)
    months = {"action": "edit", "name": "months", "type": "number", "label_en": "For how many months not?",
              "label_hi": "कितने महीने से नहीं?", "required": "1", "show_field": "received", "show_equals": "yes"}
    for form, what in [(dict(RECEIVED, type="select"), "type"),
                       (dict(RECEIVED, options="yes|Yes|हाँ\nno|No|नहीं\nlate|Late|देर से"), "options"),
                       ({k: v for k, v in RECEIVED.items() if k != "required"}, "required"), (months, "condition")]:
        r = sa.form_post(page, q, form)
        eq(r.status, 409, "%s refused: %r" % (what, r))
        assert "Answers are already collected" in r.text, "%s: a clear message" % what
    eq(sql("SELECT questionnaire FROM campaigns WHERE id=%d" % cid), before, "nothing changed")
    # a wording fix: the question's and an option's labels
    r = sa.form_post(page, q, dict(RECEIVED, label_en="Has your pension come?", options="yes|Yes, it came|हाँ\nno|No|नहीं"))
    eq(r.status, 303, "wording saved: %r" % r)
    got = questions(cid)["received"]
    eq((got["label"]["en"], got["options"][0]["label"]["en"]), ("Has your pension come?", "Yes, it came"), "the new wording")
    eq(sql("SELECT remarks FROM audit_log WHERE action='campaign.question_edit' AND entity_id='%s'" % code),
       [["received: Did it come? -> Has your pension come?"]], "audited with the old and new text")


if __name__ == "__main__":
    run()
