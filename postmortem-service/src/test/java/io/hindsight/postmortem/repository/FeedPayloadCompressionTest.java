package io.hindsight.postmortem.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
            String big = "{\"summary\":\"" + "the cache stampede after the deploy ".repeat(400) + "\"}";
            try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
                for (String table : new String[] {"change_feed_outbox", "change_feed"}) {
                    try (ResultSet rs = s.executeQuery("select attcompression from pg_attribute where attrelid = '" + SCHEMA + "." + table
                            + "'::regclass and attname = 'payload'")) {
                        rs.next();
                        assertEquals("l", rs.getString(1), table + ".payload compression");
                    }
                }
                s.execute("insert into " + SCHEMA + ".change_feed_outbox (entity_type, entity_id, operation, payload, recorded_at)"
                        + " values ('postmortem', '1', 'upsert', '" + big + "', now())");
                try (ResultSet rs = s.executeQuery("select payload, pg_column_compression(payload) from " + SCHEMA + ".change_feed_outbox")) {
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
