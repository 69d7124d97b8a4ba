#!/bin/sh
# Starts the Memgate service named by MEMGATE_ROLE. One image serves every
# role, so a deployment changes one variable, not the image. `exec` replaces
# this shell, so SIGTERM from tini reaches Node and the service drains.
set -eu

case "${MEMGATE_ROLE:-}" in
  gateway) entry=gateway/dist/main.js ;;
  query) entry=subgraphs/query/dist/main.js ;;
  ingestion) entry=subgraphs/ingestion/dist/main.js ;;
  worker) entry=subgraphs/ingestion/dist/worker-main.js ;;
  *)
    echo "MEMGATE_ROLE must be one of gateway, query, ingestion, worker (got '${MEMGATE_ROLE:-}')." >&2
    exit 64
    ;;
esac

cd /app
# Source maps turn stack traces in logs back into TypeScript file:line.
exec node --enable-source-maps "$entry" "$@"
