package io.hindsight.postmortem.repository;

import io.hindsight.testsupport.EmbeddedCommitDurability;
import org.junit.jupiter.api.Test;

/**
 * The embedded build's H2 file (./hindsight up), with the JDBC URL as shipped: a commit that returned survives SIGKILL
 * of the JVM right after it, and no identity value is handed out twice (H2's default 500 ms write delay lost them).
 */
class EmbeddedDurabilityTest {

    @Test
    void aCommitThatReturnedSurvivesSigkill() throws Exception {
        EmbeddedCommitDurability.assertCommitsSurviveSigkill();
    }
}
