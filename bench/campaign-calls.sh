#!/usr/bin/env bash
# Benchmark: calls end to end, on each embedded Temporal side by side.
# Usage:
#
#   bench/campaign-calls.sh [CONTACTS] [RUNS]
#
# For each embedded Temporal in TEMPORALS (default "test-server cli"; cli needs the Temporal CLI),
# RUNS times: starts the app jar on its embedded defaults with the built-in simulator playing
# near-instant calls (answered at once, 1-2 reported seconds at time scale 0.01), a user limit of
# 100 and a platform limit of 200, runs one campaign over CONTACTS contacts to `completed`, and
# measures the wall time from the start request and the CPU the app (and the development server,
# a process of its own) used meanwhile, and apart from those the embedded Postgres's. The
# campaign's status is polled every half second. Prints one table of medians: calls/s, CPU per
# call in the app, in the server, together, and in Postgres, and whether every contact was dialed
# exactly once.
#
# WARMUP=N runs a campaign of N contacts first in each app and measures the next one (compiled
# code); SIMULATOR=external runs the simulator as a process of its own, its CPU counted apart (see
# bench/campaign-calls/one-run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

CONTACTS=${1:-2000}
RUNS=${2:-3}
TEMPORALS=${TEMPORALS:-test-server cli}
[ -f app/target/outdial-app.jar ] || ./mvnw -B -q -DskipTests package

RESULTS=$(mktemp)
for temporal in $TEMPORALS; do
  for run in $(seq 1 "$RUNS"); do
    line=$(TEMPORAL=$temporal bench/campaign-calls/one-run.sh "$CONTACTS" | grep '^RESULT')
    echo "$line" >> "$RESULTS"
    echo "$temporal run $run: $line" >&2
  done
done

python3 - "$RESULTS" "$CONTACTS" "$RUNS" << 'PY'
import statistics, sys
rows = [line.split()[1:] for line in open(sys.argv[1])]
contacts, runs = int(sys.argv[2]), int(sys.argv[3])
print(f"{contacts} contacts per campaign, medians of {runs} runs")
print()
print("| embedded Temporal | calls/s | wall time | app CPU per call | server CPU per call | CPU per call | Postgres CPU per call | simulator CPU per call | dialed once | app peak RSS |")
print("|---|---|---|---|---|---|---|---|---|---|")
for kind in dict.fromkeys(r[0] for r in rows):
    mine = [r for r in rows if r[0] == kind]
    seconds = statistics.median(float(r[2]) for r in mine)
    app = statistics.median(float(r[3]) * 1000 / int(r[1]) for r in mine)
    server = statistics.median(float(r[4]) * 1000 / int(r[1]) for r in mine)
    total = statistics.median((float(r[3]) + float(r[4])) * 1000 / int(r[1]) for r in mine)
    once = all(int(r[5]) == int(r[1]) for r in mine)
    rss = statistics.median(int(r[6]) for r in mine)
    postgres = statistics.median(float(r[7]) * 1000 / int(r[1]) for r in mine)
    simulator = statistics.median(float(r[8]) * 1000 / int(r[1]) for r in mine)
    simulator = f"{simulator:.0f} ms" if simulator > 0 else "(in the app)"
    print(f"| {kind} | {contacts / seconds:.1f} | {seconds:.1f} s | {app:.0f} ms | {server:.0f} ms | {total:.0f} ms | {postgres:.0f} ms | {simulator} | {'yes' if once else 'NO'} | {rss:,.0f} MiB |")
PY
