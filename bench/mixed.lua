-- bench/mixed.lua — the mixed load of bench/mixed.sh for wrk, one
-- connection per thread (run wrk with -t N -c N): a request and its answer
-- then belong to one thread, so each thread times its own requests and the
-- figures come out per class.  Environment:
--   MIX_DATA   the file of bench/mixed_prep.py (sessions, CSRF tokens, samples)
--   MIX        class=weight,... (default below); a class of weight 0 never runs
--   MIX_GZIP   1: send Accept-Encoding: gzip, as browsers do (default 1)
--   MIX_LABEL  name printed before the figures
-- Classes: static (nginx files), verify (the page a certificate's QR opens),
-- track (public JSON tracking), my (a citizen's list), myapp (a citizen's
-- application page), api (a citizen's application, JSON, bearer token),
-- desk (an officer's desk list), view (an officer opens an application),
-- act (an officer takes the next application, POST /desk/next with CSRF,
-- then forwards it: POST /desk/app/NO; two requests, classes act_next and
-- act_forward), submit (a CSC files a Birth Certificate: the apply page's
-- whole form in one POST with CSRF).
--   MIX_OUT    prefix of the per-thread timing files (PREFIX.<thread>), one
--              line per answer: class, 1 if the status was the expected one
--              (200, or 303 for the POSTs) else 0, microseconds;
--              bench/mixed_sum.py turns them into figures per class
-- Prints wrk's own total line.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } gs_timespec;
int clock_gettime(int clk, gs_timespec *ts);
]]
local ts = ffi.new("gs_timespec")
local function now_us()
   ffi.C.clock_gettime(1, ts)	-- CLOCK_MONOTONIC
   return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local DEFAULT_MIX = "static=20,verify=10,track=10,my=8,myapp=5,api=10,desk=15,view=15,act=4,submit=3"
local nthreads = 0

-- each thread its number (tid): its officer and CSC, its timing file
function setup(thread)
   nthreads = nthreads + 1
   thread:set("tid", nthreads)
end

local function split(s, sep)
   local out = {}
   for f in (s .. sep):gmatch("(.-)" .. sep) do out[#out + 1] = f end
   return out
end

-- per-thread state (each wrk thread has its own Lua state)
local D = { officer = {}, citizen = {}, csc = {}, verify = {}, track = {}, view = {}, static = {} }
local wheel = {}		-- class names, repeated by weight
local out			-- this thread's file of timings
local pending = nil		-- the next request of a chain (act_forward)
local cur_class, cur_t0, cur_expect
local me_officer, me_csc
local submit_body, office

function init(args)
   math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
   for line in io.lines(os.getenv("MIX_DATA")) do
      local f = split(line, "\t")
      local k = f[1]
      if k == "office" then office = f[2]
      elseif k == "submit_body" then submit_body = f[2]
      elseif k == "citizen" then
         local nos = {}
         for i = 4, #f do nos[#nos + 1] = f[i] end
         D.citizen[#D.citizen + 1] = { cookie = f[2], token = f[3], nos = nos }
      elseif k == "officer" or k == "csc" then D[k][#D[k] + 1] = { cookie = f[2], csrf = f[3] }
      elseif k == "track" then D.track[#D.track + 1] = { no = f[2], mobile = f[3] }
      elseif D[k] then D[k][#D[k] + 1] = f[2]
      end
   end
   local mix = os.getenv("MIX")
   if not mix or mix == "" then mix = DEFAULT_MIX end
   for _, kv in ipairs(split(mix, ",")) do
      local name, w = kv:match("^(%w+)=(%d+)$")
      for _ = 1, tonumber(w or 0) do wheel[#wheel + 1] = name end
   end
   -- one file per thread, "class ok microseconds" a line; stdio flushes
   -- it when wrk exits (done() cannot read big tables from the threads:
   -- wrk 4.1 crashes copying them)
   out = assert(io.open(os.getenv("MIX_OUT") .. "." .. (tid or 0), "w"))
   me_officer = D.officer[(tid or 1) % #D.officer + 1]
   me_csc = D.csc[(tid or 1) % #D.csc + 1]
   if (os.getenv("MIX_GZIP") or "1") == "1" then
      wrk.headers["Accept-Encoding"] = "gzip, deflate"
   end
end

local function pick(t) return t[math.random(#t)] end

local FORM = "application/x-www-form-urlencoded"

-- builds the request of class c; sets what the answer should be
local function build(c)
   cur_class, cur_expect = c, 200
   if c == "static" then return wrk.format("GET", pick(D.static)) end
   if c == "verify" then return wrk.format("GET", pick(D.verify)) end
   if c == "track" then
      local t = pick(D.track)
      return wrk.format("GET", "/api/v1/track?number=" .. t.no .. "&mobile=" .. t.mobile)
   end
   if c == "my" or c == "myapp" or c == "api" then
      local z = pick(D.citizen)
      if c == "my" then return wrk.format("GET", "/my", { Cookie = "gs_s=" .. z.cookie }) end
      if c == "myapp" then return wrk.format("GET", "/my/app/" .. pick(z.nos), { Cookie = "gs_s=" .. z.cookie }) end
      return wrk.format("GET", "/api/v1/applications/" .. pick(z.nos), { Authorization = "Bearer " .. z.token })
   end
   local ck = { Cookie = "gs_s=" .. me_officer.cookie }
   if c == "desk" then return wrk.format("GET", "/desk", ck) end
   if c == "view" then return wrk.format("GET", "/desk/app/" .. pick(D.view), ck) end
   if c == "act" then
      cur_class, cur_expect = "act_next", 303
      return wrk.format("POST", "/desk/next", { Cookie = ck.Cookie, ["Content-Type"] = FORM },
         "office=" .. office .. "&role=karmachari&csrf=" .. me_officer.csrf)
   end
   if c == "submit" then
      cur_expect = 303
      return wrk.format("POST", "/apply/BRT", { Cookie = "gs_s=" .. me_csc.cookie, ["Content-Type"] = FORM },
         submit_body .. "&csrf=" .. me_csc.csrf)
   end
   error("unknown class " .. tostring(c))
end

function request()
   local req
   if pending then
      cur_class, cur_expect = "act_forward", 303
      req = wrk.format("POST", "/desk/app/" .. pending, { Cookie = "gs_s=" .. me_officer.cookie, ["Content-Type"] = FORM },
         "action=forward&remarks=documents+verified&csrf=" .. me_officer.csrf)
      pending = nil
   else
      req = build(pick(wheel))
   end
   cur_t0 = now_us()
   return req
end

function response(status, headers, body)
   local c = cur_class
   if not c then return end
   local ok = status == cur_expect
   out:write(c, ok and " 1 " or " 0 ", string.format("%.0f", now_us() - cur_t0), "\n")
   if ok and c == "act_next" then
      local no = (headers["Location"] or ""):match("^/desk/app/(.+)$")
      if no then pending = no end	-- "/desk?empty=1": the queue is empty, no forward
   end
   cur_class = nil
end

function done(summary, latency, requests)
   local e = summary.errors
   local secs = summary.duration / 1e6
   io.write(string.format("%s: %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%d requests in %.1f s, %d socket errors)\n",
      os.getenv("MIX_LABEL") or "mixed", summary.requests / secs, latency:percentile(50) / 1000,
      latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests, secs,
      e.connect + e.read + e.write + e.timeout))
end
