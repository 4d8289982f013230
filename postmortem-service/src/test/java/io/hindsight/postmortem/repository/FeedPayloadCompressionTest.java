package io.hindsight.postmortem.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import io.hindsight.testsupport.FeedPayloadChecks;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** On PostgreSQL, V6 has the feed's payload columns compressed with LZ4 (checked in a schema of its own); H2 runs it as a no-op (MigrationsOnH2Test). */
class FeedPayloadCompressionTest {

    private static final String SCHEMA = "pm_v6_check";

    @Test
    void onPostgresqlTheFeedPayloadsAreCompressedWithLz4() throws Exception {
        String url = System.getenv().getOrDefault("HINDSIGHT_TEST_POSTMORTEM_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hindsight_postmortem_test");
        String password = System.getenv().getOrDefault("HINDSIGHT_DB_PASSWORD", "hindsight");
        try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        try {
            Flyway.configure().dataSource(url, "hindsight", password).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
            String big = FeedPayloadChecks.bigSnapshot();
            try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
                FeedPayloadChecks.assertLz4KeptInRow(s, SCHEMA);
                s.execute("insert into " + SCHEMA + ".change_feed_outbox (entity_type, entity_id, operation, payload, recorded_at)"
                        + " values ('postmortem', '1', 'upsert', '" + big + "', now())");
                try (ResultSet rs = s.executeQuery("select payload, pg_column_compression(payload) from " + SCHEMA + ".change_feed_outbox");
                     ResultSet toast = c.createStatement().executeQuery("select pg_relation_size(reltoastrelid) from pg_class where oid = '"
                             + SCHEMA + ".change_feed_outbox'::regclass")) {
                    toast.next();
                    assertEquals(0, toast.getLong(1), "the payload stays in the row, nothing in the TOAST table");
                    rs.next();
                    assertEquals(big, rs.getString(1));
                    assertEquals("lz4", rs.getString(2));
                }
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }
}
