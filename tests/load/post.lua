-- wrk script: POSTs JSON bodies (one per line of a file, picked at random) to one path and
-- prints one summary line.   wrk ... -s tests/load/post.lua URL -- /api/v1/search tests/load/search.jsonl
-- With a third argument `distinct`, every request's "query" starts with a number no other request
-- uses, so no query repeats and each one misses the server's query-vector cache.
local bodies, path, distinct, sent = {}, "/", false, 0
local threads, thread_no = {}, 0
function setup(thread)
  thread:set("thread_no", #threads)
  threads[#threads + 1] = thread
end
function init(args)
  path = args[1]
  for line in io.lines(args[2]) do bodies[#bodies + 1] = line end
  distinct = args[3] == "distinct"
end
function request()
  local body = bodies[math.random(#bodies)]
  if distinct then
    sent = sent + 1
    local tag = string.format("%d%07d ", thread_no + 1, sent)
    body = body:gsub('"query": "', '"query": "' .. tag, 1)
  end
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
end
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("LOAD %s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f socket_errors=%d non_2xx=%d\n",
    "/", summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
