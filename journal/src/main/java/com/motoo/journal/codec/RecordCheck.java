package com.motoo.journal.codec;

import org.agrona.DirectBuffer;

/**
 * Tells whether a journal excerpt holds whole records of a layout this build reads, or is torn:
 * the remains of a write that failed half-way (the disk filled up under the memory-mapped file,
 * or the machine crashed before the OS wrote the excerpt's last pages). Such a write leaves a
 * complete excerpt header over bytes that were never written, which read back as zeros; so an
 * excerpt counts as torn when it is empty, or when it does not decode, starts with zero or a
 * version this build reads, and ends with a zero byte. Anything else that does not decode
 * (a version from a newer build, garbage) is unreadable and refused.
 *
 * <p>Caveat: zeros can also be valid field values, so a write torn inside the last fields of its
 * excerpt may decode and is then taken as complete. One thread at a time; allocates only for
 * LIST names and for the message of an unreadable excerpt.
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
     * @param excerpt the excerpt's bytes, from offset 0
     * @param index the excerpt's journal index, for the message of an unreadable one
     * @return true when the excerpt decodes whole, false when it is torn
     * @throws JournalFormatException when it is unreadable, naming the index
     */
    public final boolean isComplete(DirectBuffer excerpt, int length, long index) {
        if (length == 0) {
            return false;
        }
        try {
            decodeAll(excerpt, length);
            return true;
        } catch (JournalFormatException undecodable) {
            final byte first = excerpt.getByte(0);
            if ((first == 0 || readsVersion(first)) && excerpt.getByte(length - 1) == 0) {
                return false;
            }
            throw new JournalFormatException("unreadable journal record at index " + index + ": "
                + undecodable.getMessage());
        }
    }
}
