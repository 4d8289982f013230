package io.hindsight.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (the script shipped in Deque's {@code com.deque.html.axe-core:selenium} jar) on the page open in
 * the browser, with the WCAG 2.1 A and AA rules. WebDriver's script injection is not subject to the page's
 * Content-Security-Policy, so the pages keep theirs.
 */
final class Axe {

    private static final String SCRIPT;

    static {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path");
            }
            SCRIPT = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Axe() {
    }

    /** One rule broken on the page: its id, impact, help text and where (CSS selectors of the first nodes). */
    record Violation(String id, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + id + " (" + help + ") at " + targets;
        }
    }

    /** The serious and critical violations on the current page. */
    @SuppressWarnings("unchecked")
    static List<Violation> seriousViolations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(SCRIPT);
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object raw = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
                  .then(function (r) { done(r.violations.map(function (v) {
                      return {id: v.id, impact: v.impact, help: v.help,
                              targets: v.nodes.slice(0, 5).map(function (n) { return String(n.target); })}; })); })
                  .catch(function (e) { done({error: String(e)}); });
                """);
        if (raw instanceof Map<?, ?> error) {
            throw new IllegalStateException("axe failed: " + error.get("error"));
        }
        List<Violation> found = new ArrayList<>();
        for (Object o : (List<Object>) raw) {
            Map<String, Object> v = (Map<String, Object>) o;
            String impact = String.valueOf(v.get("impact"));
            if ("serious".equals(impact) || "critical".equals(impact)) {
                found.add(new Violation(String.valueOf(v.get("id")), impact, String.valueOf(v.get("help")),
                        ((List<Object>) v.get("targets")).stream().map(String::valueOf).toList()));
            }
        }
        return found;
    }
}
