-- wrk script: each request asks for a 100-entry page of the timeline starting at a random day, so
-- requests spread over the whole date index instead of repeating one. FILTER (environment) is
-- appended as is, e.g. "&entity=Anna%20Kim-3".
local filter = os.getenv("FILTER") or ""
local first_year, last_year = 1990, 2026

request = function()
  local day = string.format("%04d-%02d-%02d", math.random(first_year, last_year - 1),
                            math.random(1, 12), math.random(1, 28))
  return wrk.format("GET", "/api/v1/timeline?limit=100&from=" .. day .. filter)
end
