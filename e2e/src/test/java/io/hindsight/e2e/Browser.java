package io.hindsight.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium, one
 * fresh profile per instance, so each instance is one independent browser session.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = RunningSuite.root().resolve("e2e/target/screenshots");
    private final WebDriver driver;
    /** Chromium's profile: a fresh private folder (mode 0700) in the temp directory, removed on {@link #close()}. */
    private final Path profile;

    Browser() throws IOException {
        profile = Files.createTempDirectory("hindsight-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("hindsight.e2e.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1200,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("hindsight.e2e.chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * Waits up to 15 s, trying the condition again when the page it looked at was replaced meanwhile (a form post
     * answered 303 and the next page loaded between finding an element and reading it: Chromium says the element is
     * stale, or "Node with given id does not belong to the document").
     */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class, org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    /** Opens a UI page; when Keycloak's login form shows, signs in as the demo user and waits to be back. */
    void open(String path, String user) {
        driver.get(RunningSuite.ui() + path);
        if (!driver.findElements(By.id("kc-form-login")).isEmpty()) {
            driver.findElement(By.id("username")).sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(user + "-demo");
            driver.findElement(By.id("kc-login")).click();
            waiting().until(ExpectedConditions.urlContains(RunningSuite.ui()));
        }
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (java.util.stream.Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // best effort: a folder in the temp directory
            }
        }
    }
}
