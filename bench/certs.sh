#!/bin/bash
# bench/certs.sh — certificate issue throughput, two ways.
#
#   1. In-process (bench/cert_bench.c, compiled here against libgramsewa.a of
#      $GS_BENCH_BUILD with the project's flags and libraries): signed QR
#      record + PDF render (HarfBuzz shaping, QR) + PAdES signature for N
#      certificates with a test CA; certificates/s on one core and on all
#      cores, the split between the three, and the PDF size.
#   2. Through the real approve path: N Birth Certificate applications filed
#      through the API (csc1), then the Panchayat Sewak takes each
#      (POST /api/v1/desk/next) and approves it (POST .../actions approve:
#      one transaction that renders, signs and stores the certificate);
#      prints approve latency and certificates/s for one officer, and the
#      size of a downloaded certificate PDF.
#
# Prints figures only.  Environment: bench/lib.sh, and
#   BENCH_CERTS       N for the in-process run (200)
#   BENCH_CERT_PROCS  processes for the all-cores run (nproc)
#   BENCH_HTTP_CERTS  N for the approve path (50; 0 skips it and the stack)
set -u
. "$(dirname "$0")/lib.sh"
N=${BENCH_CERTS:-200}
PROCS=${BENCH_CERT_PROCS:-$(nproc)}
HN=${BENCH_HTTP_CERTS:-50}
B=$GS_BENCH_BUILD
echo "# certs.sh: $(bench_build_kind), $(nproc) CPUs, $(bench_load)"

# ---- 1. in-process ----
if [ ! -f "$B/libgramsewa.a" ] || [ ! -f "$B/Makefile" ]; then
    echo "cert_bench: no libgramsewa.a/Makefile in $B (build first)"; exit 1
fi
OUT=$ROOT/bench/out
mkdir -p "$OUT"
mk=$(mktemp /tmp/gsbench-flags.XXXXXX)
printf 'gsbench-flags:\n\t@echo "$(CC)|$(DEFS) $(AM_CPPFLAGS) $(CPPFLAGS)|$(AM_CFLAGS) $(CFLAGS)|$(AM_LDFLAGS) $(LDFLAGS)|$(GS_LIBS) $(LIBS)"\n' > "$mk"
flags=$(make -s -C "$B" -f Makefile -f "$mk" gsbench-flags 2>/dev/null | tail -1)
rm -f "$mk"
IFS='|' read -r cc cppflags cflags ldflags libs <<<"$flags"
if [ -z "$cc" ]; then
    echo "cert_bench: could not read the build flags from $B/Makefile"; exit 1
fi
# shellcheck disable=SC2086
if ! $cc $cppflags -I"$B" $cflags -o "$OUT/cert_bench" "$BENCH_DIR/cert_bench.c" "$B/libgramsewa.a" $ldflags $libs \
        2>"$OUT/cert_bench.log"; then
    echo "cert_bench: compile failed:"; cat "$OUT/cert_bench.log"; exit 1
fi
"$OUT/cert_bench" -n "$N" -p "$PROCS" -o "$OUT/cert_bench_last.pdf"

# ---- 2. the approve path ----
[ "$HN" -gt 0 ] || exit 0
bench_begin certs
VURL=$(mktemp)
python3 - "$BASE" "$HN" "$VURL" <<'PYEOF'
import http.client, json, sys, time, urllib.parse
base, n = sys.argv[1], int(sys.argv[2])
u = urllib.parse.urlsplit(base)

class C:
    def __init__(self, token=None):
        self.c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
        self.token = token
    def req(self, method, path, body=None):
        h = {"Authorization": "Bearer " + self.token} if self.token else {}
        if body is not None:
            body = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        t = time.perf_counter()
        self.c.request(method, urllib.parse.quote(path, safe="/?=&%:@+,;~!*'()$[]"), body=body, headers=h)
        r = self.c.getresponse()
        data = r.read()
        return r.status, data, time.perf_counter() - t

def login(user):
    c = C()
    st, body, _ = c.req("POST", "/api/v1/auth/login", {"username": user, "password": "demo-pass-2026"})
    if st != 200:
        raise SystemExit("log-in %s: %d %s" % (user, st, body[:200]))
    c.token = json.loads(body)["token"]
    return c

def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p))]

csc = login("csc1")
st, body, _ = csc.req("GET", "/api/v1/services/BRT")
d = json.loads(body)["definition"]
st, body, _ = csc.req("GET", "/api/v1/locations?q=Pokhraha%20Kalan&type=village")
place = json.loads(body)["items"][0]["id"]
answers = {}
for f in d["fields"]:
    t, name = f["type"], f["name"]
    answers[name] = {"text": "Ramesh Kumar", "date": "2026-11-01", "mobile": "9000000001", "pin": "822101",
                     "checkbox": "true", "location": str(place)}.get(t)
    if t in ("select", "radio"):
        answers[name] = f["options"][0]["value"]
    elif t == "group":
        answers[name] = []
    if answers[name] is None:
        del answers[name]
answers["child_name"] = "Sita Kumari"
for i in range(n):
    st, body, _ = csc.req("POST", "/api/v1/applications", {"service": "BRT", "applicant": {"mobile": "9000000001"},
                                                          "submit": True, "fields": answers, "documents": {}})
    if st not in (200, 201):
        raise SystemExit("filing BRT: %d %s" % (st, body[:300]))
ps = login("panchayatsewak")
office = json.loads(csc.req("GET", "/api/v1/applications?limit=1")[1])["items"][0]["office"]["id"]
lat, nexts, certs = [], [], []
t0 = time.perf_counter()
for i in range(n):
    st, body, dt = ps.req("POST", "/api/v1/desk/next", {"office": office, "role": "panchayat_sewak"})
    nexts.append(dt)
    no = json.loads(body).get("number") if st == 200 else None
    if not no:
        raise SystemExit("desk/next: %d %s" % (st, body[:200]))
    st, body, dt = ps.req("POST", "/api/v1/applications/%s/actions" % no, {"action": "approve", "remarks": "registered"})
    if st != 200:
        raise SystemExit("approve %s: %d %s" % (no, st, body[:300]))
    lat.append(dt)
    certs.append(json.loads(body)["certificate"]["number"])
wall = time.perf_counter() - t0
st, pdf, dt = ps.req("GET", "/api/v1/certificates/%s/pdf" % certs[-1])
slow = sum(1 for x in lat if x > 0.1)
print("cert issue via HTTP approve, 1 officer: %.1f certificates/s (%d in %.2f s); approve p50 %.1f ms, p95 %.1f ms, "
      "max %.1f ms (%d over 100 ms: the first approve in each worker loads and decrypts the signing keys); "
      "desk/next p50 %.1f ms; certificate PDF %.1f kB (GET %d, %.1f ms)"
      % (n / wall, n, wall, 1000 * pct(lat, 0.5), 1000 * pct(lat, 0.95), 1000 * max(lat), slow, 1000 * pct(nexts, 0.5),
         len(pdf) / 1024, st, 1000 * dt))
# the URL in the last certificate's QR code, for the verify-page run below
st, body, _ = ps.req("GET", "/api/v1/certificates/%s" % certs[-1])
open(sys.argv[3], "w").write(json.loads(body)["verify_url"].split("/", 3)[3])
PYEOF

# ---- 3. the page a QR scan opens, against nginx static in the same run ----
if [ -s "$VURL" ]; then
    DUR=${BENCH_DURATION:-10}
    static=$(bench_wrk static "$BASE/static/gs.css" -t2 -c64 -d"${DUR}s")
    echo "$static"
    verify=$(bench_wrk verify-page "$BASE/$(cat "$VURL")" -t2 -c64 -d"${DUR}s")
    echo "$verify"
    awk -v s="$(bench_rps "$static")" -v v="$(bench_rps "$verify")" 'BEGIN {
        if (s > 0) printf "ratio to static: verify page %.3f (target >= 0.10)\n", v / s }'
fi
rm -f "$VURL"
