package io.hindsight.ui.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The notice a page shows after a form post ("Saved.", or why it failed) comes from the server, never from the URL: the
 * post answers 303 with the notice in a cookie signed with HMAC-SHA256 (kind, text, the signed-in user, a 2-minute
 * expiry), and the next page the user opens shows it once and clears the cookie. A crafted link ({@code ?msg=…}) or
 * a cookie someone else was given shows nothing. Errors are {@link Notice#error() marked} and rendered as alerts.
 */
@ApplicationScoped
public class Flash {

    static final String COOKIE = "hs_flash";
    private static final long LIFETIME_SECONDS = 120;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** What the page shows: a success (role=status) or an error (role=alert, styled as one). */
    public record Notice(String text, boolean error) {
    }

    private final byte[] key;
    private final SecurityIdentity identity;
    private final Clock clock = Clock.systemUTC();

    public Flash(SecurityIdentity identity,
                 @ConfigProperty(name = "hindsight.ui.flash-key") Optional<String> flashKey,
                 @ConfigProperty(name = "quarkus.oidc.credentials.secret") String clientSecret) {
        this.identity = identity;
        // every replica derives the same key from the client secret unless one is configured
        this.key = hmac(flashKey.orElse(clientSecret).getBytes(StandardCharsets.UTF_8),
                "hindsight-ui flash notices v1".getBytes(StandardCharsets.UTF_8));
    }

    /** 303 to {@code location} (a path of this UI), the notice in the flash cookie. */
    public Response redirect(String location, Notice notice) {
        long expires = clock.instant().getEpochSecond() + LIFETIME_SECONDS;
        String text = notice.text().length() > 1000 ? notice.text().substring(0, 999) + "…" : notice.text(); // a cookie holds ~4 KB
        String payload = (notice.error() ? "E" : "S") + "." + expires + "." + b64(user()) + "." + b64(text);
        String value = payload + "." + B64.encodeToString(hmac(key, payload.getBytes(StandardCharsets.US_ASCII)));
        return Response.seeOther(URI.create(location))
                .header(HttpHeaders.SET_COOKIE, COOKIE + "=" + value + "; Path=/; Max-Age=" + LIFETIME_SECONDS + "; HttpOnly; SameSite=Lax")
                .build();
    }

    public Response ok(String location, String text) {
        return redirect(location, new Notice(text, false));
    }

    public Response failed(String location, String text) {
        return redirect(location, new Notice(text, true));
    }

    /** The notice the cookie carries for this user, or null (none, forged, expired, another user's). */
    public Notice read(String cookie) {
        if (cookie == null || cookie.length() > 8192) {
            return null;
        }
        int sig = cookie.lastIndexOf('.');
        if (sig < 0) {
            return null;
        }
        String payload = cookie.substring(0, sig);
        byte[] given;
        try {
            given = B64D.decode(cookie.substring(sig + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(given, hmac(key, payload.getBytes(StandardCharsets.US_ASCII)))) {
            return null;
        }
        String[] parts = payload.split("\\.", -1);
        try {
            if (parts.length != 4 || Long.parseLong(parts[1]) < clock.instant().getEpochSecond() || !user().equals(text(parts[2]))) {
                return null;
            }
            return new Notice(text(parts[3]), "E".equals(parts[0]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Any page answered (not a redirect) after a flash cookie came in clears it: a notice is shown once. */
    @ServerResponseFilter
    public void clearAfterUse(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getCookies().containsKey(COOKIE) && response.getStatus() / 100 != 3) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        }
    }

    private String user() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String b64) {
        return new String(B64D.decode(b64), StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
