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
     *         connection within a pool's timeout, a refused or lost connection (SQLSTATE class 08,
     *         but 08P01, a protocol violation), the server shutting down or starting (57P01 to 57P03)
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException && unreachableState(((SQLException) t).getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a SQLSTATE says the connection failed (class 08 but the protocol violation) or the server is going away */
    private static boolean unreachableState(String state) {
        return state != null && (state.startsWith("08") && !state.equals("08P01")
            || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
