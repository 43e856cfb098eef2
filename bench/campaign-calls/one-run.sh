#!/usr/bin/env bash
# One run of bench/campaign-calls.sh: starts the app jar (TEMPORAL chooses the embedded Temporal),
# runs one campaign of CONTACTS near-instant simulated calls to its end, and prints
#   RESULT temporal contacts seconds app_cpu_seconds server_cpu_seconds calls_placed peak_rss_mib
#          postgres_cpu_seconds simulator_cpu_seconds
# Usage: bench/campaign-calls/one-run.sh CONTACTS
# Settings for other benchmarks: USER_LIMIT (100), the simulator's OUTDIAL_SIMULATOR_* talk and
# time scale, CALLS_PER_MINUTE, and TIMESTAMPS_OUT (a file: when each final status arrived and each
# call was dialed).
# WARMUP=N runs another customer's campaign of N contacts first, in the same app, and measures the
# second: the platform's cost once the JIT has compiled its code (a run of 1,000 calls from a cold
# start spends about a quarter of its CPU compiling).
# SIMULATOR=external runs the simulator as a process of its own (OUTDIAL_MODE=simulator), as Bolna
# is in production, so the provider's side of each call (serving `POST /call`, sending the
# webhooks) is counted apart from the app; it still shares the machine. Otherwise (built-in) both
# ends of that HTTP are the app's, and simulator_cpu_seconds is 0.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONTACTS=$1

# Calls as short as the simulator plays them: answered at once, 1-2 reported seconds of talk at
# a hundredth of real time, completed right after hang-up; one attempt each (a call the
# simulator plays with no conversation would otherwise be dialed again an hour later). The pace
# toward Bolna (450 calls a minute by default, 7.5/s) is lifted, so the platform's own speed is
# measured; CALLS_PER_MINUTE=450 measures it with the pace.
export OUTDIAL_SIMULATOR_RING_SECONDS=${OUTDIAL_SIMULATOR_RING_SECONDS:-0} \
  OUTDIAL_SIMULATOR_TALK_SECONDS_MIN=${OUTDIAL_SIMULATOR_TALK_SECONDS_MIN:-1} \
  OUTDIAL_SIMULATOR_TALK_SECONDS_MAX=${OUTDIAL_SIMULATOR_TALK_SECONDS_MAX:-2} \
  OUTDIAL_SIMULATOR_TIME_SCALE=${OUTDIAL_SIMULATOR_TIME_SCALE:-0.01} \
  OUTDIAL_SIMULATOR_ANSWER_RATE=1 OUTDIAL_SIMULATOR_BUSY_RATE=0 \
  OUTDIAL_SIMULATOR_POST_PROCESSING_SECONDS=0 OUTDIAL_QUIET_HOURS=off \
  OUTDIAL_BOLNA_CALLS_PER_MINUTE=${CALLS_PER_MINUTE:-100000} \
  OUTDIAL_BOOTSTRAP_SUPER_ADMIN_EMAIL=root@bench.test OUTDIAL_BOOTSTRAP_SUPER_ADMIN_PASSWORD=bench-root-password
SIMULATOR_PID=0
PROVIDER_PORT=
if [ "${SIMULATOR:-built-in}" = external ]; then
  PROVIDER_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  export OUTDIAL_BOLNA_BASE_URL="http://127.0.0.1:$PROVIDER_PORT/simulator/bolna" \
    OUTDIAL_BOLNA_API_KEY=bench-simulated-key
fi
source bench/start-app.sh
PROVIDER="http://127.0.0.1:${PROVIDER_PORT:-$PORT}"
if [ -n "$PROVIDER_PORT" ]; then
  # Started after the app, which needs Bolna only once an agent is made; without the key, which
  # would turn the simulator off.
  env -u OUTDIAL_BOLNA_API_KEY -u OUTDIAL_BOLNA_BASE_URL OUTDIAL_MODE=simulator \
    SERVER_PORT="$PROVIDER_PORT" java -jar app/target/outdial-app.jar > "$WORK/simulator.log" 2>&1 &
  SIMULATOR_PID=$!
  STOP_PIDS="$STOP_PIDS $SIMULATOR_PID"
  for _ in $(seq 1 120); do
    curl -sf "$PROVIDER/simulator/bolna/stats" > /dev/null && break
    sleep 0.5
  done
fi
source bench/campaign-setup.sh
run_campaign() { # starts $CAMPAIGN and waits for its end
  post "/api/campaigns/$CAMPAIGN/start" "$TOKEN" '' > /dev/null
  for _ in $(seq 1 36000); do
    # A poll that fails (the app busy past curl's patience) is only a poll: try again.
    status=$(curl -sf --max-time 10 "$BASE/api/campaigns/$CAMPAIGN" -H "Authorization: Bearer $TOKEN" \
      | json '["status"]' 2> /dev/null || true)
    [ "$status" = completed ] && return 0
    sleep 0.5
  done
}
calls_placed() { curl -sf "$PROVIDER/simulator/bolna/stats" | json '["calls_placed"]'; }
if [ "${WARMUP:-0}" -gt 0 ]; then
  # Another customer's campaign first, in the same app, so the one measured runs on compiled code.
  draft_campaign "$WARMUP" "${USER_LIMIT:-100}"
  run_campaign
fi
draft_campaign "$CONTACTS" "${USER_LIMIT:-100}"
placed_before=$(calls_placed)

server_pid() { cat "$WORK/temporal.db.pid" 2>/dev/null || echo 0; }
cpu_seconds() { # pid -> user+system CPU seconds of that process (0 when there is none)
  [ "$1" != 0 ] && [ -r "/proc/$1/stat" ] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
postgres_cpu_seconds() { # the embedded Postgres's server process and its backends
  local total=0 pid postmaster
  postmaster=$(head -1 "$WORK/pg/postmaster.pid")
  for pid in "$postmaster" $(pgrep -P "$postmaster" || true); do
    total=$(echo "$total + $(cpu_seconds "$pid")" | bc -l)
  done
  echo "$total"
}
SERVER=$(server_pid)
app_before=$(cpu_seconds "$APP_PID"); server_before=$(cpu_seconds "$SERVER")
simulator_before=$(cpu_seconds "$SIMULATOR_PID")
postgres_before=$(postgres_cpu_seconds)
start=$(date +%s.%N)
run_campaign
end=$(date +%s.%N)
app_after=$(cpu_seconds "$APP_PID"); server_after=$(cpu_seconds "$SERVER")
simulator_after=$(cpu_seconds "$SIMULATOR_PID")
postgres_after=$(postgres_cpu_seconds)
placed=$(($(calls_placed) - placed_before))
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
temporal=$([ "$SERVER" != 0 ] && echo dev-server || echo test-server)
if [ -n "${TIMESTAMPS_OUT:-}" ]; then
  # For bench/dispatch-latency.sh: when each final status arrived, and when each call was dialed.
  psql_app -c "SELECT 'final', extract(epoch FROM received_at) FROM webhook_events
       WHERE status = 'completed' ORDER BY received_at" > "$TIMESTAMPS_OUT"
  psql_app -c "SELECT 'dialed', extract(epoch FROM created_at) FROM call_attempts
       ORDER BY created_at" >> "$TIMESTAMPS_OUT"
fi
echo "RESULT $temporal $CONTACTS $(echo "$end - $start" | bc -l) $(echo "$app_after - $app_before" | bc -l) $(echo "$server_after - $server_before" | bc -l) $placed $((rss_kb / 1024)) $(echo "$postgres_after - $postgres_before" | bc -l) $(echo "$simulator_after - $simulator_before" | bc -l)"
