-- GET /api/v1/cases/{id}, rotating over cases of the benchmark worker (CASE_IDS).
local common = dofile(os.getenv("BENCH_CITY_DIR") .. "/common.lua")
local ids = common.list("CASE_IDS")
common.init()

function request()
  return wrk.format("GET", "/api/v1/cases/" .. common.next(ids))
end
