#!/usr/bin/env bash
# Benchmark: one large campaign at a bounded heap.
# Usage:
#
#   bench/large-campaign.sh [CONTACTS] [MINUTES]
#
# Starts the app jar on its embedded defaults with JAVA_OPTS (default -Xmx1g), imports CONTACTS
# contacts (default 100,000) and runs one campaign over all of them with near-instant simulated
# calls, a user limit of 100, a platform limit of 200 and the shipped pace toward Bolna (450 calls
# a minute; CALLS_PER_MINUTE changes it). Every 30 s it prints the calls made, the rate over the
# last 30 s, the heap used, the old generation after its last collection and the process's RSS;
# after MINUTES (default 10), or when the campaign completes, it lists the open workflows and the
# longest history among the long-lived ones (the dispatcher and the campaign), and counts the
# numbers dialed more than once. The live heap itself is read with `jcmd PID GC.class_histogram`. TEMPORAL chooses the embedded Temporal (default test-server).
set -euo pipefail
cd "$(dirname "$0")/.."

CONTACTS=${1:-100000}
MINUTES=${2:-10}
export JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
export TEMPORAL=${TEMPORAL:-test-server}
export OUTDIAL_SIMULATOR_RING_SECONDS=0 OUTDIAL_SIMULATOR_TALK_SECONDS_MIN=1 \
  OUTDIAL_SIMULATOR_TALK_SECONDS_MAX=2 OUTDIAL_SIMULATOR_TIME_SCALE=0.01 \
  OUTDIAL_SIMULATOR_ANSWER_RATE=1 OUTDIAL_SIMULATOR_BUSY_RATE=0 \
  OUTDIAL_SIMULATOR_POST_PROCESSING_SECONDS=0 OUTDIAL_QUIET_HOURS=off \
  OUTDIAL_BOLNA_CALLS_PER_MINUTE=${CALLS_PER_MINUTE:-450} \
  OUTDIAL_BOOTSTRAP_SUPER_ADMIN_EMAIL=root@bench.test OUTDIAL_BOOTSTRAP_SUPER_ADMIN_PASSWORD=bench-root-password
CLASSPATH_FILE=app/target/bench-classpath.txt
[ -f "$CLASSPATH_FILE" ] || ./mvnw -B -q -pl app dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/$CLASSPATH_FILE"
source bench/start-app.sh
source bench/campaign-setup.sh
draft_campaign "$CONTACTS" 100
post "/api/campaigns/$CAMPAIGN/start" "$TOKEN" '' > /dev/null
echo "campaign of $(curl -sf "$BASE/api/campaigns/$CAMPAIGN" -H "Authorization: Bearer $TOKEN" | json '["total_contacts"]') contacts started, $JAVA_OPTS, pace ${CALLS_PER_MINUTE:-450}/min" >&2

heap_mib() {
  curl -sf "$BASE/actuator/prometheus" \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {printf "%.0f", sum / 1048576}'
}
live_mib() { # the old generation after the last collection of it (garbage included until a mixed one)
  curl -sf "$BASE/actuator/prometheus" \
    | awk '/^jvm_gc_live_data_size_bytes/ {printf "%.0f", $NF / 1048576}'
}
printf "| minute | calls made | calls/s (last 30 s) | heap used | old generation after its last collection | RSS |\n|---|---|---|---|---|---|\n"
end=$(( $(date +%s) + MINUTES * 60 )); last=0; max_heap=0; status=active
while [ "$(date +%s)" -lt "$end" ] && [ "$status" != completed ]; do
  sleep 30
  campaign=$(curl -sf --max-time 10 "$BASE/api/campaigns/$CAMPAIGN" -H "Authorization: Bearer $TOKEN" || echo '{}')
  made=$(echo "$campaign" | python3 -c "import json,sys; print(json.load(sys.stdin).get('completed_calls', 0))")
  status=$(echo "$campaign" | python3 -c "import json,sys; print(json.load(sys.stdin).get('status', '?'))")
  heap=$(heap_mib); rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status")
  [ "$heap" -gt "$max_heap" ] && max_heap=$heap
  printf "| %s | %s | %.1f | %s MiB | %s MiB | %s MiB |\n" "$(( (MINUTES * 60 - end + $(date +%s)) / 60 ))" \
    "$made" "$(echo "($made - $last) / 30" | bc -l)" "$heap" "$(live_mib)" "$rss"
  last=$made
done
peak_rss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status")
target=$(grep -o 'Temporal: EMBEDDED .*' "$WORK/app.log" | grep -o '127\.0\.0\.1:[0-9]*' | head -1 || true)
echo
echo "campaign $status after $last calls; heap used at most $max_heap MiB of $JAVA_OPTS; peak RSS $peak_rss MiB"
echo "dial attempts: $(psql_app -c "SELECT count(*) FROM call_attempts"); numbers dialed more than once: $(psql_app \
  -c "SELECT count(*) FROM (SELECT phone_number FROM call_attempts GROUP BY 1 HAVING count(*) > 1) twice")"
java -cp "$(cat "$CLASSPATH_FILE")" bench/large-campaign/Histories.java "$target" | grep -v '^HISTORY'
