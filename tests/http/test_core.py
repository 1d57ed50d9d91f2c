"""HTTP tests of the running stack: pages, errors, hostile input, workers."""
import os
import signal
import time

from gs import Client, test, eq, run, workers, reload_workers


@test
def home_page_renders_with_layout():
    r = Client().get("/")
    eq(r.status, 200, "status")
    assert "text/html" in r.header("Content-Type")
    t = r.text
    assert '<html lang="en">' in t and "Government services, close to you" in t
    assert 'href="/lang?lang=hi' in t, "language switch missing"
    assert r.header("X-Frame-Options") == "DENY", "security headers from nginx"
    assert "default-src 'self'" in (r.header("Content-Security-Policy") or "")


@test
def home_page_in_hindi():
    c = Client()
    r = c.get("/lang?lang=hi&next=/")
    eq(r.status, 303, "switch redirects")
    eq(r.header("Location"), "/", "back to the page")
    r = c.get("/")
    assert '<html lang="hi">' in r.text and "सरकारी सेवाएँ, आपके पास" in r.text


@test
def lang_switch_refuses_offsite_redirect():
    for nxt in ("//evil.example/", "https://evil.example/", "/\\evil"):
        r = Client().get("/lang?lang=en&next=" + nxt)
        eq(r.header("Location"), "/", "next=" + nxt)


@test
def healthz_reports_db():
    r = Client().get("/healthz")
    eq(r.status, 200, "status")
    j = r.json()
    eq(j["db"], "ok", "db")
    assert j["version"] and isinstance(j["uptime"], int)


@test
def unknown_route_is_404_page():
    r = Client().get("/no/such/page")
    eq(r.status, 404, "status")
    assert "Page not found" in r.text and "Reference" in r.text


@test
def unknown_api_route_is_json_404():
    r = Client().get("/api/v1/nothing-here")
    eq(r.status, 404, "status")
    eq(r.json()["error"]["code"], "not_found", "code")


@test
def wrong_method_is_405_with_allow():
    r = Client().request("DELETE", "/")
    eq(r.status, 405, "status")
    assert "GET" in (r.header("Allow") or "")


@test
def bad_percent_encoding_is_400():
    for path in ("/%zz", "/?a=%E0%A4", "/?a=%00", "/?q=%C0%AF", "/%ff"):
        r = Client().get(path)
        eq(r.status, 400, path)


@test
def bad_form_body_is_400():
    c = Client()
    r = c.post("/login", b"username=%ff%fe&password=x", ctype="application/x-www-form-urlencoded")
    eq(r.status, 400, "invalid utf-8 in body")


@test
def bad_multipart_is_400():
    c = Client()
    r = c.post("/login", b"--zz\r\nno headers", ctype="multipart/form-data; boundary=zz")
    eq(r.status, 400, "malformed multipart")
    r = c.post("/login", b"x", ctype="multipart/form-data")
    eq(r.status, 400, "multipart without boundary")


@test
def huge_cookie_is_400():
    r = Client().get("/", headers={"Cookie": "a=" + "x" * 6000})
    eq(r.status, 400, "status")


@test
def oversized_body_is_413():
    r = Client().post("/login", b"a=" + b"x" * (13 * 1024 * 1024), ctype="application/x-www-form-urlencoded")
    eq(r.status, 413, "status")


@test
def reflected_path_is_escaped():
    r = Client().get("/%3Cscript%3Ealert(1)%3C/script%3E")
    eq(r.status, 404, "status")
    assert "<script>alert(1)" not in r.text


@test
def worker_alive_after_bad_input():
    r = Client().get("/healthz")
    eq(r.status, 200, "still serving")


@test
def killed_worker_is_replaced():
    sup, before = workers()
    assert len(before) >= 2, "workers: %r" % before
    os.kill(before[0], signal.SIGKILL)
    deadline = time.time() + 10
    after = []
    while time.time() < deadline:
        _, after = workers()
        if len(after) == len(before) and before[0] not in after:
            break
        time.sleep(0.05)
    eq(len(after), len(before), "worker count restored")
    assert before[0] not in after
    for _ in range(20):
        eq(Client().get("/healthz").status, 200, "serving after kill")


@test
def sighup_replaces_workers_and_keeps_serving():
    _, before = workers()
    after = reload_workers()
    assert not set(after) & set(before), "old workers still running: %r / %r" % (before, after)
    eq(Client().get("/").status, 200, "serving after reload")


if __name__ == "__main__":
    run()
