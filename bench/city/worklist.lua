-- GET /api/v1/worklist of the benchmark worker: deadlines, approvals, follow-ups.
local common = dofile(os.getenv("BENCH_CITY_DIR") .. "/common.lua")
common.init()

function request()
  return wrk.format("GET", "/api/v1/worklist")
end
