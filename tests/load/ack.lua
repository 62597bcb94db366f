-- wrk script for the scale-out test: POSTs JSON bodies (one per line of a file, picked at
-- random) and writes the inquiry_id of every 200 answer to OUT.<thread>, so the test can check
-- that each acknowledged inquiry is stored.
--   wrk ... -s tests/load/ack.lua URL -- /api/v1/search tests/load/search.jsonl OUT
local bodies, path, out = {}, "/", nil
local count = 0
function setup(thread)
  count = count + 1
  thread:set("thread_no", count)
end
function init(args)
  path = args[1]
  for line in io.lines(args[2]) do bodies[#bodies + 1] = line end
  out = io.open(args[3] .. "." .. thread_no, "w")
end
function request()
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, bodies[math.random(#bodies)])
end
function response(status, headers, body)
  if status == 200 then
    local id = body:match('"inquiry_id":"([%x%-]+)"')
    if id then
      out:write(id, "\n")
      out:flush()
    end
  end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SCALE requests=%d p50_ms=%.2f p99_ms=%.2f socket_errors=%d non_2xx=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
