"""The public pages of issue 12: verifying a certificate forgives typing and
says what to do next; the layout's footer (helpline, accessibility
statement, privacy notice); empty tables; statuses in words; HTML sent
compressed."""
import re

from gs import Client, test, eq, run
from lifecycle import file_app, file_online, pay_through_sandbox, walk_to_approval

DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
CIRCLE = [("karmachari", "karmachari"), ("ci", "ci"), ("co", "co")]
_cert = []


def cert():
    """The number of a valid certificate (an income certificate filed by
    csc1 and approved by the circle), made once."""
    if not _cert:
        number, _ = file_app("INC")
        _cert.append(walk_to_approval(number, CIRCLE)["certificate"]["number"])
    return _cert[0]


def staff(username):
    """A member of staff logged in on the web."""
    c = Client()
    c.login(username)
    return c


def verify(c, number):
    return c.form_post("/verify", "/verify", {"number": number})


def title(html):
    m = re.search(r"<title>([^<]*)</title>", html)
    return m.group(1) if m else ""


def h1(html):
    m = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"<[^>]+>", "", m.group(1)).strip() if m else None


@test
def verify_accepts_lower_case_spaces_and_missing_dashes():
    no = cert()
    state, svc, ym, tail = no.split("-")
    typed = ["  " + no.lower() + " ",                            # lower case, spaces round it
             "%s %s %s %s" % (state, svc, ym, tail),               # spaces for dashes
             "%s-%s-%s-%s %s" % (state, svc, ym, tail[:4], tail[4:]),  # a space inside the last group
             (state + svc + ym + tail).lower(),                    # no dashes at all
             "%s – %s – %s – %s" % (state, svc, ym, tail),          # en dashes, as phones type them
             "%s-%s-%s-%s" % (state, svc, ym.translate(DEVANAGARI), tail)]  # a Hindi keyboard's digits
    c = Client()
    for t in typed:
        r = verify(c, t)
        eq(r.status, 200, "status for %r" % t)
        eq(h1(r.text), "Valid certificate", "outcome for %r" % t)
        assert no in r.text, "the number as printed, for %r" % t
    j = Client().get("/api/v1/verify?no=" + no.lower()).json()
    eq(j["status"], "VALID", "the API forgives the same")
    eq(j["number"], no, "and answers with the number as printed")


@test
def verify_input_error_is_shown_on_the_form_not_as_an_outcome():
    c = Client()
    for typed in ("JH-INC-26!1-K7Q2", "certificate please"):
        r = verify(c, typed)
        eq(r.status, 422, "status for %r" % typed)
        t = r.text
        assert title(t).startswith("Error: "), "title: " + title(t)
        assert 'id="f-number"' in t and 'aria-invalid="true"' in t, "the form again, the field marked"
        assert re.search(r'class="error-summary"[^>]*>.*<a href="#f-number">[^<]*certificate number', t, re.S), \
            "the summary links to the field and names it"
        assert "panel" not in t and "status-big" not in t, "no outcome box for a typing error"
        assert 'value="%s"' % typed.replace("!", "!") in t, "what was typed is kept"
    r = verify(c, "")
    eq(r.status, 422, "empty")
    assert "Enter the certificate number" in r.text
    c.get("/lang?lang=hi&next=/")
    r = verify(c, "JH-INC-26!1")
    assert title(r.text).startswith("त्रुटि: "), "Hindi title: " + title(r.text)


@test
def verify_outcome_is_an_h1_panel_with_next_steps():
    c = Client()
    r = verify(c, cert())
    t = r.text
    assert re.search(r'<div class="panel panel-ok"[^>]*>\s*<h1 class="panel-title">Valid certificate</h1>', t), t[:1500]
    assert "Compare these details with the paper" in t or "compare these details with the paper" in t, "next step for VALID"
    r = verify(c, "JH-INC-0000-AAAAAAAA")
    eq(r.status, 200, "a number of the right shape that is not on record is an outcome")
    t = r.text
    assert re.search(r'<div class="panel panel-bad"[^>]*>\s*<h1 class="panel-title">Not found</h1>', t), t[:1500]
    assert "Check the number on the paper" in t and "do not accept" in t.lower(), "what to do when not found"
    assert 'href="/verify"' in t, "a way to check again"
    c.get("/lang?lang=hi&next=/")
    t = verify(c, cert()).text
    assert 'class="panel-title">मान्य प्रमाण पत्र</h1>' in t and "काग़ज़" in t, "Hindi outcome and next step"


@test
def every_page_footer_has_the_helpline_and_the_statements():
    c = Client()
    for path, status in (("/", 200), ("/services", 200), ("/verify", 200), ("/no-such-page", 404)):
        r = c.get(path)
        eq(r.status, status, path)
        foot = r.text[r.text.index('<footer'):]
        assert re.search(r'Helpline: <a href="tel:\d+">[0-9 -]+</a>', foot), "helpline on " + path
        assert 'href="/accessibility">Accessibility statement</a>' in foot, "accessibility link on " + path
        assert 'href="/privacy">Privacy notice</a>' in foot, "privacy link on " + path


@test
def accessibility_statement_and_privacy_notice_in_both_languages():
    c = Client()
    for path, h in (("/accessibility", "Accessibility statement"), ("/privacy", "Privacy notice")):
        r = c.get(path)
        eq(r.status, 200, path)
        eq(h1(r.text), h, path)
        assert 'href="tel:' in r.text[:r.text.index("<footer")], "how to reach us, on " + path
    assert "WCAG" in c.get("/accessibility").text or "Web Content Accessibility Guidelines" in c.get("/accessibility").text
    assert "last 4 digits" in c.get("/privacy").text, "says what of Aadhaar is kept"
    c.get("/lang?lang=hi&next=/")
    eq(h1(c.get("/accessibility").text), "सुगम्यता विवरण", "Hindi")
    eq(h1(c.get("/privacy").text), "गोपनीयता सूचना", "Hindi")


@test
def html_is_sent_compressed():
    import gzip
    r = Client().get("/accessibility", headers={"Accept-Encoding": "gzip"})
    eq(r.status, 200, "status")
    eq((r.header("Content-Encoding") or "").lower(), "gzip", "Content-Encoding of an HTML page")
    html = gzip.decompress(r.body).decode()
    assert "<h1" in html and "</html>" in html, "the page, unpacked"
    assert len(r.body) * 2 < len(html), "smaller by half at least: %d of %d" % (len(r.body), len(html))


@test
def error_pages_say_their_language():
    r = Client().get("/no-such-page")
    eq(r.status, 404, "status")
    assert '<html lang="en">' in r.text, r.text[:120]
    c = Client()
    c.get("/lang?lang=hi&next=/")
    assert '<html lang="hi">' in c.get("/no-such-page").text, "Hindi 404"


@test
def csc_recent_applications_have_headers_and_statuses_in_words():
    file_app("INC")
    c = staff("csc1")
    t = c.get("/csc").text
    recent = t[t.index('id="recent-h"'):t.index("<footer")]
    for col in ("Application number", "Applicant", "Service", "Status"):
        assert re.search(r"<th>%s</th>" % col, recent), "column " + col
    assert 'class="stack"' in recent, "one card per application on a phone"
    assert re.search(r'<td data-label="Status"><span class="tag[^"]*">Being processed</span>', recent), recent[:800]
    assert not re.search(r">(pending|approved|rejected|returned|unpaid)<", recent), "no raw status words"
    c.get("/lang?lang=hi&next=/csc")
    assert "प्रक्रिया में" in c.get("/csc").text, "statuses in Hindi"


@test
def a_paid_fee_is_named_in_the_history():
    web, _, number = file_online("9811100777")
    pay_through_sandbox(web, {"app": number})
    t = web.get("/my/app/" + number).text
    assert "app.ev." not in t, "a language key shown as it is: " + re.search(r"app\.ev\.\w+", t).group(0)
    assert "<strong>Fee paid</strong>" in t, "the payment in the history"


@test
def empty_tables_say_none_yet():
    c = staff("csc1")
    t = c.get("/csc/wallet?from=2001-01-01&to=2001-01-31").text
    assert re.search(r'class="none-yet">None yet<', t), "an empty passbook"
    sa = staff("stateadmin")
    t = sa.get("/admin/money?day=2001-01-01").text
    assert re.search(r'class="none-yet">None yet<', t), "the ledger of a quiet day"
    sa.get("/lang?lang=hi&next=/")
    assert "अभी कोई नहीं" in sa.get("/admin/money?day=2001-01-01").text, "in Hindi"


@test
def dashboard_charts_keep_text_readable_and_scroll_boxes_reachable():
    t = staff("stateadmin").get("/dash").text
    assert '<ul class="tilemap"' in t, "the district tiles are a list that reflows"
    assert re.search(r'<li class="tm-(good|fair|poor|none)"><span class="tm-name">Palamu</span> <strong class="tm-pct">', t)
    svgs = re.findall(r"<svg[^>]*>", t)
    assert svgs, "charts drawn"
    for s in svgs:
        w = re.search(r' width="(\d+)"', s)
        assert w and int(w.group(1)) <= 330, "drawn no wider than a phone's page: " + s[:120]
    sizes = [int(x) for x in re.findall(r'<text[^>]* font-size="(\d+)"', t)]
    assert sizes and min(sizes) >= 12, "chart text at 12 px at least: %r" % sorted(set(sizes))
    wraps = re.findall(r'<div class="table-wrap"[^>]*>', t)
    assert wraps, "wide tables in scroll boxes"
    for w in wraps:
        assert 'tabindex="0"' in w and 'role="region"' in w and re.search(r'aria-label="[^"]+"', w), w
    p = Client().get("/transparency").text
    assert '<table class="stack">' in p and 'data-label="Received"' in p, "the public figures as cards on a phone"


if __name__ == "__main__":
    run()
