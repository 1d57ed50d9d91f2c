"""surveykit.py — helpers shared by the survey tests: real JPEGs with a
chosen camera time, multipart bodies, a survey of its own allocated in
the Medininagar block, a submission through the API.

The demo: csc1 is the VLE of Jamune, csc2 of Lahlahe (both in the
Medininagar block, the BI "bi"); bi2 is the BI of Chainpur."""
import json
import struct
import time

from gs import Client, eq, sql, now

RUN = str(int(time.time() * 1000) % 10000000)
IST = 5.5 * 3600
JPEG = bytes.fromhex(
    "ffd8ffdb0043001b12141714111b1716171e1c1b2028422b28252528513a3d3042605565645f555d5b6a7899816a7190"
    "735b5d85b586909ea3abadab6780bcc9baa6c799a8aba4ffc0000b080008000801011100ffc400140001000000000000"
    "00000000000000000003ffc400161000030000000000000000000000000000001562ffda0008010100003f0004927fff"
    "d9"
)
PHOTOS = []
CLIENTS = {}


def photo(offset):
    """A real JPEG whose EXIF DateTimeOriginal is the product's clock plus
    offset seconds (IST); each one a different picture."""
    when = time.strftime("%Y:%m:%d %H:%M:%S", time.gmtime(now() + IST + offset)).encode() + b"\0"
    tiff = b"II*\0" + struct.pack("<I", 8)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, 26) + struct.pack("<I", 0)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x9003, 2, 20, 44) + struct.pack("<I", 0)
    tiff += when
    body = b"Exif\0\0" + tiff
    PHOTOS.append(offset)
    img = bytearray(JPEG)
    q = img.index(b"\xff\xdb") + 4 + 1 + 63
    img[q] = 1 + (len(PHOTOS) + int(RUN)) % 250
    img = bytes(img)
    return img[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + img[2:]


def multipart(fields, files):
    b = "GSSRV" + RUN
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode()
    for k, (name, data) in files.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: image/jpeg\r\n\r\n"
                % (b, k, name)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % b).encode()
    return out, "multipart/form-data; boundary=" + b


def api(name):
    if name not in CLIENTS:
        c = Client()
        c.api_login(name)
        CLIENTS[name] = c
    return CLIENTS[name]


def loc(kind, name):
    return int(sql("SELECT id FROM locations WHERE type='%s' AND name_en='%s'" % (kind, name))[0][0])


def user_id(name):
    return int(sql("SELECT id FROM users WHERE username='%s'" % name)[0][0])


def label(en, hi):
    return {"en": en, "hi": hi}


FORM = {"format": "gramsewa.form/1", "fields": [
    {"name": "working", "type": "radio", "label": label("Is the handpump working?", "क्या चापाकल चालू है?"), "required": True,
     "options": [{"value": "yes", "label": label("Yes", "हाँ")}, {"value": "no", "label": label("No", "नहीं")}]},
    {"name": "households", "type": "number", "label": label("Households using it", "उपयोग करने वाले परिवार"), "min": 0, "max": 10000},
    {"name": "site", "type": "geopoint", "label": label("Where it is", "कहाँ है"), "required": True, "accuracy_max_m": 20},
    {"name": "photo", "type": "photo", "label": label("Photo", "फ़ोटो"), "required": True},
]}
SEQ = [0]


def new_survey(**extra):
    """A survey of its own (window: yesterday to tomorrow), its tasks
    allocated by the BI to every GP of the Medininagar block; returns
    (survey id, {username: task id})."""
    SEQ[0] += 1
    day = 86400
    body = {"code": "SRV%s_%d" % (RUN, SEQ[0]), "title": label("Handpump survey", "चापाकल सर्वेक्षण"), "form": FORM,
            "window_from": time.strftime("%Y-%m-%d %H:%M", time.gmtime(now() + IST - day)),
            "window_to": time.strftime("%Y-%m-%d %H:%M", time.gmtime(now() + IST + day))}
    body.update(extra)
    r = api("di").api("POST", "/surveys", body)
    eq(r.status, 201, "survey created: %r" % r)
    sid = r.json()["id"]
    r = api("bi").api("POST", "/surveys/%d/allocate" % sid, {"places": [loc("block", "Medininagar(Daltonganj)")]})
    eq(r.status, 200, "allocated: %r" % r)
    tasks = {}
    for u in ("csc1", "csc2"):
        mine = [t for t in api(u).api("GET", "/tasks?survey=%d" % sid).json()["items"]]
        eq(len(mine), 1, "%s has one task of the survey" % u)
        tasks[u] = mine[0]["id"]
    return sid, tasks


def submit(user, task, accuracy=8, lat="24.0301", lon="84.0702", pic=None, answers=None):
    a = {"working": "yes", "households": "40",
         "site": {"lat": lat, "lon": lon, "accuracy_m": accuracy, "source": "gps"}}
    if answers:
        a.update(answers)
    body, ctype = multipart({"answers": json.dumps(a)}, {"photo": ("p.jpg", pic if pic is not None else photo(-600))})
    return api(user).request("POST", "/api/v1/tasks/%d/submit" % task, body=body, ctype=ctype)


def task_row(task):
    return sql("SELECT status, flags, assignee_id, IFNULL(photo_doc_id, ''), submissions FROM tasks WHERE id = %d" % task)[0]
