package io.hindsight.postmortem;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The database pool is visible in /q/metrics: in use, waiting, high-water mark and limit (issue 14). */
@QuarkusTest
class PoolMetricsTest {

    @Test
    void poolInUseWaitingAndLimitAreInTheMetrics() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("agroal_active_count", "agroal_awaiting_count", "agroal_max_used_count")) {
            assertTrue(metrics.contains(name + "{"), name + " in /q/metrics");
        }
        Matcher max = Pattern.compile("(?m)^hindsight_db_pool_max\\{[^}]*\\} ([0-9.]+)").matcher(metrics);
        assertTrue(max.find(), "hindsight_db_pool_max in /q/metrics");
        assertTrue(Double.parseDouble(max.group(1)) == 20, max.group());
    }
}
