"""fixtures.py — the records the journeys of tests/browser need, made the
way the HTTP tests make them (tests/http/lifecycle.py: the JSON API, as a
CSC operator and the officers would), printed as one JSON object:

  approved      an income certificate application filed by csc1 for the
                demo citizen 9000000001 and approved by the circle
  cert          its certificate's number, verify_url (what the QR holds)
                and pdf (a file with the signed PDF)
  pending       a second application, waiting at the karmachari's desk
  citizen       the demo citizen's mobile
  draft         the id of a draft csc1 filled for the demo citizen (every
                answer and the required document): its steps and its
                "Check your answers" page

Run by journeys.js once per test program (GS_TEST_BASE, GS_TEST_VAR and
GS_TEST_CTL as for the HTTP tests); a fresh pair of applications each time,
so a journey can act on them without meeting another test's."""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))

from lifecycle import file_app, walk_to_approval, definition, answers_for, upload  # noqa: E402
from gs import sql  # noqa: E402

CIRCLE = [("karmachari", "karmachari"), ("ci", "ci"), ("co", "co")]
MOBILE = "9000000001"


def main():
    approved, csc = file_app("INC", filer="csc1", mobile=MOBILE)
    walk_to_approval(approved, CIRCLE)
    cert = sql("SELECT c.number FROM certificates c JOIN applications a ON a.id = c.app_id "
               "WHERE a.number = '%s'" % approved)[0][0]
    info = csc.api("GET", "/certificates/" + cert)
    assert info.status == 200, "certificate %s: %r" % (cert, info)
    pdf = csc.api("GET", "/certificates/%s/pdf" % cert)
    assert pdf.status == 200 and pdf.body[:5] == b"%PDF-", "certificate PDF: %r" % pdf
    f = tempfile.NamedTemporaryFile(prefix="gs-cert-", suffix=".pdf", delete=False)
    f.write(pdf.body)
    f.close()
    pending, _ = file_app("INC", filer="csc1", mobile=MOBILE)
    doc = upload(csc, "income_proof", MOBILE, name="salary-slip.pdf")
    assert doc.status == 201, "upload: %r" % doc
    d = csc.api("POST", "/applications", {"service": "INC", "applicant": {"mobile": MOBILE}, "submit": False,
                                          "fields": answers_for(definition("INC"), MOBILE),
                                          "documents": {"income_proof": doc.json()["id"]}})
    assert d.status == 201, "draft: %r" % d
    json.dump({"approved": approved, "pending": pending, "citizen": MOBILE, "draft": int(d.json()["number"][1:]),
               "cert": {"number": cert, "verify_url": info.json()["verify_url"], "pdf": f.name}}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
