#!/usr/bin/env bash
# Benchmark anchor: Temporal's own limit for workflows of the call's shape, with no work in them.
# Usage:
#
#   bench/noop-calls.sh [CALLS] [RUNS]
#
# Runs bench/noop-calls/NoopCalls.java (a dispatcher workflow starting calls up to 100 at once;
# each call: one activity, one signal from outside, three activities, two signals out) RUNS times
# for each embedded Temporal in TEMPORALS (default "test-server cli"): the app's Java test server
# in process, as the app runs it, and the Temporal CLI's development server as a process of its
# own. Prints medians of calls/s and CPU per call (this process, plus the server's), to set beside
# bench/campaign-calls.sh run with the same CALLS. WARMUP=N runs a campaign of N calls first in
# the same process and measures the next one, as bench/campaign-calls.sh does with WARMUP=N.
set -euo pipefail
cd "$(dirname "$0")/.."

CALLS=${1:-1000}
RUNS=${2:-3}
TEMPORALS=${TEMPORALS:-test-server cli}
CLASSPATH_FILE=app/target/bench-classpath.txt
[ -d app/target/classes ] || ./mvnw -B -q -DskipTests package
[ -f "$CLASSPATH_FILE" ] || ./mvnw -B -q -pl app dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/$CLASSPATH_FILE"
CP="app/target/classes:$(cat "$CLASSPATH_FILE")"

cpu_seconds() { # pid -> user+system CPU seconds of that process
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

RESULTS=$(mktemp)
WORK=$(mktemp -d)
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2> /dev/null; rm -rf "$WORK" "$RESULTS"' EXIT
for temporal in $TEMPORALS; do
  for run in $(seq 1 "$RUNS"); do
    target=()
    if [ "$temporal" = cli ]; then
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
      rm -f "$WORK/temporal.db"
      temporal server start-dev --headless --ip 127.0.0.1 --port "$port" \
        --db-filename "$WORK/temporal.db" --log-level error > "$WORK/server.log" 2>&1 &
      SERVER_PID=$!
      for _ in $(seq 1 100); do
        (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
        sleep 0.2
      done
      target=("127.0.0.1:$port")
      server_before=$(cpu_seconds "$SERVER_PID")
    fi
    line=$(java -cp "$CP" bench/noop-calls/NoopCalls.java "$CALLS" 100 "${target[@]}" | grep '^RESULT')
    server_cpu=0
    if [ -n "$SERVER_PID" ]; then
      server_cpu=$(echo "$(cpu_seconds "$SERVER_PID") - $server_before" | bc -l)
      kill "$SERVER_PID"; wait "$SERVER_PID" 2> /dev/null || true; SERVER_PID=
    fi
    echo "$temporal $line $server_cpu" >> "$RESULTS"
    echo "$temporal run $run: $line server_cpu=$server_cpu" >&2
  done
done

python3 - "$RESULTS" "$CALLS" "$RUNS" << 'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
calls, runs = int(sys.argv[2]), int(sys.argv[3])
print(f"no-op calls of the call's shape, {calls} per run, 100 at once, medians of {runs} runs")
print()
print("| embedded Temporal | calls/s | wall time | CPU per call (client and workers) | server CPU per call | CPU per call |")
print("|---|---|---|---|---|---|")
for kind in dict.fromkeys(r[0] for r in rows):
    mine = [r for r in rows if r[0] == kind]
    seconds = statistics.median(float(r[3]) for r in mine)
    client = statistics.median(float(r[4]) * 1000 / calls for r in mine)
    server = statistics.median(float(r[5]) * 1000 / calls for r in mine)
    both = statistics.median((float(r[4]) + float(r[5])) * 1000 / calls for r in mine)
    print(f"| {kind} | {calls / seconds:.1f} | {seconds:.1f} s | {client:.1f} ms | {server:.1f} ms | {both:.1f} ms |")
PY
