#!/usr/bin/env bash
# GramSewa — the two set-up commands.
#   ./run.sh        install, build, start MariaDB + FastCGI pool + nginx on
#                   http://127.0.0.1:8080/ with demo data; print demo log-ins
#   ./run.sh test   install, build, run every test (each in its own temp stack);
#                   ./run.sh test http:test_api runs only the test programs named
#   ./run.sh stop   stop what ./run.sh started (by pid files)
#   ./run.sh cluster [stop]   the same product on a cluster on this machine:
#                   three Galera nodes, HAProxy, three FastCGI nodes, nginx
#                   on http://127.0.0.1:8090/ (scripts/cluster.sh; var/cluster)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")" && pwd)
export ROOT
. "$ROOT/scripts/stack.sh"
VAR="$ROOT/var"
PORT=8080

# demo_logins URL LOGDIR STOP — where it runs and the demo log-ins.
demo_logins() {
    cat <<MSG

GramSewa is running at $1/

Demo log-ins (staff and CSC operators; password demo-pass-2026):
  stateadmin  deptadmin                       state and department administration
  karmachari  ci  co                          Medininagar circle, Palamu
  bdo  sdo  dm                                Palamu
  csc1  csc2                                  CSC operators (wallets hold Rs 5,000)
  sewak                                       Panchayat Swayam Sewak
  bi  di                                      Block and District In-charge (VLE attendance)
Citizen: mobile 9000000001, log in with an OTP; the OTP is written to
  $2/notifications.log

Logs: $2/   Stop: $3
MSG
}

case "${1:-start}" in
start)
    gs_install $GS_BUILD_PKGS $GS_RUN_PKGS
    gs_build
    gs_stack_init "$VAR" "$PORT"
    gs_db_start "$VAR"
    gs_ctl "$VAR" migrate >/dev/null
    gs_ctl "$VAR" seed-demo
    gs_app_start "$VAR" "$PORT"
    demo_logins "http://127.0.0.1:$PORT" "$VAR/log" "./run.sh stop"
    ;;
stop)
    gs_stack_stop "$VAR"
    echo "stopped"
    ;;
cluster)
    if [ "${2:-start}" = stop ]; then
        "$ROOT/scripts/cluster.sh" stop "$VAR/cluster"
        echo "stopped"
        exit 0
    fi
    gs_install $GS_BUILD_PKGS $GS_RUN_PKGS $GS_CLUSTER_PKGS
    gs_build
    "$ROOT/scripts/cluster.sh" start "$VAR/cluster"
    . "$VAR/cluster/cluster.env"
    demo_logins "http://$GC_HTTP_ADDR:$GC_HTTP_PORT" "$VAR/cluster/log" "./run.sh cluster stop"
    ;;
test)
    # the cluster packages too: the cluster layer runs when time allows
    gs_install $GS_BUILD_PKGS $GS_RUN_PKGS $GS_TEST_PKGS $GS_CLUSTER_PKGS
    gs_build --enable-debug
    exec "$ROOT/tests/run-all.sh" "${@:2}"
    ;;
*)
    echo "usage: ./run.sh [start|stop|test [LABEL...]|cluster [stop]]" >&2
    exit 2
    ;;
esac
