package io.hindsight.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * axe-core's WCAG 2.1 A/AA rules on every main page (signed in as admin, who sees every control), failing on any
 * serious or critical violation; and the keyboard basics: the skip link comes first and focus is visible.
 */
@ExtendWith(RunningSuite.class)
class AccessibilityBrowserTest {

    @Test
    void everyMainPageHasNoSeriousOrCriticalAxeViolations() throws Exception {
        String w = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        long incident = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body(Map.of("title", "Cart totals wrong " + w, "symptom", "Totals off by one cent " + w, "service", "cart"))
                .when().post(RunningSuite.incidents() + "/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        long pm = given().auth().oauth2(KeycloakTokens.user("author")).contentType(ContentType.JSON)
                .body(Map.of("title", "Cart totals wrong " + w, "incidentId", incident))
                .when().post(RunningSuite.postmortems() + "/api/postmortems").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(KeycloakTokens.user("author")).contentType(ContentType.JSON)
                .body(Map.of("title", "Round once " + w, "owner", "sam", "priority", "P2"))
                .when().post(RunningSuite.postmortems() + "/api/postmortems/" + pm + "/action-items").then().statusCode(201);
        long lesson = given().auth().oauth2(KeycloakTokens.user("author")).contentType(ContentType.JSON)
                .body(Map.of("lesson", Map.of("title", "Money in integer cents " + w, "body", "Never **floats** for money.", "tags", List.of("data"))))
                .when().post(RunningSuite.postmortems() + "/api/postmortems/" + pm + "/lessons").then().statusCode(200)
                .extract().jsonPath().getLong("lessons[0].id");

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("incidents", "/incidents");
        pages.put("declare", "/declare");
        pages.put("war-room", "/incidents/" + incident);
        pages.put("postmortems", "/postmortems");
        pages.put("postmortem-editor", "/postmortems/" + pm);
        pages.put("search", "/search?q=" + w);
        pages.put("reports", "/reports");
        pages.put("action-items", "/action-items");
        pages.put("lessons", "/lessons");
        pages.put("lesson", "/lessons/" + lesson);

        List<String> problems = new ArrayList<>();
        try (Browser browser = new Browser()) {
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.open(page.getValue(), "admin");
                if (page.getKey().equals("reports")) {
                    browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart[data-drawn=true] svg")));
                }
                if (page.getKey().equals("war-room")) {
                    browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#summary h1"), w));
                }
                browser.screenshot("page-" + page.getKey());
                for (Axe.Violation v : Axe.seriousViolations(browser.driver())) {
                    problems.add(page.getValue() + ": " + v);
                }
            }
            // the check itself can fail: an unlabelled field added to the page is reported
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=\"text\" id=\"axe-probe\">');");
            List<Axe.Violation> probe = Axe.seriousViolations(browser.driver());
            assertTrue(probe.stream().anyMatch(v -> v.id().equals("label") && v.targets().contains("#axe-probe")),
                    "axe reports the unlabelled probe field: " + probe);
        }
        assertTrue(problems.isEmpty(), "axe-core found serious or critical violations:\n" + String.join("\n", problems));
    }

    @Test
    void onAPhoneNoMainPageScrollsSideways() throws Exception {
        String w = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        long incident = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body(Map.of("title", "Checkout slow on phones " + w, "symptom", "p99 latency 4s on POST /checkout " + w, "service", "checkout"))
                .when().post(RunningSuite.incidents() + "/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        List<String> pages = List.of("/incidents", "/declare", "/incidents/" + incident, "/postmortems", "/search?q=" + w,
                "/reports", "/action-items", "/lessons");
        List<String> problems = new ArrayList<>();
        try (Browser browser = new Browser()) {
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            for (String page : pages) {
                browser.open(page, "admin");
                Object sideways = ((JavascriptExecutor) browser.driver()).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                if (((Number) sideways).longValue() > 1) {
                    problems.add(page + " is " + sideways + " px wider than a 390 px screen");
                }
                browser.screenshot("phone" + page.replaceAll("[^a-z0-9]+", "-").replaceAll("-[0-9a-f]{8}$|-$", ""));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theSkipLinkComesFirstAndFocusIsVisible() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open("/incidents", "responder");
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            WebElement first = browser.driver().switchTo().activeElement();
            assertEquals("Skip to content", first.getText(), "the first Tab stop is the skip link");
            assertNotEquals("none", first.getCssValue("outline-style"), "focus is visible");
            browser.screenshot("keyboard-skip-link");
            first.sendKeys(Keys.ENTER);
            browser.waiting().until(ExpectedConditions.urlContains("#main"));

            // the filters are reachable and usable from the keyboard alone
            browser.open("/action-items", "responder");
            WebElement owner = browser.driver().findElement(By.id("ai-owner"));
            owner.click();
            owner.sendKeys("nobody-" + UUID.randomUUID().toString().substring(0, 6), Keys.ENTER);
            browser.waiting().until(ExpectedConditions.urlContains("owner=nobody-"));
            Object focusedOutline = ((JavascriptExecutor) browser.driver()).executeScript(
                    "var b = document.querySelector('form[aria-label=\"Filter action items\"] button'); b.focus();"
                            + " return getComputedStyle(b).outlineStyle;");
            assertNotEquals("none", focusedOutline, "a focused button shows its focus");
        }
    }
}
