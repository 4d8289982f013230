-- wrk script: POST a status update to the incidents listed in INCIDENTS (comma-separated ids), round-robin; each wrk
-- thread starts at its own place in the list, so the threads do not post to the same incident in lockstep.
local ids = {}
for id in string.gmatch(os.getenv("INCIDENTS") or "", "[^,]+") do ids[#ids + 1] = id end
local threads = 0
function setup(thread)
  thread:set("start", threads)
  threads = threads + 1
end
local n = nil
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
request = function()
  if n == nil then n = (start or 0) * math.floor(#ids / 2) end
  n = n + 1
  local path = "/api/incidents/" .. ids[(n % #ids) + 1] .. "/updates"
  local body = '{"scope":"bench","tried":[{"what":"checked db","result":"RULED_OUT"}],"nextSteps":[{"action":"watch","etaMinutes":5}]}'
  return wrk.format(nil, path, nil, body)
end
