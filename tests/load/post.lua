-- wrk script: POSTs JSON bodies (one per line of a file, picked at random) to one path and
-- prints one summary line.   wrk ... -s tests/load/post.lua URL -- /api/v1/search tests/load/search.jsonl
local bodies, path = {}, "/"
function init(args)
  path = args[1]
  for line in io.lines(args[2]) do bodies[#bodies + 1] = line end
end
function request()
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, bodies[math.random(#bodies)])
end
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("LOAD %s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f socket_errors=%d non_2xx=%d\n",
    "/", summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
