package com.motoo.journal;

import com.motoo.journal.codec.JournalFormatException;
import com.motoo.journal.codec.RecordCheck;
import com.motoo.journal.codec.VoidRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

/**
 * Reads the complete excerpts of one journal queue in order, each copied whole into
 * {@link #excerpt()}, for the command and event readers. It skips void records and the torn
 * excerpts they declare void ({@link VoidRecord}). A run of torn excerpts at the end of the
 * journal ends the reading there ({@link #tornTail()}) and is read again next time, until the
 * engine's next start declares it void. A torn excerpt followed by anything but torn excerpts and
 * a void record is corruption in the middle of the journal and fails.
 *
 * <p>An excerpt that ends in a zero byte is decoded once by the {@link RecordCheck} before it is
 * handed out, so a reader never sees part of a torn one (a torn excerpt ends in zeros). One that does
 * not end in zero cannot be torn and is handed out without that second decoding, which would cost a
 * replay a fifth of its time (most command excerpts end in a non-zero quantity, order id or name
 * byte); should it not decode (garbage, a newer layout), the caller's own decoding fails on it. The
 * tailer's thread only; allocation-free once the buffer has grown.
 */
public final class ExcerptReader {
    /** {@link #tornTail()} when the reading did not stop at a torn excerpt. */
    public static final long NO_TORN_TAIL = -1;

    private final ExcerptTailer tailer;
    private final RecordCheck check;
    private final ExpandableArrayBuffer excerpt = new ExpandableArrayBuffer(1 << 16);
    private int length;
    private long index = -1;
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
            if (VoidRecord.is(excerpt, length)) {
                continue;
            }
            if (length > 0 && excerpt.getByte(length - 1) != 0 || check.isComplete(excerpt, length, index)) {
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
        final long torn = index;
        while (copyNext()) {
            if (VoidRecord.is(excerpt, length) && VoidRecord.firstIndex(excerpt) <= torn) {
                return true;
            }
            if (VoidRecord.is(excerpt, length) || check.isComplete(excerpt, length, index)) {
                throw new JournalFormatException("torn journal record at index " + torn + " in the middle of the"
                    + " journal (record " + index + " follows it and no void record declares it void):"
                    + " corrupt journal");
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
            index = dc.index();
            length = copy(dc, excerpt);
            return true;
        }
    }

    /** Copies the excerpt of a present document into {@code into} from offset 0. @return its length */
    static int copy(DocumentContext dc, ExpandableArrayBuffer into) {
        final Bytes<?> bytes = dc.wire().bytes();
        final int length = (int) bytes.readRemaining();
        into.checkLimit(length);
        bytes.read(into.byteArray(), 0, length);
        return length;
    }

    /** @return the bytes of the excerpt {@link #next()} read last, from offset 0 */
    public ExpandableArrayBuffer excerpt() {
        return excerpt;
    }

    /** @return its length */
    public int length() {
        return length;
    }

    /** @return its journal index */
    public long index() {
        return index;
    }

    /**
     * @return the index of the torn excerpt at the end of the journal where the last {@link #next()}
     *         stopped, {@link #NO_TORN_TAIL} if it did not stop at one
     */
    public long tornTail() {
        return tornTail;
    }
}
