#!/bin/sh
# One-shot: loads Memgate's logging configuration into Elasticsearch and
# Kibana, then exits. Idempotent (PUT and overwrite), so it runs on every
# `docker compose up` and after every change of the files it loads.
#   ELASTICSEARCH_URL  default http://elasticsearch:9200
#   KIBANA_URL         default http://kibana:5601
#   ELASTIC_PASSWORD   with security on (ECK): the `elastic` user's password
#   ES_CA_FILE, KIBANA_CA_FILE  with TLS: the CAs of their certificates
#   LOGGING_FILES      where the JSON/NDJSON files are (default: beside this script)
set -eu
es="${ELASTICSEARCH_URL:-http://elasticsearch:9200}"
kibana="${KIBANA_URL:-http://kibana:5601}"
dir="${LOGGING_FILES:-$(dirname "$0")/..}"

# curl with the credentials and CA of the service a URL belongs to.
call() {
  url="$1"
  shift
  set -- -fsS "$@"
  if [ -n "${ELASTIC_PASSWORD:-}" ]; then set -- -u "elastic:${ELASTIC_PASSWORD}" "$@"; fi
  case "$url" in
    "$es"*) if [ -n "${ES_CA_FILE:-}" ]; then set -- --cacert "$ES_CA_FILE" "$@"; fi ;;
    "$kibana"*) if [ -n "${KIBANA_CA_FILE:-}" ]; then set -- --cacert "$KIBANA_CA_FILE" "$@"; fi ;;
  esac
  curl "$@" "$url"
}

wait_for() {
  echo "waiting for $1"
  tries=0
  until call "$1" -o /dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge 120 ]; then echo "gave up on $1" >&2; exit 1; fi
    sleep 2
  done
}

put_json() {
  call "$es$1" -X PUT -H 'Content-Type: application/json' --data-binary "@$2" > /dev/null
  echo "loaded $2 into $1"
}

wait_for "$es/_cluster/health?wait_for_status=yellow&timeout=5s"
# The pipeline first: the template names it as the streams' default pipeline.
put_json /_ingest/pipeline/memgate-logs "$dir/elasticsearch/memgate-logs.pipeline.json"
put_json /_index_template/memgate-logs "$dir/elasticsearch/memgate-logs.index-template.json"

wait_for "$kibana/api/status"
call "$kibana/api/saved_objects/_import?overwrite=true" -X POST \
  -H 'kbn-xsrf: memgate-setup' \
  --form file=@"$dir/kibana/memgate-saved-objects.ndjson" > /dev/null
echo "imported the Kibana data view and saved searches"
