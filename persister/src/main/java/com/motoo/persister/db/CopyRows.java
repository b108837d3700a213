package com.motoo.persister.db;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows in PostgreSQL's COPY text format, built in memory and sent with one {@code COPY ... FROM
 * STDIN}: the fastest way to insert many rows. Columns are tab separated, rows end with a newline,
 * NULL is {@code \N}; text is escaped. Reused batch after batch by one thread; grows as needed.
 *
 * <p>PostgreSQL text cannot hold NUL (U+0000) at all, so a NUL is stored as U+FFFD, the replacement
 * character. Text comes from the journal, which may hold what the gateway
 * refuses today (a stock name listed before it refused control characters, or one fed by a command
 * file), and a COPY that PostgreSQL refuses would fail its batch again at every retry.
 */
public final class CopyRows {
    /** What a NUL is stored as. */
    private static final char NUL_REPLACEMENT = '\uFFFD';

    private final String copySql;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private int rows;
    private boolean rowStarted;

    /** @param copySql the COPY statement, e.g. {@code COPY t (a, b) FROM STDIN} */
    public CopyRows(String copySql) {
        this.copySql = copySql;
    }

    /** Appends an integer column. */
    public CopyRows col(long value) {
        separate();
        text.append(value);
        return this;
    }

    /** Appends a boolean column. */
    public CopyRows col(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    /** Appends a text column (escaped, a NUL replaced by {@link #NUL_REPLACEMENT}), or NULL if {@code value} is null. */
    public CopyRows col(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '\\':
                    text.append("\\\\");
                    break;
                case '\t':
                    text.append("\\t");
                    break;
                case '\n':
                    text.append("\\n");
                    break;
                case '\r':
                    text.append("\\r");
                    break;
                case '\0':
                    text.append(NUL_REPLACEMENT);
                    break;
                default:
                    text.append(c);
            }
        }
        return this;
    }

    /** Appends a NULL column. */
    public CopyRows nul() {
        separate();
        text.append("\\N");
        return this;
    }

    /** Ends the current row. */
    public void endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
    }

    /** @return rows appended since the last {@link #send} or {@link #clear} */
    public int rows() {
        return rows;
    }

    /**
     * Sends the rows (if any) on the connection, inside its current transaction, then clears them.
     *
     * @return how many rows PostgreSQL took
     */
    public long send(Connection connection) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        try {
            final long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn(copySql, new CharSequenceReader(text));
            clear();
            return copied;
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + copySql, e);
        }
    }

    /** Drops the rows without sending them. */
    public void clear() {
        text.setLength(0);
        rows = 0;
        rowStarted = false;
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }
}
