package io.hindsight.postmortem.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hindsight.postmortem.repository.ImportKeys;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identity of an imported report (README, "Imports"): its normalised url, else its id. Two spellings of one
 * report, imported one after the other in JSON Lines or Markdown, update one post-mortem; two reports stay two.
 */
@QuarkusTest
class ImportIdentityTest {

    @Inject
    DataSource db;

    /** The same report written twice: {first id, first url, second id, second url}; %s is a unique path segment. */
    static Stream<Arguments> sameReport() {
        return Stream.of(
                Arguments.of("with an id, then without", "a", "https://example.org/%s", null, "https://example.org/%s"),
                Arguments.of("without an id, then with", null, "https://example.org/%s", "a", "https://example.org/%s"),
                Arguments.of("a trailing slash", null, "https://example.org/%s", null, "https://example.org/%s/"),
                Arguments.of("the host in another case", null, "https://example.org/%s", null, "HTTPS://Example.ORG/%s"),
                Arguments.of("the default port", "a", "https://example.org/%s", null, "https://example.org:443/%s"),
                Arguments.of("a fragment", null, "https://example.org/%s", null, "https://example.org/%s#timeline"),
                Arguments.of("tracking parameters", null, "https://example.org/%s?p=1", null,
                        "https://example.org/%s?utm_source=news&p=1&utm_medium=mail&fbclid=x"),
                Arguments.of("http, then https", null, "http://example.org/%s", null, "https://example.org/%s"),
                Arguments.of("an id only, then the id and a url", "a", null, "a", "https://example.org/%s"),
                Arguments.of("the id and a url, then the id only", "a", "https://example.org/%s", "a", null),
                Arguments.of("another id for the same url", "a", "https://example.org/%s", "b", "https://example.org/%s/"));
    }

    /** Two reports: {first id, first url, second id, second url}. */
    static Stream<Arguments> twoReports() {
        return Stream.of(
                Arguments.of("another path", null, "https://example.org/%s/one", null, "https://example.org/%s/two"),
                Arguments.of("another path case", null, "https://example.org/%s/a", null, "https://example.org/%s/A"),
                Arguments.of("another host", null, "https://example.org/%s", null, "https://www.example.org/%s"),
                Arguments.of("another query", null, "https://example.org/%s?p=1", null, "https://example.org/%s?p=2"),
                Arguments.of("one id under two urls", "a", "https://example.org/%s/one", "a", "https://example.org/%s/two"));
    }

    @ParameterizedTest(name = "JSON Lines, {0}")
    @MethodSource("sameReport")
    void jsonLinesSpellingsOfOneReportUpdateOnePostmortem(String name, String id1, String url1, String id2, String url2) throws Exception {
        String marker = UUID.randomUUID().toString();
        assertEquals(1, jsonl(line(marker, id1, url1)).getInt("created"));
        JsonPath second = jsonl(line(marker, id2, url2));
        assertEquals(0, second.getInt("created"), name + ": " + second.prettify());
        assertEquals(1, second.getInt("updated") + second.getInt("unchanged"));
        assertEquals(1, count(marker), name);
    }

    @ParameterizedTest(name = "Markdown, {0}")
    @MethodSource("sameReport")
    void markdownSpellingsOfOneReportUpdateOnePostmortem(String name, String id1, String url1, String id2, String url2) throws Exception {
        String marker = UUID.randomUUID().toString();
        assertEquals(1, markdown(document(marker, id1, url1)).getInt("created"));
        JsonPath second = markdown(document(marker, id2, url2));
        assertEquals(0, second.getInt("created"), name + ": " + second.prettify());
        assertEquals(1, count(marker), name);
    }

    @ParameterizedTest(name = "JSON Lines, {0}")
    @MethodSource("twoReports")
    void jsonLinesDifferentReportsAreTwoPostmortems(String name, String id1, String url1, String id2, String url2) throws Exception {
        String marker = UUID.randomUUID().toString();
        assertEquals(1, jsonl(line(marker, id1, url1)).getInt("created"));
        assertEquals(1, jsonl(line(marker, id2, url2)).getInt("created"), name);
        assertEquals(2, count(marker), name);
    }

    @ParameterizedTest(name = "Markdown, {0}")
    @MethodSource("twoReports")
    void markdownDifferentReportsAreTwoPostmortems(String name, String id1, String url1, String id2, String url2) throws Exception {
        String marker = UUID.randomUUID().toString();
        assertEquals(1, markdown(document(marker, id1, url1)).getInt("created"));
        assertEquals(1, markdown(document(marker, id2, url2)).getInt("created"), name);
        assertEquals(2, count(marker), name);
    }

    @Test
    void bothSpellingsInOneFileAreOneReportWithTwoRevisions() throws Exception {
        String marker = UUID.randomUUID().toString();
        JsonPath report = jsonl(line(marker, "a", "https://example.org/" + marker) + "\n"
                + line(marker, null, "https://EXAMPLE.org/" + marker + "/") + "\n");
        assertEquals(1, report.getInt("created"));
        assertEquals(1, report.getInt("updated"));
        assertEquals(1, count(marker));
    }

    @Test
    void keysOfEarlierImportsAreRekeyedToTheIdentityAndCopiesKeepTheirs() throws Exception {
        String marker = UUID.randomUUID().toString();
        String url = "https://example.org/" + marker + "/";
        jsonl(line(marker, "old", url));
        // as imports before the identity was normalised stored it: under its id (it had one), else its url as written
        exec("update postmortem set source_key = 'id:old-" + marker + "' where summary like '%" + marker + "%'");
        rekey();
        assertEquals("url://example.org/" + marker, key(marker));
        exec("update postmortem set source_key = 'url:" + url + "', source_id = null where summary like '%" + marker + "%'");
        rekey();
        assertEquals("url://example.org/" + marker, key(marker));
        assertEquals(0, jsonl(line(marker, null, "HTTPS://example.org/" + marker)).getInt("created"));
        assertEquals(1, count(marker));

        // two copies of one report, made before: the older takes the identity, the other keeps its key; imports update the older
        String copies = UUID.randomUUID().toString();
        jsonl(line(copies, null, "https://example.org/" + copies + "/one"));
        jsonl(line(copies, null, "https://example.org/" + copies + "/two"));
        exec("update postmortem set source_url = 'https://example.org/" + copies + "', source_key = 'url:https://example.org/" + copies
                + "' where source_url like '%" + copies + "/one'");
        exec("update postmortem set source_url = 'https://example.org/" + copies + "/', source_key = 'url:https://example.org/" + copies
                + "/' where source_url like '%" + copies + "/two'");
        rekey();
        assertEquals(0, jsonl(line(copies, null, "https://example.org/" + copies + "#x")).getInt("created"));
        assertEquals(2, count(copies));
        try (var c = db.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(
                "select source_key from postmortem where summary like '%" + copies + "%' order by id")) {
            rs.next();
            assertEquals("url://example.org/" + copies, rs.getString(1));
            rs.next();
            assertEquals("url:https://example.org/" + copies + "/", rs.getString(1));
        }
    }

    private void rekey() throws Exception {
        try (var c = db.getConnection()) {
            ImportKeys.rekey(c);
        }
    }

    private static String line(String marker, String id, String url) {
        StringBuilder b = new StringBuilder("{\"title\":\"Identity ").append(marker).append("\",\"text\":\"The report ").append(marker).append("\"");
        if (id != null) {
            b.append(",\"id\":\"").append(id).append('-').append(marker).append('"');
        }
        if (url != null) {
            b.append(",\"url\":\"").append(url.formatted(marker)).append('"');
        }
        return b.append('}').toString();
    }

    private static String document(String marker, String id, String url) {
        StringBuilder b = new StringBuilder("---\ntitle: \"Identity ").append(marker).append("\"\n");
        if (id != null) {
            b.append("id: ").append(id).append('-').append(marker).append('\n');
        }
        if (url != null) {
            b.append("url: \"").append(url.formatted(marker)).append("\"\n");
        }
        return b.append("---\n\nThe report ").append(marker).append("\n").toString();
    }

    private static JsonPath jsonl(String body) {
        return given().auth().oauth2(KeycloakTokens.user("admin")).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/imports/jsonl").then().statusCode(200).body("errors", empty()).extract().jsonPath();
    }

    private static JsonPath markdown(String body) {
        return given().auth().oauth2(KeycloakTokens.user("admin")).contentType("text/markdown").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/imports/markdown").then().statusCode(200).body("errors", empty()).extract().jsonPath();
    }

    private long count(String marker) throws Exception {
        try (var c = db.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from postmortem where summary like '%" + marker + "%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String key(String marker) throws Exception {
        try (var c = db.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select source_key from postmortem where summary like '%" + marker + "%'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void exec(String sql) throws Exception {
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
