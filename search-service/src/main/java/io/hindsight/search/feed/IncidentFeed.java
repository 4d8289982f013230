package io.hindsight.search.feed;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The incident-service feed; timeouts are set on the client ({@code quarkus.rest-client.incident-feed.*}). */
@ApplicationScoped
public class IncidentFeed implements FeedSource {

    private final IncidentFeedClient client;

    public IncidentFeed(@RestClient IncidentFeedClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "incidents";
    }

    @Override
    public FeedPage changesAfter(long after, int limit) {
        return FeedPageReader.read(client.changes(after, limit));
    }
}
