package com.motoo.persister;

import com.motoo.engine.command.Command;
import com.motoo.engine.reference.RandomCommandStream;
import com.motoo.engine.rules.MarketRules;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.TornRecords;
import com.motoo.persister.apply.PersisterRole;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A persister that meets a torn record at the end of the event journal (a write that failed on a
 * full disk) waits before it instead of failing, and once the engine has restarted (declared the
 * record void and written its commands' events again) applies every event exactly once; also when
 * the tear is only the last byte, whose group would still decode (the checksum prefix tells).
 */
@ExtendWith(TestDatabase.class)
@Timeout(120)
class TornEventJournalTest {
    private static final long SEED = 20_261_130L;
    private static final long START_MS = 1_764_000_000_000L;

    @TempDir
    Path dir;

    /** How the last excerpt of the event journal is torn. */
    enum Tear {
        /** Its second half reads back as zeros. */
        SECOND_HALF,
        /** Only its last byte does: its groups still decode, the last value smaller. */
        LAST_BYTE;

        /** @return the index of the torn excerpt */
        long apply(Path queueDir) throws IOException {
            return this == SECOND_HALF ? TornRecords.tearLast(queueDir) : TornRecords.zeroLast(queueDir, Long.MAX_VALUE, 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Tear.class)
    void shouldWaitAtATornRecordAndApplyItsCommandsOnceAfterTheEngineRestarts(Tear tear) throws Exception {
        final Path journal = dir.resolve("journal");
        try (JournalDriver driver = new JournalDriver(journal, START_MS)) {
            append(driver, 2_000);
        }
        final long torn = tear.apply(journal.resolve(JournalQueues.EVENTS));
        try (TestDatabase.Schema db = TestDatabase.newSchema();
             TestDatabase.Schema reference = TestDatabase.newSchema()) {
            final PersisterAgent agent = new PersisterAgent(journal, db.url(), PersisterRole.ALL, "persister-all", 300,
                3600, MarketRules.krxDefaults(), new PrintStream(OutputStream.nullOutputStream()));
            final Thread thread = new Thread(agent, "test-persister");
            final Throwable[] failure = new Throwable[1];
            thread.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
            thread.start();
            try {
                awaitApplied(agent, thread, torn - 1);
                Thread.sleep(200);
                assertTrue(thread.isAlive(), "the persister waits at the torn record: " + failure[0]);
                assertEquals(torn - 1, agent.appliedIndex(), "nothing of the torn record is applied");

                try (JournalDriver restarted = new JournalDriver(journal, START_MS)) {
                    append(restarted, 2_500);
                    awaitApplied(agent, thread, lastIndex(journal));
                    EngineStateCheck.assertAccountsMatch(restarted.engine(), db.dataSource());
                    EngineStateCheck.assertOpenOrdersMatch(restarted.engine(), db.dataSource());
                    EngineStateCheck.assertHoldingsExplained(db.dataSource());
                }
            } finally {
                agent.stop();
                thread.join();
            }
            assertEquals(null, failure[0], "the persister did not fail");
            Persisters.catchUp(journal, reference.url(), PersisterRole.ALL, "persister-all", 300);
            assertEquals(ReadModelTables.dump(reference.dataSource()), ReadModelTables.dump(db.dataSource()));
            assertEquals(Rows.single(reference.dataSource(), "SELECT events FROM persister_offset"),
                Rows.single(db.dataSource(), "SELECT events FROM persister_offset"));
        }
    }

    /**
     * Runs the seeded stream's first {@code commands} commands, in batches of 50; commands at or below
     * the journal's last complete group are applied without writing their events again, as the
     * engine's start-up replay does.
     */
    private static void append(JournalDriver driver, int commands) {
        final RandomCommandStream stream = new RandomCommandStream(SEED, RandomCommandStream.bandOf(driver.engine()));
        final Command command = new Command();
        for (int i = 0; i < commands; i++) {
            stream.next(command);
            driver.advance(1_000).processInBatch(command);
            if (i % 50 == 49) {
                driver.endOfBatch();
            }
        }
        driver.endOfBatch();
    }

    private static void awaitApplied(PersisterAgent agent, Thread thread, long index) throws InterruptedException {
        while (agent.appliedIndex() != index && thread.isAlive()) {
            Thread.sleep(5);
        }
    }

    private static long lastIndex(Path journal) {
        try (SingleChronicleQueue queue = JournalQueues.events(journal)) {
            return queue.lastIndex();
        }
    }
}
