package io.hindsight.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Feed payloads in exactly the shapes of the cross-service contracts (BRIEF.md), for driving the indexer. */
final class Payloads {

    static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    static ObjectNode incident(long id, String title, String symptom, String priority, String detectedAt, String... services) {
        ObjectNode in = JSON.createObjectNode();
        in.put("id", id).put("title", title).put("symptom", symptom);
        strings(in.putArray("services"), services);
        in.putObject("labels").put("team", "payments");
        in.put("drill", false).put("status", "RESOLVED").put("statusLabel", "Resolved").put("phase", "VERIFY")
                .put("priority", priority);
        ObjectNode triage = in.putObject("triage");
        triage.put("scope", "ALL_USERS").put("dataAtRisk", false).put("computedPriority", priority);
        triage.putArray("reasons").add("critical flow broken");
        triage.putNull("override");
        Instant detected = Instant.parse(detectedAt);
        in.put("impactStartedAt", detected.minusSeconds(300).toString()).put("detectedAt", detected.toString())
                .put("acknowledgedAt", detected.plusSeconds(120).toString())
                .put("mitigatedAt", detected.plusSeconds(1200).toString())
                .put("resolvedAt", detected.plusSeconds(3300).toString());
        in.put("commander", "responder").putNull("commsLead");
        in.putArray("responders").add("responder");
        in.put("nextUpdateDue", detected.plusSeconds(3600).toString()).put("overdue", false);
        in.putArray("redFlags");
        in.putArray("hypotheses");
        in.putArray("changes");
        ArrayNode updates = in.putArray("statusUpdates");
        updates.addObject().put("postedAt", detected.plusSeconds(60).toString()).put("status", "INVESTIGATING")
                .put("nextUpdateAt", detected.plusSeconds(960).toString());
        updates.addObject().put("postedAt", detected.plusSeconds(900).toString()).put("status", "FIX_IN_PROGRESS")
                .put("nextUpdateAt", detected.plusSeconds(1800).toString());
        in.put("declaredBy", "responder").put("createdAt", detected.toString()).put("updatedAt", detected.plusSeconds(3300).toString())
                .put("version", 3);
        return in;
    }

    static ObjectNode hypothesis(ObjectNode incident, long id, String statement, String outcome) {
        incident.withArray("hypotheses").addObject().put("id", id).put("statement", statement)
                .put("prediction", "if so, " + statement).put("outcome", outcome);
        return incident;
    }

    static ObjectNode change(ObjectNode incident, long id, String description, Long hypothesisId, String outcome) {
        ObjectNode change = incident.withArray("changes").addObject().put("id", id).put("description", description);
        if (hypothesisId == null) {
            change.putNull("hypothesisId");
        } else {
            change.put("hypothesisId", hypothesisId);
        }
        change.put("revertPlan", "roll back").put("outcome", outcome).put("appliedAt", incident.get("detectedAt").asText());
        return incident;
    }

    static ObjectNode postmortem(long id, Long incidentId, String status, String title, String summary, String rootCause,
                                 String[] services, String[] categories) {
        ObjectNode pm = JSON.createObjectNode();
        pm.put("id", id);
        if (incidentId == null) {
            pm.putNull("incidentId");
        } else {
            pm.put("incidentId", incidentId);
        }
        pm.put("title", title).put("status", status).put("summary", summary);
        pm.putObject("impact").put("users", "all checkout users").put("durationMinutes", 35).put("revenue", "lost orders").put("sla", "breached");
        pm.put("rootCause", rootCause);
        pm.putArray("contributingFactors").add("SHOTGUN_DEBUGGING");
        pm.put("detection", "alert on error rate").put("wentWell", "rollback was quick").put("wentBadly", "slow to page")
                .put("prevention", "add a canary stage");
        pm.putArray("lessons").addObject().put("id", 3).put("title", "Canary every deploy");
        pm.putArray("actionItems").addObject().put("id", id * 100 + 1).put("title", "Add canary for " + title).put("owner", "author")
                .put("dueDate", "2026-12-01").put("priority", "P1").put("status", "OPEN").put("link", "https://tracker/1");
        strings(pm.putArray("services"), services);
        pm.put("priority", "P1");
        strings(pm.putArray("categories"), categories);
        pm.put("impactStartedAt", "2026-10-01T10:00:00Z").put("resolvedAt", "2026-10-01T10:35:00Z");
        if ("PUBLISHED".equals(status)) {
            pm.put("publishedAt", "2026-10-03T10:00:00Z");
        } else {
            pm.putNull("publishedAt");
        }
        pm.putObject("source").put("kind", "NATIVE").putNull("id").putNull("url").putNull("company");
        pm.put("createdBy", "author").put("createdAt", "2026-10-02T10:00:00Z").put("updatedAt", "2026-10-03T10:00:00Z").put("version", 1);
        return pm;
    }

    static ObjectNode lesson(long id, String title, String body, long... postmortemIds) {
        ObjectNode lesson = JSON.createObjectNode().put("id", id).put("title", title).put("body", body);
        lesson.putArray("tags").add("deploy");
        ArrayNode pms = lesson.putArray("postmortemIds");
        for (long pm : postmortemIds) {
            pms.add(pm);
        }
        lesson.put("recurrence", 3).put("status", "PUBLISHED").put("updatedAt", "2026-10-05T10:00:00Z");
        return lesson;
    }

    static ObjectNode actionItem(long id, long postmortemId, String title, String status, String dueDate) {
        return JSON.createObjectNode().put("id", id).put("postmortemId", postmortemId).put("title", title).put("owner", "author")
                .put("dueDate", dueDate).put("priority", "P1").put("status", status).put("link", "https://tracker/" + id);
    }

    private static void strings(ArrayNode array, String... values) {
        for (String v : values) {
            array.add(v);
        }
    }
}
