package com.motoo.journal.codec;

import org.agrona.DirectBuffer;

/**
 * Tells whether a journal excerpt holds whole records of a layout this build reads, or is torn:
 * the remains of a write that failed half-way (the disk filled up under the memory-mapped file),
 * or of a write whose pages a machine crash lost, any of them (the OS writes pages back in no
 * guaranteed order). Such an excerpt has a complete header over bytes that were never written,
 * which read back as zeros.
 *
 * <p>An excerpt with a {@link ChecksumPrefix} is torn when its checksum does not match; when it
 * matches, the records must decode, or the excerpt is unreadable. An excerpt without one is torn
 * when it is empty or starts with a zero byte (no layout is 0: its first page, prefix included, was
 * lost); one that was written by an older build, without a prefix, is also torn when it does not
 * decode, starts with a version this build reads and ends with a zero byte (a heuristic: a tear
 * inside its last fields can decode, zero being a valid value, and is then taken as complete).
 * Anything else that does not decode (a version from a newer build, garbage) is unreadable and
 * refused. One thread at a time; allocates only for LIST names and for the message of an
 * unreadable excerpt.
 */
public abstract class RecordCheck {
    /**
     * Decodes every record of the excerpt, discarding what it reads.
     *
     * @throws JournalFormatException when the excerpt does not decode whole
     */
    protected abstract void decodeAll(DirectBuffer excerpt, int length);

    /** @return whether this build reads records of layout {@code version} */
    protected abstract boolean readsVersion(byte version);

    /**
     * @param records the excerpt's records, from offset 0, its checksum prefix left out
     * @param checksum what its checksum prefix says about them
     * @param index the excerpt's journal index, for the message of an unreadable one
     * @return true when the excerpt decodes whole, false when it is torn
     * @throws JournalFormatException when it is unreadable, naming the index
     */
    public final boolean isComplete(DirectBuffer records, int length, Checksum checksum, long index) {
        if (checksum == Checksum.MISMATCHED || checksum == Checksum.NONE && (length == 0 || records.getByte(0) == 0)) {
            return false;
        }
        try {
            decodeAll(records, length);
            return true;
        } catch (JournalFormatException undecodable) {
            if (checksum == Checksum.NONE && readsVersion(records.getByte(0)) && records.getByte(length - 1) == 0) {
                return false;
            }
            throw new JournalFormatException("unreadable journal record at index " + index + ": "
                + undecodable.getMessage());
        }
    }
}
