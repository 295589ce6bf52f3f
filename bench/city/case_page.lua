-- A filtered page of cases as the case list screen asks for it: intervention
-- cases of high risk, and every overdue open case, 20 a page.
local common = dofile(os.getenv("BENCH_CITY_DIR") .. "/common.lua")
local paths = {
  "/api/v1/cases?stage=intervention&risk=high&page=1&page_size=20",
  "/api/v1/cases?stage=open&overdue=true&sort=due_at&page=1&page_size=20",
}
common.init()

function request()
  return wrk.format("GET", common.next(paths))
end
