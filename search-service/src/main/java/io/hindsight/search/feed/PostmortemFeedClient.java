package io.hindsight.search.feed;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** postmortem-service's change feed, called with this service's own client-credentials token. */
@RegisterRestClient(configKey = "postmortem-feed")
@OidcClientFilter
@Path("/api/changes")
interface PostmortemFeedClient {

    @GET
    FeedPage changes(@QueryParam("after") long after, @QueryParam("limit") int limit);
}
