#!/usr/bin/env bash
# Benchmark: Bolna webhook ingest and processing, against the bare endpoint of the same app.
# Usage:
#
#   bench/webhook-ingest.sh [DURATION] [RUNS]
#
# Starts the app jar on its embedded defaults (build it first: ./mvnw -B -q -DskipTests package),
# then RUNS times:
# 1. posts a real 1.3 KB `completed` execution (bench/webhook-ingest/execution.json) to
#    /webhooks/bolna with wrk (THREADS x CONNECTIONS for DURATION s). Each delivery is stored in
#    the inbox before its 2xx. MODE=distinct (default) gives each delivery an execution of its
#    own; MODE=repeat sends one execution again and again (Bolna's retries at their worst).
# 2. waits until every stored delivery is processed (read from /actuator/prometheus): each names a
#    call workflow in its user data, so processing takes the whole path (lock the event, move the
#    call's lifecycle, find the workflow, check for a duplicate, signal Temporal, mark it done);
#    the workflow does not exist, so the signal is answered NOT_FOUND and the event ends `late`.
# 3. loads GET /simulator/bolna/stats (in memory, no database) the same way: the bare endpoint.
#
# Prints one table of medians: ingest requests/s, p50 and p99; the bare endpoint's; their ratio;
# processing events/s (deliveries over the time from the first post to the last processed) and
# the processing lag, p50 and p99, read from the inbox (processed_at - received_at of the run's
# deliveries), and the p99 the app itself reports (a two-minute window that also holds the warm-up).
#
# wrk posts as fast as the app answers, so processing that is slower than ingest falls behind for
# the whole run. RATE=N posts N deliveries a second instead, evenly (vegeta: go install
# github.com/tsenart/vegeta/v12@v12.13.0), which is how the lag is judged at a sustained rate.
#
# Knobs (environment): THREADS=2 CONNECTIONS=32 WARMUP=60 (seconds of each load before the runs,
# for the JIT: after 15 s the ingest path still ran at half its speed in the first run)
# MODE=distinct RATE= JAVA_OPTS=.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-20}
RUNS=${2:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-60}
export MODE=${MODE:-distinct}
export WEBHOOK_TOKEN=bench-webhook-secret
export OUTDIAL_BOLNA_WEBHOOK_SECRET=$WEBHOOK_TOKEN
export PAYLOAD=bench/webhook-ingest/execution.json
RATE=${RATE:-}
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
VEGETA=${VEGETA:-$(command -v vegeta || echo "$HOME/go/bin/vegeta")}
if [ -n "$RATE" ] && [ ! -x "$VEGETA" ]; then
  echo "RATE needs vegeta: go install github.com/tsenart/vegeta/v12@v12.13.0"; exit 1
fi

# shellcheck source=start-app.sh
source bench/start-app.sh
BASE="http://127.0.0.1:$PORT"

processed() {
  curl -sf "$BASE/actuator/prometheus" | awk '/^outdial_webhooks_processed_total/ {s += $NF} END {printf "%d\n", s}'
}

lag_p99() {
  curl -sf "$BASE/actuator/prometheus" \
    | awk '/^outdial_webhooks_lag_seconds\{.*quantile="0.99"/ {printf "%.0f\n", $NF * 1000}'
}

ingest() { # run-name duration -> RESULT line
  if [ -n "$RATE" ]; then
    paced "$1" "$2"
  else
    RUN=$1 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s -s bench/webhook-ingest/post.lua "$BASE" | grep '^RESULT'
  fi
}

paced() { # run-name duration -> RESULT line, RATE deliveries a second
  python3 bench/webhook-ingest/targets.py "$BASE" "$1" $((RATE * $2)) > "$WORK/targets-$1.json"
  "$VEGETA" attack -format=json -targets="$WORK/targets-$1.json" -rate="$RATE/s" -duration="$2s" \
      -max-workers=256 \
    | "$VEGETA" report -type=json \
    | python3 -c '
import json, sys
r = json.load(sys.stdin)
codes = r["status_codes"]
non2xx = sum(n for code, n in codes.items() if not code.startswith("2") and code != "0")
print("RESULT %d %d %d %d %d" % (r["latencies"]["50th"] // 1000, r["latencies"]["99th"] // 1000,
      r["requests"], non2xx, codes.get("0", 0)))'
}

inbox_lag() { # run-name -> "p50_ms p99_ms" of the run's deliveries, from the inbox itself
  psql_app -F' ' -c "
    SELECT round(1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY lag)),
           round(1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY lag))
    FROM (SELECT extract(epoch FROM processed_at - received_at) AS lag FROM webhook_events
          WHERE execution_id LIKE 'bench-$1-%' OR execution_id = 'bench-repeat-$1') run"
}

bare() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1"s -s bench/webhook-ingest/get.lua "$BASE/simulator/bolna/stats" | grep '^RESULT'
}

drain() { # expected-processed -> waits until the app has processed that many
  for _ in $(seq 1 6000); do
    [ "$(processed)" -ge "$1" ] && return 0
    sleep 0.1
  done
  echo "processing did not catch up: $(processed) of $1" >&2
  return 1
}

echo "Warming up ($WARMUP s each)..." >&2
before=$(processed)
warm=$(ingest warmup "$WARMUP")
bare "$WARMUP" > /dev/null
drain $((before + $(echo "$warm" | awk '{print $4}')))

RESULTS=$(mktemp)
for run in $(seq 1 "$RUNS"); do
  before=$(processed)
  start=$(date +%s.%N)
  line=$(ingest "run$run" "$DURATION")
  read -r _ p50 p99 requests non2xx errors <<< "$line"
  drain $((before + requests))
  drained=$(date +%s.%N)
  read -r _ bp50 bp99 brequests bnon2xx berrors <<< "$(bare "$DURATION")"
  lag=$(lag_p99)
  read -r inbox_p50 inbox_p99 <<< "$(inbox_lag "run$run")"
  echo "$run $requests $p50 $p99 $non2xx $errors $start $drained $brequests $bp50 $bp99 $bnon2xx $lag $inbox_p50 $inbox_p99" >> "$RESULTS"
  echo "run $run: ingest $((requests / DURATION))/s p99 $((p99 / 1000)) ms, non-2xx $non2xx, socket errors $errors; processing $(python3 -c "print(round($requests / ($drained - $start)))")/s; bare $((brequests / DURATION))/s; lag p50 ${inbox_p50} ms, p99 ${inbox_p99} ms (the app's p99 ${lag} ms)" >&2
done

python3 - "$RESULTS" "$DURATION" "$THREADS" "$CONNECTIONS" "$MODE" "$RATE" << 'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
duration = float(sys.argv[2])
med = lambda values: statistics.median(values)
ingest_rps = med([int(r[1]) / duration for r in rows])
ingest_p50 = med([int(r[2]) / 1000 for r in rows])
ingest_p99 = med([int(r[3]) / 1000 for r in rows])
non2xx = sum(int(r[4]) for r in rows)
processing = med([int(r[1]) / (float(r[7]) - float(r[6])) for r in rows])
bare_rps = med([int(r[8]) / duration for r in rows])
bare_p50 = med([int(r[9]) / 1000 for r in rows])
bare_p99 = med([int(r[10]) / 1000 for r in rows])
lag = med([int(r[12]) for r in rows if r[12].isdigit()] or [0])
inbox_p50 = med([int(r[13]) for r in rows])
inbox_p99 = med([int(r[14]) for r in rows])
load = f"{sys.argv[6]} deliveries/s (vegeta)" if sys.argv[6] else f"wrk -t{sys.argv[3]} -c{sys.argv[4]}"
print(f"{load}, {len(rows)} runs of {duration:.0f} s, MODE={sys.argv[5]}, medians")
print()
print("| figure | measured | target | ratio to target | met |")
print("|---|---|---|---|---|")
def row(name, value, unit, target, better_high):
    ratio = value / target if target else float('nan')
    met = (value >= target) if better_high else (value <= target)
    shown = f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"
    print(f"| {name} | {shown} {unit} | {'≥' if better_high else '≤'} {target:,} {unit} | {ratio:.2f} | {'yes' if met else 'no'} |")
if sys.argv[6]:
    # Paced: ingest and processing rates are the offered rate; what counts is whether processing
    # kept pace with it, and how long a delivery waited.
    row("deliveries/s sustained, every one processed", ingest_rps, "/s", 1000, True)
    row("ingest p99", ingest_p99, "ms", 50, False)
    row("processing lag p99 (inbox)", inbox_p99, "ms", 1000, False)
else:
    row("ingest, requests/s", ingest_rps, "/s", 1500, True)
    row("ingest p99", ingest_p99, "ms", 50, False)
    # The median of each run's own ratio: the two rates move together with what else the machine
    # does, so a ratio of medians from different runs would mix them.
    row("ingest ÷ bare endpoint", med([int(r[1]) / int(r[8]) for r in rows]), "", 0.6, True)
    row("processing, events/s", processing, "/s", 1000, True)
    row("processing lag p99 (inbox)", inbox_p99, "ms", 1000, False)
print()
print(f"processing lag p50 (inbox) {inbox_p50:,.0f} ms; the app's own lag p99 {lag:,} ms")
print(f"ingest p50 {ingest_p50:.1f} ms; bare endpoint {bare_rps:,.0f}/s, p50 {bare_p50:.1f} ms, p99 {bare_p99:.1f} ms; non-2xx answers to posts: {non2xx}")
PY
