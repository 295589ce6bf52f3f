-- bench/quality/values.lua: the quality dashboard's request, GET
-- /api/v1/quality/indicators/values with QUALITY_QUERY (set by bench/quality/run)
-- and the bearer token JIELI_TOKEN.
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("JIELI_TOKEN"), "JIELI_TOKEN is missing")
  wrk.headers["Accept"] = "application/json"
  wrk.path = "/api/v1/quality/indicators/values?" .. assert(os.getenv("QUALITY_QUERY"))
end
