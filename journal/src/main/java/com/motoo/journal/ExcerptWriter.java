package com.motoo.journal;

import com.motoo.journal.codec.ChecksumPrefix;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Appends whole excerpts to one journal queue: the one writer of a journal (start-up on the
 * opening thread, then the pipeline's thread, one after the other). Each excerpt starts with a
 * {@link ChecksumPrefix} of the bytes it is given, so that readers can tell a torn one. A write that faults on the
 * memory-mapped file, as on a full disk, is rolled back where Chronicle still can and reported as
 * a {@link JournalWriteException} that says so. The appender is created at the first append;
 * the pages ahead are reserved and advised by {@link WriterPages}. Allocation-free per append.
 */
public final class ExcerptWriter implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final WriterPages pages = new WriterPages();
    private final ChecksumPrefix prefixes = new ChecksumPrefix();
    private ExcerptAppender appender;

    /** @param queue the journal queue; it stays the caller's to close */
    public ExcerptWriter(SingleChronicleQueue queue) {
        this.queue = queue;
    }

    /**
     * Appends {@code bytes[0, length)} as one excerpt, after their checksum prefix.
     *
     * @return the journal index of the excerpt
     * @throws JournalWriteException when the mapped file cannot take the write (disk full?)
     */
    public long append(byte[] bytes, int length) {
        try {
            if (appender == null) {
                appender = queue.createAppender();
                appender.singleThreadedCheckDisabled(true);
            }
            final byte[] prefix = prefixes.of(bytes, length);
            try (DocumentContext dc = appender.writingDocument()) {
                try {
                    final Bytes<?> out = dc.wire().bytes();
                    out.write(prefix, 0, ChecksumPrefix.LENGTH);
                    out.write(bytes, 0, length);
                } catch (InternalError fault) {
                    dc.rollbackOnClose();
                    throw fault;
                }
            }
            pages.afterWrite(appender);
            return appender.lastIndexAppended();
        } catch (InternalError fault) {
            throw JournalWriteException.mappedWriteFailed(Path.of(queue.fileAbsolutePath()), fault);
        }
    }

    /** Flushes what was appended to the device ({@code msync}); nothing when nothing was appended. */
    public void sync() {
        if (appender != null) {
            appender.sync();
        }
    }

    /** Closes the appender (not the queue). */
    @Override
    public void close() {
        pages.close();
        if (appender != null) {
            appender.close();
        }
    }
}
