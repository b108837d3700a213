package com.motoo.persister.db;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseErrorsTest {
    @Test
    void shouldTellADatabaseThatCannotBeReachedFromOtherFailuresWhereverTheCauseSits() {
        assertTrue(DatabaseErrors.unreachable(new SQLTransientConnectionException("pool timed out")));
        assertTrue(DatabaseErrors.unreachable(new SQLException("connection refused", "08001")));
        assertTrue(DatabaseErrors.unreachable(new SQLException("terminating connection", "57P01")));
        assertTrue(DatabaseErrors.unreachable(new IllegalStateException("migration failed",
            new SQLException("lost", "08006"))), "wrapped, as Flyway wraps it");
        assertTrue(DatabaseErrors.unreachable(new RuntimeException(new ConnectException("Connection refused"))));
        assertFalse(DatabaseErrors.unreachable(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseErrors.unreachable(new SQLException("protocol violation", "08P01")), "a bug, not an outage");
        assertFalse(DatabaseErrors.unreachable(new SQLException("database dropped", "57P04")));
        assertFalse(DatabaseErrors.unreachable(new SQLException("no state")));
        assertFalse(DatabaseErrors.unreachable(new IllegalStateException("a bug")));
    }
}
