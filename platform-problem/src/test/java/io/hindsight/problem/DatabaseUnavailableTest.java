package io.hindsight.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheCauseChainAreUnavailable() {
        assertTrue(DatabaseUnavailable.isCause(new IllegalStateException("wrapped",
                new RuntimeException(new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException())))));
        assertTrue(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("An I/O error occurred", "08006"))));
        assertTrue(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"))));
        assertTrue(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("the database system is starting up", "57P03"))));
        assertTrue(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
        SQLException batch = new SQLException("Batch entry 0 was aborted", "XX000");
        batch.setNextException(new SQLException("An I/O error occurred", "08006"));
        assertTrue(DatabaseUnavailable.isCause(new RuntimeException(batch)));
    }

    @Test
    void bugsAndConstraintViolationsAreNot() {
        assertFalse(DatabaseUnavailable.isCause(new NullPointerException()));
        assertFalse(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("duplicate key value", "23505"))));
        assertFalse(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("syntax error", "42601"))));
        RuntimeException loop = new RuntimeException("self");
        assertFalse(DatabaseUnavailable.isCause(new RuntimeException(loop)));
    }
}
