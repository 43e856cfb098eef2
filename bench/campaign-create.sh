#!/usr/bin/env bash
# Benchmark: drafting a campaign over 100,000 contacts through the running app, which queues every
# contact with its recipient-local time zone and first calling instant. Starts the app jar on its
# embedded defaults (temporary data, free ports), imports the contacts once, then drafts the
# campaign RUNS times and prints a results table with the median.
# Usage: bench/campaign-create.sh [rows] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-100000}
RUNS=${2:-5}
source bench/start-app.sh

# US numbers in many area codes (so many recipient zones), a UK block, and an extra column.
awk -v rows="$ROWS" 'BEGIN {
  split("212 213 305 312 415 512 617 646 702 713 718 805 818 917 972", areas, " ");
  print "name,phone_number,plan";
  for (i = 0; i < rows; i++) {
    if (i % 10 == 9) {
      printf "Contact %d,+44 20 7%03d %04d,gold\n", i, int(i / 10) % 1000, i % 10000
    } else {
      printf "Contact %d,(%s) %03d-%04d,gold\n", i, areas[1 + i % 15], 201 + int(i / 15) % 700, int(i / 10500) % 10000
    }
  }
}' > "$WORK/contacts.csv"

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

TOKEN=$(curl -sf -XPOST "localhost:$PORT/api/auth/signup" -H 'Content-Type: application/json' \
  -d "{\"email\": \"bench-$RANDOM@example.com\", \"name\": \"Bench\", \"password\": \"bench-password\"}" | json '["token"]')
curl -sf -o /dev/null -XPOST "localhost:$PORT/api/contacts/import?default_region=US" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary "@$WORK/contacts.csv"
AGENT=$(curl -sf -XPOST "localhost:$PORT/api/agents" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"name": "Bench", "prompt": "Sell"}' | json '["id"]')
START=$(date -u -d tomorrow +%F)

printf '%-6s %8s %10s %10s\n' run queued seconds rows/s
times=()
for run in $(seq 1 "$RUNS"); do
  seconds=$(curl -sf -o "$WORK/campaign.json" -w '%{time_total}' -XPOST "localhost:$PORT/api/campaigns" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\": \"Bench $run\", \"agent_id\": \"$AGENT\", \"next_action\": \"Book a demo\",
         \"first_call_time\": \"09:00\", \"last_call_time\": \"17:00\", \"start_date\": \"$START\",
         \"timezone\": \"America/New_York\"}")
  queued=$(json '["total_contacts"]' < "$WORK/campaign.json")
  times+=("$seconds")
  printf '%-6s %8d %10.2f %10.0f\n' "$run" "$queued" "$seconds" "$(echo "$queued / $seconds" | bc -l)"
done

median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
echo
printf 'median of %d drafts of %d contacts: %.2f s\n' "$RUNS" "$ROWS" "$median"
printf 'app peak resident memory: %d MiB\n' "$((rss_kb / 1024))"
