package io.hindsight.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reports page refuses a period it cannot use instead of silently showing the default one: a 400 page, the
 * refusal in words above the form, the typed value still in its field (marked invalid). Nothing is asked of
 * search-service (none runs in this test: a page that asked it would be a 503).
 */
@QuarkusTest
class ReportPeriodPageTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "from, 2026-13-45, is not a date",
            "to, 2026-02-30, is not a date",
            "from, yesterday, is not a date",
            "from, +300000000-01-01, outside the years 1970–9999",
            "to, 10000-01-01, is not a date",
            "from, 1969-12-31, outside the years 1970–9999",
            "from, 2999-01-01, must not be after To",
            "interval, year, Per must be month or week"})
    @TestSecurity(user = "lena", roles = "leader")
    void aPeriodTheReportsCannotUseIsRefusedOnThePageWithTheTypedValueKept(String name, String value, String says) {
        given().queryParam(name, value).when().get("/reports")
                .then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("role=\"alert\" id=\"report-error\""))
                .body(containsString(says))
                .body(containsString(name.equals("interval") ? "name=\"interval\" aria-invalid=\"true\"" : "value=\"" + value + "\" aria-invalid=\"true\""))
                .body(not(containsString("search-service does not answer")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"from, 2026-13-45, is not a date", "to, +300000000-01-01, outside the years 1970–9999"})
    @TestSecurity(user = "lena", roles = "leader")
    void aCsvLinkWithABadPeriodIsA400PageSayingWhy(String name, String value, String says) {
        given().queryParam(name, value).when().get("/reports/incidents.csv")
                .then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString(says));
    }
}
