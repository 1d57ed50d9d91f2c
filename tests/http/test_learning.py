"""The e-learning library (issue 14, item 4): items added with their
audience, versions and a mandatory mark; a video served by nginx after the
access check (range requests: 206 with the bytes asked for), never reached
directly; progress that only moves forward, "Mark as done" without
JavaScript, and the completion report of mandatory items."""
import json
import os
import re
import subprocess
import tempfile
import time

from gs import Client, test, eq, run, ctl, sql
from lifecycle import PDF

RUN = str(int(time.time() * 1000) % 10000000)
# a small ISO BMFF file: an ftyp box and an mdat box of numbered bytes
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + (4008).to_bytes(4, "big") + b"mdat" + bytes(i % 251 for i in range(4000))
S = {}


def multipart(fields, data, name):
    b = "GSLEARN" + RUN
    parts = [("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode() for k, v in fields.items()]
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: application/octet-stream"
                  "\r\n\r\n" % (b, name)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % b).encode())
    return b"".join(parts), "multipart/form-data; boundary=" + b


def api(name):
    if name not in S:
        S[name] = Client()
        S[name].api_login(name)
    return S[name]


def add(key, kind, data, name, **kw):
    fields = {"key": key, "kind": kind, "lang": "hi", "title": "Item " + key, "tags": "exam,basics", "audience": "csc,bi",
              "mandatory": "1"}
    fields.update(kw)
    body, ctype = multipart(fields, data, name)
    return api("stateadmin").request("POST", "/api/v1/learn", body=body, ctype=ctype)


@test
def items_are_checked_for_what_they_are_and_versioned():
    r = add("v" + RUN, "video", MP4, "intro.mp4")
    eq(r.status, 201, "video %r" % r)
    S["video"] = r.json()["id"]
    eq(add("p" + RUN, "pdf", PDF, "sop.pdf", mandatory="0").status, 201, "a PDF")
    r = add("x" + RUN, "video", PDF, "fake.mp4")
    eq(r.status, 422, "a PDF is not a video %r" % r)
    assert "file" in r.json()["error"]["fields"], r.json()
    eq(add("y" + RUN, "video", MP4, "a.mp4", audience="citizen").status, 422, "no citizens")
    eq(api("csc1").request("POST", "/api/v1/learn", body=multipart({"key": "z"}, MP4, "a.mp4")[0],
                           ctype=multipart({}, b"", "a")[1]).status, 403, "a VLE may not add")
    r = add("w" + RUN, "video", MP4 + b"x", "intro2.mp4")
    eq(r.status, 201, "w v1")
    r2 = add("w" + RUN, "video", MP4 + b"xy", "intro3.mp4")
    eq(r2.json()["version"], "2", "the next version")
    ids = [i["id"] for i in api("csc1").api("GET", "/learn").json()["items"]]
    assert r2.json()["id"] in ids and r.json()["id"] not in ids, "only the active version is listed"


@test
def a_video_is_served_by_nginx_with_ranges_after_the_access_check():
    vid = S["video"]
    c = Client()
    c.login("csc1")
    page = c.get("/learn/%d" % vid)
    assert page.status == 200 and "<video" in page.text and 'src="/learn/%d/file"' % vid in page.text, page.text[:500]
    r = c.get("/learn/%d/file" % vid, headers={"Range": "bytes=0-9"})
    eq(r.status, 206, "a range %r" % r)
    eq(r.body, MP4[:10], "the bytes asked for")
    assert r.header("Content-Range") == "bytes 0-9/%d" % len(MP4), r.headers
    assert r.header("Content-Type") == "video/mp4", r.headers
    full = c.get("/learn/%d/file" % vid)
    eq((full.status, full.body), (200, MP4), "the whole file")
    other = Client()
    other.login("karmachari")
    eq(other.get("/learn/%d/file" % vid).status, 404, "not for a karmachari")
    eq(other.get("/learn/%d" % vid).status, 404, "nor the page")
    sha = sql("SELECT sha256 FROM learning_items WHERE id = %d" % vid)[0][0]
    eq(c.get("/_blobs/%s/%s/%s" % (sha[:2], sha[2:4], sha)).status, 404, "the blob location is internal")


@test
def progress_only_moves_forward_and_mark_as_done_completes():
    vid = S["video"]
    c = api("csc1")
    eq(c.api("POST", "/learn/%d/progress" % vid, {"pct": 40}).status, 200, "40 %")
    c.api("POST", "/learn/%d/progress" % vid, {"pct": 20})
    item = [i for i in c.api("GET", "/learn").json()["items"] if i["id"] == vid][0]
    eq((item["pct"], item["completed_at"]), (40, None), "never back")
    eq(c.api("POST", "/learn/%d/progress" % vid, {"pct": 140}).status, 422, "out of range")
    w = Client()
    w.login("csc1")
    p = w.get("/learn/%d" % vid)
    r = w.post("/learn/%d/progress" % vid, {"csrf": w.csrf_from(p.text), "pct": "100"})
    eq(r.status, 303, "mark as done %r" % r)
    assert "Completed" in w.get("/learn/%d" % vid).text, "done"
    rep = {x["id"]: x for x in api("stateadmin").api("GET", "/learn/report").json()["items"]}
    assert rep[vid]["people"] >= 2 and rep[vid]["completed"] >= 1, rep[vid]
    eq(api("karmachari").api("POST", "/learn/%d/progress" % vid, {"pct": 100}).status, 404, "not for a karmachari")


@test
def large_videos_are_added_from_the_command_line():
    f = tempfile.NamedTemporaryFile(suffix=".mp4", delete=False)
    f.write(MP4 + b"cli")
    f.close()
    out = ctl("learn-add", "cli" + RUN, "video", "en", "csc", "Command-line video", f.name, "--mandatory", "--tags", "cli").stdout
    os.unlink(f.name)
    assert "learn-add: item" in out, out
    titles = [i["title"] for i in api("csc2").api("GET", "/learn?tag=cli").json()["items"]]
    assert "Command-line video" in titles, titles



def tiny_mp4(path):
    """A real 2-second 640x480 H.264/AAC MP4 made by ffmpeg (a test pattern and a tone)."""
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=10",
                    "-f", "lavfi", "-i", "sine=frequency=440", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-shortest", path], check=True)
    with open(path, "rb") as f:
        return f.read()


def video_height(data):
    """The first video stream's height, as ffprobe reads it."""
    with tempfile.NamedTemporaryFile(suffix=".mp4") as f:
        f.write(data)
        f.flush()
        p = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=height",
                            "-of", "csv=p=0", f.name], capture_output=True, text=True, check=True)
    return int(p.stdout.strip())


@test
def a_video_gets_a_smaller_copy_for_phones_and_the_original_stays():
    with tempfile.TemporaryDirectory() as d:
        original = tiny_mp4(os.path.join(d, "pattern.mp4"))
    r = add("r" + RUN, "video", original, "pattern.mp4")
    eq(r.status, 201, "added %r" % r)
    vid = r.json()["id"]
    out = ctl("learn-renditions", "--limit", "1000").stdout
    assert re.search(r"item %d: \{\"360p\"" % vid, out), out
    assert "item %d: {}" % S["video"] in out, "a file ffmpeg cannot read gets none: " + out
    sha, rend = sql("SELECT sha256, renditions FROM learning_items WHERE id = %d" % vid)[0]
    small = json.loads(rend)["360p"]
    assert small["sha256"] != sha and small["size"] > 0, rend
    c = Client()
    c.login("csc1")
    full = c.get("/learn/%d/file" % vid)
    eq((full.status, full.body == original), (200, True), "the original is kept")
    copy = c.get("/learn/%d/file?r=360p" % vid)
    eq((copy.status, copy.header("Content-Type"), len(copy.body)), (200, "video/mp4", small["size"]), "the copy, by nginx")
    eq((video_height(original), video_height(copy.body)), (480, 360), "360 lines")
    page = c.get("/learn/%d" % vid).text
    assert 'href="/learn/%d?small=1"' % vid in page and "Smaller video (uses less data)" in page, page[:1200]
    phone = c.get("/learn/%d?small=1" % vid).text
    assert 'src="/learn/%d/file?r=360p"' % vid in phone and "Full-quality video" in phone, phone[:1200]
    eq(c.get("/learn/%d/file?r=360p" % S["video"]).status, 404, "no copy of what ffmpeg could not read")
    assert "Smaller video" not in c.get("/learn/%d" % S["video"]).text, "and no link to one"
    other = Client()
    other.login("karmachari")
    eq(other.get("/learn/%d/file?r=360p" % vid).status, 404, "the copy is checked like the original")
    again = ctl("learn-renditions").stdout
    assert "learn-renditions: 0 made" in again, again


run()
