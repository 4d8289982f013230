-- wrk script: declare incidents.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
wrk.body = '{"title":"bench incident","symptom":"HTTP 500 on /checkout","service":"bench","drill":true}'
