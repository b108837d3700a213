package com.motoo.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ExcerptWriterTest {
    private static final long PAGE = 4096;

    @TempDir
    Path dir;

    @Test
    void shouldSayTheDiskMayBeFullWhenTheMappedFileCannotBackAWrite() throws Exception {
        final Path queueDir = dir.resolve("commands");
        try (SingleChronicleQueue queue = JournalQueues.open(queueDir);
             ExcerptWriter writer = new ExcerptWriter(queue)) {
            writer.append(new byte[] {2, 1, 2, 3}, 4);
            // a page of the mapped file that no longer exists faults (SIGBUS) as one a full disk cannot back does
            try (FileChannel file = FileChannel.open(TornRecords.cycleFile(queueDir), StandardOpenOption.WRITE)) {
                file.truncate(endOfLastPage(queueDir));
            }
            final JournalWriteException failed = assertThrows(JournalWriteException.class,
                () -> writer.append(new byte[1 << 16], 1 << 16));
            assertTrue(failed.getMessage().startsWith("journal write failed: no space left on " + queueDir + "? ("),
                failed.getMessage());
            assertTrue(failed.getCause() instanceof InternalError, failed.getMessage());
        }
    }

    /** @return the file offset of the end of the page that holds the end of the last excerpt */
    private static long endOfLastPage(Path queueDir) {
        try (SingleChronicleQueue queue = JournalQueues.open(queueDir);
             ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
             DocumentContext dc = tailer.readingDocument()) {
            return (dc.wire().bytes().readLimit() + PAGE - 1) / PAGE * PAGE;
        }
    }
}
