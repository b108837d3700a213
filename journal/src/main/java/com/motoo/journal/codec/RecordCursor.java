package com.motoo.journal.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * A read position over journal bytes that checks every read against a limit, so that a truncated
 * or garbled record is reported as a {@link JournalFormatException} and never read past. Reads the
 * fixed little-endian longs of layout version 1 and the variable-length longs of version 2
 * ({@link #putVarLong}: zig-zag, then seven bits a byte, low bits first, the top bit set on every
 * byte but the last; 1 byte for -64..63, 3 bytes for a six-digit price, 6 bytes for an epoch
 * millisecond time, at most 10). Over a heap buffer, longs away from the limit are read straight
 * from its array, the checks done once per long instead of per byte. One thread at a time;
 * reusable; allocates only names.
 */
final class RecordCursor {
    /** Longest variable-length long in bytes. */
    static final int MAX_VAR_LONG_BYTES = 10;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private DirectBuffer in;
    /** The buffer's array when it has one, else null; {@link #adjustment} maps buffer indexes to it. */
    private byte[] array;
    private int adjustment;
    private int limit;
    private int position;
    private boolean compact;

    /**
     * Reads from {@code position} up to {@code limit}.
     *
     * @param compact whether longs are variable-length (version 2) rather than fixed (version 1)
     */
    RecordCursor wrap(DirectBuffer in, int position, int limit, boolean compact) {
        this.in = in;
        this.array = in.byteArray();
        this.adjustment = in.wrapAdjustment();
        this.position = position;
        this.limit = limit;
        this.compact = compact;
        return this;
    }

    /** @return the offset of the next byte to read */
    int position() {
        return position;
    }

    byte getByte() {
        check(1);
        return in.getByte(position++);
    }

    int getInt() {
        check(4);
        final int value = in.getInt(position, ORDER);
        position += 4;
        return value;
    }

    /** @return the next long, in this record's layout */
    long getLong() {
        if (compact) {
            return getVarLong();
        }
        check(8);
        final long value = in.getLong(position, ORDER);
        position += 8;
        return value;
    }

    <E> E enumAt(E[] values) {
        return enumAt(values, getByte());
    }

    /** @return the constant with this ordinal @throws JournalFormatException when there is none */
    static <E> E enumAt(E[] values, byte ordinal) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new JournalFormatException("bad enum ordinal " + ordinal);
        }
        return values[ordinal];
    }

    /** @return a UTF-8 name: its byte length (a 2-byte short in version 1, a long in version 2), then its bytes */
    String getName() {
        final long length;
        if (compact) {
            length = getVarLong();
        } else {
            check(2);
            length = in.getShort(position, ORDER);
            position += 2;
        }
        if (length < 0 || length > CommandCodec.MAX_NAME_BYTES) {
            throw new JournalFormatException("bad name length " + length);
        }
        check((int) length);
        final String name = in.getStringWithoutLengthUtf8(position, (int) length);
        position += (int) length;
        return name;
    }

    private long getVarLong() {
        final byte[] array = this.array;
        if (array == null || limit - position < MAX_VAR_LONG_BYTES) {
            return getVarLongByteByByte();
        }
        int at = position + adjustment;
        long zigZag = 0;
        for (int shift = 0; shift < 7 * MAX_VAR_LONG_BYTES; shift += 7) {
            final byte b = array[at++];
            if (shift == 63 && (b & 0x7E) != 0) {
                throw new JournalFormatException("variable-length long above 64 bits at offset " + (at - 1 - adjustment));
            }
            zigZag |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                position = at - adjustment;
                return (zigZag >>> 1) ^ -(zigZag & 1);
            }
        }
        throw new JournalFormatException("variable-length long longer than " + MAX_VAR_LONG_BYTES + " bytes at offset " + position);
    }

    /** The same as {@link #getVarLong()}, each byte checked against the limit (near the limit, or without an array). */
    private long getVarLongByteByByte() {
        long zigZag = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift >= 7 * MAX_VAR_LONG_BYTES) {
                throw new JournalFormatException("variable-length long longer than " + MAX_VAR_LONG_BYTES + " bytes at offset " + position);
            }
            final byte b = getByte();
            if (shift == 63 && (b & 0x7E) != 0) {
                throw new JournalFormatException("variable-length long above 64 bits at offset " + (position - 1));
            }
            zigZag |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (zigZag >>> 1) ^ -(zigZag & 1);
            }
        }
    }

    private void check(int bytes) {
        if (limit - position < bytes) {
            throw new JournalFormatException("truncated record at offset " + position);
        }
    }

    /**
     * Writes {@code value} as a variable-length long (the layout {@link #getLong()} reads in
     * version 2) at {@code index}: straight into the buffer's array when it has one and room for
     * the longest form, else byte by byte through the buffer (which an expandable buffer grows).
     *
     * @return the bytes written, 1 to {@value #MAX_VAR_LONG_BYTES}
     */
    static int putVarLong(MutableDirectBuffer out, int index, long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        final byte[] array = out.byteArray();
        if (array != null && out.capacity() - index >= MAX_VAR_LONG_BYTES) {
            final int adjustment = out.wrapAdjustment();
            int at = index + adjustment;
            while ((zigZag & ~0x7FL) != 0) {
                array[at++] = (byte) (zigZag | 0x80);
                zigZag >>>= 7;
            }
            array[at++] = (byte) zigZag;
            return at - adjustment - index;
        }
        int at = index;
        while ((zigZag & ~0x7FL) != 0) {
            out.putByte(at++, (byte) (zigZag | 0x80));
            zigZag >>>= 7;
        }
        out.putByte(at++, (byte) zigZag);
        return at - index;
    }
}
