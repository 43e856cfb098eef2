#!/usr/bin/env bash
# Benchmark: the read side (dashboards, campaign analytics, list pages, the calls export) at
# volume, over HTTP and as the same SQL straight against Postgres. Usage:
#
#   bench/read-side.sh [DATA_DIR] [generate-data.sh size options]
#
# 1. Fills DATA_DIR with bench/generate-data.sh (default sizes: 1,000,000 calls; the heavy user
#    heavy@bench.outdial.dev owns 100,000), or reuses it when it already holds data (the sizes it
#    was filled with are read from DATA_DIR/bench-data.params unless options are given).
# 2. Copies DATA_DIR/pg to a temporary folder (IN_PLACE=true runs on DATA_DIR/pg itself) and starts
#    the app jar on it with workers off, on free ports.
# 3. Logs in as the heavy user, picks their campaign with the most calls, and follows next_cursor
#    49 times on /api/calls, /api/leads and /api/contacts to get the cursors of page 50.
# 4. Loads each endpoint with wrk (THREADS x CONNECTIONS, WARMUP s discarded, then DURATION s), and
#    downloads the calls export EXPORT_RUNS times with curl (after one discarded download).
# 5. Runs each endpoint's SQL (bench/read-side/*.sql, the repositories' queries with the heavy
#    user's values as literals) with pgbench, as many clients as wrk has connections (one for the
#    export), and keeps an EXPLAIN (ANALYZE, BUFFERS) of every statement.
# 6. Restarts the app with -Xmx$SMALL_HEAP (SMALL_HEAP= skips it) and times the export again.
#
# Prints one table: p50/p95/p99 over HTTP and in SQL (ms), the p95 ratio, the target and whether
# both the target and "p95 within 2x of the SQL alone" hold. The export's row gives the median of
# the downloads as p50 and the slowest as p95 and p99. Rendered SQL, raw wrk/pgbench output,
# plans, pages and app logs are kept in $RESULTS (default DATA_DIR/read-side).
#
# Knobs (environment): DURATION=15 WARMUP=5 THREADS=2 CONNECTIONS=4 EXPORT_RUNS=5 SMALL_HEAP=256m
# IN_PLACE=false JAVA_OPTS= RESULTS=DATA_DIR/read-side.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_ARG=${1:-${BENCH_DATA_DIR:-/tmp/outdial-bench-data}}
if [ $# -gt 0 ]; then shift; fi
GEN_OPTS=("$@")
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-4}
EXPORT_RUNS=${EXPORT_RUNS:-5}
SMALL_HEAP=${SMALL_HEAP-256m}
IN_PLACE=${IN_PLACE:-false}
JAR=app/target/outdial-app.jar
HERE=bench/read-side

for tool in wrk pgbench psql curl python3 jcmd; do
  command -v "$tool" > /dev/null || {
    echo "$tool is missing (wrk: apt-get install -y wrk; pgbench/psql: postgresql-client)" >&2
    exit 1
  }
done
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

# 1. The data.
if [ ${#GEN_OPTS[@]} -eq 0 ] && [ -f "$DATA_ARG/bench-data.params" ]; then
  for kv in $(cat "$DATA_ARG/bench-data.params"); do
    GEN_OPTS+=("--${kv%%=*}" "${kv#*=}")
  done
  GEN_OPTS=("${GEN_OPTS[@]/--heavy_calls/--heavy-calls}")
fi
bench/generate-data.sh --keep "$DATA_ARG" ${GEN_OPTS[@]+"${GEN_OPTS[@]}"}
DATA=$(cd "$DATA_ARG" && pwd)
RESULTS=${RESULTS:-$DATA/read-side}
rm -rf "$RESULTS"
mkdir -p "$RESULTS"/{sql,wrk,pgbench,explain,pages}

# 2. The app, on a copy of the data.
WORK=$(mktemp -d)
APP_PID=""
stop_app() {
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2> /dev/null || true
    wait "$APP_PID" 2> /dev/null || true
    APP_PID=""
  fi
}
trap 'stop_app; rm -rf "$WORK"' EXIT
if $IN_PLACE; then
  PGDATA_DIR=$DATA/pg
else
  echo "Copying $DATA/pg ($(du -sh "$DATA/pg" | cut -f1)) ..."
  cp -a "$DATA/pg" "$WORK/pg"
  PGDATA_DIR=$WORK/pg
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
PG_PORT=$(free_port)
start_app() { # label, extra java options
  OUTDIAL_POSTGRES_EMBEDDED_DATA_DIR="$PGDATA_DIR" OUTDIAL_POSTGRES_EMBEDDED_PORT=$PG_PORT \
    OUTDIAL_TEMPORAL_EMBEDDED_PORT=0 OUTDIAL_WORKER_ENABLED=false SERVER_PORT=$PORT \
    java ${JAVA_OPTS:-} $2 -jar "$JAR" > "$RESULTS/app-$1.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 360); do
    curl -sf "localhost:$PORT/actuator/health" > /dev/null && break
    kill -0 "$APP_PID" 2> /dev/null || break
    sleep 0.5
  done
  curl -sf "localhost:$PORT/actuator/health" > /dev/null ||
    { echo "app did not start"; tail -50 "$RESULTS/app-$1.log"; exit 1; }
}
echo "Starting the app (port $PORT, Postgres $PG_PORT) ..."
start_app default ""
export PGHOST=localhost PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=outdial
PSQL=(psql -X -v ON_ERROR_STOP=1 -q -At)
# A migration at start may have rewritten the big tables: measure them as autovacuum leaves a
# settled table (visibility map set, statistics current), not in the minute after.
"${PSQL[@]}" -c "VACUUM (ANALYZE) calls, lead_analytics, contacts, call_queue, agent_analytics, call_activity"

# 3. The heavy user, their biggest campaign, the range of their calls, the page-50 cursors.
EMAIL=heavy@bench.outdial.dev
USER_ID=$("${PSQL[@]}" -c "SELECT id FROM users WHERE email = '$EMAIL'")
CAMPAIGN_ID=$("${PSQL[@]}" -c "SELECT campaign_id FROM calls WHERE user_id = '$USER_ID'
  AND campaign_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
# 90 days ending on the day of the user's newest call (UTC), so the range covers the data.
read -r TO FROM <<< "$("${PSQL[@]}" -F ' ' -c "SELECT d, d - 89 FROM (SELECT
  (max(created_at) AT TIME ZONE 'UTC')::date AS d FROM calls WHERE user_id = '$USER_ID') x")"
NY=America/New_York
day_start() { # zone date -> the instant the day starts there, as the app binds it
  python3 -c 'import sys, datetime, zoneinfo; z = zoneinfo.ZoneInfo(sys.argv[1]);
d = datetime.datetime.fromisoformat(sys.argv[2]).replace(tzinfo=z)
print(d.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z"))' "$1" "$2"
}
next_day() { date -u -d "$1 + 1 day" +%F; }
login() {
  TOKEN=$(curl -sf -XPOST "localhost:$PORT/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\": \"$EMAIL\", \"password\": \"bench-password\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  export TOKEN
}
login
echo "heavy user $USER_ID, campaign $CAMPAIGN_ID ($("${PSQL[@]}" -c \
  "SELECT count(*) FROM calls WHERE campaign_id = '$CAMPAIGN_ID'") calls), days $FROM..$TO"

declare -A CURSOR AFTER_AT AFTER_ID
for list in calls leads contacts; do
  read -r CURSOR[$list] AFTER_AT[$list] AFTER_ID[$list] <<< "$(python3 $HERE/walk-pages.py \
    "http://localhost:$PORT/api/$list" "$TOKEN" 49 "$RESULTS/pages/$list-page-49.json")" || true
  echo "$list page 50: ${AFTER_AT[$list]:-(fewer than 50 pages)} ${AFTER_ID[$list]:-}"
done

render() { # template output [NAME=value ...]: the template with the heavy user's values
  local template=$1 out=$2
  shift 2
  local args=(-e "s/@USER_ID@/$USER_ID/g" -e "s/@CAMPAIGN_ID@/$CAMPAIGN_ID/g"
    -e "s/@FROM@/$FROM/g" -e "s/@TO@/$TO/g")
  for kv in "$@"; do args+=(-e "s|@${kv%%=*}@|${kv#*=}|g"); done
  sed "${args[@]}" "$HERE/$template.sql" > "$RESULTS/sql/$out.sql"
}
render kpis kpis
render agents agents
render calls-per-day calls-per-day ZONE=UTC START="$(day_start UTC "$FROM")" \
  END="$(day_start UTC "$(next_day "$TO")")"
render calls-per-day calls-per-day-ny ZONE=$NY START="$(day_start $NY "$FROM")" \
  END="$(day_start $NY "$(next_day "$TO")")"
render campaign campaign
render campaign-analytics campaign-analytics
render calls-export calls-export
for list in calls leads contacts; do
  render $list-page $list-page-1 AFTER_AT=NULL AFTER_ID=NULL
  if [ -n "${CURSOR[$list]:-}" ]; then
    render $list-page $list-page-50 AFTER_AT="'${AFTER_AT[$list]}'" AFTER_ID="'${AFTER_ID[$list]}'"
  fi
done

# The endpoints: name | path | SQL | target for p95 in ms.
ENDPOINTS=(
  "KPIs|/api/dashboard/kpis|kpis|50"
  "campaign progress|/api/campaigns/$CAMPAIGN_ID|campaign|50"
  "campaign analytics|/api/campaigns/$CAMPAIGN_ID/analytics|campaign-analytics|50"
  "agent analytics 90 d|/api/dashboard/agents?from=$FROM&to=$TO|agents|50"
  "calls per day 90 d|/api/dashboard/calls-per-day?from=$FROM&to=$TO|calls-per-day|100"
  "calls per day 90 d, tz=$NY|/api/dashboard/calls-per-day?from=$FROM&to=$TO&tz=$NY|calls-per-day-ny|100"
)
for list in calls leads contacts; do
  ENDPOINTS+=("$list page 1|/api/$list|$list-page-1|50")
  if [ -n "${CURSOR[$list]:-}" ]; then
    ENDPOINTS+=("$list page 50|/api/$list?cursor=${CURSOR[$list]}|$list-page-50|50")
  fi
done

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
percentiles() { # microseconds on stdin -> "p50 p95 p99 count" in ms (nearest rank)
  sort -n | awk 'function at(p,  i) { i = int(p / 100 * NR); if (i < p / 100 * NR) i++; if (i < 1) i = 1; return a[i] / 1000 }
    { a[NR] = $1 } END { if (NR == 0) print "- - - 0"; else printf "%.2f %.2f %.2f %d\n", at(50), at(95), at(99), NR }'
}
http_load() { # name path -> "p50 p95 p99 requests" in ms
  local url="http://localhost:$PORT$2" result
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s $HERE/wrk.lua "$url" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s $HERE/wrk.lua "$url" \
    > "$RESULTS/wrk/$1.txt"
  read -r _ p50 p95 p99 requests non2xx errors <<< "$(grep '^RESULT' "$RESULTS/wrk/$1.txt")"
  if [ "$non2xx" -ne 0 ] || [ "$errors" -ne 0 ]; then
    echo "  $1: $non2xx non-2xx answers, $errors socket errors (see $RESULTS/wrk/$1.txt)" >&2
  fi
  if [ "$requests" -eq 0 ]; then echo "- - - 0"; else echo "$(ms "$p50") $(ms "$p95") $(ms "$p99") $requests"; fi
}
sql_load() { # name clients -> "p50 p95 p99 transactions" in ms
  local file="$RESULTS/sql/$1.sql" clients=$2 threads=$(($2 < THREADS ? $2 : THREADS))
  pgbench -n -f "$file" -c "$clients" -j "$threads" -T "$WARMUP" > /dev/null 2>&1
  pgbench -n -f "$file" -c "$clients" -j "$threads" -T "$DURATION" -l \
    --log-prefix="$RESULTS/pgbench/$1" > "$RESULTS/pgbench/$1.txt" 2>&1 ||
    { echo "pgbench failed on $file:" >&2; cat "$RESULTS/pgbench/$1.txt" >&2; exit 1; }
  cat "$RESULTS/pgbench/$1".[0-9]* | awk '{ print $3 }' | percentiles
}
explain() { # name: EXPLAIN (ANALYZE, BUFFERS) of every statement of its SQL
  python3 -c 'import sys
text = open(sys.argv[1]).read()
for stmt in text.split(";\n"):
    body = "\n".join(l for l in stmt.splitlines() if not l.startswith("--")).strip()
    if body:
        print("EXPLAIN (ANALYZE, BUFFERS)\n" + body + ";")' "$RESULTS/sql/$1.sql" |
    psql -X -v ON_ERROR_STOP=1 -e > "$RESULTS/explain/$1.txt" 2>&1 || true
}
check() { # path sql -> a line on what the endpoint answers; for a list, whether its ids are the SQL's
  curl -s -o "$WORK/answer" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "localhost:$PORT$1" > "$WORK/code"
  psql -X -q -At -f "$RESULTS/sql/$2.sql" 2> /dev/null | cut -d'|' -f1 > "$WORK/sql-ids" || true
  python3 -c 'import json, sys
code, body = open(sys.argv[1]).read(), open(sys.argv[2]).read()
sql_ids = open(sys.argv[3]).read().split()
try:
    doc = json.loads(body)
    what = "an object"
    if isinstance(doc, dict) and "items" in doc:
        what = "%d items" % len(doc["items"])
        ids = [str(item.get("id")) for item in doc["items"]]
        if ids and "id" in doc["items"][0]:
            what += ", the SQL%s the same rows" % ("" if ids == sql_ids[:len(ids)] else " DOES NOT give")
except ValueError:
    what = "not JSON"
print("HTTP %s, %s, %d bytes" % (code, what, len(body)))' "$WORK/code" "$WORK/answer" "$WORK/sql-ids"
}

declare -a ROWS
record() { # name target http(p50 p95 p99) sql(p50 p95 p99)
  ROWS+=("$*")
}

# 4 and 5. Each endpoint over HTTP, then its SQL.
for entry in "${ENDPOINTS[@]}"; do
  IFS='|' read -r name path sql target <<< "$entry"
  slug=${sql}
  echo "$name: $path ($(check "$path" "$sql"))"
  read -r hp50 hp95 hp99 hn <<< "$(http_load "$slug" "$path")"
  read -r sp50 sp95 sp99 sn <<< "$(sql_load "$slug" "$CONNECTIONS")"
  explain "$slug"
  printf '  HTTP %s/%s/%s ms (%d requests), SQL %s/%s/%s ms (%d transactions)\n' \
    "$hp50" "$hp95" "$hp99" "$hn" "$sp50" "$sp95" "$sp99" "$sn"
  record "$name|$target|$hp50|$hp95|$hp99|$sp50|$sp95|$sp99"
done

export_runs() { # label -> "median max" in ms; one discarded download first
  local url="localhost:$PORT/api/calls/export.csv" times=() out
  for run in $(seq 0 "$EXPORT_RUNS"); do
    rm -f "$WORK/export.csv"
    out=$(curl -sf -o "$WORK/export.csv" -w '%{time_total} %{size_download}' \
      -H "Authorization: Bearer $TOKEN" "$url")
    read -r seconds bytes <<< "$out"
    rows=$(($(wc -l < "$WORK/export.csv") - 1))
    echo "  export ($1) run $run: $seconds s, $rows rows, $bytes bytes$([ "$run" -eq 0 ] && echo ' (discarded)')" >&2
    if [ "$run" -gt 0 ]; then times+=("$(awk -v s="$seconds" 'BEGIN { print s * 1000000 }')"); fi
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f %.2f\n", m / 1000, a[NR] / 1000 }'
}
heap() { # the app's heap after the downloads, and its peak resident memory
  local info
  info=$(jcmd "$APP_PID" GC.heap_info 2> /dev/null | grep -m1 -i 'heap.*total' || true)
  awk -v line="$info" -v rss="$(awk '/VmHWM/ { print $2 }' "/proc/$APP_PID/status")" -v max="$(jcmd "$APP_PID" VM.flags 2> /dev/null |
    grep -o 'MaxHeapSize=[0-9]*' | cut -d= -f2)" 'BEGIN {
      match(line, /total [0-9]+K/); total = substr(line, RSTART + 6, RLENGTH - 7)
      match(line, /used [0-9]+K/); used = substr(line, RSTART + 5, RLENGTH - 6)
      printf "heap used %d MiB of %d MiB committed (max %d MiB), peak RSS %d MiB", used / 1024, total / 1024, max / 1048576, rss / 1024 }'
}

echo "calls export: /api/calls/export.csv"
read -r ep50 emax <<< "$(export_runs default)"
[ -n "${emax:-}" ] || { echo "the export failed" >&2; exit 1; }
HEAP_DEFAULT=$(heap)
echo "  $HEAP_DEFAULT"
read -r sp50 sp95 sp99 sn <<< "$(sql_load calls-export 1)"
explain calls-export
echo "  SQL $sp50/$sp95/$sp99 ms ($sn transactions, one client)"
HEAVY_CALLS=$("${PSQL[@]}" -c "SELECT to_char(count(*), 'FM999,999,999') FROM calls WHERE user_id = '$USER_ID'")
record "calls export.csv, $HEAVY_CALLS rows|5000|$ep50|$emax|$emax|$sp50|$sp95|$sp99"

# 6. The export again on a small heap.
HEAP_SMALL=""
if [ -n "$SMALL_HEAP" ]; then
  stop_app
  echo "Restarting the app with -Xmx$SMALL_HEAP ..."
  start_app "xmx$SMALL_HEAP" "-Xmx$SMALL_HEAP"
  login # a token may not outlive the app that signed it
  read -r xp50 xmax <<< "$(export_runs "-Xmx$SMALL_HEAP")"
  [ -n "${xmax:-}" ] || { echo "the export failed on -Xmx$SMALL_HEAP" >&2; exit 1; }
  HEAP_SMALL=$(heap)
  echo "  $HEAP_SMALL"
  record "calls export.csv, -Xmx$SMALL_HEAP|5000|$xp50|$xmax|$xmax|$sp50|$sp95|$sp99"
fi
stop_app

# The table.
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB," \
  "$(java -version 2>&1 | head -1), $(date -u +%F); data: $(cat "$DATA/bench-data.params")"
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after ${WARMUP}s; pgbench -c $CONNECTIONS -j $(($CONNECTIONS < THREADS ? CONNECTIONS : THREADS)) -T $DURATION (export: $EXPORT_RUNS curl downloads, pgbench -c 1)"
echo
echo "| endpoint | HTTP p50 | p95 | p99 | SQL p50 | p95 | p99 | ratio p95 HTTP/SQL | target (p95) | pass |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name target hp50 hp95 hp99 sp50 sp95 sp99 <<< "$row"
  awk -v n="$name" -v t="$target" -v a="$hp50" -v b="$hp95" -v c="$hp99" -v d="$sp50" -v e="$sp95" -v f="$sp99" 'BEGIN {
    ratio = (e > 0) ? b / e : 0
    fast = (b != "-" && b < t); near = (e > 0 && ratio <= 2)
    pass = (fast && near) ? "yes" : (!fast && !near) ? "no (target, 2x)" : !fast ? "no (target)" : "no (2x)"
    unit = (t >= 1000) ? sprintf("%g s", t / 1000) : sprintf("%d ms", t)
    printf "| %s | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms | %.1f | < %s | %s |\n", n, a, b, c, d, e, f, ratio, unit, pass }'
done
echo
echo "export heap, default sizing: $HEAP_DEFAULT"
if [ -n "$HEAP_SMALL" ]; then echo "export heap, -Xmx$SMALL_HEAP: $HEAP_SMALL"; fi
echo "Rendered SQL, plans, wrk and pgbench output: $RESULTS"
