package io.hindsight.changefeed;

import io.quarkus.runtime.BlockingOperationControl;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * On the embedded build (H2 file storage), the answer to a write (any method but GET, HEAD and OPTIONS) leaves only
 * once everything committed so far is stored in the database file: a 201 survives SIGKILL. H2 keeps a commit in memory
 * until its background writer stores it (WRITE_DELAY, 500 ms), so a kill lost answered writes, and the feed seqs, ids
 * and update numbers they had been given were handed out again after the restart. {@code WRITE_DELAY=0} would store
 * every commit too, but it stops H2's background thread, which also compacts the file: the file then grew by about
 * 11 kB per commit and kept growing (README, "Reliability"). Nothing happens on PostgreSQL, where a commit returns once
 * it is in the WAL.
 */
@Provider
public class DurableWriteAnswers implements ContainerResponseFilter {

    private final boolean h2 = "h2".equals(
            ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.db-kind", String.class).orElse(""));
    private final ChangeFeedSequencer sequencer;

    public DurableWriteAnswers(ChangeFeedSequencer sequencer) {
        this.sequencer = sequencer;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!h2 || !BlockingOperationControl.isBlockingAllowed()) {
            return; // PostgreSQL; or an answer made on the event loop (a refusal before any resource ran: no write)
        }
        switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS" -> {
                // a read: the feed reader waits on its own (ChangeFeedResource)
            }
            default -> sequencer.awaitStored();
        }
    }
}
