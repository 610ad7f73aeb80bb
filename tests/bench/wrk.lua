-- wrk script for scripts/bench.sh. BENCH_MODE picks what each request is:
--   get    GET wrk's URL path with the session cookie (BENCH_COOKIE)
--   save   POST a new pupil to BENCH_PATH with the session cookie and its CSRF token
--          (BENCH_CSRF); every pupil gets its own valid national number
--   flood  POST /login with a wrong password for a random account, from a random
--          X-Forwarded-For address (the server runs with --trust-proxy), so every
--          attempt costs a password hash instead of hitting the per-address throttle
-- done() prints one line: "RESULT requests=.. seconds=.. rps=.. p50_ms=.. p99_ms=.. errors=..".
local mode = os.getenv("BENCH_MODE") or "get"
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local path = os.getenv("BENCH_PATH")

local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local id, seq = 0, 0
function init(args)
  id = tonumber(wrk.thread:get("id")) or 0
  math.randomseed(os.time() * 100 + id)
  if mode == "get" then
    wrk.headers["Cookie"] = cookie
  end
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Born in 2001-2005, one year per wrk thread (so at most 5 threads; generated data sets use
-- 2007-2009): month, day and serial count up (335,000 numbers per thread), the check digits
-- are mod 97 over "2" .. the first nine, as for everyone born from 2000 on.
local function national_number(thread, n)
  local year = 1 + thread
  local d = n % 336
  local month, day = 1 + math.floor(d / 28), 1 + d % 28
  local serial = 1 + math.floor(n / 336)
  local first9 = year * 10000000 + month * 100000 + day * 1000 + serial
  local check = 97 - (2000000000 + first9) % 97
  return string.format("%09d%02d", first9, check)
end

local transports = { "fiets", "openbaar-vervoer", "auto", "bromfiets", "elektrische-fiets" }

function request()
  if mode == "save" then
    seq = seq + 1
    local body = table.concat({
      "csrf=" .. urlencode(csrf),
      "first_name=Bench", "last_name=" .. urlencode(string.format("Leerling %d-%d", id, seq)),
      "national_number=" .. national_number(id, seq),
      "street=" .. urlencode("Kerkstraat " .. (seq % 200 + 1)), "postcode=8500", "city=Kortrijk",
      "province=" .. urlencode("West-Vlaanderen"), "phone=" .. urlencode("0470 12 34 56"),
      "email=" .. urlencode(string.format("bench%d.%d@leerling.test", id, seq)),
      "transport=" .. transports[seq % 5 + 1], "remarks=",
      "contact_id=" .. (os.getenv("BENCH_CONTACT") or ""), "format=blok", "period_count=2",
      "hours_per_week=32", "total_hours=128",
      "p1_start=" .. urlencode("11/01/2027"), "p1_end=" .. urlencode("22/01/2027"),
      "p2_start=" .. urlencode("15/03/2027"), "p2_end=" .. urlencode("26/03/2027"),
      "request_remarks=", "preference=",
    }, "&")
    return wrk.format("POST", path, {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, body)
  elseif mode == "flood" then
    local body = "csrf=" .. urlencode(csrf) .. "&email=" ..
      urlencode(string.format("school%d@bench.test", math.random(1, 300))) .. "&password=wrong-password-" ..
      math.random(1, 1000000)
    return wrk.format("POST", "/login", {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254)),
    }, body)
  end
  return wrk.format(nil, path)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d status_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
