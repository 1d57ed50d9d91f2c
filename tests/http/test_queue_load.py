"""One office's queue under many officers at once: eight Revenue Karmacharis
and eight Circle Officers of the same circle take "next" and act as fast as
they can for GS_LOAD_SECONDS (default 30).  Every application must be acted
on exactly once at each stage, nobody may see an error, and the audit chain
must still verify afterwards."""
import concurrent.futures
import json
import os
import threading
import time

from gs import Client, test, eq, run, ctl, sql
from lifecycle import file_app, act, create_employee, office_of, publish_service

RUN = str(int(time.time() * 1000) % 10000000)
SECONDS = float(os.environ.get("GS_LOAD_SECONDS", "30"))
CODE = "QLD"
APPS = 240


def load_service():
    """A two-stage, document-free copy of the income certificate."""
    d = json.loads(ctl("service", "export", "INC").stdout)
    d["code"] = CODE
    d["name"] = {"en": "Queue load check", "hi": "कतार जाँच"}
    d["documents"] = []
    d["fees"] = {"government_paise": 0, "csc_charge_paise": 0, "tatkal_paise": 0, "free_at_jsk": True}
    st = d["processing"]["stages"]
    d["processing"]["stages"] = [dict(st[0], actions=["forward", "reject"]), dict(st[2], actions=["approve", "reject"])]
    publish_service(d)


def worker(client, office, role, action, stop, seen, lock, errors):
    """Takes the head of the queue and acts on it until told to stop or the
    queue is empty for this stage and the stage before it is done."""
    done = 0
    while not stop.is_set():
        r = client.api("POST", "/desk/next", {"office": office, "role": role})
        if r.status != 200:
            errors.append("next %s: %r" % (role, r))
            return done
        no = r.json().get("number")
        if not no:
            if role == "co" and not stop.is_set():
                time.sleep(0.02)        # karmacharis are still forwarding: poll the queue, not a timing assumption
                continue
            return done
        r = act(client, no, action, remarks="load check")
        if r.status != 200:
            errors.append("%s %s: %r" % (action, no, r))
            continue
        with lock:
            seen.setdefault((no, role), 0)
            seen[(no, role)] += 1
        done += 1
    return done


@test
def sixteen_officers_on_one_queue_act_exactly_once():
    load_service()
    admin = Client()
    admin.login("stateadmin")
    numbers = set()
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        for no, _ in ex.map(lambda i: file_app(CODE, mobile="90011%05d" % i), range(APPS)):
            numbers.add(no)
    eq(len(numbers), APPS, "filed")
    office = office_of("karmachari", "karmachari")
    people = [("karmachari", "forward"), ("co", "approve")]
    clients = []
    for role, action in people:
        for i in range(8):
            user, pw = create_employee(admin, "q%s%d_%s" % (role[:2], i, RUN), role=role)
            if action == "approve":
                ctl("ca", "issue", "--user", user)      # an approving officer signs certificates
            c = Client()
            c.api_login(user, pw)
            clients.append((c, role, action))
    stop, lock = threading.Event(), threading.Lock()
    seen, errors = {}, []
    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(len(clients)) as ex:
        futs = [ex.submit(worker, c, office, role, action, stop, seen, lock, errors) for c, role, action in clients]
        # stop when the load time is up or every application is decided
        while time.time() - t0 < SECONDS:
            left = int(sql("SELECT COUNT(*) FROM applications a JOIN services s ON s.id=a.service_id "
                           "WHERE s.code='%s' AND a.status='pending'" % CODE)[0][0])
            if left == 0:
                break
            time.sleep(0.2)
        stop.set()
        total = sum(f.result() for f in futs)
    assert not errors, "errors under load: %s" % errors[:5]
    assert total > 0, "something was done"
    dup = [k for k, v in seen.items() if v != 1]
    assert not dup, "acted on twice: %s" % dup[:5]
    # the database agrees: one forward and at most one approval per application
    rows = sql("SELECT e.action, COUNT(*), COUNT(DISTINCT e.app_id) FROM app_events e "
               "JOIN applications a ON a.id=e.app_id JOIN services s ON s.id=a.service_id "
               "WHERE s.code='%s' AND e.action IN ('forward','approve') GROUP BY e.action" % CODE)
    for ev, n, distinct in rows:
        eq(n, distinct, "one %s per application" % ev)
    print("# %d actions by 16 officers in %.1f s" % (total, time.time() - t0))
    p = ctl("audit-verify")
    assert "audit chain intact" in p.stdout, p.stdout + p.stderr


if __name__ == "__main__":
    run()
