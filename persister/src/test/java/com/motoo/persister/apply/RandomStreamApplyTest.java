package com.motoo.persister.apply;

import com.motoo.engine.command.Command;
import com.motoo.engine.reference.RandomCommandStream;
import com.motoo.persister.EngineStateCheck;
import com.motoo.persister.JournalDriver;
import com.motoo.persister.Persisters;
import com.motoo.persister.ReadModelTables;
import com.motoo.persister.Rows;
import com.motoo.persister.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random command streams (every command kind, valid and not: resets, deposits, halts, end of
 * day...) go through the real engine into a real journal; persisters apply the journal to real
 * PostgreSQL, restarting between chunks; the read model must agree with the engine's state.
 */
@ExtendWith(TestDatabase.class)
@Timeout(180)
class RandomStreamApplyTest {
    private static final long SEED = 20261125L;
    private static final int CHUNKS = 5;
    private static final int COMMANDS_PER_CHUNK = 3_000;

    @TempDir
    Path journal;

    @Test
    void shouldMatchEngineStateAfterEveryRestart() throws Exception {
        try (JournalDriver driver = new JournalDriver(journal, 1_764_000_000_000L);
             TestDatabase.Schema db = TestDatabase.newSchema()) {
            final RandomCommandStream stream = new RandomCommandStream(SEED, RandomCommandStream.bandOf(driver.engine()));
            final SplittableRandom clock = new SplittableRandom(SEED);
            final Command command = new Command();
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                for (int i = 0; i < COMMANDS_PER_CHUNK; i++) {
                    stream.next(command);
                    driver.advance(clock.nextInt(4_000)).processInBatch(command);
                    if (clock.nextInt(8) == 0) {
                        driver.endOfBatch();
                    }
                }
                driver.endOfBatch();
                Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "all", 97);
                EngineStateCheck.assertAccountsMatch(driver.engine(), db.dataSource());
                EngineStateCheck.assertOpenOrdersMatch(driver.engine(), db.dataSource());
                EngineStateCheck.assertHoldingsExplained(db.dataSource());
            }
            assertTrue(Rows.single(db.dataSource(), "SELECT count(*) FROM executions") > 1_000, "the stream trades");
            assertTrue(Rows.single(db.dataSource(), "SELECT count(*) FROM accounts WHERE epoch > 0") > 0, "the stream resets");
            assertTrue(Rows.single(db.dataSource(), "SELECT count(*) FROM share_ledger WHERE kind = 'POSITION_CLOSED_BY_RESET'")
                > 0, "resets remove held shares");
            assertEquals(0, Rows.single(db.dataSource(), "SELECT count(*) FROM executions e JOIN executions o"
                + " ON o.seq = e.seq AND o.event_no = e.event_no AND o.user_id = e.user_id AND o.side <> e.side"),
                "no user on both sides of a fill");
        }
    }

    @Test
    void shouldWriteTheSameTablesWithSplitRolesAndAnyBatchSize() throws Exception {
        try (JournalDriver driver = new JournalDriver(journal, 1_764_000_000_000L);
             TestDatabase.Schema split = TestDatabase.newSchema();
             TestDatabase.Schema single = TestDatabase.newSchema()) {
            final RandomCommandStream stream = new RandomCommandStream(SEED + 1, RandomCommandStream.bandOf(driver.engine()));
            final Command command = new Command();
            for (int chunk = 0; chunk < 2; chunk++) {
                for (int i = 0; i < 4_000; i++) {
                    stream.next(command);
                    driver.advance(1_500).processInBatch(command);
                    if (i % 5 == 0) {
                        driver.endOfBatch();
                    }
                }
                driver.endOfBatch();
                Persisters.catchUp(journal, split.url(), PersisterRole.ACCOUNTS, "accounts", 13);
                Persisters.catchUp(journal, split.url(), PersisterRole.ORDERS, "orders", 5_000);
                EngineStateCheck.assertReservationsMatch(driver.engine(), split.dataSource());
            }
            Persisters.catchUp(journal, single.url(), PersisterRole.ALL, "all", 1_000_000);
            assertEquals(ReadModelTables.dump(single.dataSource()), ReadModelTables.dump(split.dataSource()));
            EngineStateCheck.assertAccountsMatch(driver.engine(), split.dataSource());
            EngineStateCheck.assertReservationsMatch(driver.engine(), split.dataSource());
            assertEquals(0, Rows.single(single.dataSource(), "SELECT count(*) FROM open_reservations"));
            assertEquals(Rows.single(single.dataSource(), "SELECT events FROM persister_offset WHERE tailer = 'all'"),
                Rows.single(split.dataSource(), "SELECT events FROM persister_offset WHERE tailer = 'orders'"));
        }
    }
}
