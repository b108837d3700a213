package com.motoo.persister;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every read-model table's rows (sorted), to compare two databases. Test code. */
public final class ReadModelTables {
    /** Tables written by the accounts role (but open_reservations, which only the accounts-only role keeps). */
    public static final List<String> ACCOUNT_TABLES = List.of("symbols", "accounts", "positions", "cash_ledger",
        "share_ledger");
    /** Tables written by the orders role. */
    public static final List<String> ORDER_TABLES = List.of("orders", "executions", "order_rejections", "candles_1m",
        "order_epochs");

    private ReadModelTables() {
    }

    /** @return table name to its sorted rows, for every read-model table */
    public static Map<String, List<String>> dump(DataSource db) throws SQLException {
        final Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : ACCOUNT_TABLES) {
            tables.put(table, Rows.sorted(db, "SELECT * FROM " + table));
        }
        for (String table : ORDER_TABLES) {
            tables.put(table, Rows.sorted(db, "SELECT * FROM " + table));
        }
        return tables;
    }
}
