-- GET /api/v1/clients?q=… : a name search, rotating over fragments that match
-- clients of the worker's agency (SEARCH: surname + first given character,
-- full names, one surname).
local common = dofile(os.getenv("BENCH_CITY_DIR") .. "/common.lua")
local paths = {}
for _, q in ipairs(common.list("SEARCH")) do
  paths[#paths + 1] = "/api/v1/clients?q=" .. common.escape(q) .. "&page=1&page_size=20"
end
common.init()

function request()
  return wrk.format("GET", common.next(paths))
end
