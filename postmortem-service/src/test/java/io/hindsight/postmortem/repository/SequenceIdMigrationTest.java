package io.hindsight.postmortem.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V5 moves the ids of post-mortems and revisions from identity columns to pooled sequences. A database that already
 * holds post-mortems must keep them, and new ids (from Hibernate's blocks or from the column default) must never meet
 * an old one: checked on H2 (the embedded build) and on the test PostgreSQL, in a schema of its own.
 */
class SequenceIdMigrationTest {

    private static final String H2 = "jdbc:h2:mem:pm-v5;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private static final String SCHEMA = "pm_v5_check";

    @Test
    void onH2() throws Exception {
        check(Flyway.configure().dataSource(H2, "sa", ""), () -> DriverManager.getConnection(H2, "sa", ""), "");
    }

    @Test
    void onPostgresql() throws Exception {
        String url = System.getenv().getOrDefault("HINDSIGHT_TEST_POSTMORTEM_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hindsight_postmortem_test");
        String password = System.getenv().getOrDefault("HINDSIGHT_DB_PASSWORD", "hindsight");
        try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        try {
            check(Flyway.configure().dataSource(url, "hindsight", password).schemas(SCHEMA),
                    () -> DriverManager.getConnection(url, "hindsight", password), SCHEMA + ".");
        } finally {
            try (Connection c = DriverManager.getConnection(url, "hindsight", password); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }

    interface Db {
        Connection open() throws Exception;
    }

    private static void check(org.flywaydb.core.api.configuration.FluentConfiguration flyway, Db db, String schema) throws Exception {
        flyway.locations("classpath:db/migration").target("4").load().migrate();
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            // data of the identity era: ids from the identity, and one set explicitly past them
            for (int i = 0; i < 3; i++) {
                s.execute("insert into " + schema + "postmortem (title, summary, status, created_by, created_at, updated_at)"
                        + " values ('old " + i + "', 's', 'DRAFT', 'x', current_timestamp, current_timestamp)");
            }
            s.execute("insert into " + schema + "postmortem (id, title, summary, status, created_by, created_at, updated_at)"
                    + " values (120, 'old explicit', 's', 'DRAFT', 'x', current_timestamp, current_timestamp)");
            s.execute("insert into " + schema + "postmortem_revision (postmortem_id, revision, author, created_at, snapshot)"
                    + " values (120, 0, 'x', current_timestamp, '{}')");
        }
        flyway.target("latest").load().migrate();
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            assertEquals(4, one(s, "select count(*) from " + schema + "postmortem"));
            // the first block starts past the largest id, whichever end of it the database value is taken for
            long next = one(s, "select nextval('" + schema + "postmortem_seq')");
            assertEquals(120 + SequenceIds.ALLOCATION, next);
            assertTrue(next - SequenceIds.ALLOCATION + 1 > 120);
            assertEquals(1 + SequenceIds.ALLOCATION, one(s, "select nextval('" + schema + "postmortem_revision_seq')"));
            // an insert without an id (SQL by hand, the previous version during a rolling update) still works
            s.execute("insert into " + schema + "postmortem (title, summary, status, created_by, created_at, updated_at)"
                    + " values ('new', 's', 'DRAFT', 'x', current_timestamp, current_timestamp)");
            assertEquals(next + SequenceIds.ALLOCATION, one(s, "select id from " + schema + "postmortem where title = 'new'"));
        }
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
