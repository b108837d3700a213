package com.motoo.persister.db;

import com.motoo.persister.PersisterConfiguration;
import com.motoo.persister.Rows;
import com.motoo.persister.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(TestDatabase.class)
@Timeout(60)
class SchemaMigrationsTest {
    /**
     * Accounts written before V4: 1 opened with 10,000,000, was granted 500,000 and withdrew 200,000
     * (its trades' BUY and SELL rows do not count); 2 was granted 1,000,000, then reset to 8,000,000 and
     * granted 100,000 (only its current epoch counts); 3 has no ledger row at all and starts from its cash.
     */
    @Test
    void shouldBackfillContributedCapitalFromTheCurrentEpochsCashLedger() throws Exception {
        final String name = "t" + ProcessHandle.current().pid() + "_v4_backfill";
        try (TestDatabase.Schema db = new TestDatabase.Schema(name, PersisterConfiguration.withSchema(TestDatabase.serverUrl(),
            name))) {
            Flyway.configure().dataSource(TestDatabase.serverUrl(), null, null).schemas(name).defaultSchema(name)
                .locations("classpath:db/migration").target("3").load().migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO accounts (user_id, epoch, cash, reserved_cash, opened_ms, updated_ms) VALUES"
                    + " (1, 0, 10290000, 0, 0, 0), (2, 1, 8100000, 0, 0, 0), (3, 0, 7000000, 0, 0, 0)");
                s.execute("INSERT INTO cash_ledger (user_id, ts_ms, seq, event_no, epoch, kind, amount, balance) VALUES"
                    + " (1, 1, 1, 0, 0, 'ACCOUNT_OPENED', 10000000, 10000000), (1, 2, 2, 0, 0, 'DEPOSIT', 500000, 10500000),"
                    + " (1, 3, 3, 0, 0, 'BUY', -70010, 10429990), (1, 4, 4, 0, 0, 'SELL', 60010, 10490000),"
                    + " (1, 5, 5, 0, 0, 'WITHDRAWAL', -200000, 10290000),"
                    + " (2, 1, 6, 0, 0, 'ACCOUNT_OPENED', 10000000, 10000000), (2, 2, 7, 0, 0, 'DEPOSIT', 1000000, 11000000),"
                    + " (2, 3, 8, 0, 1, 'RESET', -3000000, 8000000), (2, 4, 9, 0, 1, 'DEPOSIT', 100000, 8100000)");
            }
            SchemaMigrations.migrate(TestDatabase.serverUrl(), name);
            assertEquals(List.of("1,10300000", "2,8100000", "3,7000000"),
                Rows.of(db.dataSource(), "SELECT user_id, contributed FROM accounts ORDER BY user_id"));
        }
    }
}
