package com.motoo.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Tears excerpts of a closed journal queue the way a write that failed on a full disk does: the
 * excerpt's header is complete, its bytes from some point on are zeros. Test code.
 */
public final class TornRecords {
    private TornRecords() {
    }

    /** Zeroes the second half of the last excerpt of the queue in {@code queueDir}. @return its index */
    public static long tearLast(Path queueDir) throws IOException {
        return tear(queueDir, Long.MAX_VALUE);
    }

    /**
     * Zeroes the second half of the excerpt at {@code index} (the last one when {@code Long.MAX_VALUE}).
     *
     * @return the index of the torn excerpt
     */
    public static long tear(Path queueDir, long index) throws IOException {
        final long position;
        final long end;
        final long torn;
        try (SingleChronicleQueue queue = JournalQueues.open(queueDir);
             ExcerptTailer tailer = queue.createTailer()) {
            if (index == Long.MAX_VALUE) {
                tailer.direction(TailerDirection.BACKWARD).toEnd();
            } else if (!tailer.moveToIndex(index)) {
                throw new IllegalArgumentException("no excerpt at index " + index);
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                final Bytes<?> bytes = dc.wire().bytes();
                torn = dc.index();
                position = bytes.readPosition();
                end = bytes.readLimit();
            }
        }
        final long from = position + (end - position) / 2;
        try (FileChannel file = FileChannel.open(cycleFile(queueDir), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.allocate((int) (end - from)), from);
        }
        return torn;
    }

    /** @return the queue's file of today (tests write one cycle) */
    public static Path cycleFile(Path queueDir) throws IOException {
        try (Stream<Path> files = Files.list(queueDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).max(Path::compareTo).orElseThrow();
        }
    }
}
