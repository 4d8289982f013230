package io.hindsight.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Checks of the change feed's payload columns on PostgreSQL, shared by the services that own a feed (their migrations). */
public final class FeedPayloadChecks {

    private FeedPayloadChecks() {
    }

    /** A snapshot-sized payload (about 7.5 kB) that compresses about as badly as a real one: over the 2 kB TOAST threshold even compressed. */
    public static String bigSnapshot() {
        Random random = new Random(42);
        StringBuilder b = new StringBuilder("{\"updates\":[");
        for (int i = 0; i < 120; i++) {
            b.append(i == 0 ? "" : ",").append("{\"seq\":").append(i).append(",\"at\":\"").append(new UUID(random.nextLong(), random.nextLong()))
                    .append("\"}");
        }
        return b.append("]}").toString();
    }

    /** Both feed tables' {@code payload} column in {@code schema} is compressed with LZ4 and kept in the row ({@code storage main}). */
    public static void assertLz4KeptInRow(Statement s, String schema) throws SQLException {
        for (String table : List.of("change_feed_outbox", "change_feed")) {
            try (ResultSet rs = s.executeQuery("select attcompression, attstorage from pg_attribute where attrelid = '" + schema + "." + table
                    + "'::regclass and attname = 'payload'")) {
                rs.next();
                assertEquals("l", rs.getString(1), table + ".payload compression");
                assertEquals("m", rs.getString(2), table + ".payload storage: compressed, kept in the row");
            }
        }
    }
}
