package io.hindsight.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Action items across post-mortems, lessons and the lesson picker, and the editable timeline, in a real browser
 * against the running suite (data set up through the services' APIs, as other authors would have).
 */
@ExtendWith(RunningSuite.class)
class KnowledgeBrowserTest {

    private static String word() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static long createPostmortem(String title, Long incidentId) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("title", title);
        if (incidentId != null) {
            body.put("incidentId", incidentId);
        }
        return given().auth().oauth2(KeycloakTokens.user("author")).contentType(ContentType.JSON).body(body)
                .when().post(RunningSuite.postmortems() + "/api/postmortems").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void addItem(long pm, String title, String owner, LocalDate due) {
        given().auth().oauth2(KeycloakTokens.user("author")).contentType(ContentType.JSON)
                .body(Map.of("title", title, "owner", owner, "dueDate", due.toString(), "priority", "P1"))
                .when().post(RunningSuite.postmortems() + "/api/postmortems/" + pm + "/action-items").then().statusCode(201);
    }

    private static String stat(Browser browser, String name) {
        return browser.driver().findElement(By.cssSelector("#ai-stats dd[data-stat=" + name + "]")).getText();
    }

    @Test
    void actionItemsAcrossPostmortemsFilterByOwnerStatusAndOverdueAndShowCompletion() throws Exception {
        String w = word();
        String owner = "owner-" + w;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long pm = createPostmortem("Queue backlog " + w, null);
        addItem(pm, "Alert on queue depth " + w, owner, today.minusDays(3));
        addItem(pm, "Autoscale consumers " + w, owner, today.plusDays(20));

        try (Browser browser = new Browser()) {
            browser.open("/action-items", "author");
            browser.driver().findElement(By.id("ai-owner")).sendKeys(owner);
            browser.driver().findElement(By.cssSelector("form[aria-label='Filter action items'] button")).click();
            browser.waiting().until(ExpectedConditions.urlContains("owner=" + owner));
            assertEquals(2, browser.driver().findElements(By.cssSelector("tr.item")).size(), "both of the owner's items");
            assertEquals("2", stat(browser, "total"));
            assertEquals("1", stat(browser, "overdue"));
            assertEquals("0%", stat(browser, "completion"));
            assertEquals(1, browser.driver().findElements(By.cssSelector("tr.item.overdue")).size(), "the late one is marked");
            browser.screenshot("action-items");

            browser.driver().findElement(By.id("ai-overdue")).click();
            browser.driver().findElement(By.cssSelector("form[aria-label='Filter action items'] button")).click();
            browser.waiting().until(ExpectedConditions.urlContains("overdue=on"));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr.item"));
            assertEquals(1, rows.size());
            assertTrue(rows.get(0).getText().contains("Alert on queue depth " + w), rows.get(0).getText());

            browser.driver().get(RunningSuite.ui() + "/action-items?owner=" + owner + "&status=OPEN");
            String id = browser.driver().findElements(By.cssSelector("tr.item")).stream()
                    .filter(r -> r.getText().contains("Autoscale consumers")).findFirst().orElseThrow().getAttribute("data-id");
            new Select(browser.driver().findElement(By.id("st-" + id))).selectByValue("DONE");
            browser.driver().findElement(By.cssSelector("tr.item[data-id='" + id + "'] button")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice[role=status]"), "is now done"));
            assertEquals("1", stat(browser, "done"));
            assertEquals("50%", stat(browser, "completion"));
            browser.driver().get(RunningSuite.ui() + "/action-items?owner=" + owner + "&status=DONE");
            assertEquals(1, browser.driver().findElements(By.cssSelector("tr.item")).size(), "the DONE filter finds it");
        }
    }

    @Test
    void lessonsListRecurrenceAndTheEditorReusesAnExistingLessonThroughThePicker() throws Exception {
        String w = word();
        String lesson = "Canary every deploy of " + w;
        long first = createPostmortem("Checkout deploy broke " + w, null);
        long second = createPostmortem("Search deploy broke " + w, null);
        long lessonId = given().auth().oauth2(KeycloakTokens.user("author")).contentType(ContentType.JSON)
                .body(Map.of("lesson", Map.of("title", lesson, "body", "Ship behind a **canary** " + w, "tags", List.of("deploy"))))
                .when().post(RunningSuite.postmortems() + "/api/postmortems/" + first + "/lessons")
                .then().statusCode(200).extract().jsonPath().getLong("lessons.find { it.title == '" + lesson + "' }.id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(KeycloakTokens.user("author")).queryParam("q", w).queryParam("type", "lesson")
                        .when().get(RunningSuite.search() + "/api/search").then().body("total", greaterThanOrEqualTo(1)));

        try (Browser browser = new Browser()) {
            browser.open("/lessons", "author");
            WebElement row = browser.driver().findElement(By.cssSelector("tr.lesson[data-id='" + lessonId + "']"));
            assertEquals("1 post-mortem", row.findElement(By.cssSelector(".recurrence")).getText());
            browser.screenshot("lessons");

            browser.driver().get(RunningSuite.ui() + "/postmortems/" + second);
            WebElement picker = browser.driver().findElement(By.id("lq"));
            picker.click();
            picker.sendKeys(w);
            By pick = By.cssSelector("#lesson-picks li.pick[data-id='" + lessonId + "'] button");
            browser.waiting().until(ExpectedConditions.elementToBeClickable(pick));
            browser.screenshot("lesson-picker");
            // the picker re-renders on every keystroke's (debounced) answer: a late answer may replace the list between
            // finding the button and clicking it, so the click looks the button up again until it lands
            browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> {
                d.findElement(pick).click();
                return true;
            });
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice[role=status]"), "Lesson linked"));
            assertTrue(browser.driver().findElement(By.cssSelector(".pm-lessons")).getText().contains(lesson), "linked to the second");

            browser.driver().get(RunningSuite.ui() + "/lessons/" + lessonId);
            assertEquals("2", browser.driver().findElement(By.id("recurrence")).getText());
            String taught = browser.driver().findElement(By.cssSelector("ul.taught")).getText();
            assertTrue(taught.contains("Checkout deploy broke " + w) && taught.contains("Search deploy broke " + w), taught);
            assertEquals("canary", browser.driver().findElement(By.cssSelector(".markdown strong")).getText());
            browser.screenshot("lesson");

            // in the editor: a new action item, its status changed there; the lesson unlinked again
            browser.driver().get(RunningSuite.ui() + "/postmortems/" + second);
            browser.driver().findElement(By.id("a-title")).sendKeys("Add a canary stage " + w);
            browser.driver().findElement(By.cssSelector("form[aria-label='Add an action item'] button")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice[role=status]"), "Action item added"));
            String item = browser.driver().findElement(By.cssSelector("tr.pm-item")).getAttribute("data-id");
            new Select(browser.driver().findElement(By.id("st-" + item))).selectByValue("IN_PROGRESS");
            browser.driver().findElement(By.cssSelector("tr.pm-item[data-id='" + item + "'] button")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice[role=status]"), "is now in progress"));
            assertEquals("IN_PROGRESS", new Select(browser.driver().findElement(By.id("st-" + item))).getFirstSelectedOption().getAttribute("value"));

            browser.driver().findElement(By.cssSelector(".pm-lessons li[data-id='" + lessonId + "'] button")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice[role=status]"), "Lesson unlinked"));
            assertFalse(browser.driver().findElement(By.cssSelector(".pm-lessons")).getText().contains(lesson), "unlinked");
        }
    }

    @Test
    void theTimelineIsEditableAndRefreshedFromTheIncident() throws Exception {
        String w = word();
        long incident = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body(Map.of("title", "Payments webhook timeouts " + w, "symptom", "Deliveries time out after 30s " + w, "service", "payments"))
                .when().post(RunningSuite.incidents() + "/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        long pm = createPostmortem("Payments webhook timeouts " + w, incident);

        try (Browser browser = new Browser()) {
            browser.open("/postmortems/" + pm, "author");
            int imported = browser.driver().findElements(By.cssSelector("#timeline-edit tr.tl-row")).size();
            assertTrue(imported >= 1, "the incident's timeline is imported: " + imported);

            browser.driver().findElement(By.id("tl-new-at")).sendKeys("2026-11-29T14:20:00Z");
            browser.driver().findElement(By.id("tl-new-actor")).sendKeys("alex");
            browser.driver().findElement(By.id("tl-new-summary")).sendKeys("Rolled back the webhook worker " + w);
            save(browser);
            assertEquals(imported + 1, rows(browser).size(), "the new event is saved");
            assertTrue(timelineText(browser).contains("Rolled back the webhook worker " + w));
            browser.screenshot("postmortem-timeline");

            // edit the imported event's text
            WebElement firstSummary = browser.driver().findElements(By.cssSelector("#timeline-edit tr.tl-row input[name=tl-summary]")).stream()
                    .filter(i -> !i.getAttribute("value").contains("Rolled back")).findFirst().orElseThrow();
            firstSummary.clear();
            firstSummary.sendKeys("Declared by the runbook " + w);
            save(browser);
            assertTrue(timelineText(browser).contains("Declared by the runbook " + w), "the edit is saved");

            // a bad time is refused and nothing is saved
            browser.driver().findElement(By.id("tl-new-at")).sendKeys("yesterday");
            browser.driver().findElement(By.id("tl-new-summary")).sendKeys("Never saved " + w);
            browser.driver().findElement(By.cssSelector("#pm-form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.error[role=alert]"), "is not a time"));
            assertFalse(timelineText(browser).contains("Never saved"));

            // remove the added event
            List<WebElement> current = rows(browser);
            int added = -1;
            for (int i = 0; i < current.size(); i++) {
                if (current.get(i).findElement(By.name("tl-summary")).getAttribute("value").contains("Rolled back")) {
                    added = i;
                }
            }
            current.get(added).findElement(By.name("tl-remove")).click();
            save(browser);
            assertFalse(timelineText(browser).contains("Rolled back the webhook worker"), "removed");
            int before = rows(browser).size();

            // the incident moves on; the author pulls its new events in
            given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).body(Map.of("summary", "Webhook queue drained " + w))
                    .when().post(RunningSuite.incidents() + "/api/incidents/" + incident + "/timeline").then().statusCode(201);
            browser.driver().findElement(By.id("tl-refresh")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice[role=status]"), "Timeline refreshed"));
            assertTrue(timelineText(browser).contains("Webhook queue drained " + w), "the incident's new event is merged");
            assertTrue(rows(browser).size() > before);
        }
    }

    private static List<WebElement> rows(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#timeline-edit tr.tl-row"));
    }

    private static String timelineText(Browser browser) {
        StringBuilder text = new StringBuilder();
        for (WebElement input : browser.driver().findElements(By.cssSelector("#timeline-edit tr.tl-row input[name=tl-summary]"))) {
            text.append(input.getAttribute("value")).append('\n');
        }
        return text.toString();
    }

    private static void save(Browser browser) {
        browser.driver().findElement(By.cssSelector("#pm-form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice[role=status]"), "Saved"));
    }
}
