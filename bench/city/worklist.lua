-- GET /api/v1/worklist of the benchmark worker, a page of 20 (the home page shows
-- the oldest due first and pages): every deadline, approval and follow-up of the
-- worker is gathered and sorted; total and overdue count them all.
local common = dofile(os.getenv("BENCH_CITY_DIR") .. "/common.lua")
common.init()

function request()
  return wrk.format("GET", "/api/v1/worklist?page=1&page_size=20")
end
