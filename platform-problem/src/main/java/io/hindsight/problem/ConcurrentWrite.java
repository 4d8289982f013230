package io.hindsight.problem;

import java.sql.SQLException;
import java.util.Set;

/**
 * A write that lost a race with a concurrent request: a unique key the other request inserted first (SQLState
 * 23505, PostgreSQL and H2), or a row it changed first (an optimistic-lock failure of Hibernate). Where a race is
 * expected the service handles it itself (replays the winner's result, locks the row); whatever race is left is
 * answered 409 by {@link ProblemExceptionMappers} ("reload and retry"), not a 500.
 */
public final class ConcurrentWrite {

    static final String UNIQUE_VIOLATION = "23505";
    private static final Set<String> LOST_UPDATES = Set.of("OptimisticLockException", "StaleObjectStateException",
            "StaleStateException", "OptimisticEntityLockException");

    private ConcurrentWrite() {
    }

    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
            if (LOST_UPDATES.contains(t.getClass().getSimpleName())) {
                return true;
            }
        }
        return false;
    }
}
