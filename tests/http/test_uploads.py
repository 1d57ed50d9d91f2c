"""Uploads are what they claim to be (issue 11, item 9).  A file that starts
with %PDF-1. and ends with %%EOF but is a DOS program inside used to be
stored as application/pdf.  Now a PDF must have its cross-reference table
where startxref says, and images must decode; the refusal names the rule,
in English and Hindi, on the page and in the API, and nothing is stored."""
import re
import struct
import time
import zlib

from gs import Client, test, eq, run, sql
from lifecycle import officer, upload, PDF, PNG, file_app, walk_to_approval

RUN = str(int(time.time() * 1000) % 10000000)
MOBILE = "96" + RUN.rjust(8, "0")[-8:]
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 40 + b"This program cannot be run in DOS mode.\r\n"
DOS_PDF = b"%PDF-1.4\n" + MZ * 20 + b"\n%%EOF\n"
JPEG = bytes.fromhex(
    "ffd8ffdb0043001b12141714111b1716171e1c1b2028422b28252528513a3d3042605565645f555d5b6a7899816a7190"
    "735b5d85b586909ea3abadab6780bcc9baa6c799a8aba4ffc0000b080008000801011100ffc400140001000000000000"
    "00000000000000000003ffc400161000030000000000000000000000000000001562ffda0008010100003f0004927fff"
    "d9"
)


def docs_of(mobile):
    return int(sql("SELECT COUNT(*) FROM documents d JOIN users u ON u.id=d.owner_id WHERE u.citizen_mobile='%s'" % mobile)[0][0])


def refused(r, words):
    """422 with fields.file naming the rule."""
    eq(r.status, 422, "refused: %r" % r)
    msg = r.json()["error"]["fields"]["file"]
    assert words in msg, "the rule is named: %r" % msg
    return msg


@test
def dos_program_between_pdf_markers_is_refused():
    c = officer("csc1")
    upload(c, "other", MOBILE)          # the villager's first upload registers them
    before = docs_of(MOBILE)
    refused(upload(c, "aadhaar_card", MOBILE, data=DOS_PDF, name="aadhaar.pdf"), "no startxref")
    # with a startxref that points into the program
    r = upload(c, "aadhaar_card", MOBILE, data=DOS_PDF + b"startxref\n20\n%%EOF\n", name="aadhaar.pdf")
    refused(r, "cross-reference table")
    eq(docs_of(MOBILE), before, "nothing stored")


@test
def the_rule_is_named_in_hindi_and_on_the_page():
    c = officer("csc1")
    r = c.request("POST", "/api/v1/documents?lang=hi", body=_multipart({"doc_type": "other", "mobile": MOBILE}, DOS_PDF),
                  ctype="multipart/form-data; boundary=GSUP")
    eq(r.status, 422, "refused: %r" % r)
    assert "startxref" in r.json()["error"]["fields"]["file"] and re.search("[\u0900-\u097f]", r.json()["error"]["fields"]["file"]), \
        "a Hindi message naming the rule: %r" % r.json()
    web = Client()
    web.login("csc1")
    tok = web.csrf_from(web.get("/locker?mobile=" + MOBILE).text)
    r = web.request("POST", "/locker", body=_multipart({"csrf": tok, "doc_type": "other", "mobile": MOBILE}, DOS_PDF),
                    ctype="multipart/form-data; boundary=GSUP")
    eq(r.status, 422, "the page refuses")
    assert "no startxref" in r.text, "the form says which rule"


@test
def images_must_decode():
    c = officer("csc1")
    before = docs_of(MOBILE)
    bad_crc = bytearray(PNG)
    bad_crc[PNG.index(b"IDAT") + 5] ^= 0x01
    refused(upload(c, "photo", MOBILE, data=bytes(bad_crc), name="p.png", ctype="image/png"), "not a PNG")
    refused(upload(c, "photo", MOBILE, data=PNG + MZ, name="p.png", ctype="image/png"), "after the end")
    refused(upload(c, "photo", MOBILE, data=JPEG[:60], name="p.jpg", ctype="image/jpeg"), "not a JPEG")
    refused(upload(c, "photo", MOBILE, data=b"\xff\xd8\xff\xe0" + MZ + b"\xff\xd9", name="p.jpg", ctype="image/jpeg"), "not a JPEG")
    # a 1-pixel PNG whose header claims 30000 x 30000
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    huge = PNG[:12] + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)) + PNG[33:]
    refused(upload(c, "photo", MOBILE, data=huge, name="p.png", ctype="image/png"), "pixels")
    eq(docs_of(MOBILE), before, "nothing stored")


@test
def real_documents_are_accepted():
    c = officer("csc1")
    for data, mime in [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")]:
        r = upload(c, "other", MOBILE, data=data)
        eq(r.status, 201, "%s accepted: %r" % (mime, r))
        eq(r.json()["mime"], mime, "stored as what it is")
    # a certificate GramSewa issued (libharu, signed as an incremental update)
    number, _ = file_app("INC")
    walk_to_approval(number, [("karmachari", "karmachari"), ("ci", "ci"), ("co", "co")])
    cert = sql("SELECT c.number FROM certificates c JOIN applications a ON a.id=c.app_id WHERE a.number='%s'" % number)[0][0]
    pdf = c.get("/api/v1/certificates/%s/pdf" % cert).body
    assert pdf.startswith(b"%PDF-"), "the certificate PDF"
    eq(upload(c, "old_certificate", MOBILE, data=pdf).status, 201, "a signed certificate is a PDF too")


@test
def the_locker_names_documents_in_words():
    """The locker page lists each file by its kind in words, its own name,
    type and size, and the day it was added; never the internal type code."""
    c = officer("csc1")
    mobile = "95" + RUN.rjust(8, "0")[-8:]
    eq(upload(c, "ration_card", mobile, name="rashan-patra.pdf").status, 201, "uploaded")
    web = Client()
    web.login("csc1")
    page = web.get("/locker?mobile=" + mobile).text
    row = re.search(r"<tr>(?:(?!</tr>).)*rashan-patra\.pdf(?:(?!</tr>).)*</tr>", page, re.S)
    assert row, "the file is listed by its name"
    row = row.group(0)
    assert "Ration card" in row, "named by its kind in words: %s" % row
    assert "ration_card" not in row, "no type code on the page: %s" % row
    assert "(PDF, 1 KB)" in row, "type and size: %s" % row
    assert re.search(r"\d{1,2} [A-Z][a-z]+ 20\d\d", row), "the day it was added, in words: %s" % row


@test
def a_missing_file_and_a_missing_locker_are_named_together():
    """An operator's upload with no file and no villager (or a mobile that
    is not one) is refused naming both, the same on the page and in the
    API; nobody is registered and nothing is stored."""
    nobody = "97" + RUN.rjust(8, "0")[-8:]
    c = officer("csc1")
    web = Client()
    web.login("csc1")
    tok = web.csrf_from(web.get("/locker").text)
    for mobile in ("", "12345"):
        fields = {"doc_type": "other", "mobile": mobile}
        body = b"".join(("--GSUP\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % kv).encode()
                        for kv in fields.items()) + b"--GSUP--\r\n"
        r = c.request("POST", "/api/v1/documents", body=body, ctype="multipart/form-data; boundary=GSUP")
        eq(r.status, 422, "API refuses %r: %r" % (mobile, r))
        eq(sorted(r.json()["error"]["fields"]), ["file", "mobile"], "API names both")
        page = b"--GSUP\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + tok.encode() + b"\r\n" + body
        r = web.request("POST", "/locker", body=page, ctype="multipart/form-data; boundary=GSUP")
        eq(r.status, 422, "the page refuses %r" % mobile)
        assert "Choose a file" in r.text and "mobile number first" in r.text, "the page names both"
    # a villager's mobile new to the system, but no file: not registered
    body = b"--GSUP\r\nContent-Disposition: form-data; name=\"mobile\"\r\n\r\n" + nobody.encode() + b"\r\n--GSUP--\r\n"
    r = c.request("POST", "/api/v1/documents", body=body, ctype="multipart/form-data; boundary=GSUP")
    eq(r.status, 422, "no file: %r" % r)
    eq(sorted(r.json()["error"]["fields"]), ["file"], "only the file is missing")
    eq(sql("SELECT COUNT(*) FROM users WHERE citizen_mobile='%s'" % nobody)[0][0], "0", "nobody registered")


def _multipart(fields, data):
    parts = [("--GSUP\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % kv).encode() for kv in fields.items()]
    parts.append(b"--GSUP\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc.pdf\"\r\n"
                 b"Content-Type: application/pdf\r\n\r\n" + data + b"\r\n--GSUP--\r\n")
    return b"".join(parts)


run()
