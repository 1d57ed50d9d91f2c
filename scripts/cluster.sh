#!/usr/bin/env bash
# GramSewa — a whole cluster on one machine: three MariaDB Galera nodes,
# HAProxy sending every write to one of them, several gramsewa-fcgi nodes
# listening on TCP with one shared data directory, and nginx with an
# upstream across the nodes.  `./run.sh cluster` runs it in var/cluster;
# tests/cluster/ runs it in a temp dir on free ports.
#
#   scripts/cluster.sh start DIR       create (first time) and start all; print what runs where
#   scripts/cluster.sh stop DIR        stop all, by pid files
#   scripts/cluster.sh info DIR        print what runs where
#   scripts/cluster.sh db-start DIR N  start Galera node N (it rejoins) and wait until Synced
#   scripts/cluster.sh app-start DIR N start application node N and wait until it listens
#   scripts/cluster.sh write-node DIR  the Galera node HAProxy sends writes to (db1, db2 or db3)
#
# Addresses and ports are chosen once, when DIR is created, and kept in
# DIR/cluster.env: fixed ones (127.0.0.10-13, 127.0.0.21-23, nginx on 8090)
# by default, free ones with GS_CLUSTER_FREE_PORTS=1 (tests).  Secrets (the
# application's and the health check's database passwords) are in
# DIR/secrets.env, mode 0600, and in the 0600 node configs.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
export ROOT
. "$ROOT/scripts/stack.sh"

GC_DBS="1 2 3"

# gc_free_ports N ADDR... — N distinct TCP ports that can be bound on every ADDR now.
gc_free_ports() {
    python3 - "$@" <<'PY'
import socket, sys
n, addrs = int(sys.argv[1]), sys.argv[2:]
found, held = [], []
while len(found) < n:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    held.append(s)                      # held until the end: no port twice
    p = s.getsockname()[1]
    ok = True
    for a in addrs:
        if a == "127.0.0.1":
            continue
        t = socket.socket()
        try:
            t.bind((a, p))
        except OSError:
            ok = False
        t.close()
    if ok:
        found.append(p)
print(" ".join(map(str, found)))
PY
}

# gc_env_init DIR — choose addresses and ports once (DIR/cluster.env) and
# the passwords (DIR/secrets.env).
gc_env_init() {
    local dir=$1
    if [ ! -f "$dir/cluster.env" ]; then
        local http=8090 proxy=3306 stats=8404 sql=3306 gcomm=4567 ist=4568 sst=4444 fcgi=9000
        if [ -n "${GS_CLUSTER_FREE_PORTS:-}" ]; then
            read -r http proxy stats sql gcomm ist sst fcgi < <(gc_free_ports 8 127.0.0.1 127.0.0.10 \
                127.0.0.11 127.0.0.12 127.0.0.13 127.0.0.21 127.0.0.22 127.0.0.23)
        fi
        cat > "$dir/cluster.env" <<ENV
# chosen by scripts/cluster.sh when this cluster was created
GC_HTTP_ADDR=127.0.0.1
GC_HTTP_PORT=$http
GC_PROXY_ADDR=127.0.0.10
GC_PROXY_PORT=$proxy
GC_STATS_PORT=$stats
GC_DB_ADDR=(- 127.0.0.11 127.0.0.12 127.0.0.13)
GC_SQL_PORT=$sql
GC_GCOMM_PORT=$gcomm
GC_IST_PORT=$ist
GC_SST_PORT=$sst
GC_APP_ADDR=(- 127.0.0.21 127.0.0.22 127.0.0.23)
GC_APPS="${GS_CLUSTER_APPS:-1 2 3}"
GC_FCGI_PORT=$fcgi
GC_WORKERS=${GS_CLUSTER_WORKERS:-3}
GC_DB_POOL=${GS_CLUSTER_DB_POOL:-128M}
# Galera's failure detection: a silent node is suspected, and evicted from
# the view, after GC_SUSPECT; writes on the others wait meanwhile
GC_SUSPECT=${GS_CLUSTER_SUSPECT:-PT5S}
ENV
    fi
    if [ ! -f "$dir/secrets.env" ]; then
        ( umask 077; printf 'GC_APP_PW=%s\nGC_CHECK_PW=%s\n' "$(gs_rand_hex 16)" "$(gs_rand_hex 16)" > "$dir/secrets.env" )
    fi
    # shellcheck disable=SC1091
    . "$dir/cluster.env"
    # shellcheck disable=SC1091
    . "$dir/secrets.env"
}

gc_sock() { echo "$1/run/db$2.sock"; }

# gc_sql DIR N SQL — run SQL as root on node N over its unix socket.
gc_sql() { mariadb --no-defaults --socket="$(gc_sock "$1" "$2")" -N -B -e "$3"; }

gc_status() { gc_sql "$1" "$2" "SHOW GLOBAL STATUS LIKE '$3'" 2>/dev/null | cut -f2; }

# gc_configs DIR — node option files, HAProxy, the check wrapper, the
# application nodes' configs and nginx, from conf/ templates (rewritten on
# every start, like var/nginx.conf; the application configs only once).
gc_configs() {
    local dir=$1 n peers="" a
    for n in $GC_DBS; do peers+="${peers:+,}${GC_DB_ADDR[$n]}:$GC_GCOMM_PORT"; done
    for n in $GC_DBS; do
        sed -e "s|@DATADIR@|$dir/db$n|" -e "s|@SOCK@|$(gc_sock "$dir" "$n")|" -e "s|@PID@|$dir/run/db$n.pid|" \
            -e "s|@LOG@|$dir/log/db$n.log|" -e "s|@TMP@|$dir/tmp|" -e "s|@ADDR@|${GC_DB_ADDR[$n]}|g" -e "s|@SQL_PORT@|$GC_SQL_PORT|" \
            -e "s|@GCOMM_PORT@|$GC_GCOMM_PORT|g" -e "s|@IST_PORT@|$GC_IST_PORT|" -e "s|@SST_PORT@|$GC_SST_PORT|" \
            -e "s|@PEERS@|$peers|" -e "s|@NAME@|db$n|" -e "s|@POOL@|$GC_DB_POOL|" -e "s|@GCACHE@|128M|" \
            -e "s|@SUSPECT@|$GC_SUSPECT|" -e "s|@INACTIVE@|PT15S|" \
            "$ROOT/conf/galera/node.cnf" > "$dir/db$n.cnf"
    done
    ( umask 077; printf '[client]\nuser = gs_check\npassword = %s\n' "$GC_CHECK_PW" > "$dir/check.cnf" )
    printf '#!/bin/sh\nexec %s %s "$@"\n' "$ROOT/scripts/galera-check.sh" "$dir/check.cnf" > "$dir/galera-check"
    chmod 700 "$dir/galera-check"
    sed -e "s|@RUN@|$dir/run|g" -e "s|@CHECK@|$dir/galera-check|" -e "s|@PROXY_ADDR@|$GC_PROXY_ADDR|g" \
        -e "s|@PROXY_PORT@|$GC_PROXY_PORT|" -e "s|@STATS_PORT@|$GC_STATS_PORT|" \
        -e "s|@DB1@|${GC_DB_ADDR[1]}:$GC_SQL_PORT|" -e "s|@DB2@|${GC_DB_ADDR[2]}:$GC_SQL_PORT|" \
        -e "s|@DB3@|${GC_DB_ADDR[3]}:$GC_SQL_PORT|" "$ROOT/conf/galera/haproxy.cfg" > "$dir/haproxy.cfg"
    # one shared part (the same secrets and keys on every node), then the
    # node's own listen address and pid file
    if [ ! -f "$dir/app-common.conf" ]; then
        ( umask 077; cat > "$dir/app-common.conf" <<CONF
home = $ROOT
workers = $GC_WORKERS
db_socket =
db_host = $GC_PROXY_ADDR
db_port = $GC_PROXY_PORT
db_user = gramsewa
db_password = $GC_APP_PW
db_name = gramsewa
templates = templates
data_dir = $dir/data
notify_log = $dir/log/notifications.log
base_url = http://$GC_HTTP_ADDR:$GC_HTTP_PORT
secret = $(gs_rand_hex 32)
key_passphrase = $(gs_rand_hex 16)
pay_key = $(gs_rand_hex 16)
digilocker_key = $(gs_rand_hex 16)
pay_gateway_url = http://$GC_HTTP_ADDR:$GC_HTTP_PORT/sandbox/pay
pay_sandbox = true
debug_errors = true
CONF
        )
    fi
    local up=""
    for n in $GC_APPS; do
        a=${GC_APP_ADDR[$n]}
        ( umask 077; { echo "# application node app$n (generated by scripts/cluster.sh; see docs/operations.md)";
            cat "$dir/app-common.conf"; echo "socket = $a:$GC_FCGI_PORT"; echo "pid_file = $dir/run/app$n.pid"; } > "$dir/app$n.conf" )
        up+="        server $a:$GC_FCGI_PORT max_fails=3 fail_timeout=10s;"$'\n'
    done
    sed -e "s|@RUN@|$dir/run|g" -e "s|@LOG@|$dir/log|g" -e "s|@TMP@|$dir/tmp|g" -e "s|@ROOT@|$ROOT|g" \
        -e "s|@HTTP_ADDR@|$GC_HTTP_ADDR|" -e "s|@HTTP_PORT@|$GC_HTTP_PORT|" \
        -e "s|@FORM_ACTION@|http://$GC_HTTP_ADDR:$GC_HTTP_PORT|" "$ROOT/conf/nginx/gramsewa-cluster.conf" |
        awk -v up="$up" '$1 == "@UPSTREAM@" { printf "%s", up; next } { print }' > "$dir/nginx.conf"
    mkdir -p "$dir"/tmp/nginx-{body,fastcgi,proxy,uwsgi,scgi}
}

# gc_wait SECONDS CMD... — run CMD every 0.2 s until it succeeds; 1 on timeout.
gc_wait() {
    local end=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -ge $end ] && return 1
        sleep 0.2
    done
}

gc_synced() { [ "$(gc_status "$1" "$2" wsrep_local_state_comment)" = Synced ]; }

# gc_recover DIR N — uuid:seqno of the last transaction node N committed,
# read from InnoDB (mariadbd --wsrep-recover); empty if it cannot tell.
# After a crash grastate.dat says seqno -1: without this position the node
# would ask for a full copy (SST) instead of the missed write sets (IST).
gc_recover() {
    local dir=$1 n=$2 log="$1/log/db$2-recover.log"
    [ -d "$dir/db$n/mysql" ] || return 0
    mariadbd --defaults-file="$dir/db$n.cnf" --wsrep-recover --log-error="$log" >/dev/null 2>&1 || true
    sed -n 's/.*WSREP: Recovered position: *\([-0-9a-f]*:-\{0,1\}[0-9]*\).*/\1/p' "$log" | tail -1
}

gc_crashed() { grep -qs '^seqno: *-1' "$1/db$2/grastate.dat"; }

# gc_db_start DIR N [--wsrep-new-cluster] — start node N and wait until it
# is Synced (a joiner first receives the state: IST from a peer's gcache, or
# a full SST by mariabackup when it is new or too far behind).
gc_db_start() {
    local dir=$1 n=$2 boot=${3:-} pos=""
    gs_pid_alive "$dir/run/db$n.pid" && return 0
    mkdir -p "$dir/db$n"
    if gc_crashed "$dir" "$n"; then
        pos=$(gc_recover "$dir" "$n")
        [ -n "$pos" ] && pos="--wsrep-start-position=$pos"
    fi
    # shellcheck disable=SC2086
    setsid mariadbd --defaults-file="$dir/db$n.cnf" $boot $pos </dev/null >/dev/null 2>&1 &
    gc_wait "${GS_CLUSTER_JOIN_WAIT:-300}" gc_synced "$dir" "$n" || {
        gs_log "Galera node db$n did not reach Synced; see $dir/log/db$n.log"; tail -15 "$dir/log/db$n.log" >&2; return 1; }
}

# gc_bootstrap_node DIR — the node to start a new primary component from,
# when none runs: the one Galera marked safe_to_bootstrap (the last to stop
# cleanly); after a crash of all, the one with the highest recovered seqno.
gc_bootstrap_node() {
    local dir=$1 n best="" bestseq=-2 seq
    for n in $GC_DBS; do
        grep -qs '^safe_to_bootstrap: 1' "$dir/db$n/grastate.dat" && { echo "$n"; return 0; }
    done
    for n in $GC_DBS; do
        seq=$(gc_recover "$dir" "$n")
        seq=${seq##*:}
        if [ -n "$seq" ] && [ "$seq" -gt "$bestseq" ]; then best=$n; bestseq=$seq; fi
    done
    [ -n "$best" ] || return 1
    gs_log "no node stopped last cleanly; bootstrapping db$best (recovered seqno $bestseq)"
    sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$dir/db$best/grastate.dat"
    echo "$best"
}

# gc_db_up DIR — all three Galera nodes running; creates the database and
# accounts on a new cluster.
gc_db_up() {
    local dir=$1 n running="" first
    for n in $GC_DBS; do gs_pid_alive "$dir/run/db$n.pid" && running=$n; done
    if [ -z "$running" ]; then
        if [ ! -d "$dir/db1/mysql" ]; then
            mariadb-install-db --no-defaults --datadir="$dir/db1" --user=root --auth-root-authentication-method=socket \
                --skip-test-db --skip-name-resolve >"$dir/log/mariadb-install.log" 2>&1 ||
                { cat "$dir/log/mariadb-install.log" >&2; return 1; }
            first=1
        else
            first=$(gc_bootstrap_node "$dir") || { gs_log "no Galera node can bootstrap"; return 1; }
        fi
        gc_db_start "$dir" "$first" --wsrep-new-cluster || return 1
        # the accounts replicate (CREATE USER is DDL); the application's
        # connects through HAProxy, the check's only reads status
        gc_sql "$dir" "$first" "CREATE DATABASE IF NOT EXISTS gramsewa CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
            CREATE USER IF NOT EXISTS 'gramsewa'@'127.0.0.%' IDENTIFIED BY '$GC_APP_PW';
            GRANT ALL ON gramsewa.* TO 'gramsewa'@'127.0.0.%';
            CREATE USER IF NOT EXISTS 'gs_check'@'127.0.0.%' IDENTIFIED BY '$GC_CHECK_PW';" || return 1
    fi
    # one joiner at a time, so that each has a donor to itself
    for n in $GC_DBS; do gc_db_start "$dir" "$n" || return 1; done
}

# gc_proxy_start DIR — HAProxy in the foreground of its own session (its log
# is its stdout); waits until it sends connections to a node.
gc_proxy_start() {
    local dir=$1
    if ! gs_pid_alive "$dir/run/haproxy.pid"; then
        haproxy -c -q -f "$dir/haproxy.cfg" || return 1
        setsid haproxy -db -f "$dir/haproxy.cfg" </dev/null >>"$dir/log/haproxy.log" 2>&1 &
        echo $! > "$dir/run/haproxy.pid"
    fi
    gc_wait 30 mariadb --defaults-file="$dir/check.cnf" -h "$GC_PROXY_ADDR" -P "$GC_PROXY_PORT" -e "SELECT 1" || {
        gs_log "HAProxy sends no connection to a node; see $dir/log/haproxy.log"; tail -5 "$dir/log/haproxy.log" >&2; return 1; }
}

gc_ctl() { local dir=$1; shift; "${GS_BIN:-$ROOT/build}/gramsewactl" -c "$dir/app1.conf" "$@"; }

gc_listening() { gs_pid_alive "$1"; }

# gc_app_start DIR N — application node N (its own session, so that killing
# its process group kills the node); waits until it listens.  libfcgi serves
# only nginx's address (FCGI_WEB_SERVER_ADDRS), as in production.
gc_app_start() {
    local dir=$1 n=$2
    gs_pid_alive "$dir/run/app$n.pid" && return 0
    FCGI_WEB_SERVER_ADDRS=$GC_HTTP_ADDR setsid "${GS_BIN:-$ROOT/build}/gramsewa-fcgi" -c "$dir/app$n.conf" \
        </dev/null >>"$dir/log/app$n.log" 2>&1 &
    # the pid file is written after the socket listens
    gc_wait 30 gc_listening "$dir/run/app$n.pid" || {
        gs_log "application node app$n did not start; see $dir/log/app$n.log"; tail -5 "$dir/log/app$n.log" >&2; return 1; }
}

# gc_haproxy DIR COMMAND — a command on HAProxy's admin socket.
gc_haproxy() { echo "$2" | socat - "UNIX-CONNECT:$1/run/haproxy.sock"; }

# gc_write_node DIR — db1..db3: the node HAProxy sends connections to (the
# active server when it is up, else the first backup that is up); "none".
gc_write_node() {
    gc_haproxy "$1" "show stat" 2>/dev/null | awk -F, '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == "galera" && $col["status"] == "UP" {
            if ($col["bck"] == 0 && !act) act = $2
            if ($col["bck"] == 1 && !bck) bck = $2
        }
        END { print act ? act : bck ? bck : "none" }'
}

gc_start() {
    local dir=$1 n
    mkdir -p "$dir"/{run,log,tmp,data}
    gc_env_init "$dir"
    gc_configs "$dir"
    # (each step checked: this runs in an && list, where set -e does not act)
    gc_db_up "$dir" || return 1
    gc_proxy_start "$dir" || return 1
    gc_ctl "$dir" migrate >/dev/null || return 1
    gc_ctl "$dir" seed-demo >"$dir/log/seed.log" 2>&1 || { tail -5 "$dir/log/seed.log" >&2; return 1; }
    for n in $GC_APPS; do gc_app_start "$dir" "$n" || return 1; done
    gs_nginx_start "$dir" || return 1
    gs_wait_healthz "http://$GC_HTTP_ADDR:$GC_HTTP_PORT" "$dir/log/app1.log"
}

gc_stop() {
    local dir=$1 n
    [ -f "$dir/cluster.env" ] || return 0
    gc_env_init "$dir"
    gs_stop_pidfile "$dir/run/nginx.pid"
    for n in $GC_APPS; do gs_stop_pidfile "$dir/run/app$n.pid"; done
    gs_stop_pidfile "$dir/run/haproxy.pid"
    # one at a time: the last one down is safe to bootstrap from next time
    for n in 3 2 1; do gs_stop_pidfile "$dir/run/db$n.pid"; done
}

gc_pid() { if gs_pid_alive "$1"; then cat "$1"; else echo "-"; fi; }

# gc_info DIR — what runs where.
gc_info() {
    local dir=$1 n state
    gc_env_init "$dir"
    echo "GramSewa cluster in $dir"
    echo
    printf '  %-8s %-22s %-8s %s\n' part address pid notes
    printf '  %-8s %-22s %-8s %s\n' nginx "$GC_HTTP_ADDR:$GC_HTTP_PORT" "$(gc_pid "$dir/run/nginx.pid")" \
        "upstream over the app nodes; log $dir/log/nginx-*.log"
    for n in $GC_APPS; do
        printf '  %-8s %-22s %-8s %s\n' "app$n" "${GC_APP_ADDR[$n]}:$GC_FCGI_PORT" "$(gc_pid "$dir/run/app$n.pid")" \
            "gramsewa-fcgi, $GC_WORKERS workers, config $dir/app$n.conf, log $dir/log/app$n.log"
    done
    printf '  %-8s %-22s %-8s %s\n' haproxy "$GC_PROXY_ADDR:$GC_PROXY_PORT" "$(gc_pid "$dir/run/haproxy.pid")" \
        "writes go to $(gc_write_node "$dir"); stats http://$GC_PROXY_ADDR:$GC_STATS_PORT/"
    for n in $GC_DBS; do
        state=$(gc_status "$dir" "$n" wsrep_local_state_comment || true)
        printf '  %-8s %-22s %-8s %s\n' "db$n" "${GC_DB_ADDR[$n]}:$GC_SQL_PORT" "$(gc_pid "$dir/run/db$n.pid")" \
            "Galera ${state:-stopped}; gcomm $GC_GCOMM_PORT, IST $GC_IST_PORT, SST $GC_SST_PORT; socket $(gc_sock "$dir" "$n")"
    done
    echo
    echo "  cluster size: $(gc_status "$dir" 1 wsrep_cluster_size || echo '?') (as db1 sees it)"
    echo "  shared files: $dir/data (blobs/, keys/) on every app node"
    echo "  gramsewactl:  build/gramsewactl -c $dir/app1.conf COMMAND"
    echo "  a node's SQL: mariadb --no-defaults --socket=$(gc_sock "$dir" 1) gramsewa"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    cmd=${1:-}; dir=${2:-}
    [ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: scripts/cluster.sh start|stop|info|db-start|app-start|write-node DIR [N]" >&2; exit 2; }
    mkdir -p "$dir" && dir=$(cd "$dir" && pwd)
    case $cmd in
    start) gc_start "$dir" && gc_info "$dir" ;;
    stop) gc_stop "$dir" ;;
    info) gc_info "$dir" ;;
    db-start) gc_env_init "$dir" && gc_db_start "$dir" "$3" ;;
    app-start) gc_env_init "$dir" && gc_app_start "$dir" "$3" ;;
    write-node) gc_env_init "$dir" && gc_write_node "$dir" ;;
    *) echo "unknown command: $cmd" >&2; exit 2 ;;
    esac
fi
