-- POST /api/v1/cases/{id}/services: a service record on one of the worker's
-- open cases, those in intervention first (SERVICE_CASE_IDS), dated
-- SERVICE_DATE (after every one of them opened). A bearer token needs no CSRF token.
local common = dofile(os.getenv("BENCH_CITY_DIR") .. "/common.lua")
local ids = common.list("SERVICE_CASE_IDS")
local date = os.getenv("SERVICE_DATE") or "2026-11-20"
local body = '{"date":"' .. date .. '","minutes":45,"mode":"home_visit","content":"入户探访，了解近况",'
  .. '"technique":"倾听与同理","progress_note":"情绪较上周平稳"}'
common.init()
wrk.headers["Content-Type"] = "application/json"

function request()
  return wrk.format("POST", "/api/v1/cases/" .. common.next(ids) .. "/services", nil, body)
end
