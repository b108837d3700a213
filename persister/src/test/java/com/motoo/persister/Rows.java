package com.motoo.persister;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads query results as comma-joined text rows, for comparing tables in tests. */
public final class Rows {
    private Rows() {
    }

    /** @return each row of the query as its columns joined by commas */
    public static List<String> of(DataSource dataSource, String sql) throws SQLException {
        final List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            final int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                final StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "," : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** @return the rows of the query sorted as Java sorts strings */
    public static List<String> sorted(DataSource dataSource, String sql) throws SQLException {
        final List<String> rows = of(dataSource, sql);
        java.util.Collections.sort(rows);
        return rows;
    }

    /** @return the single long the query returns */
    public static long single(DataSource dataSource, String sql) throws SQLException {
        final List<String> rows = of(dataSource, sql);
        if (rows.size() != 1) {
            throw new AssertionError(sql + " returned " + rows);
        }
        return Long.parseLong(rows.get(0));
    }
}
