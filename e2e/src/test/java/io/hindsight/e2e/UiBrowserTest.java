package io.hindsight.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The UI in a real headless Chromium against the running suite and Keycloak's own login page. */
@ExtendWith(RunningSuite.class)
class UiBrowserTest {

    @ParameterizedTest
    @ValueSource(strings = {"responder", "author", "leader", "admin"})
    void eachDemoUserSignsInThroughKeycloakAndSeesTheirRoles(String user) throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver().get(RunningSuite.ui() + "/incidents");
            assertTrue(browser.driver().getCurrentUrl().startsWith(KeycloakTokens.keycloakUrl() + "/realms/hindsight/"),
                    "the sign-in page is Keycloak's: " + browser.driver().getCurrentUrl());
            browser.screenshot("login");
            browser.open("/incidents", user);
            assertEquals(RunningSuite.ui() + "/incidents", browser.driver().getCurrentUrl());
            assertEquals(user, browser.driver().findElement(By.cssSelector(".who .user")).getText());
            List<String> roles = browser.driver().findElements(By.cssSelector(".who .role")).stream().map(WebElement::getText).toList();
            assertTrue(roles.contains(user), "role badges " + roles + " show " + user);
            browser.screenshot(user + "-incidents");
        }
    }

    @Test
    void responderFindsADeclaredIncidentOnTheSearchPageAndOpensItsList() throws Exception {
        String word = "brw" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String title = "Login page returns HTTP 502 " + word;
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body(Map.of("title", title, "symptom", "Edge proxy answers 502 Bad Gateway for /login " + word, "service", "edge-proxy"))
                .when().post(RunningSuite.incidents() + "/api/incidents").then().statusCode(201);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                given().auth().oauth2(KeycloakTokens.runbook()).queryParam("q", word)
                        .when().get(RunningSuite.search() + "/api/search").then().body("total", equalTo(1)));

        try (Browser browser = new Browser()) {
            browser.open("/search", "responder");
            WebElement box = browser.driver().findElement(By.id("q"));
            box.sendKeys(word, Keys.ENTER);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".hit .title")));
            assertEquals(title, browser.driver().findElement(By.cssSelector(".hit .title")).getText());
            assertEquals(word, browser.driver().findElement(By.cssSelector(".hit .snippet mark")).getText());
            assertTrue(browser.driver().findElement(By.cssSelector(".facets")).getText().contains("incident"), "type facet shown");
            browser.driver().findElement(By.cssSelector(".hit a.title")).click();
            // the summary is replaced by the live stream's first event: look it up afresh until it shows the incident
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#summary h1"), word));
            browser.driver().navigate().back();
            browser.screenshot("search-results");

            browser.driver().get(RunningSuite.ui() + "/incidents");
            List<String> titles = browser.driver().findElements(By.cssSelector(".incident .title")).stream().map(WebElement::getText).toList();
            assertTrue(titles.stream().anyMatch(t -> t.endsWith(title)), "the open incidents list shows it: " + titles);
            browser.screenshot("incidents-list");
        }
    }

    @Test
    void brokenQuerySyntaxShowsAReadableMessageNotAnError() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open("/search?q=" + java.net.URLEncoder.encode("title:(unclosed", java.nio.charset.StandardCharsets.UTF_8), "leader");
            String alert = browser.driver().findElement(By.cssSelector(".alert")).getText();
            assertTrue(alert.contains("cannot be parsed"), alert);
        }
    }

    @Test
    void leaderOpensReportsAndSeesChartsDrawn() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open("/reports", "leader");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart[data-drawn=true] svg")));
            assertEquals(4, browser.driver().findElements(By.cssSelector(".chart[data-drawn=true]")).size(), "four charts drawn");
            browser.screenshot("reports");
        }
    }

    @Test
    void leaderFiltersReportsByServiceAndPeriodAndTheCsvFollows() throws Exception {
        String service = "rpt-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                    .body(Map.of("title", "Report sample " + i + " " + service, "symptom", "Errors on " + service, "service", service))
                    .when().post(RunningSuite.incidents() + "/api/incidents").then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("service", service)
                        .when().get(RunningSuite.search() + "/api/reports/repeats").then().body("services[0].incidents", equalTo(2)));

        try (Browser browser = new Browser()) {
            browser.open("/reports", "leader");
            browser.driver().findElement(By.id("service")).sendKeys(service);
            browser.driver().findElement(By.cssSelector("form[aria-label='Report period'] button")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-scope"), service));
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart[data-drawn=true] svg")));
            assertEquals(2L, chartTotal(browser), "the incidents chart counts the service's two incidents");
            List<String> services = browser.driver().findElements(By.cssSelector("table.services tbody tr td:first-child")).stream()
                    .map(WebElement::getText).toList();
            assertEquals(List.of(service), services, "only the service's row");
            browser.screenshot("reports-service");

            String href = browser.driver().findElement(By.cssSelector(".downloads a[href^='/reports/incidents.csv']")).getAttribute("href");
            assertTrue(href.contains("service=" + service), href);
            String csv = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed ' + e));", href);
            List<String> serviceRows = csv.lines().filter(l -> l.contains(",service,")).toList();
            assertFalse(serviceRows.isEmpty(), csv);
            assertTrue(serviceRows.stream().allMatch(l -> l.contains(",service," + service + ",")), "the CSV has only the service: " + csv);

            // a period without the service's incidents: nothing to count
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "document.getElementById('from').value = '2001-01-01'; document.getElementById('to').value = '2001-12-31';");
            browser.driver().findElement(By.cssSelector("form[aria-label='Report period'] button")).click();
            browser.waiting().until(ExpectedConditions.urlContains("from=2001-01-01"));
            assertTrue(browser.driver().getCurrentUrl().contains("service=" + service), "the service filter is kept");
            assertEquals(0L, chartTotal(browser));
        }
    }

    /** The sum of every series of the incidents-per-period chart, read from the data the page gave ECharts. */
    private static long chartTotal(Browser browser) {
        Object total = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "var spec = JSON.parse(document.querySelector('.chart[data-chart]').getAttribute('data-chart'));"
                        + " return spec.series.reduce((a, s) => a + s.data.reduce((b, x) => b + (x || 0), 0), 0);");
        return ((Number) total).longValue();
    }
}
