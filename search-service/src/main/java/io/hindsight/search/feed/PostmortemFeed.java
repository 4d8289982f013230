package io.hindsight.search.feed;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The postmortem-service feed; timeouts are set on the client ({@code quarkus.rest-client.postmortem-feed.*}). */
@ApplicationScoped
public class PostmortemFeed implements FeedSource {

    private final PostmortemFeedClient client;

    public PostmortemFeed(@RestClient PostmortemFeedClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "postmortems";
    }

    @Override
    public FeedPage changesAfter(long after, int limit) {
        return FeedPageReader.read(client.changes(after, limit));
    }
}
