#!/usr/bin/env bash
# One run of bench/campaign-calls.sh: starts the app jar (TEMPORAL chooses the embedded Temporal),
# runs one campaign of CONTACTS near-instant simulated calls to its end, and prints
#   RESULT temporal contacts seconds app_cpu_seconds server_cpu_seconds calls_placed peak_rss_mib
#          postgres_cpu_seconds
# Usage: bench/campaign-calls/one-run.sh CONTACTS
# Settings for other benchmarks: USER_LIMIT (100), the simulator's OUTDIAL_SIMULATOR_* talk and
# time scale, CALLS_PER_MINUTE, and TIMESTAMPS_OUT (a file: when each final status arrived and each
# call was dialed).
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
source bench/start-app.sh
source bench/campaign-setup.sh
draft_campaign "$CONTACTS" "${USER_LIMIT:-100}"

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
postgres_before=$(postgres_cpu_seconds)
start=$(date +%s.%N)
post "/api/campaigns/$CAMPAIGN/start" "$TOKEN" '' > /dev/null
for _ in $(seq 1 36000); do
  # A poll that fails (the app busy past curl's patience) is only a poll: try again.
  status=$(curl -sf --max-time 10 "$BASE/api/campaigns/$CAMPAIGN" -H "Authorization: Bearer $TOKEN" \
    | json '["status"]' 2> /dev/null || true)
  [ "$status" = completed ] && break
  sleep 0.5
done
end=$(date +%s.%N)
app_after=$(cpu_seconds "$APP_PID"); server_after=$(cpu_seconds "$SERVER")
postgres_after=$(postgres_cpu_seconds)
placed=$(curl -sf "$BASE/simulator/bolna/stats" | json '["calls_placed"]')
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
temporal=$([ "$SERVER" != 0 ] && echo dev-server || echo test-server)
if [ -n "${TIMESTAMPS_OUT:-}" ]; then
  # For bench/dispatch-latency.sh: when each final status arrived, and when each call was dialed.
  psql_app -c "SELECT 'final', extract(epoch FROM received_at) FROM webhook_events
       WHERE status = 'completed' ORDER BY received_at" > "$TIMESTAMPS_OUT"
  psql_app -c "SELECT 'dialed', extract(epoch FROM created_at) FROM call_attempts
       ORDER BY created_at" >> "$TIMESTAMPS_OUT"
fi
echo "RESULT $temporal $CONTACTS $(echo "$end - $start" | bc -l) $(echo "$app_after - $app_before" | bc -l) $(echo "$server_after - $server_before" | bc -l) $placed $((rss_kb / 1024)) $(echo "$postgres_after - $postgres_before" | bc -l)"
