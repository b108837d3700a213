package com.motoo.journal.codec;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The binary layout of one command in the command journal, version {@link #VERSION} (see
 * journal/FORMAT.md): a fixed block of {@link #FIXED_LENGTH} little-endian bytes followed by the
 * LIST name (UTF-8, its length in the block; 0 for other commands). An excerpt of the command
 * journal holds one or more such records back to back. Stateless; encoding allocates nothing
 * except for a LIST's name bytes, decoding nothing except a LIST's name.
 */
public final class CommandCodec {
    /** Layout version written first in every record; readers refuse other versions. */
    public static final byte VERSION = 1;
    /** Longest LIST name in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 1024;
    /** Bytes of a record without its name. */
    public static final int FIXED_LENGTH = 71;
    /** The most bytes one record can take. */
    public static final int MAX_LENGTH = FIXED_LENGTH + MAX_NAME_BYTES;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final byte NONE = -1;
    private static final int TYPE = 1;
    private static final int SEQUENCE = 2;
    private static final int TIMESTAMP = 10;
    private static final int USER = 18;
    private static final int ORDER_ID = 26;
    private static final int SYMBOL = 34;
    private static final int SIDE = 42;
    private static final int ORDER_TYPE = 43;
    private static final int TIF = 44;
    private static final int PRICE = 45;
    private static final int QTY = 53;
    private static final int AMOUNT = 61;
    private static final int NAME_LENGTH = 69;

    private CommandCodec() {
    }

    /**
     * Writes the command, its sequence and timestamp included, at {@code offset}.
     *
     * @return the bytes written
     * @throws IllegalArgumentException for a LIST name longer than {@link #MAX_NAME_BYTES}
     */
    public static int encode(Command command, MutableDirectBuffer out, int offset) {
        out.putByte(offset, VERSION);
        out.putByte(offset + TYPE, (byte) command.type().ordinal());
        out.putLong(offset + SEQUENCE, command.sequence(), ORDER);
        out.putLong(offset + TIMESTAMP, command.timestamp(), ORDER);
        out.putLong(offset + USER, command.userId(), ORDER);
        out.putLong(offset + ORDER_ID, command.orderId(), ORDER);
        out.putLong(offset + SYMBOL, command.symbol(), ORDER);
        out.putByte(offset + SIDE, ordinal(command.side()));
        out.putByte(offset + ORDER_TYPE, ordinal(command.orderType()));
        out.putByte(offset + TIF, ordinal(command.tif()));
        out.putLong(offset + PRICE, command.price(), ORDER);
        out.putLong(offset + QTY, command.qty(), ORDER);
        out.putLong(offset + AMOUNT, command.amount(), ORDER);
        if (command.type() != CommandType.LIST || command.name() == null) {
            out.putShort(offset + NAME_LENGTH, (short) 0, ORDER);
            return FIXED_LENGTH;
        }
        final byte[] name = command.name().getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("name longer than " + MAX_NAME_BYTES + " bytes");
        }
        out.putShort(offset + NAME_LENGTH, (short) name.length, ORDER);
        out.putBytes(offset + FIXED_LENGTH, name);
        return FIXED_LENGTH + name.length;
    }

    /**
     * Fills {@code into} from the record at {@code offset}, sequence and timestamp included.
     *
     * @param limit the end of the readable bytes
     * @return the bytes read
     * @throws JournalFormatException for another version, an unknown command type or a truncated record
     */
    public static int decode(DirectBuffer in, int offset, int limit, Command into) {
        if (limit - offset < FIXED_LENGTH) {
            throw new JournalFormatException("truncated command record: " + (limit - offset) + " bytes");
        }
        final byte version = in.getByte(offset);
        if (version != VERSION) {
            throw new JournalFormatException("command record version " + version + ", expected " + VERSION);
        }
        final int type = in.getByte(offset + TYPE);
        if (type < 0 || type >= CommandType.values().length) {
            throw new JournalFormatException("unknown command type " + type);
        }
        final int nameLength = in.getShort(offset + NAME_LENGTH, ORDER);
        if (nameLength < 0 || nameLength > MAX_NAME_BYTES || limit - offset < FIXED_LENGTH + nameLength) {
            throw new JournalFormatException("bad name length " + nameLength);
        }
        final String name = nameLength == 0 ? null : in.getStringWithoutLengthUtf8(offset + FIXED_LENGTH, nameLength);
        fill(into, CommandType.fromOrdinal(type), in, offset, name);
        into.stamp(in.getLong(offset + SEQUENCE, ORDER), in.getLong(offset + TIMESTAMP, ORDER));
        return FIXED_LENGTH + nameLength;
    }

    private static void fill(Command c, CommandType type, DirectBuffer in, int o, String name) {
        final long userId = in.getLong(o + USER, ORDER);
        final long orderId = in.getLong(o + ORDER_ID, ORDER);
        final long symbol = in.getLong(o + SYMBOL, ORDER);
        final long price = in.getLong(o + PRICE, ORDER);
        final long qty = in.getLong(o + QTY, ORDER);
        final long amount = in.getLong(o + AMOUNT, ORDER);
        switch (type) {
            case LIST -> c.list(symbol, name, price);
            case ACCOUNT -> c.account(userId, amount);
            case GRANT -> c.grant(userId, symbol, qty);
            case PLACE -> c.place(userId, orderId, symbol, enumAt(Side.values(), in.getByte(o + SIDE)),
                enumAt(OrderType.values(), in.getByte(o + ORDER_TYPE)), enumAt(TimeInForce.values(), in.getByte(o + TIF)),
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
    }

    private static <E> E enumAt(E[] values, byte ordinal) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new JournalFormatException("bad enum ordinal " + ordinal);
        }
        return values[ordinal];
    }

    /** @return the sequence of the record at {@code offset} without decoding the rest */
    public static long sequenceAt(DirectBuffer in, int offset) {
        return in.getLong(offset + SEQUENCE, ORDER);
    }

    private static byte ordinal(Enum<?> value) {
        return value == null ? NONE : (byte) value.ordinal();
    }
}
