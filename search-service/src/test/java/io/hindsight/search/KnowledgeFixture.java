package io.hindsight.search;

import static io.hindsight.search.Payloads.actionItem;
import static io.hindsight.search.Payloads.change;
import static io.hindsight.search.Payloads.hypothesis;
import static io.hindsight.search.Payloads.incident;
import static io.hindsight.search.Payloads.lesson;
import static io.hindsight.search.Payloads.postmortem;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;

/** A small knowledge base in the contract shapes, fed through the indexer as the real feeds would. */
final class KnowledgeFixture {

    private KnowledgeFixture() {
    }

    static void load(IndexWriterLifecycle index, ChangeFeedIndexer indexer) {
        index.clear();
        var incidents = new InMemoryFeed("incidents")
                .upsert("incident", 10, change(hypothesis(incident(10, "Checkout failing with HTTP 503",
                                "NullPointerException in com.acme.checkout.PromoValidator for users with promo codes; HTTP 503 on /api/pay",
                                "P1", "2026-09-01T10:00:00Z", "checkout"),
                        1, "Release v2.3.1 of PromoValidator broke null handling of promo codes", "CONFIRMED"),
                        1, "Rolled back checkout to v2.3.0", 1L, "IMPROVED"))
                .upsert("incident", 11, incident(11, "Orders API slow",
                        "API latency 15000ms, database CPU 98%, connection pool exhausted on db-01.prod.example.com",
                        "P0", "2026-10-10T08:00:00Z", "orders-api"))
                .upsert("incident", 12, incident(12, "Memory leak in search indexer",
                        "OutOfMemoryError every 2 hours under load, ERR_HEAP_EXHAUSTED", "P2", "2026-11-20T08:00:00Z", "indexer"));
        var drill = incident(13, "Drill: checkout down", "game day NullPointerException rehearsal", "P2", "2026-11-21T08:00:00Z", "checkout");
        drill.put("drill", true);
        incidents.upsert("incident", 13, drill);
        indexer.poll(incidents);

        indexer.poll(new InMemoryFeed("postmortems")
                .upsert("postmortem", 7, postmortem(7, 10L, "PUBLISHED", "Promo code validation outage",
                        "Checkout returned 503 for every order with a promo code",
                        "A null check was removed from PromoValidator in release v2.3.1",
                        new String[]{"checkout"}, new String[]{"deploy"}))
                .upsert("postmortem", 8, postmortem(8, 11L, "DRAFT", "Orders database meltdown (draft)",
                        "Secret draft about the connection pool", "Missing index on orders.customer_id",
                        new String[]{"orders-api"}, new String[]{"database"}))
                .upsert("postmortem", 9, postmortem(9, null, "IN_REVIEW", "Cache stampede under review",
                        "Redis cache stampede after a flush", "TTLs all expired together",
                        new String[]{"catalog"}, new String[]{"cache"}))
                .upsert("lesson", 3, lesson(3, "Canary every deploy", "Ship behind a canary stage and watch the error rate", 7))
                .upsert("action-item", 801, actionItem(801, 8, "Add the missing index", "IN_PROGRESS", "2026-11-01")));
    }
}
