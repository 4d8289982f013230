package io.hindsight.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises a failure caused by the database being unreachable (refused or dropped connection, the server
 * shutting down or starting up, the pool timing out while acquiring a connection, a commit that lost its
 * connection), as opposed to a bug. Such a failure is answered with 503 and {@code Retry-After}, not 500:
 * the request was fine and will succeed once the database is back.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before retrying, sent as {@code Retry-After}. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    /** True when {@code e} or one of its causes says the database could not be reached or went away. */
    public static boolean isCause(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (matches(t)) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && seen.put(next, Boolean.TRUE) == null;
                     next = next.getNextException()) {
                    if (matches(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matches(Throwable t) {
        if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                || t instanceof SocketException || t instanceof java.io.EOFException) {
            return true;
        }
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String type = t.getClass().getName();
        // Hibernate's translation of a connection-class SQLState (08xxx); named, so this module needs no Hibernate
        if (type.equals("org.hibernate.exception.JDBCConnectionException")) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08")          // connection exception
                    || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") // shutdown, crash, starting up
                    || state.equals("53300"))) {                  // too many connections
                return true;
            }
            String message = sql.getMessage();
            // Agroal: no connection could be acquired within quarkus.datasource.jdbc.acquisition-timeout
            return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
        }
        return false;
    }
}
