-- wrk: a different country and 30-day window per request (defeats the API's response cache)
local codes = {}
for line in io.lines(os.getenv("CODES")) do codes[#codes + 1] = line end
local last = 1419292800
math.randomseed(os.time())
request = function()
  local cc = codes[math.random(#codes)]
  local shift = math.random(0, 29) * 300
  local to = last - shift
  return wrk.format("GET", "/api/signals?entity=country:" .. cc .. "&from=" .. (to - 30 * 86400) .. "&to=" .. to)
end
