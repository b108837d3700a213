package com.motoo.journal.process;

import com.motoo.engine.snapshot.SnapshotStore;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.LegacyJournals;
import com.motoo.journal.codec.ChecksumPrefix;
import com.motoo.journal.codec.JournalFormatException;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class EngineProcessTest {
    @TempDir
    Path tmp;

    @Test
    void shouldContinueAJournalAndRecoverFromSnapshotsOrAFullReplay() throws Exception {
        final CommandFileFixture fixture = CommandFileFixture.generate(tmp.resolve("commands.csv"), 42, 40_000);
        final Path dir = tmp.resolve("journal");
        final Path half = fixture.prefix(tmp.resolve("half.csv"), 15_000);

        final String first = run("--dir", dir.toString(), "feed", half.toString());
        assertTrue(first.contains("recovered sequence=0 snapshot=0 replayed=0"), first);
        final String second = run("--dir", dir.toString(), "--sync", "feed", fixture.file.toString());
        assertTrue(second.contains("recovered sequence=15000 snapshot=15000 replayed=0"), second);
        assertTrue(second.contains("sequence=40000 stateHash=" + Long.toHexString(fixture.stateHash)), second);
        assertEquals(fixture.events, CommandFileFixture.eventJournalText(dir));

        final SnapshotStore snapshots = new SnapshotStore(dir.resolve(EngineProcess.SNAPSHOTS), 3);
        final List<Path> files = snapshots.list();
        final Path newest = files.get(files.size() - 1);
        Files.write(newest, new byte[] {1, 2, 3});
        final String fromOlder = run("--dir", dir.toString(), "recover");
        assertTrue(fromOlder.contains("recovered sequence=40000 snapshot=15000 replayed=25000"), fromOlder);
        assertTrue(fromOlder.contains("stateHash=" + Long.toHexString(fixture.stateHash)), fromOlder);

        for (Path file : snapshots.list()) {
            Files.delete(file);
        }
        final String full = run("--dir", dir.toString(), "recover");
        assertTrue(full.contains("recovered sequence=40000 snapshot=0 replayed=40000"), full);
        assertTrue(full.contains("stateHash=" + Long.toHexString(fixture.stateHash)), full);
        assertEquals(fixture.events, CommandFileFixture.eventJournalText(dir), "a replay writes no event twice");

        deleteTree(dir.resolve(JournalQueues.EVENTS));
        final String rebuilt = run("--dir", dir.toString(), "recover");
        assertTrue(rebuilt.contains("recovered sequence=40000 snapshot=0 replayed=40000"), rebuilt);
        assertEquals(fixture.events, CommandFileFixture.eventJournalText(dir),
            "snapshots newer than the event journal are not used, so lost events are rebuilt");
    }

    /**
     * Journals begun by a build that wrote no checksum prefix (records only, as the stripped journals
     * here hold them) and continued by this one read straight through: the snapshot's index, the
     * replay, the event journal's last group and every reader.
     */
    @Test
    void shouldReadJournalsBegunWithoutChecksumsAndContinuedWithThemStraightThrough() throws Exception {
        final CommandFileFixture fixture = CommandFileFixture.generate(tmp.resolve("commands.csv"), 43, 5_000);
        final Path dir = tmp.resolve("journal");
        run("--dir", dir.toString(), "feed", fixture.prefix(tmp.resolve("first.csv"), 3_000).toString());
        for (String queue : List.of(JournalQueues.COMMANDS, JournalQueues.EVENTS)) {
            assertTrue(LegacyJournals.stripChecksums(dir.resolve(queue)) > 0, queue);
            assertNotEquals(ChecksumPrefix.LAYOUT, LegacyJournals.firstByteOfLast(dir.resolve(queue)), queue);
        }

        final String continued = run("--dir", dir.toString(), "feed", fixture.file.toString());
        assertTrue(continued.contains("recovered sequence=3000 snapshot=3000 replayed=0"), continued);
        assertTrue(continued.contains("sequence=5000 stateHash=" + Long.toHexString(fixture.stateHash)), continued);
        for (String queue : List.of(JournalQueues.COMMANDS, JournalQueues.EVENTS)) {
            assertEquals(ChecksumPrefix.LAYOUT, LegacyJournals.firstByteOfLast(dir.resolve(queue)), queue);
        }
        assertEquals(fixture.events, CommandFileFixture.eventJournalText(dir));

        deleteTree(dir.resolve(EngineProcess.SNAPSHOTS));
        final String replayed = run("--dir", dir.toString(), "recover");
        assertTrue(replayed.contains("recovered sequence=5000 snapshot=0 replayed=5000"), replayed);
        assertTrue(replayed.contains("stateHash=" + Long.toHexString(fixture.stateHash)), replayed);
        assertEquals(fixture.events, CommandFileFixture.eventJournalText(dir), "a replay writes no event twice");
    }

    @Test
    void shouldRefuseAnUnreadableCommandJournalAndReleaseIt() throws Exception {
        final CommandFileFixture fixture = CommandFileFixture.generate(tmp.resolve("commands.csv"), 7, 5_000);
        final Path dir = tmp.resolve("journal");
        run("--dir", dir.toString(), "feed", fixture.file.toString());
        for (Path file : new SnapshotStore(dir.resolve(EngineProcess.SNAPSHOTS), 3).list()) {
            Files.delete(file);
        }
        try (SingleChronicleQueue commands = JournalQueues.commands(dir);
             ExcerptAppender appender = commands.createAppender();
             DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(new byte[] {9, 5, 1, 2, 3});
        }
        final JournalFormatException refused = assertThrows(JournalFormatException.class, () -> run("--dir", dir.toString(), "recover"));
        assertTrue(refused.getMessage().contains("version 9"), refused.getMessage());
        final JournalFormatException again = assertThrows(JournalFormatException.class, () -> run("--dir", dir.toString(), "recover"));
        assertEquals(refused.getMessage(), again.getMessage(), "refused the same way again: the first attempt wrote nothing");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String run(String... args) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertEquals(0, EngineMain.run(args, out));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
