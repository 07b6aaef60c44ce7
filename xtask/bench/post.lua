-- wrk script: POST /api/cases with a realistic pre-check body and a unique
-- Idempotency-Key per request (thread id + counter), so every request stores a case.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local body
local n = 0
function init(args)
  body = io.open(os.getenv("BODY")):read("*a")
end

function request()
  n = n + 1
  return wrk.format("POST", "/api/cases", {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. tid .. "-" .. n,
  }, body)
end
