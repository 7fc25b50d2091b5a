-- wrk script: POST /api/v1/sessions (sign-in) with the correct password of a
-- few accounts made for the storm, taken round-robin.
--   BENCH_SIGNINS  file of JSON bodies {"email": ..., "password": ...}, one a
--                  line (bench/run.sh writes it, in a directory only root reads)
-- Like patients.lua, every request is formatted once per thread in init(), and
-- done() prints one BENCH_RESULT line that run.sh parses, with the same fields.
-- Here rps counts 2xx answers only (completed sign-ins), non2xx counts the
-- answers that are neither 2xx nor 503, and busy counts the 503s the server
-- sends when its password queue is full. p50/p99 cover every answer, 503s
-- included (wrk has no per-status latency).

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("offset", #threads - 1)
end

local reqs = {}
local n = 0
local i = 0
-- Globals, so that done() can read them from each thread.
ok, busy, other, other_status = 0, 0, 0, 0

function init(args)
  local f = assert(io.open(os.getenv("BENCH_SIGNINS"), "r"), "cannot open BENCH_SIGNINS")
  for line in f:lines() do
    if line ~= "" then
      n = n + 1
      reqs[n] = wrk.format("POST", "/api/v1/sessions", { ["Content-Type"] = "application/json" }, line)
    end
  end
  f:close()
  assert(n > 0, "no sign-in bodies")
  i = offset or 0
end

function request()
  i = i + 1
  return reqs[(i % n) + 1]
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 503 then
    busy = busy + 1
  else
    other = other + 1
    other_status = status
  end
end

function done(summary, latency, requests)
  local o, b, x, xs = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    b = b + t:get("busy")
    x = x + t:get("other")
    if t:get("other_status") ~= 0 then xs = t:get("other_status") end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d connect=%d read=%d write=%d timeout=%d busy=%d ok=%d other_status=%d\n",
    summary.requests, secs, o / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    x, e.connect, e.read, e.write, e.timeout, b, o, xs))
end
