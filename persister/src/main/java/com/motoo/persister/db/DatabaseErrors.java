package com.motoo.persister.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Telling a database that cannot be reached from a failure worth reporting as a bug. Stateless. */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    /**
     * @return whether a failure, or one of its causes, means the database cannot be reached: no
     *         connection within a pool's timeout, a refused or lost connection (SQLSTATE class 08),
     *         the server shutting down or starting (57P01 to 57P03)
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException) {
                final String state = ((SQLException) t).getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
