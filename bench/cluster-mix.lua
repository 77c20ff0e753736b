-- wrk script of bench/cluster.sh: each connection cycles through a mix of public pages (the home page,
-- a search, a practice page), and at the end prints a readable summary and one JSON line.
-- MIX_PRACTICE (environment) is the practice page of the mix (default: a sample practice).
-- `/practices?q=welcome` is the search: `/?q=...` would be the home page again (it has no search).
local paths = { "/", "/practices?q=welcome", os.getenv("MIX_PRACTICE") or "/practices/anti-rumour-network" }
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  non2xx = 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter - 1) % #paths + 1])
end

-- Counted here rather than with summary.errors.status, which counts only statuses of 400 and above:
-- a redirect is not what this mix expects either.
function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

done = function(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write("== wrk summary\n")
  io.write(string.format("  %d requests in %.1f s: %.1f requests/s\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("  latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("  non-2xx answers: %d; socket errors: %d (connect %d, read %d, write %d, timeout %d)\n",
    non2xx_total, socket_errors, e.connect, e.read, e.write, e.timeout))
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"rps":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, summary.requests / seconds, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, non2xx_total, socket_errors))
end
