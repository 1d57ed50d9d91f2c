"""test_campaign_hours.py — each Jan Samvad campaign's own calling window
(issue 15, follow-up): set on the campaign's definition page with its
checks (times as HH:MM, both or neither, between 07:00 and 21:00, the end
after the start, at least one day), audited; the next contact is given
only inside it; a retry lands at its next opening and a callback outside
it is refused.  The test works whatever the hour: the window it closes
leaves out today's weekday (IST)."""
import datetime
import time

from gs import Client, test, eq, run, sql
from campaign_lib import SETTINGS, list_one, take_next

RUN = str(int(time.time() * 1000) % 10000000)


def ist_now():
    return datetime.datetime.utcnow() + datetime.timedelta(hours=5, minutes=30)


def today_bit():
    return (ist_now().weekday() + 1) % 7	# 0 Sunday ... 6 Saturday


def mobile(i):
    return "6%d%08d" % (i % 10, (int(RUN) * 43 + i) % 100000000)


def web(user):
    c = Client()
    c.login(user)
    return c


def active_campaign(sa, code):
    """A campaign defined on pages, one question, active, one beneficiary sampled: its page and id."""
    r = sa.form_post("/admin/campaigns", "/admin/campaigns", dict(SETTINGS, code=code))
    eq(r.status, 303, "created: %r" % r)
    page = r.header("Location")
    r = sa.form_post(page, page + "/questions", {"action": "add", "name": "received", "type": "radio",
                                                 "label_en": "Did it come?", "label_hi": "क्या आया?",
                                                 "options": "yes|Yes|हाँ\nno|No|नहीं", "required": "1"})
    eq(r.status, 303, "question: %r" % r)
    eq(sa.form_post(page, page + "/status", {"to": "active"}).status, 303, "active")
    list_one(code, mobile(int(RUN) % 97 + 11), "H-" + RUN)
    return page, int(page.rsplit("/", 1)[1])


@test
def the_window_is_checked_at_its_inputs():
    sa = web("stateadmin")
    page, cid = active_campaign(sa, "JSHRS" + RUN)
    for bad, field in [({"call_from": "25:00", "call_to": "18:00"}, "call_from"),
                       ({"call_from": "10:00", "call_to": "09:30"}, "call_to"),
                       ({"call_from": "10:00", "call_to": ""}, "call_to"),
                       ({"call_from": "05:00", "call_to": "09:00"}, "call_from"),
                       ({"call_from": "10:00", "call_to": "22:30"}, "call_to"),
                       ({"call_days": []}, "call_days")]:
        r = sa.form_post(page, page, dict(SETTINGS, **bad))
        eq(r.status, 422, "%r refused: %r" % (bad, r))
        assert 'id="e-%s"' % field in r.text, "%r: the problem at %s" % (bad, field)
    eq(sql("SELECT call_from, call_to, call_days FROM campaigns WHERE id=%d" % cid), [["NULL", "NULL", "127"]], "nothing saved")
    r = sa.form_post(page, page, dict(SETTINGS, call_from="10:00", call_to="17:30", call_days=["1", "2", "3", "4", "5"]))
    eq(r.status, 303, "saved: %r" % r)
    eq(sql("SELECT call_from, call_to, call_days FROM campaigns WHERE id=%d" % cid), [["10:00:00", "17:30:00", "62"]],
       "Monday to Friday, 10:00 to 17:30")
    text = sa.get(page).text
    assert 'value="10:00"' in text and 'value="17:30"' in text, "shown again"
    assert 'name="call_days" value="0">' in text and 'name="call_days" value="1" checked>' in text, "the days ticked"
    assert int(sql("SELECT COUNT(*) FROM audit_log WHERE action='campaign.settings' AND entity_id='JSHRS%s'" % RUN)[0][0]) >= 1


@test
def calls_retries_and_callbacks_keep_to_the_campaigns_window():
    sa = web("stateadmin")
    code = "JSHRC" + RUN
    page, cid = active_campaign(sa, code)
    # open now (the stack's own hours are the whole day): the agent takes the beneficiary
    a, url = take_next(cid)
    # every day but today, 07:00 to 21:00
    days = [str(d) for d in range(7) if d != today_bit()]
    eq(sa.form_post(page, page, dict(SETTINGS, call_from="07:00", call_to="21:00", call_days=days)).status, 303, "saved")
    r = a.api("POST", "/campaigns/%d/next" % cid)
    eq(r.status, 409, "closed today: %r" % r)
    today = ist_now().date()
    tomorrow = today + datetime.timedelta(days=1)
    # a callback today or at night is refused; tomorrow 10:00 is fine
    for at in ["%s 10:00" % today, "%s 22:00" % tomorrow, "%s 06:30" % tomorrow]:
        r = a.api("POST", url, {"disposition": "callback", "callback_at": at})
        eq(r.status, 422, "callback at %s refused: %r" % (at, r))
    # busy: retried at the window's next opening, tomorrow 07:00
    r = a.api("POST", url, {"disposition": "busy"})
    eq(r.status, 200, "recorded: %r" % r)
    nxt = sql("SELECT DATE(next_attempt_at), TIME(next_attempt_at) FROM campaign_contacts WHERE id=%s" % url.rsplit("/", 1)[1])[0]
    eq(nxt[0], str(tomorrow), "the next calling day")
    assert "07:00:00" <= nxt[1] < "07:01:00", "at its opening: %r" % nxt


if __name__ == "__main__":
    run()
