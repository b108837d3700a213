package com.motoo.journal;

import com.motoo.journal.codec.Checksum;
import com.motoo.journal.codec.JournalFormatException;
import com.motoo.journal.codec.RecordCheck;
import com.motoo.journal.codec.VoidRecord;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

/**
 * Reads the complete excerpts of one journal queue in order, the records of each copied whole
 * into {@link #excerpt()}, for the command and event readers. It skips void records and the torn
 * excerpts they declare void ({@link VoidRecord}). A run of torn excerpts at the end of the
 * journal ends the reading there ({@link #tornTail()}) and is read again next time, until the
 * engine's next start declares it void. A torn excerpt followed by anything but torn excerpts and
 * a void record is corruption in the middle of the journal and fails.
 *
 * <p>An excerpt whose checksum prefix matches is handed out as it is, and one whose checksum does
 * not match is torn ({@link RecordCheck}), so a reader never sees part of a torn one. An excerpt
 * without a prefix (written by an older build) that ends in a zero byte is decoded once by the
 * {@link RecordCheck} before it is handed out (a torn one ends in zeros); one that ends otherwise
 * is handed out without that second decoding, which would cost a replay a fifth of its time. Should
 * a handed-out excerpt not decode (garbage, a newer layout), the caller's own decoding fails on it.
 * The tailer's thread only; allocation-free once the buffer has grown.
 */
public final class ExcerptReader {
    /** {@link #tornTail()} when the reading did not stop at a torn excerpt. */
    public static final long NO_TORN_TAIL = -1;

    private final ExcerptTailer tailer;
    private final RecordCheck check;
    private final ExcerptBuffer excerpt = new ExcerptBuffer();
    private long tornTail = NO_TORN_TAIL;

    /** @param tailer positioned where reading starts; moved by this reader from now on */
    public ExcerptReader(ExcerptTailer tailer, RecordCheck check) {
        this.tailer = tailer;
        this.check = check;
    }

    /**
     * Reads the next complete excerpt into {@link #excerpt()}.
     *
     * @return false when there is none yet (the end, or a torn excerpt at the end)
     * @throws JournalFormatException for an unreadable excerpt, or a torn one in the middle
     */
    public boolean next() {
        tornTail = NO_TORN_TAIL;
        while (copyNext()) {
            if (excerpt.isVoidRecord()) {
                continue;
            }
            if (excerpt.isCompleteWithoutDecoding() || excerpt.isComplete(check)) {
                return true;
            }
            if (!skipVoided()) {
                return false;
            }
        }
        return false;
    }

    /**
     * Reads past the torn excerpt just read, the torn ones after it and the void record that
     * declares them void.
     *
     * @return false when the torn run ends the journal: the tailer is moved back to its start
     */
    private boolean skipVoided() {
        final long torn = excerpt.index();
        final String why = excerpt.checksum() == Checksum.MISMATCHED ? "its checksum does not match; " : "";
        while (copyNext()) {
            if (excerpt.isVoidRecord() && VoidRecord.firstIndex(excerpt.records()) <= torn) {
                return true;
            }
            if (excerpt.isVoidRecord() || excerpt.isComplete(check)) {
                throw new JournalFormatException("torn journal record at index " + torn + " in the middle of the"
                    + " journal (" + why + "record " + excerpt.index() + " follows it and no void record declares it"
                    + " void): corrupt journal");
            }
        }
        tailer.moveToIndex(torn);
        tornTail = torn;
        return false;
    }

    private boolean copyNext() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            excerpt.copy(dc);
            return true;
        }
    }

    /** @return the records of the excerpt {@link #next()} read last, from offset 0 (its checksum prefix left out) */
    public ExpandableArrayBuffer excerpt() {
        return excerpt.records();
    }

    /** @return their length */
    public int length() {
        return excerpt.length();
    }

    /** @return its journal index */
    public long index() {
        return excerpt.index();
    }

    /**
     * @return the index of the torn excerpt at the end of the journal where the last {@link #next()}
     *         stopped, {@link #NO_TORN_TAIL} if it did not stop at one
     */
    public long tornTail() {
        return tornTail;
    }
}
