package io.hindsight.incident;

import io.hindsight.testsupport.RequestLineLimitContract;
import io.quarkus.test.junit.QuarkusTest;

/** The request-line limit (platform-problem's RequestLineLimit) as every API service answers it: see the contract. */
@QuarkusTest
class RequestLineLimitTest extends RequestLineLimitContract {

    @Override
    protected String path() {
        return "/api/incidents";
    }

    @Override
    protected String query() {
        return "limit=5";
    }
}
