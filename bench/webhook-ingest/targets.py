"""Writes vegeta targets (JSON lines) for bench/webhook-ingest.sh: COUNT posts of execution.json to
/webhooks/bolna, each with an execution id of its own (MODE=distinct) or all with one (MODE=repeat).

Usage: targets.py BASE_URL RUN COUNT
"""
import base64
import json
import os
import sys

base, run, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
body = open(os.environ["PAYLOAD"]).read().rstrip("\n")
url = f"{base}/webhooks/bolna?token={os.environ['WEBHOOK_TOKEN']}"
distinct = os.environ.get("MODE") != "repeat"
header = {"Content-Type": ["application/json"]}
out = sys.stdout
for i in range(count):
    execution = f"bench-{run}-{i}" if distinct else f"bench-repeat-{run}"
    payload = body.replace("__ID__", execution).encode()
    out.write(json.dumps({"method": "POST", "url": url, "header": header,
                          "body": base64.b64encode(payload).decode()}))
    out.write("\n")
