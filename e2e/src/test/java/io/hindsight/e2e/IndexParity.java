package io.hindsight.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The search index against its sources: every id in {@code /api/admin/index/ids} and every live id on a change feed. */
final class IndexParity {

    record IndexPage(int total, int distinct, List<String> ids) {
    }

    private IndexParity() {
    }

    /** Every id of a type in the index, page by page, in the endpoint's (numeric) order. */
    static IndexPage indexIds(String search, String admin, String type) {
        List<String> ids = new ArrayList<>();
        int total = 0;
        int distinct = 0;
        Integer offset = 0;
        while (offset != null) {
            Http.Answer a = Http.get(search + "/api/admin/index/ids?type=" + type + "&limit=5000&offset=" + offset, admin,
                    Duration.ofSeconds(20));
            assertEquals(200, a.status(), a::toString);
            JsonNode page = a.json();
            total = page.get("total").asInt();
            distinct = page.get("distinct").asInt();
            page.get("ids").forEach(id -> ids.add(id.asText()));
            offset = page.get("nextOffset").isNull() ? null : page.get("nextOffset").asInt();
        }
        return new IndexPage(total, distinct, ids);
    }

    /** The ids of a type that exist at the source: on its change feed, not deleted by their last change; numeric order. */
    static List<String> sourceIds(String service, String admin, String type) {
        Map<String, Boolean> live = new HashMap<>();
        long after = 0;
        while (true) {
            Http.Answer a = Http.get(service + "/api/changes?after=" + after + "&limit=1000", admin, Duration.ofSeconds(30));
            assertEquals(200, a.status(), a::toString);
            JsonNode page = a.json();
            for (JsonNode c : page.get("changes")) {
                if (type.equals(c.get("entityType").asText())) {
                    live.put(c.get("entityId").asText(), !"DELETE".equalsIgnoreCase(c.get("operation").asText()));
                }
            }
            after = page.get("lastSeq").asLong();
            if (!page.get("hasMore").asBoolean()) {
                break;
            }
        }
        return live.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .sorted(java.util.Comparator.comparingLong(Long::parseLong)).toList();
    }
}
