package com.motoo.journal;

import com.motoo.journal.codec.ChecksumPrefix;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Journals as a build from before the {@link ChecksumPrefix} wrote them (records only). Test code.
 */
public final class LegacyJournals {
    private LegacyJournals() {
    }

    /**
     * Rewrites the closed queue in {@code queueDir} with every excerpt's checksum prefix left out,
     * at the same indexes (the queue must hold one cycle, today's).
     *
     * @return how many excerpts had a prefix
     */
    public static int stripChecksums(Path queueDir) throws IOException {
        final List<byte[]> excerpts = new ArrayList<>();
        final long firstIndex;
        int stripped = 0;
        try (SingleChronicleQueue queue = JournalQueues.open(queueDir);
             ExcerptTailer tailer = queue.createTailer()) {
            firstIndex = queue.firstIndex();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    if (bytes.peekUnsignedByte() == ChecksumPrefix.LAYOUT) {
                        bytes.readSkip(ChecksumPrefix.LENGTH);
                        stripped++;
                    }
                    excerpts.add(bytes.toByteArray());
                }
            }
        }
        try (Stream<Path> files = Files.list(queueDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        try (SingleChronicleQueue queue = JournalQueues.open(queueDir);
             ExcerptAppender appender = queue.createAppender()) {
            for (byte[] excerpt : excerpts) {
                try (DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().write(excerpt);
                }
            }
            if (queue.firstIndex() != firstIndex) {
                throw new IllegalStateException("rewritten at other indexes (a new cycle began?)");
            }
        }
        return stripped;
    }

    /** @return the first byte of the last excerpt of the closed queue in {@code queueDir} */
    public static int firstByteOfLast(Path queueDir) {
        try (SingleChronicleQueue queue = JournalQueues.open(queueDir);
             ExcerptTailer tailer = queue.createTailer()) {
            tailer.moveToIndex(queue.lastIndex());
            try (DocumentContext dc = tailer.readingDocument()) {
                return dc.wire().bytes().peekUnsignedByte();
            }
        }
    }
}
