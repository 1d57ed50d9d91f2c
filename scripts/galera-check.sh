#!/bin/sh
# GramSewa — HAProxy's health check of one Galera node (external-check).
#
#   galera-check.sh CLIENT.cnf PROXY_ADDR PROXY_PORT NODE_ADDR NODE_PORT
#
# scripts/cluster.sh writes a one-line wrapper that passes CLIENT.cnf (a
# [client] section with the check user's password, mode 0600) before the
# four arguments HAProxy gives.  Exit 0 = the node may take writes: it is
# Synced (wsrep_local_state 4), in the Primary component, and ready.  A
# joiner, a donor (rsync SST blocks it), a node cut off from the majority,
# or one that does not answer in 2 s is down.  The check user needs no
# privileges: SHOW STATUS is open to every account.
cnf=$1 addr=$4 port=$5
out=$(mariadb --defaults-file="$cnf" --connect-timeout=2 -h "$addr" -P "$port" -N -B -e \
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state', 'wsrep_cluster_status', 'wsrep_ready')" \
    2>/dev/null) || exit 1
state=$(printf '%s\n' "$out" | awk '$1 == "wsrep_local_state" { print $2 }')
status=$(printf '%s\n' "$out" | awk '$1 == "wsrep_cluster_status" { print $2 }')
ready=$(printf '%s\n' "$out" | awk '$1 == "wsrep_ready" { print $2 }')
[ "$state" = 4 ] && [ "$status" = Primary ] && [ "$ready" = ON ]
