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
 * Tears excerpts of a closed journal queue the way a write that failed on a full disk, or a machine
 * crash that lost some of its pages, does: the excerpt's header is complete, some of its bytes
 * are zeros. Or corrupts one of its bytes. {@code Long.MAX_VALUE} as an index means the last
 * excerpt. Test code.
 */
public final class TornRecords {
    /** The OS's page, what a machine crash loses or keeps. */
    public static final int PAGE = 4096;

    private TornRecords() {
    }

    /** Where an excerpt's bytes lie in the queue's file. */
    private record Extent(long index, long start, long end) {
    }

    /** Zeroes the second half of the last excerpt of the queue in {@code queueDir}. @return its index */
    public static long tearLast(Path queueDir) throws IOException {
        return tear(queueDir, Long.MAX_VALUE);
    }

    /**
     * Zeroes the second half of the excerpt at {@code index}.
     *
     * @return the index of the torn excerpt
     */
    public static long tear(Path queueDir, long index) throws IOException {
        final Extent excerpt = locate(queueDir, index);
        final long from = excerpt.start + (excerpt.end - excerpt.start) / 2;
        write(queueDir, from, ByteBuffer.allocate((int) (excerpt.end - from)));
        return excerpt.index;
    }

    /** Zeroes the last {@code count} bytes of the excerpt at {@code index}. @return its index */
    public static long zeroLast(Path queueDir, long index, int count) throws IOException {
        final Extent excerpt = locate(queueDir, index);
        write(queueDir, excerpt.end - count, ByteBuffer.allocate(count));
        return excerpt.index;
    }

    /**
     * Zeroes the first page of the file that lies wholly inside the excerpt at {@code index} with at
     * least one byte of the excerpt after it, as a machine crash that lost that page leaves it.
     *
     * @return the index of the excerpt
     * @throws IllegalArgumentException when the excerpt spans no such page
     */
    public static long loseMiddlePage(Path queueDir, long index) throws IOException {
        final Extent excerpt = locate(queueDir, index);
        final long page = (excerpt.start + PAGE - 1) / PAGE * PAGE;
        if (page + PAGE >= excerpt.end) {
            throw new IllegalArgumentException("excerpt " + excerpt.index + " spans no page with more of it after it");
        }
        write(queueDir, page, ByteBuffer.allocate(PAGE));
        return excerpt.index;
    }

    /** Changes the value of the last byte of the excerpt at {@code index} (its top bit kept). @return its index */
    public static long corruptLast(Path queueDir, long index) throws IOException {
        final Extent excerpt = locate(queueDir, index);
        final ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel file = FileChannel.open(cycleFile(queueDir), StandardOpenOption.READ)) {
            file.read(last, excerpt.end - 1);
        }
        write(queueDir, excerpt.end - 1, ByteBuffer.wrap(new byte[] {(byte) (last.get(0) ^ 0x02)}));
        return excerpt.index;
    }

    private static Extent locate(Path queueDir, long index) {
        try (SingleChronicleQueue queue = JournalQueues.open(queueDir);
             ExcerptTailer tailer = queue.createTailer()) {
            if (index == Long.MAX_VALUE) {
                tailer.direction(TailerDirection.BACKWARD).toEnd();
            } else if (!tailer.moveToIndex(index)) {
                throw new IllegalArgumentException("no excerpt at index " + index);
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                final Bytes<?> bytes = dc.wire().bytes();
                return new Extent(dc.index(), bytes.readPosition(), bytes.readLimit());
            }
        }
    }

    private static void write(Path queueDir, long at, ByteBuffer bytes) throws IOException {
        try (FileChannel file = FileChannel.open(cycleFile(queueDir), StandardOpenOption.WRITE)) {
            file.write(bytes, at);
        }
    }

    /** @return the queue's file of today (tests write one cycle) */
    public static Path cycleFile(Path queueDir) throws IOException {
        try (Stream<Path> files = Files.list(queueDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).max(Path::compareTo).orElseThrow();
        }
    }
}
