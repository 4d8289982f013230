package io.hindsight.ui.rest;

import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;

/** Reads the problem+json a service answered with into one sentence for the page. */
final class Problems {

    private Problems() {
    }

    @SuppressWarnings("unchecked")
    static String describe(WebApplicationException e) {
        try {
            Map<String, Object> problem = e.getResponse().readEntity(Map.class);
            StringBuilder sb = new StringBuilder(String.valueOf(problem.getOrDefault("detail", problem.getOrDefault("title", "Refused"))));
            Object violations = problem.get("violations");
            if (violations instanceof List<?> list && !list.isEmpty()) {
                sb.append(" (");
                for (int i = 0; i < list.size(); i++) {
                    Map<String, Object> v = (Map<String, Object>) list.get(i);
                    sb.append(i > 0 ? "; " : "").append(v.get("field")).append(": ").append(v.get("message"));
                }
                sb.append(')');
            }
            return sb.toString();
        } catch (RuntimeException unreadable) {
            return "The service refused the request (HTTP " + e.getResponse().getStatus() + ").";
        }
    }
}
