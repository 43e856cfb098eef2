#!/usr/bin/env python3
"""Follows a list's next_cursor N times (bench/read-side.sh): prints the cursor of page N+1 and the
created_at and id it decodes to, after checking they are the last item of page N, whose JSON is
saved to OUT. Prints nothing when the list has fewer pages. Usage: walk-pages.py URL TOKEN N OUT"""
import base64, json, sys, urllib.parse, urllib.request

url, token, pages, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
cursor, body = None, None
for _ in range(pages):
    query = "" if cursor is None else ("&" if "?" in url else "?") + "cursor=" + urllib.parse.quote(cursor)
    request = urllib.request.Request(url + query, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
    cursor = body.get("next_cursor")
    if not cursor:
        sys.exit(0)
with open(out, "w") as f:
    json.dump(body, f, indent=1)
raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
at, id_ = raw.split("|", 1)
last = body["items"][-1]
if last["id"] != id_:
    sys.exit(f"the cursor names {id_}, the last item of page {pages} is {last['id']}")
print(cursor, at, id_)
