package io.hindsight.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Writing a post-mortem in real browsers: two authors conflict and merge, review, publish, and search finds it. */
@ExtendWith(RunningSuite.class)
class PostmortemBrowserTest {

    @Test
    void writeConflictMergeReviewPublishAndFind() throws Exception {
        String word = "pm" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Browser alice = new Browser(); Browser bob = new Browser(); Browser lead = new Browser()) {
            alice.open("/postmortems", "author");
            alice.driver().findElement(By.id("pm-title")).sendKeys("Checkout outage " + word);
            alice.driver().findElement(By.cssSelector("form[aria-label='Start a post-mortem'] button")).click();
            alice.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("pm-form")));
            String editor = alice.driver().getCurrentUrl().replaceAll("\\?.*$", "");

            type(alice, "summary", "Promo codes broke **checkout** for 35 minutes " + word);
            // the Markdown preview renders as the author types (htmx swaps it, so the condition looks it up afresh)
            alice.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#preview .markdown strong"), "checkout"));
            type(alice, "rootCause", "A null promo code reached PromoValidator after the 14:20 deploy.");
            type(alice, "prevention", "Null checks in PromoValidator; a canary for checkout deploys.");
            for (String check : new String[] {"rootCauseExplained", "fixAddressesCause", "metricsConfirmResolution", "fixDocumented", "preventionIdentified"}) {
                alice.driver().findElement(By.name(check)).click();
            }
            save(alice);
            alice.screenshot("postmortem-editor");

            // two authors open the same version; bob saves first, alice's save then shows both texts to merge
            bob.open(editor.substring(RunningSuite.ui().length()), "admin");
            alice.driver().get(editor);
            type(bob, "wentWell", "Rollback was ready within 5 minutes.");
            save(bob);
            type(alice, "wentWell", "The status cadence held: updates every 15 minutes.");
            alice.driver().findElement(By.cssSelector("#pm-form button[type=submit]")).click();
            alice.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.conflict")));
            String conflict = alice.driver().findElement(By.cssSelector("section.conflict")).getText();
            assertTrue(conflict.contains("Rollback was ready within 5 minutes.") && conflict.contains("The status cadence held"),
                    "both versions are shown: " + conflict);
            alice.screenshot("postmortem-conflict");
            WebElement wentWell = alice.driver().findElement(By.id("wentWell"));
            wentWell.sendKeys(Keys.END, "\nRollback was ready within 5 minutes.");
            save(alice);

            alice.driver().findElement(By.id("a-title")).sendKeys("Add null checks to PromoValidator");
            alice.driver().findElement(By.id("a-owner")).sendKeys("alex");
            alice.driver().findElement(By.cssSelector("form[aria-label='Add an action item'] button")).click();
            alice.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Action item added"));

            alice.driver().findElement(By.cssSelector("button[value=submit]")).click();
            alice.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1 .tag"), "IN_REVIEW"));

            lead.open(editor.substring(RunningSuite.ui().length()), "leader");
            lead.driver().findElement(By.cssSelector("button[value=approve]")).click();
            lead.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1 .tag"), "PUBLISHED"));
            lead.screenshot("postmortem-published");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    given().auth().oauth2(KeycloakTokens.user("responder")).queryParam("q", word)
                            .when().get(RunningSuite.search() + "/api/search").then().body("total", greaterThanOrEqualTo(1)));
            lead.open("/search?q=" + word, "leader");
            assertTrue(lead.driver().findElement(By.cssSelector(".hit .title")).getText().contains(word), "search finds the post-mortem");
        }
    }

    private static void type(Browser browser, String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.click();
        field.sendKeys(text);
    }

    private static void save(Browser browser) {
        browser.driver().findElement(By.cssSelector("#pm-form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Saved"));
    }
}
