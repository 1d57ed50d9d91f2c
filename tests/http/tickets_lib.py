"""tickets_lib.py — what the ticket tests share: the demo panchayat,
clients logged in on the web or the API, multipart bodies, a PDF that
hides a program."""
from gs import Client, sql

MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 40 + b"This program cannot be run in DOS mode.\r\n"
DOS_PDF = b"%PDF-1.4\n" + MZ * 20 + b"\n%%EOF\n"
_JAMUNE = []


def jamune():
    if not _JAMUNE:
        _JAMUNE.append(int(sql("SELECT id FROM locations WHERE type='panchayat' AND name_en='Jamune'")[0][0]))
    return _JAMUNE[0]


def web(user):
    c = Client()
    c.login(user)
    return c


def api(user):
    c = Client()
    c.api_login(user)
    return c


def multipart(fields, data=None, name="doc.pdf", ctype="application/pdf"):
    out = []
    for k, v in fields.items():
        out.append(("--GSUP\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (k, v)).encode())
    if data is not None:
        out.append(("--GSUP\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                    "Content-Type: %s\r\n\r\n" % (name, ctype)).encode() + data + b"\r\n")
    out.append(b"--GSUP--\r\n")
    return b"".join(out)
