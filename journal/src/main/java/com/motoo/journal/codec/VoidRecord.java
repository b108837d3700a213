package com.motoo.journal.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The void record, the same in both journals: it declares the torn excerpts from a given journal
 * index up to the one before it void, so that every reader skips them (Chronicle Queue cannot
 * truncate). The engine appends one at start-up when a journal ends in torn excerpts
 * ({@link RecordCheck}). Its records are exactly {@value #LENGTH} bytes (after the
 * {@link ChecksumPrefix}, as in every excerpt): the layout byte {@value #LAYOUT}, then the index of
 * the first void excerpt (8 bytes, little-endian).
 */
public final class VoidRecord {
    /** The record's first byte, where other records have their layout version. */
    public static final byte LAYOUT = 127;
    /** Bytes in a void record. */
    public static final int LENGTH = 9;

    private VoidRecord() {
    }

    /** Writes a void record for the excerpts from {@code firstIndex} on at offset 0 of {@code out}. */
    public static void encode(long firstIndex, MutableDirectBuffer out) {
        out.putByte(0, LAYOUT);
        out.putLong(1, firstIndex, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return whether the records of {@code length} bytes at offset 0 are a void record */
    public static boolean is(DirectBuffer excerpt, int length) {
        return length == LENGTH && excerpt.getByte(0) == LAYOUT;
    }

    /** @return the index of the first excerpt the void record at offset 0 declares void */
    public static long firstIndex(DirectBuffer excerpt) {
        return excerpt.getLong(1, ByteOrder.LITTLE_ENDIAN);
    }
}
