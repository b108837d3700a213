package com.motoo.journal;

import com.motoo.journal.codec.Checksum;
import com.motoo.journal.codec.ChecksumPrefix;
import com.motoo.journal.codec.RecordCheck;
import com.motoo.journal.codec.VoidRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One journal excerpt copied out of its queue: the records in {@link #records()} from offset 0,
 * the {@link ChecksumPrefix} ahead of them verified and left out ({@link #checksum()}). For
 * {@link ExcerptReader} and {@link TornTail}. One thread at a time; allocation-free once the
 * buffer has grown.
 */
final class ExcerptBuffer {
    private final ExpandableArrayBuffer records = new ExpandableArrayBuffer(1 << 16);
    private final UnsafeBuffer prefix = new UnsafeBuffer(new byte[ChecksumPrefix.LENGTH]);
    private final ChecksumPrefix prefixes = new ChecksumPrefix();
    private int length;
    private long index = -1;
    private Checksum checksum = Checksum.NONE;

    /** Copies the excerpt of a present document, verifying its checksum prefix if it has one. */
    void copy(DocumentContext dc) {
        final Bytes<?> bytes = dc.wire().bytes();
        final int remaining = (int) bytes.readRemaining();
        index = dc.index();
        if (remaining == 0 || bytes.peekUnsignedByte() != ChecksumPrefix.LAYOUT) {
            copyRecords(bytes, remaining);
            checksum = Checksum.NONE;
        } else if (remaining < ChecksumPrefix.LENGTH) {
            length = 0;
            checksum = Checksum.MISMATCHED;
        } else {
            bytes.read(prefix.byteArray(), 0, ChecksumPrefix.LENGTH);
            copyRecords(bytes, remaining - ChecksumPrefix.LENGTH);
            checksum = prefixes.matches(prefix, records.byteArray(), length) ? Checksum.MATCHED : Checksum.MISMATCHED;
        }
    }

    private void copyRecords(Bytes<?> bytes, int count) {
        records.checkLimit(count);
        bytes.read(records.byteArray(), 0, count);
        length = count;
    }

    /** @return whether the excerpt is a void record (whose checksum, if any, matches) */
    boolean isVoidRecord() {
        return checksum != Checksum.MISMATCHED && VoidRecord.is(records, length);
    }

    /**
     * @return whether the excerpt is complete whatever it decodes to: its checksum matches, or it has
     *         none and neither starts nor ends with a zero byte (a torn one does); false: it needs
     *         {@link #isComplete}
     */
    boolean isCompleteWithoutDecoding() {
        return checksum == Checksum.MATCHED
            || checksum == Checksum.NONE && length > 0 && records.getByte(0) != 0 && records.getByte(length - 1) != 0;
    }

    /**
     * @return true when the excerpt holds whole records, false when it is torn
     * @throws com.motoo.journal.codec.JournalFormatException when it is unreadable
     */
    boolean isComplete(RecordCheck check) {
        return check.isComplete(records, length, checksum, index);
    }

    /** @return the records, from offset 0 */
    ExpandableArrayBuffer records() {
        return records;
    }

    /** @return their length */
    int length() {
        return length;
    }

    /** @return the excerpt's journal index */
    long index() {
        return index;
    }

    /** @return what its checksum prefix says about its records */
    Checksum checksum() {
        return checksum;
    }
}
