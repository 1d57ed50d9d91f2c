"""What the API answers when the database fails under a request: 503 (a
dependency is down: retry), never a 4xx that tells the client its input was
wrong, and nothing half-written.  The failure is made by a trigger that
refuses the insert, as a server that went away or a failed certification
would refuse it."""
import time

from gs import Client, test, eq, run, sql
from lifecycle import upload

FAIL = ("CREATE TRIGGER test_outage_documents BEFORE INSERT ON documents FOR EACH ROW "
        "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'test: the database refuses writes'")
HEAL = "DROP TRIGGER IF EXISTS test_outage_documents"


@test
def upload_when_the_database_fails_answers_503_and_stores_nothing():
    c = Client()
    c.api_login("csc1")
    mobile = "6%09d" % (int(time.time() * 10) % 10 ** 9)    # new to the system: the upload registers them
    sql(FAIL)
    try:
        r = upload(c, "income_proof", mobile)
    finally:
        sql(HEAL)
    eq(r.status, 503, "status when the document row cannot be written: %r" % r)
    eq(r.json()["error"]["code"], "unavailable", "error code")
    eq(sql("SELECT COUNT(*) FROM users WHERE citizen_mobile = '%s'" % mobile), [["0"]], "villager registered anyway")
    r = upload(c, "income_proof", mobile)
    eq(r.status, 201, "the same upload once the database works: %r" % r)


if __name__ == "__main__":
    run()
