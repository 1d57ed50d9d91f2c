-- bench/wrk.lua — the wrk script of the benchmarks.  Environment:
--   WRK_LABEL   name printed at the start of the result line
--   WRK_PATHS   file of request paths, one a line: each request picks one
--               at random (else the URL given to wrk)
--   WRK_LIMIT   stop each thread after this many responses (0: run for -d)
--   WRK_TOKEN   send "Authorization: Bearer WRK_TOKEN"
-- Prints one line: "LABEL: N req/s, p50 X ms, p95 Y ms, p99 Z ms (R requests
-- in S s, E errors)"; errors are non-2xx/3xx answers and socket errors.
local label = os.getenv("WRK_LABEL") or "wrk"
local pathfile = os.getenv("WRK_PATHS")
local limit = tonumber(os.getenv("WRK_LIMIT") or "0") or 0
local token = os.getenv("WRK_TOKEN")
local paths = nil
local counter = 0
local threads = {}

function setup(thread)
   counter = counter + 1
   thread:set("tid", counter)
   table.insert(threads, thread)
end

function init(args)
   math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
   if token and token ~= "" then
      wrk.headers["Authorization"] = "Bearer " .. token
   end
   if pathfile and pathfile ~= "" then
      paths = {}
      for line in io.lines(pathfile) do
         if #line > 0 then paths[#paths + 1] = line end
      end
   end
   responses = 0
end

function request()
   if paths then
      return wrk.format("GET", paths[math.random(#paths)])
   end
   return wrk.format()
end

if limit > 0 then
   function response(status, headers, body)
      responses = responses + 1
      if responses >= limit then
         wrk.thread:stop()
      end
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   local errs = e.connect + e.read + e.write + e.timeout + e.status
   local secs = summary.duration / 1e6
   io.write(string.format("%s: %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%d requests in %.1f s, %d errors)\n",
      label, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, summary.requests, secs, errs))
end
