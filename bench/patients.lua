-- wrk script: GET <prefix>/<patient id> for a random patient, with the Bearer
-- token of the practitioner of that patient's clinic.
--   BENCH_TARGETS  file of "clinic_no,patient_id" lines (bench/run.sh writes it)
--   BENCH_TOKENS   file of "clinic_no token" lines
--   BENCH_PREFIX   path prefix, e.g. /api/v1/patients
-- Every request is formatted once per thread in init(); request() only picks
-- one, so wrk's own CPU cost stays small. done() prints one machine-readable
-- line that run.sh parses.

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

local reqs = {}
local n = 0

local function lines(file)
  local f = assert(io.open(file, "r"), "cannot open " .. file)
  local t = {}
  for line in f:lines() do
    if line ~= "" then t[#t + 1] = line end
  end
  f:close()
  return t
end

function init(args)
  math.randomseed(os.time() * 1000 + seed)
  local prefix = os.getenv("BENCH_PREFIX") or "/api/v1/patients"
  local tokens = {}
  for _, line in ipairs(lines(os.getenv("BENCH_TOKENS"))) do
    local k, tok = line:match("^(%S+)%s+(%S+)$")
    tokens[k] = tok
  end
  for _, line in ipairs(lines(os.getenv("BENCH_TARGETS"))) do
    local k, id = line:match("^([^,]+),([^,]+)$")
    local tok = assert(tokens[k], "no token for clinic " .. tostring(k))
    n = n + 1
    reqs[n] = wrk.format("GET", prefix .. "/" .. id, { ["Authorization"] = "Bearer " .. tok })
  end
  assert(n > 0, "no targets")
end

function request()
  return reqs[math.random(n)]
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
