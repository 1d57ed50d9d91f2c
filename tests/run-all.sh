#!/usr/bin/env bash
# GramSewa — the whole test suite.  Unit tests, fuzz smoke runs, then one
# private stack (MariaDB + FastCGI + nginx) in a temp dir on free ports for
# the db, HTTP, PDF and browser tests, then (when asked, or when time
# allows: see below) the cluster layer.  Every test prints one line; the
# suite ends with "N passed, N failed" and exits non-zero on any failure.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
. "$ROOT/scripts/stack.sh"
PASS=0
FAIL=0
FAILED_NAMES=()
TIMES=()
T0=$(date +%s)

# Optional arguments pick test programs by label (substring match), e.g.
#   tests/run-all.sh http:test_api unit:       (the stack starts only if needed)
FILTERS=("$@")
wanted() {
    [ ${#FILTERS[@]} -eq 0 ] && return 0
    local f
    for f in "${FILTERS[@]}"; do [[ "$1" == *"$f"* ]] && return 0; done
    return 1
}
needs_stack() {
    [ ${#FILTERS[@]} -eq 0 ] && return 0
    local f
    for f in "${FILTERS[@]}"; do [[ "$f" == http* || "$f" == pdf* || "$f" == browser* || "$f" == clock* || "$f" == db* ]] && return 0; done
    return 1
}

# run_tap LABEL CMD... — run a test program, echo its lines, count ok/not ok.
run_tap() {
    local label=$1; shift
    wanted "$label" || return 0
    local out rc ok bad
    out=$(mktemp)
    local t0=$SECONDS
    "$@" >"$out" 2>&1
    rc=$?
    TIMES+=("$((SECONDS - t0)) $label")
    # results; with TAP_NOTES set, also the "# ..." figures (the cluster's stalls)
    grep -E "^(ok|not ok${TAP_NOTES:+|# })" "$out" | sed "s|^|[$label] |"
    ok=$(grep -cE '^ok' "$out")
    bad=$(grep -cE '^not ok' "$out")
    PASS=$((PASS + ok))
    FAIL=$((FAIL + bad))
    if [ "$bad" -gt 0 ]; then
        while IFS= read -r l; do FAILED_NAMES+=("[$label] $l"); done < <(grep -E '^not ok' "$out")
    fi
    if [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
        echo "[$label] not ok - $label exited with status $rc"
        FAIL=$((FAIL + 1))
        FAILED_NAMES+=("[$label] exited $rc")
        tail -20 "$out" | sed "s|^|    |"
    fi
    if [ "$bad" -gt 0 ]; then
        grep -vE '^(ok|not ok)' "$out" | tail -30 | sed "s|^|    |"
    fi
    rm -f "$out"
}

# The date-sensitive checks, run once more against workers on the test clock
# (GS_FAKE_NOW: the C clock, and through db.c the database's NOW() and
# CURDATE()) set to 23:59 IST on 31 March and then 00:01 IST on 1 April:
# the last minute of a day and of a financial year, and the first of the
# next, when the UTC date is still the day before.  The clock starts at that
# instant and runs on; the tests get the same GS_FAKE_NOW.  Each entry is a
# test program and the tests in it to run (none: all).
CLOCK_CHECKS=("test_dash"
              "test_money unpaid_application_is_received_when_paid"
              "test_lifecycle number_and_due_dates_follow_the_indian_day escalation_marks_overdue_once"
              "test_mpr late_flag_at_the_due_day_boundary")

# clock_phase LABEL UNIX_SECS — restart the workers on the test clock at
# that instant, run CLOCK_CHECKS against them, and leave the clock off.
clock_phase() {
    local label=$1 at=$2 check
    wanted "$label" || return 0
    export GS_FAKE_NOW="$at@$(date +%s)"
    gs_stop_pidfile "$T/run/gramsewa-fcgi.pid"
    if gs_app_start "$T" "$PORT"; then
        for check in "${CLOCK_CHECKS[@]}"; do
            read -ra args <<<"$check"
            run_tap "$label:${args[0]}" python3 "tests/http/${args[0]}.py" "${args[@]:1}"
        done
    else
        echo "not ok - $label: the workers did not start on the test clock"
        FAIL=$((FAIL + 1))
        FAILED_NAMES+=("[$label] workers did not start")
    fi
    unset GS_FAKE_NOW
}

# the next 31 March 23:59 IST (18:29 UTC) from today, so the faked days hold
# nothing but what the checks do there
clock_eve() {
    local ist y
    ist=$(( $(date +%s) + 19800 ))
    y=$(date -u -d "@$ist" +%Y)
    [ "$(date -u -d "@$ist" +%m%d)" -gt 331 ] && y=$((y + 1))
    date -u -d "$y-03-31 18:29:00" +%s
}

cd "$ROOT" || exit 1
export SRCDIR="$ROOT"
for t in build/tests/unit/test_*; do
    [ -x "$t" ] && run_tap "unit:$(basename "$t")" "$t"
done

run_tap "static" python3 tools/check-sources.py "$ROOT"
run_tap "static:lang" python3 tools/check-lang.py "$ROOT"
run_tap "static:docs" python3 tools/check-docs.py "$ROOT"

if [ -x tests/fuzz/run.sh ]; then
    run_tap fuzz tests/fuzz/run.sh
fi

if needs_stack; then
T=$(mktemp -d /tmp/gramsewa-test.XXXXXX)
PORT=$(gs_free_port)
export GS_DB_FLUSH=2 GS_DB_POOL=256M GS_WORKERS=4
cleanup() { gs_stack_stop "$T"; rm -rf "$T"; }
trap cleanup EXIT
# the figure tests compare dashboards with what just happened: no cache
# (test_dash turns it on for the one test of the cache itself)
if gs_stack_init "$T" "$PORT" && echo "dash_cache_seconds = 0" >> "$T/gramsewa.conf" &&
   gs_db_start "$T" && gs_ctl "$T" migrate >/dev/null &&
   gs_ctl "$T" seed-demo >"$T/log/seed.log" 2>&1 && gs_app_start "$T" "$PORT"; then
    export GS_TEST_BASE="http://127.0.0.1:$PORT" GS_TEST_VAR="$T" GS_TEST_CTL="${GS_BIN:-$ROOT/build}/gramsewactl"
    # C programs that exercise db.c against the stack's database
    for t in build/tests/db/test_*; do
        [ -x "$t" ] && run_tap "db:$(basename "$t")" "$t" "$T/gramsewa.conf"
    done
    for t in tests/http/test_*.py; do
        run_tap "http:$(basename "$t" .py)" python3 "$t"
    done
    # each tests/pdf/check_X.sh takes the X_demo program built by make check
    for t in tests/pdf/check_*.sh; do
        name=$(basename "$t" .sh)
        [ -x "$t" ] && run_tap "pdf:${name#check_}" "$t" "build/tests/pdf/${name#check_}_demo"
    done
    if [ -f tests/browser/package.json ]; then
        # npm ci when a package of package.json is missing (axe-core came
        # after playwright-core: a checkout installed before has only that)
        if (cd tests/browser && { [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ]; } ||
            npm ci --silent --no-audit --no-fund >/dev/null 2>&1); then
            for t in tests/browser/test_*.js; do
                run_tap "browser:$(basename "$t" .js)" node "$t"
            done
        else
            echo "not ok - browser: npm ci failed"
            FAIL=$((FAIL + 1))
        fi
    fi
    EVE=$(clock_eve)
    clock_phase clock-2359 "$EVE"
    clock_phase clock-0001 $((EVE + 120))
else
    echo "not ok - stack: the test stack did not start"
    tail -20 "$T/log/"*.log 2>/dev/null
    FAIL=$((FAIL + 1))
fi
cleanup     # the cluster below wants the machine's cores
trap - EXIT
fi

# The cluster layer (tests/cluster/): three Galera nodes, HAProxy, three
# application nodes and nginx of their own, killed under load; 1.5 to 3
# minutes on a 2-core machine, most of it starting the cluster.  It runs
# unless GS_TEST_CLUSTER=0, and, unless GS_TEST_CLUSTER=1 forces it, only
# while the suite so far plus GS_CLUSTER_SECONDS (240) stays within
# GS_TEST_BUDGET seconds (900): a suite grown slow skips it and says so
# rather than pass 15 minutes.  With labels, it runs when one names it.
run_cluster=0
if [ ${#FILTERS[@]} -gt 0 ]; then
    wanted cluster:test_failover && run_cluster=1
elif [ "${GS_TEST_CLUSTER:-auto}" = 1 ]; then
    run_cluster=1
elif [ "${GS_TEST_CLUSTER:-auto}" = auto ] &&
     [ $(( $(date +%s) - T0 + ${GS_CLUSTER_SECONDS:-240} )) -le "${GS_TEST_BUDGET:-900}" ]; then
    run_cluster=1
fi
if [ $run_cluster = 1 ]; then
    for t in tests/cluster/test_*.py; do
        TAP_NOTES=1 run_tap "cluster:$(basename "$t" .py)" python3 "$t"
    done
elif [ ${#FILTERS[@]} -eq 0 ]; then
    echo "# cluster layer not run (GS_TEST_CLUSTER=${GS_TEST_CLUSTER:-auto}, $(( $(date +%s) - T0 ))s of ${GS_TEST_BUDGET:-900}s used): ./run.sh test cluster runs it"
fi

echo
if [ ${#FAILED_NAMES[@]} -gt 0 ]; then
    echo "Failed:"
    printf '  %s\n' "${FAILED_NAMES[@]}"
fi
# where the time goes: the slowest programs, so a suite growing past its
# budget shows its cause
[ ${#TIMES[@]} -gt 0 ] && echo "slowest: $(printf '%s\n' "${TIMES[@]}" | sort -rn | head -8 | awk '{printf "%s %ss, ", $2, $1}')"
echo "suite time: $(( $(date +%s) - T0 ))s"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
