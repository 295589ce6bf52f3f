-- The case list screen's default order on one stage (issue 14): intervention
-- cases, newest first, 20 a page.
local common = dofile(os.getenv("BENCH_CITY_DIR") .. "/common.lua")
common.init()

function request()
  return wrk.format("GET", "/api/v1/cases?stage=intervention&sort=-opened_at&page_size=20")
end
