package io.hindsight.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** A user signed in to a UI through Keycloak's own login form, with a cookie jar of its own (like one browser). */
final class UiSession {

    private final String ui;
    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new LoopbackCookieJar())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private UiSession(String ui) {
        this.ui = ui;
    }

    /** Signs in as a demo user by opening {@code path}; returns the session (the page after login is discarded). */
    static UiSession signIn(String ui, String user, String path) throws Exception {
        UiSession s = new UiSession(ui);
        s.signInAgain(user, path);
        return s;
    }

    /** The session's own client (its cookie jar), e.g. for a live stream of the UI. */
    HttpClient client() {
        return browser;
    }

    /** Signs in again with the same cookie jar (after the UI lost the session), through Keycloak's login form. */
    void signInAgain(String user, String path) throws Exception {
        UiSession s = this;
        HttpResponse<String> login = s.browser.send(HttpRequest.newBuilder(URI.create(ui + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Element form = Jsoup.parse(login.body(), login.uri().toString()).getElementById("kc-form-login");
        if (form == null && login.uri().toString().startsWith(ui) && login.statusCode() == 200) {
            return; // Keycloak's own session was still there: it sent the browser straight back, signed in
        }
        if (form == null) {
            throw new IllegalStateException("no Keycloak login form at " + login.uri() + ":\n" + login.body());
        }
        String body = "username=" + user + "&password=" + URLEncoder.encode(user + "-demo", StandardCharsets.UTF_8) + "&credentialId=";
        HttpResponse<String> page = s.browser.send(HttpRequest.newBuilder(URI.create(form.absUrl("action")))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!page.uri().toString().startsWith(ui)) {
            throw new IllegalStateException("not back on the UI after login: " + page.uri() + " " + page.statusCode() + "\n" + page.body());
        }
    }

    /** GET a page of the UI (signed in), answered within {@code timeout}. */
    Http.Answer get(String path, Duration timeout) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(ui + path)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(r.statusCode(), r.body(), r, (System.nanoTime() - start) / 1_000_000);
        } catch (java.io.IOException e) {
            return new Http.Answer(-1, e.toString(), null, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts a form of the UI as the browser would: the CSRF field of the page {@code formPage} (the double-submit token
     * this session's cookie holds) plus {@code fields}; follows the 303 and answers the page it lands on.
     */
    Http.Answer postForm(String formPage, String action, java.util.Map<String, String> fields) {
        Http.Answer page = get(formPage, Duration.ofSeconds(30));
        Element csrf = Jsoup.parse(page.body()).selectFirst("input[type=hidden][name^=csrf]");
        if (csrf == null) {
            throw new IllegalStateException("no CSRF field on " + formPage + ": " + page.status() + "\n" + page.body());
        }
        StringBuilder body = new StringBuilder(URLEncoder.encode(csrf.attr("name"), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(csrf.attr("value"), StandardCharsets.UTF_8));
        fields.forEach((k, v) -> body.append('&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(ui + action)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(r.statusCode(), r.body(), r, (System.nanoTime() - start) / 1_000_000);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(action + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
