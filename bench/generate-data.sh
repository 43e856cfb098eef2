#!/usr/bin/env bash
# Fills an Outdial database with realistic volume (bench/generate-data.sql) and prints the row
# counts and the time it took. The app jar creates the schema: it is started on its embedded
# defaults (workers off, so nothing acts on the rows while they are written), psql fills its
# embedded Postgres, then the app stops. Usage:
#
#   bench/generate-data.sh [--users N] [--agents N] [--calls N] [--contacts N] [--days N]
#                          [--heavy-calls N] [--keep DIR] [--force]
#
# Defaults: 1000 users, 5000 agents, 1,000,000 calls, 200,000 contacts, 90 days, and 100,000
# calls for the heavy user heavy@bench.outdial.dev (every password: bench-password).
#
# --keep DIR (or BENCH_DATA_DIR=DIR) keeps the data in DIR: the Postgres cluster is DIR/pg, the
# sizes it was filled with DIR/bench-data.params. Called again with the same sizes it reuses the
# data and only prints the counts; other sizes are refused unless --force (which regenerates).
# Without --keep the data goes to a temporary folder that is removed on exit.
#
# To run the app on the filled data afterwards (another script can do exactly this):
#   OUTDIAL_POSTGRES_EMBEDDED_DATA_DIR=DIR/pg OUTDIAL_TEMPORAL_EMBEDDED_PORT=0 SERVER_PORT=8080 \
#     java -jar app/target/outdial-app.jar
# The app then owns DIR/pg (one app at a time); copy the folder first (cp -a) to keep it pristine.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=1000 AGENTS=5000 CALLS=1000000 CONTACTS=200000 DAYS=90 HEAVY=100000
KEEP=${BENCH_DATA_DIR:-}
FORCE=false
while [ $# -gt 0 ]; do
  case "$1" in
    --users) USERS=$2; shift 2 ;;
    --agents) AGENTS=$2; shift 2 ;;
    --calls) CALLS=$2; shift 2 ;;
    --contacts) CONTACTS=$2; shift 2 ;;
    --days) DAYS=$2; shift 2 ;;
    --heavy-calls) HEAVY=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    --force) FORCE=true; shift ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$USERS" "$AGENTS" "$CALLS" "$CONTACTS" "$DAYS" "$HEAVY"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "sizes must be whole numbers, got '$n'" >&2; exit 2; }
done

PARAMS="users=$USERS agents=$AGENTS calls=$CALLS contacts=$CONTACTS days=$DAYS heavy_calls=$HEAVY"
JAR=app/target/outdial-app.jar
APP_PID=""

if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"
  DATA=$(cd "$KEEP" && pwd)
  cleanup() { stop_app; }
else
  DATA=$(mktemp -d)
  cleanup() { stop_app; rm -rf "$DATA"; }
fi
stop_app() {
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
  fi
}
trap cleanup EXIT

if [ -f "$DATA/bench-data.params" ] && [ -d "$DATA/pg" ] && ! $FORCE; then
  if [ "$(cat "$DATA/bench-data.params")" = "$PARAMS" ]; then
    echo "Reusing $DATA/pg, filled before with $PARAMS"
    cat "$DATA/bench-data.counts" 2>/dev/null || true
    echo "BENCH_DATA_DIR=$DATA"
    exit 0
  fi
  echo "$DATA holds data generated with $(cat "$DATA/bench-data.params"); pass --force to regenerate" >&2
  exit 1
fi
if [ -e "$DATA/pg" ]; then
  if ! $FORCE && [ -n "$(ls -A "$DATA/pg" 2>/dev/null)" ]; then
    echo "$DATA/pg exists without a completed generation; pass --force to regenerate" >&2
    exit 1
  fi
  rm -rf "$DATA/pg"
fi
rm -f "$DATA/bench-data.params" "$DATA/bench-data.counts"

[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
PG_PORT=$(free_port)
START=$(date +%s)

echo "Starting the app on $DATA/pg to create the schema..."
OUTDIAL_POSTGRES_EMBEDDED_DATA_DIR="$DATA/pg" OUTDIAL_POSTGRES_EMBEDDED_PORT=$PG_PORT \
  OUTDIAL_TEMPORAL_EMBEDDED_PORT=0 OUTDIAL_WORKER_ENABLED=false SERVER_PORT=$PORT \
  java ${JAVA_OPTS:-} -jar "$JAR" > "$DATA/generate-app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 360); do
  curl -sf "localhost:$PORT/actuator/health" > /dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.5
done
curl -sf "localhost:$PORT/actuator/health" > /dev/null || { echo "app did not start"; tail -50 "$DATA/generate-app.log"; exit 1; }
SCHEMA_DONE=$(date +%s)

PSQL=(psql -h localhost -p "$PG_PORT" -U postgres -d outdial -X -v ON_ERROR_STOP=1 -q)
echo "Generating $PARAMS ..."
"${PSQL[@]}" -o /dev/null \
  -c "SET client_min_messages = warning" -c "SET bench.users = '$USERS'" -c "SET bench.agents = '$AGENTS'" -c "SET bench.calls = '$CALLS'" \
  -c "SET bench.contacts = '$CONTACTS'" -c "SET bench.days = '$DAYS'" -c "SET bench.heavy_calls = '$HEAVY'" \
  -f bench/generate-data.sql
GENERATED=$(date +%s)
# Sets the visibility map and hint bits now, so neither the first reads nor autovacuum do it later.
"${PSQL[@]}" -c "VACUUM" -c "CHECKPOINT"
VACUUMED=$(date +%s)

COUNTS=$("${PSQL[@]}" -At -F ' ' -c "
  SELECT format('%-22s %12s', t, to_char(n, 'FM999,999,999')) FROM (
    SELECT 'users' t, (SELECT count(*) FROM users) n, 1 o UNION ALL
    SELECT 'agents', (SELECT count(*) FROM agents), 2 UNION ALL
    SELECT 'contacts', (SELECT count(*) FROM contacts), 3 UNION ALL
    SELECT 'call_campaigns', (SELECT count(*) FROM call_campaigns), 4 UNION ALL
    SELECT 'call_queue', (SELECT count(*) FROM call_queue), 5 UNION ALL
    SELECT 'calls', (SELECT count(*) FROM calls), 6 UNION ALL
    SELECT 'transcripts', (SELECT count(*) FROM transcripts), 7 UNION ALL
    SELECT 'lead_analytics', (SELECT count(*) FROM lead_analytics), 8 UNION ALL
    SELECT 'credit_transactions', (SELECT count(*) FROM credit_transactions), 9 UNION ALL
    SELECT 'agent_analytics', (SELECT count(*) FROM agent_analytics), 10 UNION ALL
    SELECT 'do_not_call_numbers', (SELECT count(*) FROM do_not_call_numbers), 11 UNION ALL
    SELECT 'user_kpi', (SELECT count(*) FROM user_kpi), 12 UNION ALL
    SELECT 'heavy user calls', (SELECT count(*) FROM calls c JOIN users u ON u.id = c.user_id
                                WHERE u.email = 'heavy@bench.outdial.dev'), 13
  ) x ORDER BY o;
  SELECT format('%-22s %12s', 'database size', pg_size_pretty(pg_database_size('outdial')));")
stop_app
END=$(date +%s)

echo "$PARAMS" > "$DATA/bench-data.params"
echo "$COUNTS" > "$DATA/bench-data.counts"
echo
echo "$COUNTS"
echo
printf 'schema (app start) %ds, generate-data.sql %ds, vacuum %ds, total %ds\n' \
  $((SCHEMA_DONE - START)) $((GENERATED - SCHEMA_DONE)) $((VACUUMED - GENERATED)) $((END - START))
if [ -n "$KEEP" ]; then
  echo "Data kept in $DATA/pg (start the app with OUTDIAL_POSTGRES_EMBEDDED_DATA_DIR=$DATA/pg)"
  echo "BENCH_DATA_DIR=$DATA"
fi
