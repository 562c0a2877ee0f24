-- wrk script: GET paths drawn at random from a file (one path a line), count X-Cache hits and non-200s,
-- and print one JSON line with the latency percentiles (microseconds) when done.
--   wrk -t1 -c8 -d10s -s bench/paths.lua http://127.0.0.1:8000 -- paths.txt SEED
local paths = {}
local threads = {}
hits, misses, non200 = 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(tonumber(args[2] or "1"))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
  local cache = headers["X-Cache"]
  if cache == "hit" then hits = hits + 1 elseif cache == "miss" then misses = misses + 1 end
end

function done(summary, latency, requests)
  local h, m, bad = 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits"); m = m + t:get("misses"); bad = bad + t:get("non200")
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"bytes":%d,"duration_us":%d,"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f,' ..
    '"hits":%d,"misses":%d,"non200":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d}\n',
    summary.requests, summary.bytes, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, h, m, bad, e.connect, e.read, e.write, e.timeout))
end
