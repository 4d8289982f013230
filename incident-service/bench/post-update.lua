-- wrk script: POST a status update to one of the incidents listed in INCIDENTS (comma-separated ids), round-robin.
local ids = {}
for id in string.gmatch(os.getenv("INCIDENTS") or "", "[^,]+") do ids[#ids + 1] = id end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
request = function()
  n = n + 1
  local path = "/api/incidents/" .. ids[(n % #ids) + 1] .. "/updates"
  local body = '{"scope":"bench","tried":[{"what":"checked db","result":"RULED_OUT"}],"nextSteps":[{"action":"watch","etaMinutes":5}]}'
  return wrk.format(nil, path, nil, body)
end
