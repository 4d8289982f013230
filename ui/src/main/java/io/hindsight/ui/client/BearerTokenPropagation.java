package io.hindsight.ui.client;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Calls the backend services as the signed-in user: forwards the access token obtained by the
 * authorization code flow, so each service applies the user's own roles.
 */
public class BearerTokenPropagation implements ClientRequestFilter {

    @Inject
    SecurityIdentity identity;

    @Override
    public void filter(ClientRequestContext request) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
        }
    }
}
