package com.motoo.journal.codec;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import net.openhft.chronicle.bytes.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * The binary layout of a command in the command journal, version {@link #VERSION} (see
 * journal/FORMAT.md): one excerpt per command, a fixed block of little-endian fields followed by
 * the LIST name (a 16-bit length and UTF-8 bytes, length 0 for other commands). Stateless;
 * encoding allocates nothing except for a LIST's name, decoding nothing except a LIST's name.
 */
public final class CommandCodec {
    /** Layout version written first in every excerpt; readers refuse other versions. */
    public static final byte VERSION = 1;
    /** Longest LIST name in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 1024;

    private static final byte NONE = -1;

    private CommandCodec() {
    }

    /** Appends the command, its sequence and timestamp included. */
    public static void encode(Command command, Bytes<?> out) {
        out.writeByte(VERSION);
        out.writeByte((byte) command.type().ordinal());
        out.writeLong(command.sequence()).writeLong(command.timestamp());
        out.writeLong(command.userId()).writeLong(command.orderId()).writeLong(command.symbol());
        out.writeByte(ordinal(command.side())).writeByte(ordinal(command.orderType())).writeByte(ordinal(command.tif()));
        out.writeLong(command.price()).writeLong(command.qty()).writeLong(command.amount());
        writeName(out, command.type() == CommandType.LIST ? command.name() : null);
    }

    /**
     * Fills {@code into} from the excerpt, sequence and timestamp included.
     *
     * @throws JournalFormatException for another version or an unknown command type
     */
    public static Command decode(Bytes<?> in, Command into) {
        final byte version = in.readByte();
        if (version != VERSION) {
            throw new JournalFormatException("command excerpt version " + version + ", expected " + VERSION);
        }
        final int type = in.readByte();
        if (type < 0 || type >= CommandType.values().length) {
            throw new JournalFormatException("unknown command type " + type);
        }
        final long sequence = in.readLong();
        final long timestamp = in.readLong();
        final long userId = in.readLong();
        final long orderId = in.readLong();
        final long symbol = in.readLong();
        final byte side = in.readByte();
        final byte orderType = in.readByte();
        final byte tif = in.readByte();
        final long price = in.readLong();
        final long qty = in.readLong();
        final long amount = in.readLong();
        final String name = readName(in);
        fill(into, CommandType.fromOrdinal(type), userId, orderId, symbol, side, orderType, tif, price, qty, amount, name);
        into.stamp(sequence, timestamp);
        return into;
    }

    /** Reads only the sequence of a command excerpt, leaving the rest unread. */
    public static long peekSequence(Bytes<?> in) {
        return in.readLong(in.readPosition() + 2);
    }

    private static void fill(Command c, CommandType type, long userId, long orderId, long symbol, byte side,
                             byte orderType, byte tif, long price, long qty, long amount, String name) {
        switch (type) {
            case LIST -> c.list(symbol, name, price);
            case ACCOUNT -> c.account(userId, amount);
            case GRANT -> c.grant(userId, symbol, qty);
            case PLACE -> c.place(userId, orderId, symbol, Side.values()[side], OrderType.values()[orderType],
                TimeInForce.values()[tif], price, qty);
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

    private static byte ordinal(Enum<?> value) {
        return value == null ? NONE : (byte) value.ordinal();
    }

    static void writeName(Bytes<?> out, String name) {
        if (name == null) {
            out.writeShort((short) 0);
            return;
        }
        final byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("name longer than " + MAX_NAME_BYTES + " bytes");
        }
        out.writeShort((short) utf8.length);
        out.write(utf8);
    }

    static String readName(Bytes<?> in) {
        final int length = in.readShort();
        if (length == 0) {
            return null;
        }
        if (length < 0 || length > MAX_NAME_BYTES || length > in.readRemaining()) {
            throw new JournalFormatException("bad name length " + length);
        }
        final byte[] utf8 = new byte[length];
        in.read(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
