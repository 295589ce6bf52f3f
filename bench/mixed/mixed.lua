-- bench/mixed: a working day's mix for one social worker's token, as issue 5
-- asks: 70 % reads (a case, the worklist, a filtered case page, a client name
-- search), 25 % writes (service records and stage-form saves), 5 % dashboards
-- (the home page's counts). Requests of each kind rotate over the targets that
-- jieli_citygen wrote (bench/mixed/run passes them); service records and stage
-- saves go to different cases, so that they do not race for one case's version.
local common = dofile(os.getenv("BENCH_CITY_DIR") .. "/common.lua")
local case_ids = common.list("CASE_IDS")
local record_ids = common.list("RECORD_CASE_IDS")  -- open cases: service records
local save_ids = common.list("SAVE_CASE_IDS")      -- other cases in intervention: form saves
local search = common.list("SEARCH")
local date = os.getenv("SERVICE_DATE") or "2026-11-20"

local service_body = '{"date":"' .. date .. '","minutes":45,"mode":"home_visit",'
  .. '"content":"入户探访，了解近况","technique":"倾听与同理","progress_note":"情绪较上周平稳"}'
local stage_body = '{"draft":true,"data":{"resources":[{"type":"economic","provider":"街道办",'
  .. '"description":"临时救助金 800 元"}],"progress_summary":"资源链接进行中"}}'
local pages = {
  "/api/v1/cases?stage=intervention&risk=high&page=1&page_size=20",
  "/api/v1/cases?stage=open&overdue=true&sort=due_at&page=1&page_size=20",
}
local i_case, i_record, i_save, i_search, i_page = 0, 0, 0, 0, 0
local function next_of(list, i) return list[i % #list + 1] end

common.init()
-- wrk.format uses the headers it is given instead of wrk.headers: the token too.
local json_headers = { ["Content-Type"] = "application/json" }
for name, value in pairs(wrk.headers) do json_headers[name] = value end

function request()
  local r = math.random(100)
  if r <= 30 then
    i_case = i_case + 1
    return wrk.format("GET", "/api/v1/cases/" .. next_of(case_ids, i_case))
  elseif r <= 45 then
    return wrk.format("GET", "/api/v1/worklist?page=1&page_size=20")
  elseif r <= 55 then
    i_page = i_page + 1
    return wrk.format("GET", next_of(pages, i_page))
  elseif r <= 70 then
    i_search = i_search + 1
    return wrk.format("GET", "/api/v1/clients?q=" .. common.escape(next_of(search, i_search))
      .. "&page=1&page_size=20")
  elseif r <= 90 then
    i_record = i_record + 1
    return wrk.format("POST", "/api/v1/cases/" .. next_of(record_ids, i_record) .. "/services",
      json_headers, service_body)
  elseif r <= 95 then
    i_save = i_save + 1
    return wrk.format("PUT", "/api/v1/cases/" .. next_of(save_ids, i_save)
      .. "/stages/intervention", json_headers, stage_body)
  else
    return wrk.format("GET", "/api/v1/cases/stats")
  end
end

-- Each thread seeds its own random stream differently.
function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end
