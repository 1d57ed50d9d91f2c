"""The citizen's and the operator's filing journey (issue 12): in by mobile
number and back to the form they started, staff at their own log-in
address, error messages that name their field, the apply steps ending in
"Check your answers", and tracking without the mobile number in the URL."""
import re
import time
import urllib.parse

from gs import Client, test, eq, run, notifications_log, sql
from lifecycle import definition, answers_for, page_fields, PNG

RUN = int(time.time() * 1000) % 1000000


def fresh_mobile(k):
    """A mobile number no other run has used (3 OTPs per number in 15 min)."""
    return "7%06d%03d" % (RUN, k)


def otp_after(mobile, send):
    """Runs send() and returns (its response, the log-in OTP it caused)."""
    pattern = r"to=%s .*? (\d{6}) is your GramSewa log-in OTP" % mobile
    before = len(re.findall(pattern, notifications_log()))
    r = send()
    deadline = time.time() + 5
    while time.time() < deadline:
        found = re.findall(pattern, notifications_log())
        if len(found) > before:
            return r, found[-1]
        time.sleep(0.05)   # the SMS log is written by another process
    raise AssertionError("no OTP for %s" % mobile)


def hidden(html, name):
    m = re.search(r'<input type="hidden" name="%s" value="([^"]*)"' % name, html)
    return m.group(1) if m else None


@test
def start_now_asks_a_citizen_for_the_mobile_number():
    c = Client()
    r = c.get("/apply/INC")
    eq(r.status, 303, "not logged in")
    loc = r.header("Location")
    eq(loc, "/login?next=" + urllib.parse.quote("/apply/INC", safe=""), "to the citizen's log-in")
    r = c.get(loc)
    eq(r.status, 200, "log-in page")
    assert "What is your mobile number?" in r.text, "asks for the mobile number first"
    assert 'id="f-username"' not in r.text, "no staff username form for citizens"
    eq(hidden(r.text, "next"), "/apply/INC", "where the citizen was going is kept")
    assert 'href="/staff/login' in r.text, "staff find their own address"


def otp_log_in(k, start, nxt):
    """Logs a new client in by OTP from page start, carrying next=nxt;
    returns (client, the OTP page, the verify response)."""
    c = Client()
    mobile = fresh_mobile(k)
    tok = c.csrf_from(c.get(start).text)
    page, code = otp_after(mobile, lambda: c.post("/login/otp", {"csrf": tok, "mobile": mobile, "next": nxt}))
    r = c.post("/login/otp/verify", {"csrf": c.csrf_from(page.text), "mobile": mobile, "otp": code, "next": nxt})
    return c, page, r


@test
def otp_log_in_goes_back_to_the_form_started():
    c, page, r = otp_log_in(1, "/login?next=%2Fapply%2FINC", "/apply/INC")
    eq(page.status, 200, "OTP sent")
    eq(hidden(page.text, "next"), "/apply/INC", "the OTP page keeps where to go")
    eq(r.status, 303, "logged in")
    eq(r.header("Location"), "/apply/INC", "back to the form, even on the first log-in")
    eq(c.get("/apply/INC").status, 200, "and the form opens")


@test
def otp_log_in_never_goes_to_another_site():
    _, _, r = otp_log_in(2, "/login", "//evil.example/x")
    eq(r.status, 303, "logged in")
    assert not r.header("Location").startswith("//"), "stays on this site: %s" % r.header("Location")


@test
def staff_sign_in_at_their_own_address():
    c = Client()
    r = c.get("/desk")
    eq(r.status, 303, "not logged in")
    eq(r.header("Location"), "/staff/login?next=%2Fdesk", "a staff page sends to the staff log-in")
    page = c.get(r.header("Location"))
    eq(page.status, 200, "staff log-in page")
    assert 'id="f-username"' in page.text and 'action="/staff/login"' in page.text, "username and password form"
    r = c.post("/staff/login", {"csrf": c.csrf_from(page.text), "username": "co", "password": "demo-pass-2026",
                                "next": hidden(page.text, "next")})
    eq(r.status, 303, "signed in")
    eq(r.header("Location"), "/desk", "back to the page asked for")


def citizen(k):
    """A citizen logged in by OTP on a number of its own."""
    c, _, r = otp_log_in(k, "/login", "")
    assert r.status == 303, "otp log-in %r" % r
    return c, fresh_mobile(k)


def summary(html):
    """The error summary's links: [(href, text)] in order."""
    m = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert m, "no error summary"
    return re.findall(r'<a href="([^"]*)">([^<]*)</a>', m.group(1))


def title(html):
    return re.search(r"<title>([^<]*)</title>", html).group(1)


@test
def apply_errors_name_their_fields_in_page_order_and_link_to_controls():
    c, _ = citizen(3)
    page = c.get("/apply/INC")
    r = c.post("/apply/INC", {"csrf": c.csrf_from(page.text), "idem": "e1", "f_mobile": "", "submit": "1"})
    eq(r.status, 422, "refused")
    assert title(r.text).startswith("Error: "), "title says Error: %r" % title(r.text)
    links = summary(r.text)
    texts = [t.replace("&#39;", "'") for _, t in links]
    for want in ("Enter applicant's full name", "Enter father's or husband's name", "Choose gender",
                 "Enter date of birth", "Enter mobile number", "Choose main occupation", "Choose purpose"):
        assert want in texts, "%r not in the summary %r" % (want, texts)
    assert not any(t in ("Enter this", "Choose one") for t in texts), "no message without its field: %r" % texts
    order = [texts.index(t) for t in ("Enter applicant's full name", "Choose gender", "Enter mobile number",
                                       "Choose main occupation", "Choose purpose")]
    eq(order, sorted(order), "in page order")
    assert 'autofocus id="error-summary"' in r.text, "focus moves to the summary"
    for href, text in links:
        assert href.startswith("#"), href
        target = re.search(r'<(input|select|textarea)[^>]*\bid="%s"[^>]*>' % re.escape(href[1:]), r.text)
        assert target, "%r links to %s, which is no control" % (text, href)
    gender = re.search(r'<input[^>]*id="f-f_gender"[^>]*>', r.text).group(0)
    assert 'type="radio"' in gender, "the radio question links to its first radio"
    assert re.search(r'<fieldset[^>]*aria-describedby="[^"]*e-f_gender', r.text), "radios described by their error"


@test
def apply_errors_in_hindi():
    c, _ = citizen(4)
    c.cookies["lang"] = "hi"
    page = c.get("/apply/INC")
    r = c.post("/apply/INC", {"csrf": c.csrf_from(page.text), "idem": "e2", "submit": "1"})
    eq(r.status, 422, "refused")
    assert title(r.text).startswith("त्रुटि: "), "title says त्रुटि: %r" % title(r.text)
    texts = [t for _, t in summary(r.text)]
    assert "आवेदक का पूरा नाम भरें" in texts and "लिंग चुनें" in texts, texts


@test
def a_follow_up_question_is_its_own_page_once_it_applies():
    c, _ = citizen(5)
    page = c.get("/apply/INC")
    r = c.post("/apply/INC", dict(form_of(page.text), f_applicant_name="Sita Devi"))
    draft = draft_of(r.header("Location"))
    page = c.get("/my/drafts/%d?step=occupation" % draft)
    r = c.post("/apply/INC", dict(form_of(page.text), f_occupation="agriculture"))
    eq(r.header("Location"), "/my/drafts/%d?step=annual_income" % draft, "no employer question for a farmer")
    r = c.post("/apply/INC", dict(form_of(page.text), f_occupation="service"))
    eq(r.header("Location"), "/my/drafts/%d?step=employer" % draft, "a salaried applicant is asked the employer")
    page = c.get(r.header("Location"))
    m = re.search(r'<div class="field[^"]*"[^>]*>\s*<h1><label for="f-f_employer">', page.text)
    assert m and " hidden" not in m.group(0), "the question is on the page, not hidden (no JavaScript needed)"
    r = c.post("/apply/INC", form_of(page.text))
    eq(r.status, 422, "and it is required now")
    eq([x for _, x in summary(r.text)], ["Enter employer&#39;s name"], "named")


def form_of(html):
    """The hidden inputs of a step page's form."""
    return {k: v for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)}


def multipart(fields, filename, data):
    b = "JOURNEYBOUNDARY"
    parts = [("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode()
             for k, v in fields.items()]
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                  "Content-Type: image/png\r\n\r\n" % (b, filename)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % b).encode())
    return b"".join(parts), "multipart/form-data; boundary=" + b


def post_step(c, code, page, ans, defn, mobile=None, upload=True, tatkal=False):
    """Answers the step on page (from ans) and returns the POST's response."""
    data = form_of(page.text)
    step = data["step"]
    if step == "applicant":
        data["applicant_mobile"] = mobile
    elif step.startswith("doc_"):
        if upload:
            body, ctype = multipart(data, step[4:].replace("_", "-") + ".png", PNG)
            return c.post("/apply/" + code, body, ctype=ctype)
    elif step == "tatkal":
        data["tatkal"] = "yes" if tatkal else "no"
    elif step in ans:
        data.update(page_fields(defn, {step: ans[step]}))
    return c.post("/apply/" + code, data)


def walk_to_check(c, code, mobile, name="Sita Devi", tatkal=False):
    """Walks every step of applying for code, answering each; returns
    (the check page, its URL, the steps seen)."""
    defn = definition(code)
    ans = answers_for(defn, mobile, name)
    page, url, seen = c.get("/apply/" + code), "/apply/" + code, []
    for _ in range(40):
        eq(page.status, 200, "step page %s" % url)
        if "<h1>Check your answers" in page.text:
            return page, url, seen
        assert len(re.findall(r"<h1[ >]", page.text)) == 1, "one heading on %s" % url
        seen.append(form_of(page.text)["step"])
        r = post_step(c, code, page, ans, defn, mobile, tatkal=tatkal)
        eq(r.status, 303, "step %s: %s" % (seen[-1], r.text[-600:]))
        url = r.header("Location")
        page = c.get(url)
    raise AssertionError("never reached Check your answers: %r" % seen)


def draft_of(url):
    return int(re.search(r"/my/drafts/(\d+)", url).group(1))


@test
def apply_one_question_per_page_ending_in_check_your_answers():
    c, mobile = citizen(6)
    page, url, seen = walk_to_check(c, "INC", mobile, tatkal=True)
    eq(seen[:3], ["applicant_name", "father_name", "gender"], "one question per page, in the form's order")
    assert "employer" not in seen, "a follow-up that does not apply is not asked"
    assert "declaration" not in seen, "the declaration waits for the check page"
    assert {"doc_aadhaar_card", "doc_income_proof", "doc_ration_card"} <= set(seen), "each document on its own step"
    t = page.text
    for want in ("Applicant&#39;s full name", "Sita Devi", "Pokhraha Kalan", "income-proof.png", "Total to pay",
                 "You pay ₹50 online after you send the application", "Accept and send", "I declare that the information given is true"):
        assert want in t, "%r on the check page" % want
    assert t.index("Sita Devi") < t.index("Total to pay") < t.index("Accept and send"), "answers, fee, then declaration"
    draft = draft_of(url)
    r = c.post("/apply/INC", {"csrf": c.csrf_from(t), "draft": draft, "accept": "1"})
    eq(r.status, 422, "the declaration must be ticked")
    texts = [x for _, x in summary(r.text)]
    assert any(x.startswith("Tick the box") for x in texts), texts
    eq(sql("SELECT status FROM applications WHERE id=%d" % draft)[0][0], "draft", "nothing sent yet")
    r = c.post("/apply/INC", {"csrf": c.csrf_from(t), "draft": draft, "accept": "1", "f_declaration": "true"})
    eq(r.status, 303, "accepted and sent: %s" % r.text[-400:])
    assert r.header("Location").startswith("/my/app/JH/"), r.header("Location")
    assert sql("SELECT status FROM applications WHERE id=%d" % draft)[0][0] in ("unpaid", "pending"), "filed"


@test
def a_step_refuses_its_own_wrong_answer_and_keeps_the_others():
    c, mobile = citizen(7)
    page = c.get("/apply/INC")
    data = form_of(page.text)
    r = c.post("/apply/INC", dict(data, f_applicant_name=""))
    eq(r.status, 422, "empty name refused on its page")
    eq([x for _, x in summary(r.text)], ["Enter applicant&#39;s full name"], "only this page's problem")
    r = c.post("/apply/INC", dict(data, f_applicant_name="Sita Devi"))
    eq(r.status, 303, "on to the next question")
    nxt = r.header("Location")
    assert nxt.endswith("?step=father_name"), nxt
    page = c.get(nxt)
    r = c.post("/apply/INC", dict(form_of(page.text), f_father_name="Ram Prasad"))
    eq(r.status, 303, "second answer kept")
    form = sql("SELECT form FROM applications WHERE id=%d" % draft_of(nxt))[0][0]
    assert "Sita Devi" in form and "Ram Prasad" in form, "both answers kept between steps: %s" % form


@test
def changing_an_answer_returns_to_check_your_answers():
    c, mobile = citizen(8)
    page, url, _ = walk_to_check(c, "INC", mobile)
    draft = draft_of(url)
    link = "/my/drafts/%d?step=pin&amp;return=check" % draft
    assert link in page.text, "a Change link per answer"
    page = c.get(link.replace("&amp;", "&"))
    eq(page.status, 200, "the question again")
    data = form_of(page.text)
    eq(data.get("return"), "check", "the page knows where to go back to")
    r = c.post("/apply/INC", dict(data, f_pin="834001"))
    eq(r.status, 303, "changed")
    eq(r.header("Location"), "/my/drafts/%d" % draft, "back to Check your answers")
    assert "834001" in c.get(r.header("Location")).text, "the new answer shown"


@test
def csc_operator_types_the_mobile_once_and_sees_the_wallet_fee():
    op = Client()
    op.login("csc1")
    mobile = fresh_mobile(9)
    page = op.get("/apply/INC")
    eq(page.status, 200, "first step")
    assert "What is the applicant&#39;s mobile number?" in page.text, "the operator is asked the mobile first"
    r = op.post("/apply/INC", dict(form_of(page.text), applicant_mobile=mobile))
    eq(r.status, 303, "mobile kept")
    seen_mobile_value = False
    page, url, seen = None, r.header("Location"), []
    defn = definition("INC")
    ans = answers_for(defn, mobile)
    page = op.get(url)
    while "<h1>Check your answers" not in page.text:
        step = form_of(page.text)["step"]
        if step == "mobile":
            m = re.search(r'<input id="f-f_mobile"[^>]*value="([^"]*)"', page.text)
            seen_mobile_value = bool(m) and m.group(1) == mobile
            # not typed again: the browser sends back what the page holds
            r = op.post("/apply/INC", dict(form_of(page.text), f_mobile=m.group(1) if m else ""))
        else:
            r = post_step(op, "INC", page, ans, defn, mobile)
        eq(r.status, 303, "step %s: %s" % (step, r.text[-500:]))
        page = op.get(r.header("Location"))
        seen.append(step)
        assert len(seen) < 40, seen
    assert seen_mobile_value, "the mobile question comes filled with the number typed first"
    assert "is taken from your CSC wallet" in page.text, "who pays: the wallet"
    assert "CSC service charge" in page.text and "Your wallet has" in page.text, "the charge and the balance shown"
    total = re.search(r"Total to pay</dt><dd><strong>([^<]+)</strong>", page.text).group(1)
    draft = draft_of(r.header("Location"))
    r = op.post("/apply/INC", {"csrf": op.csrf_from(page.text), "draft": draft, "accept": "1", "f_declaration": "true"})
    eq(r.status, 303, "sent: %s" % r.text[-400:])
    paid = int(sql("SELECT fee_paise FROM applications WHERE id=%d" % draft)[0][0])
    shown = int(round(float(total.replace("₹", "").replace(",", "").strip()) * 100))
    eq(paid, shown, "the wallet paid what the check page showed (%s)" % total)



@test
def tracking_posts_the_mobile_and_never_puts_it_in_a_url():
    op = Client()
    op.api_login("csc1")
    from lifecycle import file_app
    number, _ = file_app("INC", filer="csc1", mobile="9000000001")
    c = Client()
    page = c.get("/track")
    assert '<form method="post" action="/track"' in page.text, "the form posts"
    r = c.post("/track", {"csrf": c.csrf_from(page.text), "number": number, "mobile": "9000000001"})
    eq(r.status, 200, "tracked")
    assert number in r.text and "Being processed" in r.text, "the status shown"
    r = c.get("/track?" + urllib.parse.urlencode({"number": number, "mobile": "9000000001"}))
    assert "Being processed" not in r.text, "a mobile number in a URL is not used"
    assert 'value="%s"' % number in r.text, "the number from a link is filled in"
    a = Client().request("POST", "/api/v1/track", body={"number": number, "mobile": "9000000001"}, ctype="json")
    eq(a.status, 200, "the API tracks by POST too")
    eq(a.json()["number"], number, "the same answer")


run()
