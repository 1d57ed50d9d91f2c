#!/usr/bin/env python3
"""gen_apps.py — fills a GramSewa database with N synthetic applications for
the benchmarks (bench/apps.py runs it; it also runs on its own).

    bench/gen_apps.py --var VAR [--apps N] [options]
    bench/gen_apps.py --socket /path/mariadb.sock [--apps N] [options]

N defaults to $BENCH_APPS or 1,000,000.  Needs the demo seed (services, demo
staff) and, for a realistic spread, the synthetic state of `gramsewactl
gen-state`; without it the applications go to the seeded districts.

What it writes, through LOAD DATA LOCAL INFILE from named pipes (Python
generates while MariaDB loads) with multi-row INSERTs for the small tables:

  users          citizens (one per ~10 applications, mobiles 7xxxxxxxxx) and
                 synthetic CSC operators, Swayam Sewaks and JSK operators
                 (no log-in) who filed the assisted applications
  applications   spread over the villages (so the panchayat and circle
                 offices) of the generated state and the published services,
                 submitted over the past year in time order; each has the
                 columns do_submit() (src/application.c) sets: a unique
                 number JH/<district lgd>/<service>/<fy>/<seq> gap-free per
                 district, service and financial year, version_id, the
                 designated office and its path, the stage office and role,
                 queued_at (the FIFO key), stage_due/due_date, fee, and the
                 normalised form JSON (locations as {id, name}, Aadhaar
                 masked).  States by age: recent ones mostly pending at some
                 stage or approved, older ones mostly approved or rejected, a
                 few returned (return_remarks/return_fields set) and a few
                 stuck pending (overdue).
  busy office    --busy-share of the applications go to the villages of the
                 office of --busy-user (the demo karmachari: Medininagar
                 circle, Palamu), of which --busy-pending wait at its desk
                 (stage 0, karmachari) — the queue bench/apps.py measures
  app_events     submit, forward and decision events (--events all), only
                 submit events (submit) or none
  app_seq        raised to the highest sequence used, so later submits
                 continue the numbering
  stats_daily    received/tatkal/approved/rejected/returned per day, office,
                 service and channel (an approximation: `gramsewactl
                 rebuild-stats` recomputes them from the events exactly)

Prints what it did and how long it took.  Standard library only.
"""
import argparse
import datetime as dt
import functools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

ROLE_LEVEL = {"panchayat_sewak": "panchayat", "karmachari": "circle", "ci": "circle", "co": "circle",
              "bdo": "block", "sdo": "subdivision", "dm": "district", "dept_admin": "hq"}
CHANNEL_ROLE = {"online": "citizen", "csc": "csc", "sewak": "sewak", "jsk": "jsk", "counter": "karmachari"}
FIRST = ["Sita", "Ramesh", "Sunita", "Birsa", "Anita", "Manoj", "Kavita", "Suresh", "Meena", "Rajesh", "Pooja", "Arjun",
         "Savitri", "Vikas", "Lakshmi", "Sanjay", "Geeta", "Mahesh", "Rekha", "Dinesh", "Priya", "Ajay", "Usha", "Ravi",
         "Phulmani", "Somra", "Budhni", "Karma", "Sukhram", "Jitni", "Etwa", "Mangri", "Salomi", "Anil", "Neha", "Deepak"]
LAST = ["Devi", "Kumar", "Munda", "Oraon", "Mahto", "Singh", "Prasad", "Yadav", "Kujur", "Minz", "Tirkey", "Hembrom",
        "Soren", "Murmu", "Tiwari", "Sharma", "Gupta", "Sahu", "Ansari", "Khalkho", "Lakra", "Toppo", "Ekka", "Kerketta"]
RETURN_REMARKS = ["Please attach a clearer copy of the document", "Name differs from the Aadhaar record; correct it",
                  "Income proof is older than one year", "Address line is incomplete"]
REJECT_REMARKS = ["Not eligible: applicant does not reside in this circle", "Documents do not support the claim",
                  "Duplicate of an earlier application"]


class DB:
    """The mariadb command-line client on a Unix socket."""

    def __init__(self, socket, database="gramsewa"):
        self.base = ["mariadb", "--no-defaults", "--socket=" + socket, "--default-character-set=utf8mb4", database]

    def rows(self, sql):
        p = subprocess.run(self.base[:-1] + ["-N", "-B", "-r", self.base[-1], "-e", sql], capture_output=True)
        if p.returncode != 0:
            raise SystemExit("SQL failed: %s\n%s" % (sql[:300], p.stderr.decode(errors="replace")))
        out = p.stdout.decode("utf-8")
        return [line.split("\t") for line in out.split("\n") if line != ""]

    def scalar(self, sql):
        r = self.rows(sql)
        return r[0][0] if r else None

    def execute(self, sql):
        p = subprocess.run(self.base, input=sql.encode("utf-8"), capture_output=True)
        if p.returncode != 0:
            raise SystemExit("SQL failed: %s\n%s" % (sql[:300], p.stderr.decode(errors="replace")))

    def loader(self, table, columns, fifo):
        """Starts LOAD DATA LOCAL INFILE from a named pipe; returns the process."""
        sql = ("SET SESSION unique_checks = 0; SET SESSION foreign_key_checks = 0; "
               "LOAD DATA LOCAL INFILE '%s' INTO TABLE %s CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' "
               "ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (%s); SHOW WARNINGS LIMIT 5;" % (fifo, table, ", ".join(columns)))
        return subprocess.Popen(self.base[:-1] + ["--local-infile=1", "-N", "-B", self.base[-1], "-e", sql],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def esc(v):
    """One TSV field for LOAD DATA (\\N for NULL)."""
    if v is None:
        return "\\N"
    s = str(v)
    if "\\" in s or "\t" in s or "\n" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return s


class PipeLoad:
    """A table loaded through a named pipe while rows are written to it."""

    def __init__(self, db, tmp, table, columns):
        self.table = table
        self.fifo = os.path.join(tmp, table + ".fifo")
        os.mkfifo(self.fifo)
        self.proc = db.loader(table, columns, self.fifo)
        self.f = open(self.fifo, "w", encoding="utf-8", buffering=1 << 20)
        self.n = 0

    def write(self, fields):
        self.f.write("\t".join(fields) + "\n")
        self.n += 1

    def close(self):
        self.f.close()
        out, err = self.proc.communicate()
        if self.proc.returncode != 0:
            raise SystemExit("loading %s failed: %s" % (self.table, err.decode(errors="replace")))
        if out.strip():
            print("  warnings loading %s: %s" % (self.table, out.decode(errors="replace").strip()[:500]))
        os.unlink(self.fifo)


def sql_str(s):
    return "NULL" if s is None else "'" + str(s).replace("\\", "\\\\").replace("'", "''") + "'"


def fin_year(d):
    y = d.year if d.month >= 4 else d.year - 1
    return "%04d-%02d" % (y, (y + 1) % 100)


@functools.lru_cache(maxsize=100000)
def add_working_days(d, days, off=(6,)):
    """Calendar approximation of sla_add: skips the weekly off days (Python weekday, 6 = Sunday)."""
    n = 0
    while n < days:
        d += dt.timedelta(days=1)
        if d.weekday() not in off:
            n += 1
    return d


class Service:
    def __init__(self, sid, vid, code, definition):
        d = json.loads(definition)
        self.id, self.vid, self.code = int(sid), int(vid), code
        p = d["processing"]
        self.level = p["level"]
        self.stages = [(s["role"], int(s.get("sla_days", 3))) for s in p["stages"]]
        self.rtps = int(p.get("rtps_days", 15))
        t = p.get("tatkal") or {}
        self.tatkal_ok = bool(t.get("allowed"))
        self.tatkal_days = int(t.get("rtps_days") or self.rtps)
        off = (p.get("calendar") or {}).get("weekly_off", [0])
        self.off = tuple((int(x) - 1) % 7 for x in off)	# 0 = Sunday in the definition, 6 in Python
        f = d.get("fees") or {}
        self.fee_gov, self.fee_csc = int(f.get("government_paise", 0)), int(f.get("csc_charge_paise", 0))
        self.fee_tatkal, self.free_jsk = int(f.get("tatkal_paise", 0)), bool(f.get("free_at_jsk"))
        self.channels = d.get("channels", ["online", "csc"])
        self.route_field = p.get("route_field", "address")
        self.template = self.form_template(d["fields"])

    def form_template(self, fields):
        """The normalised answers as a format string: {name} {mobile} {aadhaar4} {loc} {locname} {pin} {n}."""
        out = {}
        for f in fields:
            t, n = f["type"], f["name"]
            if t == "text":
                out[n] = "@@name@@" if n in ("applicant_name", "child_name") else {
                    "khata_no": "123", "plot_no": "45, 46", "area": "1.25"}.get(n, "@@other@@")
                if f.get("pattern") and n not in ("khata_no", "plot_no", "area"):
                    out[n] = "123"
            elif t == "number":
                lo, hi = f.get("min", 0), f.get("max", 1000000)
                out[n] = "@@num@@" if n.endswith("income") else max(lo, min(hi, 2005 if lo >= 1900 else 45))
            elif t == "date":
                out[n] = "1990-06-15"
            elif t in ("select", "radio"):
                out[n] = f["options"][0]["value"]
            elif t == "multiselect":
                out[n] = [f["options"][0]["value"]]
            elif t == "checkbox":
                out[n] = True
            elif t == "mobile":
                out[n] = "@@mobile@@"
            elif t == "email":
                out[n] = "citizen@example.in"
            elif t == "aadhaar":
                out[n] = "XXXXXXXX@@aadhaar4@@"
            elif t == "pin":
                out[n] = "@@pin@@"
            elif t == "location":
                out[n] = {"id": 1234567, "name": "@@locname@@"}
            elif t == "group":
                out[n] = []
        s = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
        s = s.replace("{", "{{").replace("}", "}}")
        s = s.replace('"@@num@@"', "{num}").replace("1234567", "{loc}")
        for k in ("name", "other", "mobile", "aadhaar4", "pin", "locname"):
            s = s.replace("@@%s@@" % k, "{%s}" % k)
        return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--var", help="the stack directory (its run/mariadb.sock)")
    g.add_argument("--socket", help="MariaDB socket")
    ap.add_argument("--database", default="gramsewa")
    ap.add_argument("--apps", type=int, default=int(os.environ.get("BENCH_APPS", "1000000")))
    ap.add_argument("--busy-user", default="karmachari", help="whose office is the busy one (a circle role)")
    ap.add_argument("--busy-share", type=float, default=0.02, help="share of the applications at the busy office")
    ap.add_argument("--busy-pending", type=int, default=None,
                    help="of those, waiting at its desk (default max(5000, N/200), at most N/4)")
    ap.add_argument("--events", choices=("all", "submit", "none"), default="all")
    ap.add_argument("--days", type=int, default=365, help="submissions spread over this many past days")
    ap.add_argument("--state", type=int, default=0, help="location id of the state to fill (default: the newest)")
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    t_start = time.time()
    random.seed(a.seed)
    db = DB(a.socket or os.path.join(a.var, "run/mariadb.sock"), a.database)
    N = a.apps
    busy_pending = a.busy_pending if a.busy_pending is not None else max(5000, N // 200)
    busy_pending = min(busy_pending, N // 4)
    n_busy = max(busy_pending, int(N * a.busy_share))

    # ---- what is there ----
    now = dt.datetime.strptime(db.scalar("SELECT DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s')"), "%Y-%m-%d %H:%M:%S")
    today = now.date()
    services = []
    for sid, vid, code, hexdef in db.rows("SELECT s.id, s.published_version_id, s.code, HEX(v.definition) FROM services s "
                                          "JOIN service_versions v ON v.id = s.published_version_id "
                                          "WHERE s.status = 'active' ORDER BY s.id"):
        services.append(Service(sid, vid, code, bytes.fromhex(hexdef).decode("utf-8")))
    if not services:
        raise SystemExit("no published services: run gramsewactl seed-demo first")
    circle_svcs = [s for s in services if s.level == "circle" and s.stages[0][0] == a.busy_user] or \
        [s for s in services if s.stages[0][0] == a.busy_user]
    if a.state:
        state_path = db.scalar("SELECT path FROM locations WHERE id = %d AND type = 'state'" % a.state)
    else:
        state_path = db.scalar("SELECT path FROM locations WHERE type = 'state' AND name_en LIKE 'Generated%' ORDER BY id DESC LIMIT 1") \
            or "/"
    locs = {}	# id -> (type, lgd_code, path)
    for lid, typ, code, path in db.rows("SELECT id, type, IFNULL(lgd_code, id), path FROM locations WHERE type <> 'village'"):
        locs[int(lid)] = (typ, code, path)
    offices = {}	# (location id, level) -> office id
    for oid, lid, level in db.rows("SELECT id, location_id, level FROM offices WHERE active = 1"):
        offices[(int(lid), level)] = int(oid)

    def village_info(vid, name, path):
        ids = [int(x) for x in path.strip("/").split("/")]
        district = next((i for i in ids if locs.get(i, ("",))[0] == "district"), None)
        if district is None:
            return None
        offs = {}
        for lvl in set(ROLE_LEVEL.values()) | {s.level for s in services}:
            for i in reversed(ids):
                o = offices.get((i, lvl))
                if o:
                    offs[lvl] = (o, locs[i][2] if i in locs else path)
                    break
        return (vid, name, district, locs[district][1], offs)

    villages = []
    for vid, name, path in db.rows("SELECT id, name_en, path FROM locations WHERE type = 'village' AND active = 1 "
                                   "AND path LIKE '%s%%'" % state_path):
        v = village_info(int(vid), name, path)
        if v and all(s.level in v[4] for s in services):
            villages.append(v)
    if not villages:
        raise SystemExit("no villages with offices under %s: run gramsewactl gen-state (or seed-demo)" % state_path)
    busy = db.rows("SELECT rh.office_id, l.path FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
                   "JOIN locations l ON l.id = rh.location_id WHERE u.username = %s AND rh.role = %s AND rh.active = 1 LIMIT 1"
                   % (sql_str(a.busy_user), sql_str(a.busy_user)))
    busy_villages = []
    if busy and circle_svcs:
        busy_office, busy_path = int(busy[0][0]), busy[0][1]
        for vid, name, path in db.rows("SELECT id, name_en, path FROM locations WHERE type = 'village' AND active = 1 "
                                       "AND path LIKE '%s%%'" % busy_path):
            v = village_info(int(vid), name, path)
            if v and v[4].get("circle", (0,))[0] == busy_office and all(s.level in v[4] for s in circle_svcs):
                busy_villages.append(v)
    if not busy_villages:
        print("  no busy office (user %s not found or no villages): all applications spread evenly" % a.busy_user)
        n_busy = busy_pending = 0
    seq = {}
    for d, s, fy, last in db.rows("SELECT district_id, service_id, fy, last FROM app_seq"):
        seq[(int(d), int(s), fy)] = int(last)
    first_id = int(db.scalar("SELECT IFNULL(MAX(id), 0) FROM applications")) + 1
    filer_ids = {r[0]: int(r[1]) for r in db.rows("SELECT username, id FROM users WHERE username IN ('karmachari', 'csc1', 'csc2', 'sewak', 'jsk')")}
    print("generating %d applications over %d villages (%d at the busy office, %d of them waiting at its %s desk), "
          "%d services, events: %s" % (N, len(villages), n_busy, busy_pending, a.busy_user, len(services), a.events), flush=True)

    tmp = tempfile.mkdtemp(prefix="gsbench-gen.")
    try:
        # ---- users: citizens and assisting operators ----
        t0 = time.time()
        n_cit = max(1000, N // 10)
        base_mobile = 7000000000 + int(db.scalar("SELECT COUNT(*) FROM users WHERE user_type = 'citizen' AND mobile LIKE '7%'"))
        first_uid = int(db.scalar("SELECT IFNULL(MAX(id), 0) FROM users")) + 1
        tag = "%x" % (first_uid)	# keeps csc ids unique across runs
        ul = PipeLoad(db, tmp, "users", ["id", "username", "user_type", "first_name", "last_name", "mobile", "lang",
                                         "address_location_id", "csc_id", "designation"])
        citizens = []	# (id, mobile, name, village index)
        uid = first_uid
        for i in range(n_cit):
            fn, ln = random.choice(FIRST), random.choice(LAST)
            vi = random.randrange(len(villages))
            mobile = "%010d" % (base_mobile + i)
            ul.write([str(uid), "\\N", "citizen", fn, ln, mobile, "en" if random.random() < 0.7 else "hi", str(villages[vi][0]),
                      "\\N", "\\N"])
            citizens.append((uid, mobile, fn + " " + ln, vi))
            uid += 1
        assist = {"csc": [], "sewak": [], "jsk": []}
        for kind, count in (("csc", 500), ("sewak", 200), ("jsk", 50)):
            for i in range(count):
                ul.write([str(uid), "\\N", kind, random.choice(FIRST), random.choice(LAST), "%010d" % (6000000000 + uid), "en",
                          "\\N", ("B%s%05d" % (tag.upper(), i))[:20] if kind == "csc" else "\\N",
                          {"csc": "Village Level Entrepreneur", "sewak": "Panchayat Swayam Sewak", "jsk": "JSK Operator"}[kind]])
                assist[kind].append(uid)
                uid += 1
        ul.close()
        for k in ("csc", "sewak", "jsk"):
            if k in filer_ids:
                assist[k].append(filer_ids[k])
        counter_filer = filer_ids.get("karmachari", assist["jsk"][0])
        print("  users: %d citizens, %d CSC operators, %d sewaks, %d JSK operators in %.1f s"
              % (n_cit, len(assist["csc"]), len(assist["sewak"]), len(assist["jsk"]), time.time() - t0), flush=True)

        # ---- when, and which kind, in time order ----
        t0 = time.time()
        span = a.days * 86400
        plan = []
        for i in range(N):
            if i < busy_pending:
                age = random.random() * 10 * 86400
                kind = 2
            elif i < n_busy:
                age = random.random() * span
                kind = 1
            else:
                age = random.random() * span
                kind = 0
            plan.append((now - dt.timedelta(seconds=age + 60), kind))
        plan.sort(key=lambda p: p[0])

        cols = ["id", "number", "service_id", "version_id", "applicant_id", "applicant_name", "applicant_mobile", "channel",
                "filed_by", "address_location_id", "district_id", "office_id", "office_path", "status", "stage_idx",
                "stage_office_id", "stage_role", "tatkal", "form", "submitted_at", "queued_at", "stage_due", "due_date",
                "overdue", "stage_acted", "forwarded_by", "return_remarks", "return_fields", "fee_paise", "decided_at",
                "created_at", "updated_at"]
        al = PipeLoad(db, tmp, "applications", cols)
        el = None
        if a.events != "none":
            el = PipeLoad(db, tmp, "app_events", ["app_id", "at", "actor_id", "role", "office_id", "action", "from_stage",
                                                  "to_stage", "from_status", "to_status", "remarks", "ip"])
        stats = {}
        counts = {"pending": 0, "returned": 0, "approved": 0, "rejected": 0}
        channels = [("csc", 45), ("online", 25), ("sewak", 10), ("jsk", 10), ("counter", 10)]
        chan_pick = [c for c, w in channels for _ in range(w)]
        app_id = first_id
        for when, kind in plan:
            if kind:
                s = random.choice(circle_svcs)
                v = random.choice(busy_villages)
                cit = citizens[random.randrange(len(citizens))]
            else:
                s = services[random.randrange(len(services))]
                cit = citizens[random.randrange(len(citizens))]
                v = villages[cit[3]] if random.random() < 0.8 else villages[random.randrange(len(villages))]
            ch = random.choice(chan_pick)
            if ch not in s.channels:
                ch = "online"
            filer = cit[0] if ch == "online" else counter_filer if ch == "counter" else random.choice(assist[ch])
            tatkal = 1 if s.tatkal_ok and random.random() < 0.06 else 0
            fee = s.fee_gov + (s.fee_tatkal if tatkal else 0)
            if ch == "jsk" and s.free_jsk:
                fee = 0
            if ch == "csc":
                fee += s.fee_csc
            vid, vname, district, dcode, offs = v
            office, opath = offs[s.level]
            age_days = (now - when).total_seconds() / 86400
            nst = len(s.stages)
            r = random.random()
            if kind == 2:
                status, stage = "pending", 0
            elif age_days < 30:
                status = "pending" if r < 0.55 else "returned" if r < 0.60 else "approved" if r < 0.93 else "rejected"
                stage = random.randrange(nst)
            else:
                status = "pending" if r < 0.02 else "returned" if r < 0.03 else "approved" if r < 0.88 else "rejected"
                stage = random.randrange(nst)
            if status == "approved":
                stage = nst - 1
            decided = None
            if status in ("approved", "rejected"):
                took = min(age_days, random.uniform(0.2, (s.tatkal_days if tatkal else s.rtps) * 1.3))
                decided = when + dt.timedelta(days=took)
                arrived = when + dt.timedelta(days=took * stage / nst) if stage else when
            else:
                arrived = when + dt.timedelta(days=age_days * random.uniform(0.3, 0.9) * stage / nst) if stage else when
            srole, ssla = s.stages[stage]
            soffice = offs[ROLE_LEVEL[srole]][0]
            sdue = add_working_days(arrived.date(), ssla, s.off)
            due = add_working_days(when.date(), s.tatkal_days if tatkal else s.rtps, s.off)
            overdue = 1 if status == "pending" and sdue < today else 0
            fy = fin_year(when.date())
            k = (district, s.id, fy)
            seq[k] = seq.get(k, 0) + 1
            number = "JH/%s/%s/%s/%06d" % (dcode, s.code, fy, seq[k])
            name = cit[2]
            form = s.template.format(name=name, other=random.choice(FIRST) + " " + random.choice(LAST), mobile=cit[1],
                                     aadhaar4="%04d" % random.randrange(10000), pin="8%05d" % random.randrange(100000),
                                     loc=vid, locname=vname, num=random.randrange(30000, 400000, 1000))
            sub_s = when.isoformat(" ", "seconds")
            al.write([str(app_id), number, str(s.id), str(s.vid), str(cit[0]), name, cit[1], ch, str(filer), str(vid),
                      str(district), str(office), opath, status, str(stage), str(soffice), srole, str(tatkal), esc(form),
                      sub_s, arrived.isoformat(" ", "microseconds"), sdue.isoformat(), due.isoformat(), str(overdue),
                      "0" if status == "pending" else "1", "\\N",
                      esc(random.choice(RETURN_REMARKS)) if status == "returned" else "\\N",
                      '["*"]' if status == "returned" else "\\N", str(fee),
                      decided.isoformat(" ", "seconds") if decided else "\\N", sub_s,
                      (decided or arrived).isoformat(" ", "seconds")])
            counts[status] += 1
            day = when.date().isoformat()
            st = stats.setdefault((day, office, s.id, ch), [0, 0, 0, 0, 0])
            st[0] += 1
            st[1] += tatkal
            if status in ("approved", "rejected", "returned"):
                dday = (decided or arrived).date().isoformat()
                st2 = stats.setdefault((dday, office, s.id, ch), [0, 0, 0, 0, 0])
                st2[{"approved": 2, "rejected": 3, "returned": 4}[status]] += 1
            if el:
                el.write([str(app_id), when.isoformat(" ", "microseconds"), str(filer), CHANNEL_ROLE[ch], "\\N", "submit",
                          "-1", "0", "draft", "pending", "\\N", "10.%d.%d.%d" % (random.randrange(256), random.randrange(256),
                                                                                   random.randrange(1, 255))])
                if a.events == "all":
                    end = decided or (arrived if stage else None)
                    for i in range(stage):
                        at = when + (arrived - when) * (i + 1) / max(stage, 1) if stage else when
                        el.write([str(app_id), at.isoformat(" ", "microseconds"), "\\N", s.stages[i][0],
                                  str(offs[ROLE_LEVEL[s.stages[i][0]]][0]), "forward", str(i), str(i + 1), "pending",
                                  "pending", "\\N", "10.0.0.1"])
                    if status != "pending" and end:
                        act = {"approved": "approve", "rejected": "reject", "returned": "return"}[status]
                        rem = random.choice(REJECT_REMARKS) if status == "rejected" else \
                            random.choice(RETURN_REMARKS) if status == "returned" else "verified"
                        at = decided or (arrived + dt.timedelta(hours=random.uniform(1, 48)))
                        if at > now:
                            at = now
                        el.write([str(app_id), at.isoformat(" ", "microseconds"), "\\N", srole, str(soffice), act,
                                  str(stage), str(stage), "pending", status, esc(rem), "10.0.0.1"])
            app_id += 1
        al.close()
        if el:
            el.close()
        print("  applications: %d (%s) and %d events generated and loaded in %.1f s"
              % (N, ", ".join("%d %s" % (counts[k], k) for k in ("pending", "returned", "approved", "rejected")),
                 el.n if el else 0, time.time() - t0), flush=True)

        # ---- numbering, summaries ----
        t0 = time.time()
        vals = ["(%d, %d, '%s', %d)" % (d, s, fy, last) for (d, s, fy), last in seq.items()]
        for i in range(0, len(vals), 2000):
            db.execute("INSERT INTO app_seq (district_id, service_id, fy, last) VALUES %s "
                       "ON DUPLICATE KEY UPDATE last = GREATEST(last, VALUES(last))" % ", ".join(vals[i:i + 2000]))
        db.execute("DROP TABLE IF EXISTS bench_stats_load; CREATE TABLE bench_stats_load LIKE stats_daily")
        sl = PipeLoad(db, tmp, "bench_stats_load", ["day", "office_id", "service_id", "channel", "received", "tatkal",
                                                    "approved", "rejected", "returned"])
        for k, v in stats.items():
            sl.write([k[0], str(k[1]), str(k[2]), k[3]] + [str(x) for x in v])
        sl.close()
        db.execute("INSERT INTO stats_daily (day, office_id, service_id, channel, received, tatkal, approved, rejected, returned) "
                   "SELECT day, office_id, service_id, channel, received, tatkal, approved, rejected, returned FROM bench_stats_load "
                   "ON DUPLICATE KEY UPDATE received = stats_daily.received + VALUES(received), "
                   "tatkal = stats_daily.tatkal + VALUES(tatkal), approved = stats_daily.approved + VALUES(approved), "
                   "rejected = stats_daily.rejected + VALUES(rejected), returned = stats_daily.returned + VALUES(returned); "
                   "DROP TABLE bench_stats_load")
        db.execute("ANALYZE TABLE applications, app_events, users, app_seq")
        print("  app_seq: %d sequences; stats_daily: %d rows; analyzed in %.1f s" % (len(seq), len(stats), time.time() - t0))
    finally:
        for f in os.listdir(tmp):
            os.unlink(os.path.join(tmp, f))
        os.rmdir(tmp)
    total = time.time() - t_start
    print("gen_apps: %d applications in %.1f s (%.0f applications/s)" % (N, total, N / total), flush=True)


if __name__ == "__main__":
    main()
