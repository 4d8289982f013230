package io.hindsight.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Declaring an incident with SEVER and working it in the war room, in real browsers, one watching the other live. */
@ExtendWith(RunningSuite.class)
class WarRoomBrowserTest {

    @Test
    void declareShowsComputedPriorityThenAnUpdateAppearsLiveInAnotherBrowser() throws Exception {
        String word = "wr" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Browser commander = new Browser(); Browser watcher = new Browser()) {
            commander.open("/declare", "responder");
            commander.driver().findElement(By.id("title")).sendKeys("Orders API returns 500 " + word);
            commander.driver().findElement(By.id("symptom")).sendKeys("Every POST /orders fails with HTTP 500 " + word);
            commander.driver().findElement(By.id("services")).sendKeys("orders-api");
            new Select(commander.driver().findElement(By.id("scope"))).selectByValue("ALL_USERS");
            new Select(commander.driver().findElement(By.id("effect"))).selectByValue("SERVICE_DOWN");
            new Select(commander.driver().findElement(By.id("visibility"))).selectByValue("EXTERNAL_CUSTOMERS");
            new Select(commander.driver().findElement(By.id("escalation"))).selectByValue("STABLE");
            new Select(commander.driver().findElement(By.id("revenue"))).selectByValue("DIRECT_LOSS");
            // service down for all users is P0, shown while the form is filled (htmx swaps the panel on every answer)
            commander.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#triage-result .prio"), "P0"));
            commander.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#triage-result .reasons"), "down"));
            commander.screenshot("declare-with-priority");

            commander.driver().findElement(By.cssSelector("form.declare button[type=submit]")).click();
            commander.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.reset")));
            String warRoom = commander.driver().getCurrentUrl().replaceAll("\\?.*$", "");
            // #summary is swapped by the live stream: conditions that look the element up afresh, not a held reference
            commander.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#summary h1"), word));
            commander.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#summary .prio"), "P0"));
            commander.screenshot("war-room-declared");

            watcher.open(warRoom.substring(RunningSuite.ui().length()), "leader");
            watcher.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline")));
            // the watcher's page is connected to the live stream before the commander posts
            new WebDriverWait(watcher.driver(), Duration.ofSeconds(10)).until(d ->
                    Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                            "var el = document.querySelector('[sse-connect]');"
                                    + "return !!(el && el['htmx-internal-data'] && el['htmx-internal-data'].sseEventSource"
                                    + " && el['htmx-internal-data'].sseEventSource.readyState === 1);")));

            commander.driver().findElement(By.id("u-scope")).sendKeys("All checkout traffic " + word);
            commander.driver().findElement(By.id("u-next")).sendKeys("Roll back to 2.4.1 | 5");
            commander.driver().findElement(By.cssSelector("section.composer button[type=submit]")).click();
            try {
                commander.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "posted"));
            } catch (RuntimeException e) {
                commander.screenshot("war-room-update-failed");
                System.out.println("URL after posting: " + commander.driver().getCurrentUrl());
                System.out.println(commander.driver().findElement(By.tagName("main")).getText());
                throw e;
            }

            new WebDriverWait(watcher.driver(), Duration.ofSeconds(10)).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#timeline"), "Status update #1"));
            watcher.screenshot("war-room-live-update");

            new Select(commander.driver().findElement(By.id("k-kind"))).selectByValue("ROLLBACK");
            commander.driver().findElement(By.id("k-desc")).sendKeys("Roll back orders-api to 2.4.1");
            commander.driver().findElement(By.cssSelector("form[action$='/containment'] button")).click();
            commander.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Containment recorded"));
            assertTrue(commander.driver().findElement(By.cssSelector(".work")).getText().contains("Roll back orders-api to 2.4.1"));
            commander.screenshot("war-room-contained");
        }
    }
}
