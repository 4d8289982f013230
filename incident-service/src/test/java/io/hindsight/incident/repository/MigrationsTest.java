package io.hindsight.incident.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import io.hindsight.testsupport.FeedPayloadChecks;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migrations run on H2 in PostgreSQL mode (the embedded build of ./hindsight up) and on PostgreSQL (the
 * @QuarkusTests and production). On PostgreSQL, V5 has the feed's payload columns compressed with LZ4; checked in a
 * schema of its own, with a feed row written before V5 and one after, both read back whole.
 */
class MigrationsTest {

    private static final String H2 = "jdbc:h2:mem:incident-migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private static final String SCHEMA = "incident_migrations_check";

    @Test
    void runOnH2() throws Exception {
        Flyway.configure().dataSource(H2, "sa", "").locations("classpath:db/migration").load().migrate();
        try (Connection c = DriverManager.getConnection(H2, "sa", ""); Statement s = c.createStatement()) {
            s.execute("insert into change_feed_outbox (entity_type, entity_id, operation, payload, recorded_at)"
                    + " values ('incident', '1', 'upsert', '{\"id\":1}', current_timestamp)");
            try (ResultSet rs = s.executeQuery("select payload from change_feed_outbox")) {
                rs.next();
                assertEquals("{\"id\":1}", rs.getString(1));
            }
            // the feed's compaction query runs on H2 too (the embedded build compacts hourly)
            s.execute("insert into change_feed (seq, entity_type, entity_id, operation, payload, recorded_at) values"
                    + " (1, 'incident', '1', 'upsert', '{}', timestamp '2020-01-01 00:00:00'),"
                    + " (2, 'incident', '1', 'upsert', '{}', timestamp '2020-01-02 00:00:00'),"
                    + " (3, 'incident', '2', 'upsert', '{}', timestamp '2020-01-01 00:00:00')");
            try (java.sql.PreparedStatement delete = c.prepareStatement(io.hindsight.changefeed.ChangeFeedCompaction.DELETE_BATCH)) {
                delete.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse("2021-01-01T00:00:00Z")));
                delete.setInt(2, 100);
                assertEquals(1, delete.executeUpdate(), "only incident 1's superseded entry");
            }
            try (ResultSet rs = s.executeQuery("select seq from change_feed order by seq")) {
                rs.next();
                assertEquals(2, rs.getLong(1));
                rs.next();
                assertEquals(3, rs.getLong(1));
            }
        }
    }

    @Test
    void onPostgresqlTheFeedPayloadsAreCompressedWithLz4() throws Exception {
        String url = System.getenv().getOrDefault("HINDSIGHT_TEST_INCIDENT_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hindsight_incident_test");
        String password = System.getenv().getOrDefault("HINDSIGHT_DB_PASSWORD", "hindsight");
        try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        try {
            Flyway.configure().dataSource(url, "hindsight", password).schemas(SCHEMA).locations("classpath:db/migration")
                    .target("4").load().migrate();
            String big = FeedPayloadChecks.bigSnapshot();
            try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
                s.execute("insert into " + SCHEMA + ".change_feed_outbox (entity_type, entity_id, operation, payload, recorded_at)"
                        + " values ('incident', '1', 'upsert', '" + big + "', now())");
            }
            Flyway.configure().dataSource(url, "hindsight", password).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
                FeedPayloadChecks.assertLz4KeptInRow(s, SCHEMA);
                s.execute("insert into " + SCHEMA + ".change_feed_outbox (entity_type, entity_id, operation, payload, recorded_at)"
                        + " values ('incident', '2', 'upsert', '" + big + "', now())");
                try (ResultSet rs = s.executeQuery("select entity_id, payload, pg_column_compression(payload) from " + SCHEMA
                        + ".change_feed_outbox order by id")) {
                    rs.next();
                    assertEquals(big, rs.getString(2), "a payload stored before V5 reads back whole");
                    rs.next();
                    assertEquals(big, rs.getString(2), "a payload stored after V5 reads back whole");
                    assertEquals("lz4", rs.getString(3));
                }
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }
}
