-- wrk script: the benchmark's query mix (as BenchmarkCorpus.query()), each connection a client that pauses
-- THINK_MS on average between queries (0: no pause, i.e. saturation).
local exceptions = {"NullPointerException", "OutOfMemoryError", "SocketTimeoutException", "IllegalStateException",
  "ConcurrentModificationException", "SQLTransientConnectionException", "ConnectException", "StackOverflowError"}
local classes = {"PromoValidator", "OrderRepository", "PaymentGatewayClient", "CartMerger", "PriceCalculator",
  "SessionCache", "InventoryReservation", "TokenRefresher", "ShipmentRouter", "FeatureFlagClient"}
local services = {"checkout", "orders-api", "payments", "catalog", "search", "auth", "inventory", "shipping",
  "notifications", "pricing", "cart", "recommendations", "gateway", "billing", "accounts"}
local codes = {"500", "502", "503", "504", "429", "ERR_CONNECTION_RESET", "ECONNREFUSED", "ORA-00060", "SQLSTATE 40001", "ETIMEDOUT"}
local think = tonumber(os.getenv("THINK_MS") or "0")

local function pick(t) return t[math.random(#t)] end
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  local k = math.random(0, 6)
  local q
  if k == 0 then q = pick(exceptions)
  elseif k == 1 then q = pick(classes)
  elseif k == 2 then q = '"connection pool"'
  elseif k == 3 then q = "latency database " .. pick(services)
  elseif k == 4 then q = "service:" .. pick(services) .. " AND memory"
  elseif k == 5 then q = pick(codes)
  else q = "crash under load NOT drill" end
  return wrk.format("GET", "/api/search?limit=20&q=" .. encode(q))
end

function delay()
  if think <= 0 then return 0 end
  return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
end
