"""The audit trail as several hash chains (shards) tied by anchors (issue 17,
item 3): audited changes of users in different shards do not wait on each
other's head row, every shard verifies, and an anchor catches a shard that
lost its last rows or had its last row rewritten with a recomputed hash,
which the chain alone cannot show.  Tampering happens in a scratch copy of
the audit tables (GS_DB_NAME points gramsewactl at it), never in the stack's
own database, which later tests verify."""
import hashlib
import subprocess
import os
import time

from gs import Client, test, eq, run, ctl, sql, VAR

TABLES = ["audit_log", "audit_head", "audit_anchors", "audit_anchor_heads", "audit_anchor_head"]
SCRATCH = "gsaudit_%d" % (os.getpid() % 100000)


def logins(*users):
    for u in users:
        Client().api_login(u)


def last_login_row(username):
    """(shard, seq) of the newest log-in row of username."""
    r = sql("SELECT shard, seq FROM audit_log WHERE action='login' AND entity_id='%s' ORDER BY id DESC LIMIT 1" % username)
    assert r, "no log-in row for " + username
    return int(r[0][0]), int(r[0][1])


def scratch_copy():
    """A copy of the audit tables, without their triggers, to tamper with."""
    q = "DROP DATABASE IF EXISTS %s; CREATE DATABASE %s;" % (SCRATCH, SCRATCH)
    for t in TABLES:
        q += " CREATE TABLE %s.%s LIKE gramsewa.%s; INSERT INTO %s.%s SELECT * FROM gramsewa.%s;" % (SCRATCH, t, t, SCRATCH, t, t)
    sql(q)


def verify_scratch():
    p = ctl("audit-verify", check=False, env={"GS_DB_NAME": SCRATCH})
    return p.returncode, p.stdout + p.stderr


def drop_scratch():
    sql("DROP DATABASE IF EXISTS %s" % SCRATCH)


def row_hash(fields):
    """The C side's hash of one row: SHA-256 over the fields, each followed by 0x1f."""
    h = hashlib.sha256()
    for f in fields:
        h.update(f.encode() + b"\x1f")
    return h.hexdigest()


@test
def audit_rows_go_to_many_shards_and_all_verify():
    users = ["csc1", "csc2", "karmachari", "ci", "co", "bdo"]
    logins(*users)
    shards = {last_login_row(u)[0] for u in users}
    assert len(shards) > 1, "six users' log-ins all went to one chain: %s" % shards
    assert 0 not in shards, "shard 0 is the chain from before the migration; nothing new goes there"
    p = ctl("audit-verify")
    assert "audit chain intact" in p.stdout, p.stdout
    assert "65 shards" in p.stdout, p.stdout


def user_id(username):
    return int(sql("SELECT id FROM users WHERE username='%s'" % username)[0][0])


@test
def an_audited_change_does_not_wait_for_another_users_chain():
    """A session holds the audit head row that karmachari's log-in was just
    chained to (as a writer in that office does until it commits); csc1's
    log-in, in another shard (16 by default, by user), goes through at once
    instead of waiting out the lock (10 s here) and failing."""
    logins("karmachari")
    row = sql("SELECT hash FROM audit_log WHERE action='login' AND entity_id='karmachari' ORDER BY id DESC LIMIT 1")[0][0]
    head = sql("SELECT id FROM audit_head WHERE last_hash='%s'" % row)
    eq(len(head), 1, "karmachari's row is the head of one chain")
    other = next(u for u in ["csc1", "csc2", "ci", "co", "bdo", "sdo", "dm"] if user_id(u) % 16 != user_id("karmachari") % 16)
    before = int(sql("SELECT COUNT(*) FROM audit_log WHERE action='login' AND entity_id='%s'" % other)[0][0])
    holder = subprocess.Popen(["mariadb", "--no-defaults", "--socket=" + os.path.join(VAR, "run/mariadb.sock"),
                               "-N", "-B", "--unbuffered", "gramsewa"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        holder.stdin.write("BEGIN; SELECT COUNT(*) FROM audit_head WHERE id = %s FOR UPDATE; SELECT 'held';\n" % head[0][0])
        holder.stdin.flush()
        eq([holder.stdout.readline().strip(), holder.stdout.readline().strip()], ["1", "held"],
           "the other session holds karmachari's chain head")
        t0 = time.time()
        r = Client().request("POST", "/api/v1/auth/login", body={"username": other, "password": "demo-pass-2026"},
                             ctype="json")
        took = time.time() - t0
        eq(r.status, 200, "%s's log-in while karmachari's chain head is held (after %.1f s)" % (other, took))
        eq(int(sql("SELECT COUNT(*) FROM audit_log WHERE action='login' AND entity_id='%s'" % other)[0][0]), before + 1,
           "the log-in is audited")
        assert took < 5, "the log-in waited %.1f s" % took
    finally:
        holder.stdin.write("ROLLBACK;\n")
        holder.stdin.close()
        holder.wait(timeout=30)


@test
def audit_anchor_is_idempotent_and_safe_to_run_twice_at_once():
    logins("csc2")
    cmd = [os.environ.get("GS_TEST_CTL", "build/gramsewactl"), "-c", os.path.join(VAR, "gramsewa.conf"), "audit-anchor"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    eq([p.returncode for p in procs], [0, 0], "both runs succeed: %s" % outs)
    eq(sum("written" in o for o in outs), 1, "one of two runs at once writes the anchor: %s" % outs)
    p = ctl("audit-anchor")
    assert "no shard moved" in p.stdout, "a run with nothing new writes nothing: " + p.stdout
    eq(sql("SELECT COUNT(*) FROM (SELECT shard, seq FROM audit_anchor_heads GROUP BY shard, seq HAVING COUNT(*) > 1) d")[0][0],
       "0", "no head is anchored twice")
    p = ctl("audit-verify")
    assert "audit chain intact" in p.stdout and " 0 anchors" not in p.stdout, p.stdout


@test
def a_changed_row_is_reported_with_its_shard():
    logins("karmachari")
    shard, seq = last_login_row("karmachari")
    scratch_copy()
    try:
        eq(verify_scratch()[0], 0, "the copy verifies before it is touched")
        sql("UPDATE %s.audit_log SET remarks='nothing happened here' WHERE shard=%d AND seq=%d" % (SCRATCH, shard, seq))
        rc, out = verify_scratch()
        eq(rc, 1, "a changed row is caught")
        assert "BROKEN in shard %d at row %d: the row was changed" % (shard, seq) in out, out
    finally:
        drop_scratch()


@test
def a_shard_that_lost_its_last_rows_is_caught_by_the_anchor():
    """Cutting a shard's tail and setting its head back leaves a chain that
    is whole on its own; the anchor that saw the tail says it is gone."""
    logins("ci")
    shard, seq = last_login_row("ci")
    ctl("audit-anchor")
    scratch_copy()
    try:
        prev = sql("SELECT prev_hash FROM %s.audit_log WHERE shard=%d AND seq=%d" % (SCRATCH, shard, seq))[0][0]
        sql("DELETE FROM %s.audit_log WHERE shard=%d AND seq=%d; UPDATE %s.audit_head SET last_id=%d, last_hash='%s' WHERE id=%d"
            % (SCRATCH, shard, seq, SCRATCH, seq - 1, prev, shard))
        rc, out = verify_scratch()
        eq(rc, 1, "the cut is caught: " + out)
        assert "BROKEN in shard %d" % shard in out and "rows an anchor saw are gone" in out, out
        # without the anchors the cut chain is whole: the anchor is what caught it
        sql("DELETE FROM %s.audit_anchor_heads; DELETE FROM %s.audit_anchors; "
            "UPDATE %s.audit_anchor_head SET last_id=0, last_hash=REPEAT('0', 64)" % (SCRATCH, SCRATCH, SCRATCH))
        rc, out = verify_scratch()
        eq(rc, 0, "the chain alone does not show the cut: " + out)
    finally:
        drop_scratch()


@test
def a_rewritten_last_row_with_its_hash_recomputed_is_caught_by_the_anchor():
    """An attacker who knows the formula rewrites the last row of a shard
    (where a log-in came from), recomputes its hash and the head: the chain
    verifies, the anchor that saw the row does not."""
    logins("co")
    shard, seq = last_login_row("co")
    ctl("audit-anchor")
    scratch_copy()
    try:
        cols = ("prev_hash, seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), IFNULL(actor_id, 0), IFNULL(role, ''), "
                "IFNULL(office_id, 0), IFNULL(ip, ''), action, entity, IFNULL(entity_id, ''), IFNULL(remarks, ''), "
                "IFNULL(detail, ''), shard, hash")
        row = sql("SELECT %s FROM %s.audit_log WHERE shard=%d AND seq=%d" % (cols, SCRATCH, shard, seq))[0]
        eq(row_hash(row[:13]), row[13], "the test's hash is the product's")
        row[6] = "10.9.9.9"
        forged = row_hash(row[:13])
        sql("UPDATE %s.audit_log SET ip='10.9.9.9', hash='%s' WHERE shard=%d AND seq=%d; "
            "UPDATE %s.audit_head SET last_hash='%s' WHERE id=%d" % (SCRATCH, forged, shard, seq, SCRATCH, forged, shard))
        rc, out = verify_scratch()
        eq(rc, 1, "the rewrite is caught: " + out)
        assert "BROKEN in shard %d at row %d: the row differs from what an anchor saw" % (shard, seq) in out, out
    finally:
        drop_scratch()


@test
def a_changed_anchor_is_caught():
    logins("bdo")
    ctl("audit-anchor")
    scratch_copy()
    try:
        a = sql("SELECT MAX(id) FROM %s.audit_anchors" % SCRATCH)[0][0]
        sql("UPDATE %s.audit_anchors SET at = at - INTERVAL 1 DAY WHERE id=%s" % (SCRATCH, a))
        rc, out = verify_scratch()
        eq(rc, 1, "caught: " + out)
        assert "BROKEN at anchor %s" % a in out, out
    finally:
        drop_scratch()


if __name__ == "__main__":
    run()
