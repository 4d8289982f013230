package io.hindsight.e2e;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cookie jar that behaves like a browser on loopback: browsers treat {@code http://127.0.0.1} as a secure
 * context and keep {@code Secure} cookies there (Keycloak sets its login-session cookies {@code Secure}), while
 * {@link CookieManager} would drop them over http.
 */
final class LoopbackCookieJar extends CookieHandler {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
        return cookies.get(uri, requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        if (!"127.0.0.1".equals(uri.getHost())) {
            cookies.put(uri, responseHeaders);
            return;
        }
        Map<String, List<String>> loopback = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        responseHeaders.forEach((name, values) -> {
            if (name != null) {
                loopback.put(name, name.equalsIgnoreCase("Set-Cookie") || name.equalsIgnoreCase("Set-Cookie2")
                        ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList()
                        : values);
            }
        });
        cookies.put(uri, loopback);
    }
}
