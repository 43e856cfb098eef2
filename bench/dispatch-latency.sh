#!/usr/bin/env bash
# Benchmark: dispatch latency, from a call's final webhook to the next POST /call.
# Usage:
#
#   bench/dispatch-latency.sh [CONTACTS] [RUNS]
#
# Runs one campaign per run (bench/campaign-calls/one-run.sh) with the user's limit the binding
# one: 10 calls at once, each call answered at once and talking 1-2 s of real time, the pace toward
# Bolna lifted. Slots are always full while contacts wait, so every final status frees a slot and
# the next dial fills it: the k-th final status is followed by dial number 10 + k. The latency is
# the time between the two, from Postgres's own stamps (webhook_events.received_at, the moment the
# webhook was stored; call_attempts.created_at, the moment the gate let the dial through, just
# before POST /call). TEMPORALS chooses the embedded Temporals (default "test-server cli").
set -euo pipefail
cd "$(dirname "$0")/.."

CONTACTS=${1:-300}
RUNS=${2:-3}
TEMPORALS=${TEMPORALS:-test-server cli}
LIMIT=10
STAMPS=$(mktemp -d)
trap 'rm -rf "$STAMPS"' EXIT
[ -f app/target/outdial-app.jar ] || ./mvnw -B -q -DskipTests package

for temporal in $TEMPORALS; do
  for run in $(seq 1 "$RUNS"); do
    line=$(TEMPORAL=$temporal USER_LIMIT=$LIMIT OUTDIAL_SIMULATOR_TIME_SCALE=1 \
      TIMESTAMPS_OUT="$STAMPS/$temporal-$run" bench/campaign-calls/one-run.sh "$CONTACTS" \
      | grep '^RESULT')
    echo "$temporal run $run: $line" >&2
  done
done

python3 - "$STAMPS" "$LIMIT" "$CONTACTS" "$RUNS" << 'PY'
import os, statistics, sys
folder, limit, contacts, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
by_kind = {}
for name in sorted(os.listdir(folder)):
    kind = name.rsplit("-", 1)[0]
    final, dialed = [], []
    for line in open(os.path.join(folder, name)):
        what, at = line.strip().split("|")
        (final if what == "final" else dialed).append(float(at))
    # The k-th final status frees the slot the (limit + k)-th dial takes; the last ones free
    # slots no contact is left for.
    latencies = [(dialed[limit + k] - final[k]) * 1000
                 for k in range(min(len(final), len(dialed) - limit))]
    by_kind.setdefault(kind, []).append(latencies)
print(f"{contacts} contacts, {limit} calls at once, medians of {runs} runs")
print()
print("| embedded Temporal | pairs per run | p50 | p90 | p99 | max | p99 ≤ 500 ms |")
print("|---|---|---|---|---|---|---|")
for kind, runs_of_kind in by_kind.items():
    p50 = statistics.median(percentile(r, 50) for r in runs_of_kind)
    p90 = statistics.median(percentile(r, 90) for r in runs_of_kind)
    p99 = statistics.median(percentile(r, 99) for r in runs_of_kind)
    top = statistics.median(max(r) for r in runs_of_kind)
    pairs = statistics.median(len(r) for r in runs_of_kind)
    print(f"| {kind} | {pairs:.0f} | {p50:.0f} ms | {p90:.0f} ms | {p99:.0f} ms | {top:.0f} ms | {'yes' if p99 <= 500 else 'no'} |")
PY
