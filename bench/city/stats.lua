-- The home page's counts (issue 14): by stage, open by risk, per worker,
-- overdue, opened and closed per month, over the benchmark worker's scope —
-- read from the case rollup.
local common = dofile(os.getenv("BENCH_CITY_DIR") .. "/common.lua")
common.init()

function request()
  return wrk.format("GET", "/api/v1/cases/stats")
end
