package com.motoo.journal;

import com.motoo.journal.codec.JournalFormatException;
import com.motoo.journal.codec.RecordCheck;
import com.motoo.journal.codec.VoidRecord;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * How the engine's start-up deals with torn excerpts at the end of a journal ({@link RecordCheck}):
 * {@link #voidAtEnd}: find them, reading backwards to the last complete excerpt, then seal them
 * with a {@link VoidRecord} before anything new is appended, so that every reader skips them wherever
 * they end up. A torn excerpt left by a failed write never held anything acknowledged, provided
 * the fault showed at that write ({@link WriterPages} reserves the disk ahead so that a full disk
 * does): results are released only after the command journal's write returned, and the
 * event journal is rebuilt from the command journal after the last complete group. After a
 * machine crash in MMAP mode the OS may have kept later pages and lost earlier ones, so a torn
 * command excerpt may have been acknowledged; should the event journal then hold events beyond the
 * command journal's end, start-up refuses ({@code EngineProcess}). Opening thread, before the
 * journal's writer starts.
 */
public final class TornTail {
    /** {@link #voidAtEnd} when the journal does not end in torn excerpts. */
    public static final long NONE = -1;

    private TornTail() {
    }

    /**
     * Finds the torn excerpts that end the queue, if any, and seals them with a void record: what
     * each journal writer does when it opens.
     *
     * @param check left having decoded the last complete excerpt
     * @return the index of the first torn excerpt, {@link #NONE} if the queue did not end in one
     * @throws JournalFormatException for an unreadable excerpt, or a torn one before the last
     *         complete excerpt that no void record declares void
     */
    public static long voidAtEnd(SingleChronicleQueue queue, RecordCheck check) {
        final long tornFrom = find(queue, check);
        if (tornFrom != NONE) {
            seal(queue, tornFrom);
        }
        return tornFrom;
    }

    /**
     * Reads the queue backwards past void records, the excerpts they declare void and torn
     * excerpts at its very end, to its last complete excerpt, which is then the last one
     * {@code check} decoded.
     *
     * @return the index of the first of the torn excerpts that end the queue, {@link #NONE} if none
     * @throws JournalFormatException for an unreadable excerpt, or a torn one before the last
     *         complete excerpt that no void record declares void
     */
    private static long find(SingleChronicleQueue queue, RecordCheck check) {
        final ExcerptBuffer excerpt = new ExcerptBuffer();
        long tornFrom = NONE;
        long voidFrom = Long.MAX_VALUE;
        boolean atEnd = true;
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return tornFrom;
                    }
                    excerpt.copy(dc);
                }
                final long index = excerpt.index();
                if (index >= voidFrom) {
                    continue;
                }
                if (excerpt.isVoidRecord()) {
                    voidFrom = VoidRecord.firstIndex(excerpt.records());
                    atEnd = false;
                } else if (excerpt.isComplete(check)) {
                    return tornFrom;
                } else if (atEnd) {
                    tornFrom = index;
                } else {
                    throw new JournalFormatException("torn journal record at index " + index + " in the middle of the"
                        + " journal (no void record declares it void): corrupt journal");
                }
            }
        }
    }

    /** Appends a void record for the excerpts from {@code firstIndex} to the end and flushes it to the device. */
    private static void seal(SingleChronicleQueue queue, long firstIndex) {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[VoidRecord.LENGTH]);
        VoidRecord.encode(firstIndex, record);
        try (ExcerptWriter writer = new ExcerptWriter(queue)) {
            writer.append(record.byteArray(), VoidRecord.LENGTH);
            writer.sync();
        }
    }
}
