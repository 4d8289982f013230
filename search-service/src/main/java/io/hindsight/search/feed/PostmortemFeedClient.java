package io.hindsight.search.feed;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** postmortem-service's change feed, called with this service's own client-credentials token. */
@RegisterRestClient(configKey = "postmortem-feed")
@OidcClientFilter
@Path("/api/changes")
interface PostmortemFeedClient {

    /** The raw body: {@link FeedPageReader} reads it entry by entry, so one bad entry cannot make the page unreadable. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    String changes(@QueryParam("after") long after, @QueryParam("limit") int limit);
}
