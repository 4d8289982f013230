-- wrk script: read one incident.
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
