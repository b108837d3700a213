package com.motoo.journal;

import com.motoo.engine.command.Command;
import com.motoo.journal.command.ChronicleCommandJournal;
import com.motoo.journal.command.CommandJournalReader;
import com.motoo.journal.event.EventJournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(60)
class WriterPagesTest {
    private static final Path SMAPS = Path.of("/proc/self/smaps");

    @TempDir
    Path dir;

    @Test
    void shouldReserveTheDiskAheadOfAndTurnReadAheadOffForTheMappedFilesOfBothJournalWriters() throws Exception {
        assumeTrue(Files.isReadable(SMAPS), "needs Linux /proc/self/smaps");
        final Command command = new Command();
        try (ChronicleCommandJournal commands = new ChronicleCommandJournal(dir, Durability.MMAP);
             EventJournalWriter events = EventJournalWriter.open(dir)) {
            for (int i = 1; i <= 100; i++) {
                command.account(i, 1_000_000).stamp(i, 1_700_000_000_000L);
                commands.append(command);
                events.beginCommand(i, 1_700_000_000_000L);
                events.onAccountOpened(i, 1_000_000);
                events.endCommand();
                commands.endOfBatch();
                events.endOfBatch();
            }
            for (Path queue : List.of(dir.resolve(JournalQueues.COMMANDS), dir.resolve(JournalQueues.EVENTS))) {
                assertTrue(allocatedBytes(queue) >= WriterPages.RESERVE_AHEAD, queue + ": the space ahead of the writer"
                    + " is reserved on the disk: " + allocatedBytes(queue) + " bytes");
            }
            final List<String> commandFlags = vmFlagsOfQueueFiles(dir.resolve(JournalQueues.COMMANDS));
            final List<String> eventFlags = vmFlagsOfQueueFiles(dir.resolve(JournalQueues.EVENTS));
            assertFalse(commandFlags.isEmpty(), "the command journal's file is mapped");
            assertFalse(eventFlags.isEmpty(), "the event journal's file is mapped");
            assertTrue(commandFlags.stream().anyMatch(flags -> flags.contains(" rr")), commandFlags.toString());
            assertTrue(eventFlags.stream().anyMatch(flags -> flags.contains(" rr")), eventFlags.toString());
        }
        final Command read = new Command();
        long count = 0;
        try (CommandJournalReader reader = new CommandJournalReader(dir)) {
            while (reader.next(read)) {
                count++;
                assertEquals(count, read.sequence());
                assertEquals(count, read.userId());
            }
        }
        assertEquals(100, count);
    }

    /** @return the disk space the queue's cycle files hold (blocks allocated, not their sparse size) */
    private static long allocatedBytes(Path queueDir) throws Exception {
        long bytes = 0;
        try (var files = Files.list(queueDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cq4")).toList()) {
                final Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
                final String[] blocks = new String(stat.getInputStream().readAllBytes()).trim().split(" ");
                stat.waitFor();
                bytes += Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
            }
        }
        return bytes;
    }

    /** The VmFlags lines of the mappings of the queue's cycle files ("rr": random read, no read-ahead). */
    private static List<String> vmFlagsOfQueueFiles(Path queueDir) throws IOException {
        final List<String> flags = new ArrayList<>();
        boolean inQueueFile = false;
        for (String line : Files.readAllLines(SMAPS)) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inQueueFile = line.contains(queueDir.toString()) && line.endsWith(".cq4");
            } else if (inQueueFile && line.startsWith("VmFlags:")) {
                flags.add(line);
            }
        }
        return flags;
    }
}
