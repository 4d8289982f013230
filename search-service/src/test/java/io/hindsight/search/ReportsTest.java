package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReportsTest {

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    private static ObjectNode withAck(ObjectNode incident, int minutes) {
        Instant detected = Instant.parse(incident.get("detectedAt").asText());
        return incident.put("acknowledgedAt", detected.plusSeconds(60L * minutes).toString());
    }

    @BeforeEach
    void load() {
        KnowledgeFixture.load(index, indexer);
        ObjectNode repeat = withAck(Payloads.incident(20, "Checkout 503 again", "promo codes fail", "P1", "2026-09-15T10:00:00Z", "checkout"), 12);
        ((ObjectNode) repeat.get("labels")).put("category", "deploy");
        ObjectNode late = withAck(Payloads.incident(21, "Checkout deploy broke", "bad deploy", "P1", "2026-11-25T10:00:00Z", "checkout"), 32);
        ((ObjectNode) late.get("labels")).put("category", "deploy");
        ((ObjectNode) late.get("statusUpdates").get(1)).put("postedAt", "2026-11-25T10:20:00Z"); // promised by 10:16
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        indexer.poll(new InMemoryFeed("more-incidents").upsert("incident", 20, repeat).upsert("incident", 21, late));
        indexer.poll(new InMemoryFeed("more-items")
                .upsert("action-item", 950, Payloads.actionItem(950, 7, "Done already", "DONE", today.minusDays(3).toString()))
                .upsert("action-item", 951, Payloads.actionItem(951, 7, "Late one", "OPEN", today.minusDays(2).toString())));
    }

    @Test
    void countsPerMonthExcludeDrillsAndUsePostmortemCategories() {
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("interval", "month").when().get("/api/reports/incidents")
                .then().statusCode(200)
                .body("periods.period", equalTo(java.util.List.of("2026-09-01", "2026-10-01", "2026-11-01")))
                .body("periods[0].total", equalTo(2))
                .body("periods[0].byCategory.deploy", equalTo(2))
                .body("periods[2].total", equalTo(2)) // 12 and 21; the drill 13 is left out
                .body("periods[1].byPriority.P0", equalTo(1));
    }

    @Test
    void responseTimesAreMedianP90AndMeanInMinutes() {
        // acknowledgement after 2, 2, 2, 12 and 32 minutes; mitigated 25 and resolved 60 minutes after the impact start
        given().auth().oauth2(KeycloakTokens.user("leader")).when().get("/api/reports/response-times")
                .then().statusCode(200)
                .body("all.mtta.count", equalTo(5))
                .body("all.mtta.medianMinutes", equalTo(2.0f))
                .body("all.mtta.p90Minutes", equalTo(32.0f))
                .body("all.mtta.meanMinutes", equalTo(10.0f))
                .body("all.mttm.medianMinutes", equalTo(25.0f))
                .body("all.mttr.p90Minutes", equalTo(60.0f))
                .body("byPriority.P1.mtta.count", equalTo(3));
    }

    @Test
    void repeatsAreSameServiceAndCategoryWithin30Days() {
        given().auth().oauth2(KeycloakTokens.user("leader")).when().get("/api/reports/repeats")
                .then().statusCode(200)
                .body("repeats", hasSize(1))
                .body("repeats[0].incidentId", equalTo("20"))
                .body("repeats[0].previousIncidentId", equalTo("10"))
                .body("repeats[0].daysSincePrevious", equalTo(14))
                .body("services.find { it.service == 'checkout' }.classification", equalTo("FIRST_SEEN"))
                .body("services.find { it.service == 'checkout' }.incidents", equalTo(3));
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("from", "2026-10-01").when().get("/api/reports/repeats")
                .then().statusCode(200)
                .body("services.find { it.service == 'checkout' }.classification", equalTo("RARE"))
                .body("services.find { it.service == 'indexer' }.classification", equalTo("FIRST_SEEN"));
    }

    @Test
    void actionItemCompletionAndOverdueFollowAccess() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int futureDueOverdue = today.isAfter(LocalDate.parse("2026-12-01")) ? 1 : 0;
        // leader: 701 and 901 (due 2026-12-01), 950 DONE, 951 overdue; not 801 of the draft post-mortem
        given().auth().oauth2(KeycloakTokens.user("leader")).when().get("/api/reports/action-items")
                .then().statusCode(200)
                .body("total", equalTo(4)).body("done", equalTo(1)).body("completionRate", equalTo(0.25f))
                .body("overdue", equalTo(1 + 2 * futureDueOverdue));
        given().auth().oauth2(KeycloakTokens.user("admin")).when().get("/api/reports/action-items")
                .then().statusCode(200).body("total", equalTo(5)).body("inProgress", equalTo(1));
    }

    @Test
    void statusUpdateCadenceCountsLateUpdates() {
        given().auth().oauth2(KeycloakTokens.user("leader")).when().get("/api/reports/status-updates")
                .then().statusCode(200)
                .body("all.incidents", equalTo(5)).body("all.updates", equalTo(10)).body("all.late", equalTo(1))
                .body("all.compliance", equalTo(0.8f));
    }

    @Test
    void csvByFormatParameterOrAcceptHeader() {
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("format", "csv").queryParam("interval", "month")
                .when().get("/api/reports/incidents")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("period,dimension,value,count\n")).body(containsString("2026-09-01,category,deploy,2"));
        given().auth().oauth2(KeycloakTokens.user("leader")).accept("text/csv").when().get("/api/reports/response-times")
                .then().statusCode(200).contentType(startsWith("text/csv")).body(containsString("ALL,MTTA,5,2.0,32.0,10.0"));
    }

    @Test
    void everyReportFiltersByService() {
        // checkout: incidents 10, 20 and 21 (the drill 13 stays out); post-mortem 7 names checkout (items 701, 950, 951)
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("interval", "month").queryParam("service", "checkout")
                .when().get("/api/reports/incidents")
                .then().statusCode(200)
                .body("periods.period", equalTo(java.util.List.of("2026-09-01", "2026-11-01")))
                .body("periods[0].total", equalTo(2)).body("periods[1].total", equalTo(1))
                .body("periods[0].byService.keySet()", equalTo(java.util.Set.of("checkout")));
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("service", "checkout").when().get("/api/reports/response-times")
                .then().statusCode(200).body("all.mtta.count", equalTo(3)).body("all.mtta.medianMinutes", equalTo(12.0f));
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("service", "checkout").when().get("/api/reports/repeats")
                .then().statusCode(200).body("repeats", hasSize(1)).body("services.service", equalTo(java.util.List.of("checkout")));
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("service", "indexer").when().get("/api/reports/repeats")
                .then().statusCode(200).body("repeats", hasSize(0)).body("services.service", equalTo(java.util.List.of("indexer")));
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("service", "checkout").when().get("/api/reports/status-updates")
                .then().statusCode(200).body("all.incidents", equalTo(3));
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("service", "checkout").when().get("/api/reports/action-items")
                .then().statusCode(200).body("total", equalTo(3)).body("done", equalTo(1));
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("service", "catalog").when().get("/api/reports/action-items")
                .then().statusCode(200).body("total", equalTo(1));
        // orders-api's only post-mortem is a draft the leader may not see: none of its items count
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("service", "orders-api").when().get("/api/reports/action-items")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("service", "no-such-service").when().get("/api/reports/incidents")
                .then().statusCode(200).body("periods", hasSize(0));
    }

    @Test
    void csvFollowsTheServiceFilter() {
        String csv = given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("format", "csv").queryParam("interval", "month")
                .queryParam("service", "checkout").when().get("/api/reports/incidents")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("2026-09-01,total,,2\n"), csv);
        org.junit.jupiter.api.Assertions.assertFalse(csv.contains("orders-api") || csv.contains("indexer"), csv);
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("format", "csv").queryParam("service", "checkout")
                .when().get("/api/reports/repeats")
                .then().statusCode(200).body(startsWith("service,incidents,repeats,classification,first_seen,last_seen\ncheckout,3,1,FIRST_SEEN,"));
    }

    @Test
    void csvCellsAreQuotedByTheLibraryAndFormulasAreNeutralised() throws Exception {
        // a carriage return was not quoted: "x\r=1+2" reached a spreadsheet as a row whose first cell is =1+2
        String[] hostile = {"x\r=1+2", "=1+2", "+1+2", "-1+2", "@SUM(1+1)", "\t=1+2", "\r=1+2", "a,b\"c\nd"};
        InMemoryFeed feed = new InMemoryFeed("hostile-csv");
        for (int i = 0; i < hostile.length; i++) {
            ObjectNode in = Payloads.incident(30 + i, "Hostile " + i, "formula", "P2", "2026-11-2" + (i % 4) + "T10:00:00Z", hostile[i]);
            ((ObjectNode) in.get("labels")).put("category", "x\r@SUM(1+1)");
            feed.upsert("incident", 30 + i, in);
        }
        indexer.poll(feed);
        for (String report : java.util.List.of("incidents", "repeats")) {
            String csv = given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("format", "csv").queryParam("interval", "month")
                    .when().get("/api/reports/" + report)
                    .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
            java.util.List<String> cells = new java.util.ArrayList<>();
            try (var parser = org.apache.commons.csv.CSVParser.parse(csv, org.apache.commons.csv.CSVFormat.RFC4180)) {
                for (var record : parser) {
                    record.forEach(cells::add);
                }
            }
            // every cell a spreadsheet sees: none starts a formula (numbers aside), and every hostile text is there, neutralised
            for (String cell : cells) {
                org.junit.jupiter.api.Assertions.assertFalse(!cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0
                        || cell.startsWith("-") && !cell.matches("-[0-9.]+"), "formula-leading cell " + cell + " in\n" + csv);
            }
            for (String h : hostile) {
                String expected = "=+-@\t\r".indexOf(h.charAt(0)) >= 0 ? "'" + h : h;
                org.junit.jupiter.api.Assertions.assertTrue(cells.contains(expected), report + " lacks " + expected + " in\n" + csv);
            }
            if (report.equals("incidents")) {
                org.junit.jupiter.api.Assertions.assertTrue(cells.contains("x\r@sum(1+1)") /* categories are lower-cased */, csv);
                org.junit.jupiter.api.Assertions.assertTrue(csv.contains("\"x\r=1+2\""), "a cell with a CR is quoted: " + csv);
            }
        }
    }

    @Test
    void respondersMayNotReadReports() {
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get("/api/reports/incidents").then().statusCode(403);
    }

    @Test
    void badReportParametersAre400() {
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("interval", "fortnight").when().get("/api/reports/incidents")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("from", "soon").when().get("/api/reports/repeats")
                .then().statusCode(400);
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("format", "xml").when().get("/api/reports/action-items")
                .then().statusCode(400);
    }
}
