-- bench/city/common.lua: what every city wrk script shares. bench/city/run sets
-- the environment: JIELI_TOKEN (a bearer token of the benchmark worker) and the
-- lists the scripts rotate over (comma separated).
local common = {}

function common.list(name)
  local items = {}
  for item in string.gmatch(os.getenv(name) or "", "[^,]+") do items[#items + 1] = item end
  assert(#items > 0, name .. " is empty: run through bench/city/run")
  return items
end

-- Percent-encodes a query value (names are UTF-8 Chinese).
function common.escape(text)
  return (string.gsub(text, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function common.init()
  wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("JIELI_TOKEN"), "JIELI_TOKEN is missing")
  wrk.headers["Accept"] = "application/json"
end

-- Each wrk thread starts at another place in the rotation.
local next_index = nil
function common.next(items)
  if next_index == nil then next_index = math.random(#items) end
  next_index = next_index % #items + 1
  return items[next_index]
end

return common
