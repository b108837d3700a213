package com.motoo.journal.process;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.journal.Durability;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.TornRecords;
import com.motoo.journal.codec.JournalFormatException;
import com.motoo.journal.command.ChronicleCommandJournal;
import com.motoo.journal.command.CommandJournalReader;
import com.motoo.journal.tool.JournalDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal that ends in a torn record, as a write on a full disk leaves it (a complete excerpt
 * header over bytes that read back as zeros), made here by zeroing the second half of a real
 * Chronicle excerpt. The engine must start, declare the record void, end with the state and the
 * event journal of a run that never tore, and keep doing so after further restarts.
 */
@Timeout(120)
class TornJournalTest {
    private static final int COMMANDS = 5_000;
    private static final int BEFORE_TEAR = 3_000;

    @TempDir
    Path tmp;

    @Test
    void shouldRebuildTheEventsOfATornRecordAtTheEndOfTheEventJournalOnce() throws Exception {
        final CommandFileFixture fixture = CommandFileFixture.generate(tmp.resolve("commands.csv"), 11, COMMANDS);
        final Path dir = tmp.resolve("journal");
        run("--dir", dir.toString(), "feed", fixture.prefix(tmp.resolve("first.csv"), BEFORE_TEAR).toString());
        final long torn = TornRecords.tearLast(dir.resolve(JournalQueues.EVENTS));

        final String dump = dumpEvents(dir);
        assertTrue(dump.endsWith("# torn record at index " + torn + " ends the journal (a write that failed, e.g. on a"
            + " full disk): not printed; the engine declares it void at its next start\n"), dump);

        final String recovered = run("--dir", dir.toString(), "feed", fixture.file.toString());
        assertTrue(recovered.contains("recovered sequence=" + BEFORE_TEAR), recovered);
        assertTrue(recovered.contains("sequence=" + COMMANDS + " stateHash=" + Long.toHexString(fixture.stateHash)), recovered);
        assertEquals(fixture.events, CommandFileFixture.eventJournalText(dir), "every command's events once");

        final String again = run("--dir", dir.toString(), "recover");
        assertTrue(again.contains("stateHash=" + Long.toHexString(fixture.stateHash)), again);
        assertEquals(fixture.events, CommandFileFixture.eventJournalText(dir), "the void record stays in force");
    }

    @Test
    void shouldDropATornCommandRecordAtTheEndThatWasNeverApplied() throws Exception {
        assertDropsAnUnappliedBatch(12, BEFORE_TEAR + 10, TornRecords::tear);
    }

    @Test
    void shouldRefuseATornRecordInTheMiddleOfAJournalNamingItsIndex() throws Exception {
        assertRefusedInTheMiddle(13, TornRecords::tear);
    }

    /** A changed byte that still decodes, in a record in the middle of each journal, fails its checksum. */
    @Test
    void shouldRefuseARecordWithABadChecksumInTheMiddleOfAJournalNamingItsIndex() throws Exception {
        assertRefusedInTheMiddle(17, TornRecords::corruptLast);
    }

    /** Damages the excerpt at {@code index} (the last one: {@code Long.MAX_VALUE}) of the queue in {@code queueDir}. */
    private interface Damage {
        /** @return the index */
        long apply(Path queueDir, long index) throws IOException;
    }

    private void assertRefusedInTheMiddle(long seed, Damage damage) throws Exception {
        final CommandFileFixture fixture = CommandFileFixture.generate(tmp.resolve("commands.csv"), seed, COMMANDS);
        final Path dir = tmp.resolve("journal");
        run("--dir", dir.toString(), "feed", fixture.file.toString());
        final long events = damage.apply(dir.resolve(JournalQueues.EVENTS), firstIndex(dir.resolve(JournalQueues.EVENTS)));
        final JournalFormatException eventsRefused = assertThrows(JournalFormatException.class,
            () -> CommandFileFixture.eventJournalText(dir));
        assertTrue(eventsRefused.getMessage().startsWith("torn journal record at index " + events + " in the middle of"
            + " the journal (its checksum does not match; "), eventsRefused.getMessage());

        final long commands = damage.apply(dir.resolve(JournalQueues.COMMANDS), firstIndex(dir.resolve(JournalQueues.COMMANDS)));
        for (Path snapshot : Files.list(dir.resolve(EngineProcess.SNAPSHOTS)).toList()) {
            Files.delete(snapshot);
        }
        final JournalFormatException commandsRefused = assertThrows(JournalFormatException.class,
            () -> run("--dir", dir.toString(), "recover"));
        assertTrue(commandsRefused.getMessage().startsWith("torn journal record at index " + commands + " in the middle of"
            + " the journal (its checksum does not match; "), commandsRefused.getMessage());
    }

    /**
     * A tear of only the last byte of a batch leaves a record that decodes (its last field reads
     * as 0, or as a smaller number): without a checksum it would be replayed as a command no one sent.
     */
    @Test
    void shouldDropACommandRecordWhoseTornBytesStillDecode() throws Exception {
        assertDropsAnUnappliedBatch(15, BEFORE_TEAR + 10, (queueDir, index) -> TornRecords.zeroLast(queueDir, index, 1));
    }

    /**
     * A machine crash can lose a page in the middle of a write and keep the pages after it: the
     * excerpt does not end in zeros, and without a checksum it would be refused as corrupt.
     */
    @Test
    void shouldDropACommandRecordThatLostAPageInItsMiddle() throws Exception {
        assertDropsAnUnappliedBatch(16, COMMANDS, TornRecords::loseMiddlePage);
    }

    /**
     * Journals commands {@code BEFORE_TEAR + 1..last} as one batch that the engine never applied,
     * damages that last excerpt, and checks that start-up drops it, continues as if it had never been
     * written, and keeps doing so.
     */
    private void assertDropsAnUnappliedBatch(long seed, int last, Damage damage) throws Exception {
        final CommandFileFixture fixture = CommandFileFixture.generate(tmp.resolve("commands.csv"), seed, COMMANDS);
        final Path dir = tmp.resolve("journal");
        run("--dir", dir.toString(), "feed", fixture.prefix(tmp.resolve("first.csv"), BEFORE_TEAR).toString());
        journalWithoutApplying(dir, fixture.file, BEFORE_TEAR + 1, last);
        damage.apply(dir.resolve(JournalQueues.COMMANDS), Long.MAX_VALUE);

        final String recovered = run("--dir", dir.toString(), "feed", fixture.file.toString());
        assertTrue(recovered.contains("recovered sequence=" + BEFORE_TEAR + " "), recovered);
        assertTrue(recovered.contains("sequence=" + COMMANDS + " stateHash=" + Long.toHexString(fixture.stateHash)), recovered);
        assertEquals(fixture.events, CommandFileFixture.eventJournalText(dir));
        assertEquals(COMMANDS, journaledSequencesInOrder(dir), "the torn batch's sequences are not read");

        final String again = run("--dir", dir.toString(), "recover");
        assertTrue(again.contains("stateHash=" + Long.toHexString(fixture.stateHash)), again);
    }

    /**
     * A machine crash in MMAP mode can keep the event file's pages and lose the command file's: the
     * last command record is torn although its commands were applied and their events written.
     * Start-up must not number new commands over them (their events would be skipped as written).
     */
    @Test
    void shouldRefuseToStartWhenTheEventJournalIsAheadOfTheCommandJournal() throws Exception {
        final CommandFileFixture fixture = CommandFileFixture.generate(tmp.resolve("commands.csv"), 14, COMMANDS);
        final Path dir = tmp.resolve("journal");
        run("--dir", dir.toString(), "feed", fixture.file.toString());
        TornRecords.tearLast(dir.resolve(JournalQueues.COMMANDS));
        for (Path snapshot : Files.list(dir.resolve(EngineProcess.SNAPSHOTS)).toList()) {
            Files.delete(snapshot);
        }
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> run("--dir", dir.toString(), "recover"));
        assertTrue(refused.getMessage().startsWith("the event journal holds events up to command " + COMMANDS
            + " but the command journal ends at command "), refused.getMessage());
    }

    /** Journals lines {@code from..to} of the file as one batch, as a pipeline whose engine stage never ran. */
    private static void journalWithoutApplying(Path dir, Path file, int from, int to) throws Exception {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        final Command command = new Command();
        try (ChronicleCommandJournal journal = new ChronicleCommandJournal(dir, Durability.MMAP)) {
            for (int sequence = from; sequence <= to; sequence++) {
                CommandFormat.parse(lines.get(sequence - 1), sequence, command);
                command.stamp(sequence, 1_764_000_000_000L);
                journal.append(command);
            }
            journal.endOfBatch();
        }
    }

    /** @return how many commands the command journal holds, checking their sequences run 1, 2, 3, ... */
    private static long journaledSequencesInOrder(Path dir) {
        final Command command = new Command();
        long expected = 0;
        try (CommandJournalReader reader = new CommandJournalReader(dir)) {
            while (reader.next(command)) {
                assertEquals(++expected, command.sequence());
            }
        }
        return expected;
    }

    private static long firstIndex(Path queueDir) {
        try (var queue = JournalQueues.open(queueDir)) {
            return queue.firstIndex();
        }
    }

    private static String dumpEvents(Path dir) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JournalDump(new PrintStream(bytes, true, StandardCharsets.UTF_8)).dumpEvents(dir);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String run(String... args) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertEquals(0, EngineMain.run(args, out));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
