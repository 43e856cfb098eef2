-- wrk script for bench/webhook-ingest.sh: posts the execution in execution.json to
-- /webhooks/bolna. MODE=distinct gives every request an execution id of its own; MODE=repeat
-- sends one execution again and again. Prints "RESULT p50 p99 requests non2xx socket_errors"
-- (latencies in microseconds).
local body = io.open(os.getenv("PAYLOAD")):read("*a"):gsub("\n$", "")
local distinct = os.getenv("MODE") ~= "repeat"
local path = "/webhooks/bolna?token=" .. os.getenv("WEBHOOK_TOKEN")
local headers = { ["Content-Type"] = "application/json" }
local thread_id = 0
local counter = 0
local run = os.getenv("RUN") or "0"

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function request()
  counter = counter + 1
  local id = distinct and ("bench-" .. run .. "-" .. tid .. "-" .. counter) or ("bench-repeat-" .. run)
  return wrk.format("POST", path, headers, (body:gsub("__ID__", id)))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\n",
    latency:percentile(50), latency:percentile(99),
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
