package com.motoo.persister;

import com.motoo.engine.command.Command;
import com.motoo.engine.reference.RandomCommandStream;
import com.motoo.persister.apply.PersisterRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database must never be fed a journal other than the one it was applied from. */
@ExtendWith(TestDatabase.class)
@Timeout(60)
class JournalMismatchTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseAnotherJournalThatHasADifferentCommandAtTheAppliedIndex() throws Exception {
        try (TestDatabase.Schema db = TestDatabase.newSchema()) {
            write(dir.resolve("a"), 300, 1);
            Persisters.catchUp(dir.resolve("a"), db.url(), PersisterRole.ALL, "t", 1_000);
            final long applied = Rows.single(db.dataSource(), "SELECT events FROM persister_offset");
            write(dir.resolve("b"), 600, 2);

            final AssertionError failure = assertThrows(AssertionError.class,
                () -> Persisters.catchUp(dir.resolve("b"), db.url(), PersisterRole.ALL, "t", 1_000));
            assertTrue(failure.getCause().getMessage().contains("does not hold command 300"), failure.getCause().getMessage());
            assertEquals(applied, Rows.single(db.dataSource(), "SELECT events FROM persister_offset"), "nothing applied");
        }
    }

    @Test
    void shouldRefuseAShorterJournal() throws Exception {
        try (TestDatabase.Schema db = TestDatabase.newSchema()) {
            write(dir.resolve("a"), 300, 1);
            Persisters.catchUp(dir.resolve("a"), db.url(), PersisterRole.ALL, "t", 1_000);
            write(dir.resolve("b"), 100, 1);
            final AssertionError failure = assertThrows(AssertionError.class,
                () -> Persisters.catchUp(dir.resolve("b"), db.url(), PersisterRole.ALL, "t", 1_000));
            assertTrue(failure.getCause() instanceof IllegalStateException, String.valueOf(failure.getCause()));
        }
    }

    private static void write(Path journal, int commands, int commandsPerExcerpt) {
        try (JournalDriver driver = new JournalDriver(journal, 1_764_000_000_000L)) {
            final RandomCommandStream stream = new RandomCommandStream(3, RandomCommandStream.bandOf(driver.engine()));
            final Command command = new Command();
            for (int i = 1; i <= commands; i++) {
                stream.next(command);
                driver.advance(100).processInBatch(command);
                if (i % commandsPerExcerpt == 0) {
                    driver.endOfBatch();
                }
            }
            driver.endOfBatch();
        }
    }
}
