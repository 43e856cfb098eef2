-- wrk script for bench/read-side.sh: sends the bearer token from $TOKEN and prints one line
-- "RESULT p50 p95 p99 requests non2xx socket_errors" (latencies in microseconds).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
