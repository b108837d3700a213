package com.motoo.persister;

import com.motoo.engine.command.Command;
import com.motoo.engine.reference.RandomCommandStream;
import com.motoo.journal.JournalQueues;
import com.motoo.persister.apply.PersisterRole;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly once under SIGKILL: a persister runs as its own OS process ({@link PersisterMain})
 * against a real journal and a real PostgreSQL and is killed with SIGKILL at random moments
 * while the journal grows, then restarted. When it has caught up, every read-model table must
 * equal the tables of a persister that was never interrupted.
 */
@Tag("system")
@ExtendWith(TestDatabase.class)
@Timeout(300)
class PersisterCrashTest {
    private static final int KILLS = 6;
    private static final int COMMANDS_PER_ROUND = 4_000;

    @TempDir
    Path dir;

    @Test
    void shouldApplyEveryEventExactlyOnceWhenKilledAtRandomMoments() throws Exception {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final Path journal = dir.resolve("journal");
        final Path log = dir.resolve("persister.log");
        try (JournalDriver driver = new JournalDriver(journal, 1_764_000_000_000L);
             TestDatabase.Schema crashed = TestDatabase.newSchema();
             TestDatabase.Schema reference = TestDatabase.newSchema()) {
            final RandomCommandStream stream = new RandomCommandStream(seed, RandomCommandStream.bandOf(driver.engine()));
            final Command command = new Command();
            final List<String> killedAt = new ArrayList<>();
            int behindAtKill = 0;
            for (int round = 0; round < KILLS; round++) {
                append(driver, stream, command, random, COMMANDS_PER_ROUND);
                final Process persister = start(journal, crashed.name(), log);
                final long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_000 + random.nextInt(3_000));
                while (System.nanoTime() < killAt) {
                    append(driver, stream, command, random, 40);
                    Thread.sleep(5);
                }
                // a burst right before the kill, so the persister is most likely mid-apply when it dies
                append(driver, stream, command, random, 1_000 + random.nextInt(2_000));
                driver.endOfBatch();
                persister.destroyForcibly();
                assertTrue(persister.waitFor(30, TimeUnit.SECONDS), "killed persister exits");
                final List<String> offset = Rows.of(crashed.dataSource(), "SELECT command_seq, events FROM persister_offset");
                killedAt.add(offset.isEmpty() ? "none" : offset.get(0));
                if (offset.isEmpty() || Long.parseLong(offset.get(0).split(",")[0]) < driver.sequence()) {
                    behindAtKill++;
                }
            }
            final Process last = start(journal, crashed.name(), log);
            try (SingleChronicleQueue queue = JournalQueues.events(journal)) {
                final long head = queue.lastIndex();
                while (appliedIndex(crashed) != head) {
                    assertTrue(last.isAlive(), "persister died; see " + log + ": " + tail(log));
                    Thread.sleep(50);
                }
            } finally {
                last.destroy();
                assertTrue(last.waitFor(30, TimeUnit.SECONDS), "persister stops on SIGTERM");
            }
            Persisters.catchUp(journal, reference.url(), PersisterRole.ALL, "persister-all", 2_000);

            final String context = "seed " + seed + ", (command seq, events) applied at each kill " + killedAt;
            assertEquals(ReadModelTables.dump(reference.dataSource()), ReadModelTables.dump(crashed.dataSource()), context);
            assertEquals(Rows.single(reference.dataSource(), "SELECT events FROM persister_offset"),
                Rows.single(crashed.dataSource(), "SELECT events FROM persister_offset"), context);
            assertTrue(behindAtKill >= KILLS / 2, "most kills hit a persister still applying: " + context);
            EngineStateCheck.assertAccountsMatch(driver.engine(), crashed.dataSource());
        }
    }

    private static void append(JournalDriver driver, RandomCommandStream stream, Command command, SplittableRandom random,
                               int commands) {
        for (int i = 0; i < commands; i++) {
            stream.next(command);
            driver.advance(random.nextInt(3_000)).processInBatch(command);
            if (random.nextInt(10) == 0) {
                driver.endOfBatch();
            }
        }
        driver.endOfBatch();
    }

    private static long appliedIndex(TestDatabase.Schema schema) throws Exception {
        return Rows.of(schema.dataSource(), "SELECT journal_index FROM persister_offset").stream()
            .mapToLong(Long::parseLong).findFirst().orElse(-1);
    }

    private static Process start(Path journal, String schema, Path log) throws IOException {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final List<String> command = new ArrayList<>(List.of(java, "@" + jvmOptions(), "-Xmx512m",
            "-cp", System.getProperty("java.class.path"), PersisterMain.class.getName(),
            "--journal", journal.toString(), "--db", TestDatabase.serverUrl(), "--schema", schema,
            "--batch", "500", "--report-seconds", "1"));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static Path jvmOptions() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("jvm.options"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("jvm.options not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("jvm.options");
    }

    private static String tail(Path log) throws IOException {
        final String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 3_000));
    }
}
