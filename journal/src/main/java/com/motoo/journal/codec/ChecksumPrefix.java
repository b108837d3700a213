package com.motoo.journal.codec;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The prefix that leads every excerpt the engine writes to its journals: the layout byte
 * {@value #LAYOUT}, where records have their version, then the CRC32C of the records after it
 * (4 bytes, little-endian). A reader that finds the prefix knows whether the excerpt holds exactly
 * what was written, where a tear (bytes that read back as zeros) could otherwise decode as valid
 * records. The excerpt's length needs no field of its own: Chronicle's excerpt header holds it,
 * and the checksum covers every byte up to it. One thread at a time; allocation-free.
 */
public final class ChecksumPrefix {
    /** The prefix's first byte. */
    public static final byte LAYOUT = 126;
    /** Bytes in the prefix. */
    public static final int LENGTH = 5;

    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer prefix = new UnsafeBuffer(new byte[LENGTH]);

    /**
     * Computes the prefix of the records {@code records[0, length)}.
     *
     * @return the prefix's {@value #LENGTH} bytes, valid until the next call
     */
    public byte[] of(byte[] records, int length) {
        prefix.putByte(0, LAYOUT);
        prefix.putInt(1, checksum(records, length), ByteOrder.LITTLE_ENDIAN);
        return prefix.byteArray();
    }

    /**
     * @param read a prefix as read from a journal, from offset 0
     * @return whether it is the prefix of {@code records[0, length)}
     */
    public boolean matches(DirectBuffer read, byte[] records, int length) {
        return read.getByte(0) == LAYOUT && read.getInt(1, ByteOrder.LITTLE_ENDIAN) == checksum(records, length);
    }

    private int checksum(byte[] records, int length) {
        crc.reset();
        crc.update(records, 0, length);
        return (int) crc.getValue();
    }
}
