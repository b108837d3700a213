package com.motoo.persister.db;

import com.motoo.engine.command.Command;
import com.motoo.engine.reference.RandomCommandStream;
import com.motoo.persister.JournalDriver;
import com.motoo.persister.PersisterConfiguration;
import com.motoo.persister.Persisters;
import com.motoo.persister.Rows;
import com.motoo.persister.TestDatabase;
import com.motoo.persister.apply.PersisterRole;
import com.motoo.persister.user.User;
import com.motoo.persister.user.UserStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        try (TestDatabase.Schema db = migratedTo("v4_backfill", "3")) {
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
            SchemaMigrations.migrate(TestDatabase.serverUrl(), db.name());
            assertEquals(List.of("1,10300000", "2,8100000", "3,7000000"),
                Rows.of(db.dataSource(), "SELECT user_id, contributed FROM accounts ORDER BY user_id"));
        }
    }

    /**
     * Resets applied before V5: the migration lists the positions each one removed as the persister
     * now lists them when it applies a reset, but for the value per share, which was not recorded.
     * One random stream (grants, trades, resets) goes to a current read model; its accounts,
     * positions and cash ledger are copied into a schema at V4, which is then migrated.
     */
    @Test
    void shouldBackfillThePositionsEachEarlierResetRemoved(@TempDir Path journal) throws Exception {
        try (JournalDriver driver = new JournalDriver(journal, 1_764_000_000_000L);
             TestDatabase.Schema current = TestDatabase.newSchema();
             TestDatabase.Schema old = migratedTo("v5_backfill", "4")) {
            final RandomCommandStream stream = new RandomCommandStream(55, RandomCommandStream.bandOf(driver.engine()));
            final Command command = new Command();
            for (int i = 0; i < 4_000; i++) {
                stream.next(command);
                driver.advance(1_000).process(command);
            }
            Persisters.catchUp(journal, current.url(), PersisterRole.ALL, "all", 1_000);
            try (Connection c = old.dataSource().getConnection(); Statement s = c.createStatement()) {
                for (String table : List.of("accounts", "positions", "cash_ledger")) {
                    s.execute("INSERT INTO " + old.name() + "." + table + " SELECT * FROM " + current.name() + "." + table);
                }
            }
            SchemaMigrations.migrate(TestDatabase.serverUrl(), old.name());

            final String closed = "SELECT user_id, ts_ms, seq, event_no, epoch, symbol, qty, balance FROM share_ledger"
                + " WHERE kind = 'POSITION_CLOSED_BY_RESET'";
            assertTrue(Rows.of(current.dataSource(), closed).size() > 10, "the stream's resets remove shares");
            assertEquals(Rows.sorted(current.dataSource(), closed), Rows.sorted(old.dataSource(), closed));
            assertEquals(List.of("POSITION_CLOSED_BY_RESET,0"), Rows.of(old.dataSource(),
                "SELECT kind, count(price) FROM share_ledger GROUP BY kind"), "no grant is made up, no value either");
        }
    }

    /**
     * Names that differ only in case, all taken before V6 told names apart without case, keep
     * working: each logs in as spelt at sign-up, the first of them also in any other case, and no
     * further spelling can be taken.
     */
    @Test
    void shouldKeepNamesThatDifferOnlyInCaseWorkingAcrossV6() throws Exception {
        try (TestDatabase.Schema old = migratedTo("v6_case", "5")) {
            try (Connection c = old.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + old.name() + ".users (id, username, password_hash, display_name)"
                    + " VALUES (1, 'bob', 'h1', 'bob'), (2, 'Bob', 'h2', 'Bob'), (3, 'BOB', 'h3', 'BOB')");
                s.execute("SELECT setval(pg_get_serial_sequence('" + old.name() + ".users', 'id'), 3)");
            }
            final long bob = 1;
            final long bigBob = 2;
            final long loudBob = 3;
            SchemaMigrations.migrate(TestDatabase.serverUrl(), old.name());

            final UserStore users = new UserStore(old.dataSource());
            assertEquals(bob, users.findByUsername("bob").orElseThrow().id());
            assertEquals(bigBob, users.findByUsername("Bob").orElseThrow().id());
            assertEquals(loudBob, users.findByUsername("BOB").orElseThrow().id());
            assertEquals(bob, users.findByUsername("bOb").orElseThrow().id(), "any other case: the first sign-up");
            assertTrue(users.create("boB", "h4", "boB", User.Role.USER).isEmpty());
            assertTrue(users.create("carol", "h5", "carol", User.Role.USER).isPresent());
            assertTrue(users.create("Carol", "h6", "Carol", User.Role.USER).isEmpty());
        }
    }

    /** @return a new schema migrated up to (and with) the given version */
    private static TestDatabase.Schema migratedTo(String suffix, String version) {
        final String name = "t" + ProcessHandle.current().pid() + "_" + suffix;
        Flyway.configure().dataSource(TestDatabase.serverUrl(), null, null).schemas(name).defaultSchema(name)
            .locations("classpath:db/migration").target(version).load().migrate();
        return new TestDatabase.Schema(name, PersisterConfiguration.withSchema(TestDatabase.serverUrl(), name));
    }
}
