#!/usr/bin/env bash
# Benchmark: importing a 100,000-row contact CSV through the running app (target: under 5 s).
# Starts the app jar on its embedded defaults (temporary data, free ports), imports a generated
# file into fresh accounts RUNS times, then once more into the same account (a re-import), and
# prints a results table with the median. Usage: bench/csv-import.sh [rows] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-100000}
RUNS=${2:-5}
source bench/start-app.sh

# Realistic rows: US numbers in national format (default_region=US), an email, a company, notes
# with a comma inside quotes, and two extra columns kept as user_data.
awk -v rows="$ROWS" 'BEGIN {
  split("212 213 305 312 415 512 617 646 702 713 718 805 818 917 972", areas, " ");
  print "name,phone_number,email,company,notes,plan,city";
  for (i = 0; i < rows; i++) {
    printf "Contact %d,(%s) %03d-%04d,contact%d@example.com,Company %d,\"Met at fair, row %d\",gold,Springfield\n",
      i, areas[1 + i % 15], 201 + int(i / 15) % 700, int(i / 10500) % 10000, i, i % 997, i
  }
}' > "$WORK/contacts.csv"

signup() {
  curl -sf -XPOST "localhost:$PORT/api/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"email\": \"bench-$1-$RANDOM@example.com\", \"name\": \"Bench\", \"password\": \"bench-password\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

import_once() { # token -> "seconds imported updated skipped failed"
  curl -sf -o "$WORK/report.json" -w '%{time_total}' -XPOST \
    "localhost:$PORT/api/contacts/import?default_region=US" \
    -H "Authorization: Bearer $1" -H 'Content-Type: text/csv' --data-binary "@$WORK/contacts.csv" > "$WORK/time"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(open(sys.argv[2]).read().strip(), r["imported"], r["updated"], r["skipped"], r["failed"])' \
    "$WORK/report.json" "$WORK/time"
}

printf '%-10s %8s %10s %10s %8s %8s %8s\n' run rows seconds rows/s imported skipped failed
times=()
token=""
for run in $(seq 1 "$RUNS"); do
  token=$(signup "$run")
  read -r seconds imported updated skipped failed <<< "$(import_once "$token")"
  times+=("$seconds")
  printf '%-10s %8d %10.2f %10.0f %8d %8d %8d\n' "new-$run" "$ROWS" "$seconds" \
    "$(echo "$ROWS / $seconds" | bc -l)" "$imported" "$skipped" "$failed"
done
read -r seconds imported updated skipped failed <<< "$(import_once "$token")"
printf '%-10s %8d %10.2f %10.0f %8d %8d %8d\n' "re-import" "$ROWS" "$seconds" \
  "$(echo "$ROWS / $seconds" | bc -l)" "$imported" "$skipped" "$failed"

median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
echo
printf 'median of %d new-account imports: %.2f s (target 5 s: %.2fx of target)\n' "$RUNS" "$median" "$(echo "$median / 5" | bc -l)"
printf 'app peak resident memory: %d MiB\n' "$((rss_kb / 1024))"
