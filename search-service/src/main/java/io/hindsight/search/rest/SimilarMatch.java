package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * One past incident, post-mortem or lesson like the new symptom: the "what worked last time" card.
 * {@code matchedTerms} are the words of the request it shares (why it matched); {@code rootCause} the confirmed
 * root cause; {@code fixes} the changes whose outcome was IMPROVED; {@code lessons} the lessons learned.
 */
@RegisterForReflection
public record SimilarMatch(String type, String id, String title, float score, List<String> matchedTerms,
                           String symptom, String rootCause, List<Fix> fixes, List<String> lessons, String prevention,
                           String incidentId, String postmortemId, String priority, List<String> services, Instant date) {

    @RegisterForReflection
    public record Fix(String description, String revertPlan, String appliedAt) {
    }
}
