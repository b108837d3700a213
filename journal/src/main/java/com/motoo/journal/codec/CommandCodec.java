package com.motoo.journal.codec;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The binary layout of one command in the command journal (see journal/FORMAT.md). Records are
 * written in layout {@link #VERSION} 2: version, type, then sequence, timestamp and only the
 * fields the command type has, each a variable-length long ({@link RecordCursor}), so that a
 * MODIFY takes about 20 bytes instead of version 1's fixed 71. Records of version 1 (journals
 * written before) are still read. An excerpt of the command journal holds one or more records back
 * to back. Stateless; encoding allocates nothing except for a LIST's name bytes, decoding nothing
 * except a LIST's name.
 */
public final class CommandCodec {
    /** Layout version of the records written; every record starts with its version. */
    public static final byte VERSION = 2;
    /** The fixed layout of journals written before version 2, still read. */
    static final byte VERSION_FIXED = 1;
    /** Longest LIST name in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 1024;
    /** The most bytes one record can take (a LIST with the longest name; any other record is shorter). */
    public static final int MAX_LENGTH = 2 + 6 * RecordCursor.MAX_VAR_LONG_BYTES + 3 + MAX_NAME_BYTES;

    private static final byte NONE = -1;
    /** Bytes of a version 1 record without its name. */
    private static final int FIXED_LENGTH = 71;
    private static final int FIXED_NAME_LENGTH = 69;

    private CommandCodec() {
    }

    /**
     * Writes the command, its sequence and timestamp included, at {@code offset}, in layout
     * {@link #VERSION}: the fields of its type in the order {@link Decoder} reads them.
     *
     * @return the bytes written, at most {@link #MAX_LENGTH}
     * @throws IllegalArgumentException for a LIST name longer than {@link #MAX_NAME_BYTES}
     */
    public static int encode(Command command, MutableDirectBuffer out, int offset) {
        final CommandType type = command.type();
        out.putByte(offset, VERSION);
        out.putByte(offset + 1, (byte) type.ordinal());
        int at = offset + 2;
        at += RecordCursor.putVarLong(out, at, command.sequence());
        at += RecordCursor.putVarLong(out, at, command.timestamp());
        switch (type) {
            case LIST -> {
                at += RecordCursor.putVarLong(out, at, command.symbol());
                at += RecordCursor.putVarLong(out, at, command.price());
                at += putName(out, at, command.name());
            }
            case ACCOUNT, DEPOSIT, RESET -> {
                at += RecordCursor.putVarLong(out, at, command.userId());
                at += RecordCursor.putVarLong(out, at, command.amount());
            }
            case GRANT -> {
                at += RecordCursor.putVarLong(out, at, command.userId());
                at += RecordCursor.putVarLong(out, at, command.symbol());
                at += RecordCursor.putVarLong(out, at, command.qty());
            }
            case PLACE -> {
                at += RecordCursor.putVarLong(out, at, command.userId());
                at += RecordCursor.putVarLong(out, at, command.orderId());
                at += RecordCursor.putVarLong(out, at, command.symbol());
                out.putByte(at++, ordinal(command.side()));
                out.putByte(at++, ordinal(command.orderType()));
                out.putByte(at++, ordinal(command.tif()));
                at += RecordCursor.putVarLong(out, at, command.price());
                at += RecordCursor.putVarLong(out, at, command.qty());
            }
            case CANCEL -> {
                at += RecordCursor.putVarLong(out, at, command.userId());
                at += RecordCursor.putVarLong(out, at, command.orderId());
            }
            case MODIFY -> {
                at += RecordCursor.putVarLong(out, at, command.userId());
                at += RecordCursor.putVarLong(out, at, command.orderId());
                at += RecordCursor.putVarLong(out, at, command.price());
                at += RecordCursor.putVarLong(out, at, command.qty());
            }
            case HALT, RESUME -> at += RecordCursor.putVarLong(out, at, command.symbol());
            case EOD -> {
            }
            default -> throw new IllegalArgumentException("no layout for command type " + type);
        }
        return at - offset;
    }

    private static int putName(MutableDirectBuffer out, int offset, String name) {
        if (name == null) {
            return RecordCursor.putVarLong(out, offset, 0);
        }
        final byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("name longer than " + MAX_NAME_BYTES + " bytes");
        }
        final int lengthBytes = RecordCursor.putVarLong(out, offset, utf8.length);
        out.putBytes(offset + lengthBytes, utf8);
        return lengthBytes + utf8.length;
    }

    /**
     * Reads command records of layout versions 1 and 2. One thread at a time; reusable, so
     * decoding allocates nothing but LIST names.
     */
    public static final class Decoder {
        private final RecordCursor cursor = new RecordCursor();

        /**
         * Fills {@code into} from the record at {@code offset}, sequence and timestamp included.
         *
         * @param limit the end of the readable bytes
         * @return the bytes read
         * @throws JournalFormatException for an unknown version, an unknown command type or a truncated record
         */
        public int decode(DirectBuffer in, int offset, int limit, Command into) {
            if (limit - offset < 2) {
                throw new JournalFormatException("truncated command record: " + (limit - offset) + " bytes");
            }
            final byte version = in.getByte(offset);
            if (version != VERSION && version != VERSION_FIXED) {
                throw new JournalFormatException("command record version " + version + ", expected " + VERSION_FIXED + " or " + VERSION);
            }
            final int type = in.getByte(offset + 1);
            if (type < 0 || type >= EnumValues.COMMAND_TYPES.length) {
                throw new JournalFormatException("unknown command type " + type);
            }
            if (version == VERSION_FIXED) {
                return decodeFixed(in, offset, limit, CommandType.fromOrdinal(type), into, cursor);
            }
            cursor.wrap(in, offset + 2, limit, true);
            final long sequence = cursor.getLong();
            final long timestamp = cursor.getLong();
            fill(into, CommandType.fromOrdinal(type), cursor);
            into.stamp(sequence, timestamp);
            return cursor.position() - offset;
        }
    }

    private static void fill(Command c, CommandType type, RecordCursor in) {
        switch (type) {
            case LIST -> {
                final long symbol = in.getLong();
                final long price = in.getLong();
                c.list(symbol, nullIfEmpty(in.getName()), price);
            }
            case ACCOUNT -> c.account(in.getLong(), in.getLong());
            case DEPOSIT -> c.deposit(in.getLong(), in.getLong());
            case RESET -> c.reset(in.getLong(), in.getLong());
            case GRANT -> c.grant(in.getLong(), in.getLong(), in.getLong());
            case PLACE -> c.place(in.getLong(), in.getLong(), in.getLong(), in.enumAt(EnumValues.SIDES),
                in.enumAt(EnumValues.ORDER_TYPES), in.enumAt(EnumValues.TIMES_IN_FORCE), in.getLong(), in.getLong());
            case CANCEL -> c.cancel(in.getLong(), in.getLong());
            case MODIFY -> c.modify(in.getLong(), in.getLong(), in.getLong(), in.getLong());
            case HALT -> c.halt(in.getLong(), true);
            case RESUME -> c.halt(in.getLong(), false);
            case EOD -> c.endOfDay();
            default -> throw new JournalFormatException("unhandled command type " + type);
        }
    }

    /**
     * Version 1: a fixed block of little-endian fields at fixed offsets (version, type, sequence,
     * timestamp, userId, orderId, symbol, side, orderType, tif, price, qty, amount, name length),
     * then the LIST name.
     */
    private static int decodeFixed(DirectBuffer in, int offset, int limit, CommandType type, Command c, RecordCursor cursor) {
        if (limit - offset < FIXED_LENGTH) {
            throw new JournalFormatException("truncated command record: " + (limit - offset) + " bytes");
        }
        cursor.wrap(in, offset + 2, offset + FIXED_NAME_LENGTH, false);
        final long sequence = cursor.getLong();
        final long timestamp = cursor.getLong();
        final long userId = cursor.getLong();
        final long orderId = cursor.getLong();
        final long symbol = cursor.getLong();
        final byte side = cursor.getByte();
        final byte orderType = cursor.getByte();
        final byte tif = cursor.getByte();
        final long price = cursor.getLong();
        final long qty = cursor.getLong();
        final long amount = cursor.getLong();
        final String name = nullIfEmpty(cursor.wrap(in, offset + FIXED_NAME_LENGTH, limit, false).getName());
        switch (type) {
            case LIST -> c.list(symbol, name, price);
            case ACCOUNT -> c.account(userId, amount);
            case GRANT -> c.grant(userId, symbol, qty);
            case PLACE -> c.place(userId, orderId, symbol, RecordCursor.enumAt(EnumValues.SIDES, side),
                RecordCursor.enumAt(EnumValues.ORDER_TYPES, orderType), RecordCursor.enumAt(EnumValues.TIMES_IN_FORCE, tif),
                price, qty);
            case CANCEL -> c.cancel(userId, orderId);
            case MODIFY -> c.modify(userId, orderId, price, qty);
            case EOD -> c.endOfDay();
            case HALT -> c.halt(symbol, true);
            case RESUME -> c.halt(symbol, false);
            case DEPOSIT -> c.deposit(userId, amount);
            case RESET -> c.reset(userId, amount);
            default -> throw new JournalFormatException("unhandled command type " + type);
        }
        c.stamp(sequence, timestamp);
        return cursor.position() - offset;
    }

    private static String nullIfEmpty(String name) {
        return name.isEmpty() ? null : name;
    }

    private static byte ordinal(Enum<?> value) {
        return value == null ? NONE : (byte) value.ordinal();
    }
}
