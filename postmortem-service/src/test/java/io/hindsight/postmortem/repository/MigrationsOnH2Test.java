package io.hindsight.postmortem.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The embedded build (./hindsight up) runs these migrations on H2 in PostgreSQL mode; the @QuarkusTests run
 * them on PostgreSQL. This keeps the SQL portable, and checks the native query of the lesson ranking on H2.
 */
class MigrationsOnH2Test {

    private static final String URL = "jdbc:h2:mem:pm-migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void migrationsRunOnH2AndSeedTheStarterLessons() throws Exception {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();
        try (Connection c = DriverManager.getConnection(URL, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select l.id from lesson l left join postmortem_lesson pl on pl.lesson_id = l.id where l.tags like '%\"resilience\"%'"
                             + " group by l.id, l.title order by count(pl.postmortem_id) desc, l.title asc")) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            assertEquals(4, n);
        }
        try (Connection c = DriverManager.getConnection(URL, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select count(*) from lesson")) {
            rs.next();
            assertEquals(10, rs.getInt(1));
        }
    }
}
