# Sourced by the benchmarks after bench/start-app.sh (which sets PORT): the helpers to call the
# API, and draft_campaign, which makes a customer ready to call.
BASE="http://127.0.0.1:$PORT"
json() { # python-subscript -> the value from the JSON on stdin; says what came instead
  local input
  input=$(cat)
  python3 -c "import json,sys; print(json.loads(sys.argv[1])$1)" "$input" 2> /dev/null \
    || { echo "expected JSON, got: ${input:0:500}" >&2; return 1; }
}
post() { # path token body
  if [ -n "$2" ]; then
    curl -sS --fail-with-body -XPOST "$BASE$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$3"
  else
    curl -sS --fail-with-body -XPOST "$BASE$1" -H 'Content-Type: application/json' -d "$3"
  fi
}

# draft_campaign CONTACTS USER_LIMIT: as the bootstrap super_admin (root@bench.test, whose
# password the benchmark set), sets the platform's limit to 200; signs a customer up with that
# limit of their own and two credits per contact; imports CONTACTS generated US numbers; makes an
# agent and a draft campaign over all contacts, calling around the clock, one attempt each.
# Sets ROOT, TOKEN, USER_ID, AGENT and CAMPAIGN.
draft_campaign() {
  local contacts=$1 limit=$2 signup try
  # Health answers UP once the server listens; the super_admin is made just after.
  for try in $(seq 1 60); do
    ROOT=$(post /api/auth/login "" '{"email": "root@bench.test", "password": "bench-root-password"}' 2> /dev/null \
      | json '["token"]' 2> /dev/null) && break
    sleep 0.5
  done
  [ -n "$ROOT" ] || { echo "the bootstrap super_admin could not sign in" >&2; return 1; }
  signup=$(post /api/auth/signup "" "{\"email\": \"bench-$RANDOM@example.com\", \"name\": \"Bench\", \"password\": \"bench-password\"}")
  TOKEN=$(echo "$signup" | json '["token"]')
  USER_ID=$(echo "$signup" | json '["user"]["id"]')
  curl -sf -o /dev/null -XPUT "$BASE/api/admin/system/limits" -H "Authorization: Bearer $ROOT" \
    -H 'Content-Type: application/json' -d '{"system_concurrent_calls_limit": 200}'
  curl -sf -o /dev/null -XPATCH "$BASE/api/admin/users/$USER_ID" -H "Authorization: Bearer $ROOT" \
    -H 'Content-Type: application/json' -d "{\"concurrent_calls_limit\": $limit}"
  post "/api/admin/users/$USER_ID/credits" "$ROOT" "{\"amount\": $((contacts * 2)), \"description\": \"bench\"}" > /dev/null
  awk -v rows="$contacts" 'BEGIN { print "name,phone_number";
    for (i = 0; i < rows; i++) printf "Contact %d,+1415%07d\n", i, 2000000 + i }' > "$WORK/contacts.csv"
  curl -sf -o /dev/null -XPOST "$BASE/api/contacts/import" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: text/csv' --data-binary "@$WORK/contacts.csv"
  AGENT=$(post /api/agents "$TOKEN" '{"name": "Bench", "prompt": "Sell"}' | json '["id"]')
  CAMPAIGN=$(post /api/campaigns "$TOKEN" "{\"name\": \"Bench\", \"agent_id\": \"$AGENT\",
    \"next_action\": \"Book a demo\", \"first_call_time\": \"00:00\", \"last_call_time\": \"23:59\",
    \"start_date\": \"$(date -u -d yesterday +%F)\", \"timezone\": \"UTC\", \"max_attempts\": 1}" | json '["id"]')
}
