package io.hindsight.incident.repository;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.changefeed.ChangeFeedSequencer;
import io.hindsight.testsupport.EmbeddedCommitDurability;
import org.junit.jupiter.api.Test;

/**
 * The embedded build's H2 file (./hindsight up), with the JDBC URL as shipped: a commit followed by the store barrier
 * that runs before a write is answered (DurableWriteAnswers) survives SIGKILL of the JVM right after it, and no
 * identity value is handed out twice; a plain commit does not (H2's 500 ms write delay), which is why the barrier is
 * there. The whole path through HTTP is e2e's CrashDurabilityTest.
 */
class EmbeddedDurabilityTest {

    @Test
    void aCommitFollowedByTheStoreBarrierSurvivesSigkill() throws Exception {
        EmbeddedCommitDurability.commitsSurvivingSigkill(ChangeFeedSequencer.H2_STORE_BARRIER, true);
    }

    @Test
    void aPlainCommitIsLostToSigkillWhichIsWhyTheBarrierIsThere() throws Exception {
        int kept = EmbeddedCommitDurability.commitsSurvivingSigkill("", false);
        assertTrue(kept < EmbeddedCommitDurability.COMMITS, "all " + kept + " plain commits survived: is the barrier still needed?");
    }
}
