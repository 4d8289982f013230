package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.PostmortemVisibility;
import io.hindsight.postmortem.domain.Roles;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;

/** Who is calling: name, what they may see, their bearer token (passed on to incident-service), If-Match parsing. */
final class Caller {

    private Caller() {
    }

    static String name(SecurityIdentity identity) {
        return identity.getPrincipal().getName();
    }

    /** What the caller may see ({@link PostmortemVisibility}, the one rule every read path asks). */
    static PostmortemVisibility visibility(SecurityIdentity identity) {
        return PostmortemVisibility.of(identity.getRoles());
    }

    static List<PostmortemStatus> visibleStatuses(SecurityIdentity identity) {
        return visibility(identity).statuses();
    }

    static boolean reviewer(SecurityIdentity identity) {
        return identity.hasRole(Roles.LEADER) || identity.hasRole(Roles.ADMIN);
    }

    static String bearer(SecurityIdentity identity) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        return token == null ? null : token.getToken();
    }

    /** The version an If-Match header names ({@code "3"}, {@code 3} or {@code W/"3"}); required for saves. */
    static long ifMatch(String header) {
        Long v = optionalIfMatch(header);
        if (v == null) {
            throw new ProblemException(Problem.of(428, "Precondition Required",
                    "Send If-Match with the ETag (version) you last read, so that no one's edit is silently overwritten"));
        }
        return v;
    }

    static Long optionalIfMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "If-Match must be a version ETag such as \"3\"")
                    .withViolations(List.of(new Problem.Violation("If-Match", "not a version"))));
        }
    }
}
