package io.hindsight.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The flash cookie: what one user's post put there, only that user reads back; anything altered or forged reads as nothing. */
class FlashTest {

    private static Flash as(String user, String secret) {
        return new Flash(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user)).build(), Optional.empty(), secret);
    }

    private static String cookie(Response r) {
        String header = r.getHeaderString("Set-Cookie");
        assertTrue(header.startsWith(Flash.COOKIE + "=") && header.contains("HttpOnly") && header.contains("SameSite=Lax"), header);
        return header.substring(Flash.COOKIE.length() + 1, header.indexOf(';'));
    }

    @Test
    void theUserReadsBackWhatThePostSaid() {
        Flash responder = as("responder", "s3cret");
        Response r = responder.failed("/incidents/1", "Not allowed: Investigating → Resolved");
        assertEquals(303, r.getStatus());
        assertEquals("/incidents/1", r.getLocation().toString(), "nothing in the address");
        Flash.Notice n = responder.read(cookie(r));
        assertEquals(new Flash.Notice("Not allowed: Investigating → Resolved", true), n);
        assertEquals(new Flash.Notice("Saved.", false), responder.read(cookie(responder.ok("/x", "Saved."))));
    }

    @Test
    void forgedAlteredOrSomeoneElsesCookiesReadAsNothing() {
        Flash responder = as("responder", "s3cret");
        String good = cookie(responder.ok("/x", "Saved."));
        String[] parts = good.split("\\.");
        String otherText = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "Session expired, sign in at https://evil.example".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertNull(responder.read(parts[0] + "." + parts[1] + "." + parts[2] + "." + otherText + "." + parts[4]), "text altered");
        assertNull(responder.read("S.9999999999." + parts[2] + "." + otherText + "." + parts[4]), "expiry and text altered");
        assertNull(responder.read("S.9999999999." + parts[2] + "." + otherText), "unsigned");
        assertNull(responder.read("garbage"));
        assertNull(responder.read(""));
        assertNull(responder.read(null));
        assertNull(as("leader", "s3cret").read(good), "another user's notice");
        assertNull(as("responder", "other-secret").read(good), "signed with another key");
    }

    @Test
    void longTextsAreCutToFitACookie() {
        Flash responder = as("responder", "s3cret");
        String c = cookie(responder.failed("/x", "x".repeat(10_000)));
        assertTrue(c.length() < 4000, "cookie of " + c.length());
        assertEquals(1000, responder.read(c).text().length());
    }
}
