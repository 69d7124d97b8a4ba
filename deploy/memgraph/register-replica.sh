#!/bin/sh
# Memgraph replication, Community edition: one MAIN, REPLICAs registered on
# it. Used by docker-compose (profile "replication") and the k8s
# memgraph-replication Job. Statements that were already applied fail with
# "already" messages; those count as done, so this is safe to run again.
#   MAIN_HOST, REPLICA_HOST   Bolt hosts (port 7687)
#   REPLICA_NAME              name of the replica on the MAIN (letters, digits, _)
#   REPLICATION_MODE          SYNC (default), ASYNC or STRICT_SYNC
#   MEMGRAPH_USER, MEMGRAPH_PASSWORD
set -eu
mode="${REPLICATION_MODE:-SYNC}"

run() {
  host="$1"
  statement="$2"
  echo "$host: $statement"
  out="$(echo "$statement" | mgconsole --host "$host" --port 7687 \
    --username "${MEMGRAPH_USER:-}" --password "${MEMGRAPH_PASSWORD:-}" 2>&1)" || {
    case "$out" in
      *already*|*"is a replica"*|*"Already"*) echo "  (already done)";;
      *) echo "$out" >&2; exit 1;;
    esac
  }
}

# The replica listens for replication traffic from the MAIN on port 10000.
run "$REPLICA_HOST" "SET REPLICATION ROLE TO REPLICA WITH PORT 10000;"
run "$MAIN_HOST" "REGISTER REPLICA ${REPLICA_NAME} ${mode} TO \"${REPLICA_HOST}:10000\";"
run "$MAIN_HOST" "SHOW REPLICAS;"
