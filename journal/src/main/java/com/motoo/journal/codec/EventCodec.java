package com.motoo.journal.codec;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The binary layout of engine events in the event journal (see journal/FORMAT.md). An excerpt
 * holds one or more <em>groups</em>, each the events of one command: a header (version, event
 * count, command sequence, timestamp) followed by that many events, each a one-byte kind and its
 * fields. Groups are written in layout {@link #VERSION} 2, whose longs are variable-length
 * ({@link RecordCursor}: a MODIFIED group takes about 25 bytes instead of 54); groups of version 1
 * (fixed little-endian longs, journals written before) are still read.
 * {@link Encoder} fills a buffer on the engine thread; the static methods decode into an
 * {@link EngineEventListener}. Encoding allocates nothing once the buffer has grown (a LIST's name
 * bytes excepted); decoding allocates only LIST names.
 */
public final class EventCodec {
    /** Layout version of the groups written; readers refuse versions other than 1 and 2. */
    public static final byte VERSION = 2;
    /** The fixed layout of journals written before version 2, still read. */
    static final byte VERSION_FIXED = 1;

    static final byte ACCEPTED = 1;
    static final byte REJECTED = 2;
    static final byte TRADE = 3;
    static final byte CANCELED = 4;
    static final byte MODIFIED = 5;
    static final byte EXPIRED = 6;
    static final byte SYMBOL_LISTED = 7;
    static final byte ACCOUNT_OPENED = 8;
    static final byte SHARES_GRANTED = 9;
    static final byte BASE_PRICE_SET = 10;
    static final byte HALT_CHANGED = 11;
    static final byte CASH_DEPOSITED = 12;
    static final byte ACCOUNT_RESET = 13;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Version 1 header: version, sequence (8), timestamp (8), count (4). */
    private static final int FIXED_HEADER_LENGTH = 21;
    /** Version 2 header: version, count (4, so that it can be filled in last), then sequence and timestamp as variable-length longs. */
    private static final int COUNT = 1;
    private static final int SEQUENCE = COUNT + 4;

    private EventCodec() {
    }

    /**
     * Decodes groups into an {@link EngineEventListener}. One thread at a time; reusable, so
     * decoding allocates nothing but LIST names.
     */
    public static final class Decoder {
        private final RecordCursor cursor = new RecordCursor();
        private long sequence;
        private long timestamp;
        private int count;

        /**
         * Decodes the group whose header is at {@code offset}: its header (as {@link #readHeader}
         * does, so {@link #sequence()} and the others describe it afterwards), then its events into the listener.
         *
         * @param listener receives the events; null to skip them
         * @return the offset after the group
         * @throws JournalFormatException for an unknown version or event kind, or a truncated group
         */
        public int decodeGroup(DirectBuffer in, int offset, int limit, EngineEventListener listener) {
            return readHeader(in, offset, limit).decodeEvents(listener);
        }

        /**
         * Decodes the events of the group whose header {@link #readHeader} read last (once per header).
         *
         * @param listener receives the events; null to skip them
         * @return the offset after the group
         * @throws JournalFormatException for an unknown event kind or a truncated event
         */
        public int decodeEvents(EngineEventListener listener) {
            for (int i = 0; i < count; i++) {
                decodeOne(cursor, listener);
            }
            return cursor.position();
        }

        /**
         * Reads the group header at {@code offset}: afterwards {@link #sequence()},
         * {@link #timestamp()} and {@link #count()} describe the group.
         *
         * @return this decoder
         * @throws JournalFormatException for an unknown version or a truncated header
         */
        public Decoder readHeader(DirectBuffer in, int offset, int limit) {
            if (limit - offset < 1) {
                throw new JournalFormatException("truncated event group header");
            }
            final byte version = in.getByte(offset);
            if (version == VERSION_FIXED) {
                if (limit - offset < FIXED_HEADER_LENGTH) {
                    throw new JournalFormatException("truncated event group header");
                }
                cursor.wrap(in, offset + 1, limit, false);
                sequence = cursor.getLong();
                timestamp = cursor.getLong();
                count = cursor.getInt();
            } else if (version == VERSION) {
                cursor.wrap(in, offset + COUNT, limit, true);
                count = cursor.getInt();
                sequence = cursor.getLong();
                timestamp = cursor.getLong();
            } else {
                throw new JournalFormatException("event group version " + version + ", expected " + VERSION_FIXED + " or " + VERSION);
            }
            if (count < 0) {
                throw new JournalFormatException("negative event count " + count);
            }
            return this;
        }

        /** @return the command sequence of the group whose header was read last */
        public long sequence() {
            return sequence;
        }

        /** @return the command timestamp (epoch ms) of the group whose header was read last */
        public long timestamp() {
            return timestamp;
        }

        /** @return the event count of the group whose header was read last */
        public int count() {
            return count;
        }
    }

    private static void decodeOne(RecordCursor in, EngineEventListener l) {
        final byte kind = in.getByte();
        switch (kind) {
            case ACCEPTED -> {
                final long userId = in.getLong();
                final long orderId = in.getLong();
                final long symbol = in.getLong();
                final Side side = in.enumAt(EnumValues.SIDES);
                final OrderType type = in.enumAt(EnumValues.ORDER_TYPES);
                final TimeInForce tif = in.enumAt(EnumValues.TIMES_IN_FORCE);
                final long price = in.getLong();
                final long qty = in.getLong();
                if (l != null) {
                    l.onAccepted(userId, orderId, symbol, side, type, tif, price, qty);
                }
            }
            case REJECTED -> {
                final long userId = in.getLong();
                final long orderId = in.getLong();
                final CommandType command = in.enumAt(EnumValues.COMMAND_TYPES);
                final RejectReason reason = in.enumAt(EnumValues.REJECT_REASONS);
                if (l != null) {
                    l.onRejected(userId, orderId, command, reason);
                }
            }
            case TRADE -> decodeTrade(in, l);
            case CANCELED, EXPIRED -> {
                final long userId = in.getLong();
                final long orderId = in.getLong();
                final long qty = in.getLong();
                if (l != null && kind == CANCELED) {
                    l.onCanceled(userId, orderId, qty);
                } else if (l != null) {
                    l.onExpired(userId, orderId, qty);
                }
            }
            case MODIFIED -> {
                final long userId = in.getLong();
                final long orderId = in.getLong();
                final long price = in.getLong();
                final long qty = in.getLong();
                if (l != null) {
                    l.onModified(userId, orderId, price, qty);
                }
            }
            default -> decodeSetUp(kind, in, l);
        }
    }

    private static void decodeTrade(RecordCursor in, EngineEventListener l) {
        final long symbol = in.getLong();
        final long price = in.getLong();
        final long qty = in.getLong();
        final long buyUserId = in.getLong();
        final long buyOrderId = in.getLong();
        final long sellUserId = in.getLong();
        final long sellOrderId = in.getLong();
        final Side aggressor = in.enumAt(EnumValues.SIDES);
        final long buyCommission = in.getLong();
        final long sellCommission = in.getLong();
        final long sellTax = in.getLong();
        final long buyLeaves = in.getLong();
        final long sellLeaves = in.getLong();
        if (l != null) {
            l.onTrade(symbol, price, qty, buyUserId, buyOrderId, sellUserId, sellOrderId, aggressor, buyCommission,
                sellCommission, sellTax, buyLeaves, sellLeaves);
        }
    }

    private static void decodeSetUp(byte kind, RecordCursor in, EngineEventListener l) {
        switch (kind) {
            case SYMBOL_LISTED -> {
                final long symbol = in.getLong();
                final long basePrice = in.getLong();
                final String name = in.getName();
                if (l != null) {
                    l.onSymbolListed(symbol, name, basePrice);
                }
            }
            case ACCOUNT_OPENED, ACCOUNT_RESET, BASE_PRICE_SET -> {
                final long first = in.getLong();
                final long second = in.getLong();
                if (l != null && kind == ACCOUNT_OPENED) {
                    l.onAccountOpened(first, second);
                } else if (l != null && kind == ACCOUNT_RESET) {
                    l.onAccountReset(first, second);
                } else if (l != null) {
                    l.onBasePriceSet(first, second);
                }
            }
            case SHARES_GRANTED, CASH_DEPOSITED -> {
                final long first = in.getLong();
                final long second = in.getLong();
                final long third = in.getLong();
                if (l != null && kind == SHARES_GRANTED) {
                    l.onSharesGranted(first, second, third);
                } else if (l != null) {
                    l.onCashDeposited(first, second, third);
                }
            }
            case HALT_CHANGED -> {
                final long symbol = in.getLong();
                final boolean halted = in.getByte() != 0;
                if (l != null) {
                    l.onHaltChanged(symbol, halted);
                }
            }
            default -> throw new JournalFormatException("unknown event kind " + kind);
        }
    }

    /**
     * An {@link EngineEventListener} that appends each event, grouped by command, to a growing
     * buffer. Engine thread only: {@link #begin}, the events, {@link #finish}, and {@link #clear()}
     * once the buffer's bytes have been written out.
     */
    public static final class Encoder implements EngineEventListener {
        private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(1 << 17);
        private int position;
        private int countPosition;
        private int count;

        /** Starts a group: the events until {@link #finish()} were caused by this command. */
        public void begin(long commandSequence, long timestamp) {
            out.putByte(position, VERSION);
            countPosition = position + COUNT;
            position += SEQUENCE;
            putLong(commandSequence);
            putLong(timestamp);
            count = 0;
        }

        /** Ends the group begun last, filling in its event count. */
        public void finish() {
            out.putInt(countPosition, count, ORDER);
        }

        /** @return the bytes of the groups so far (valid up to {@link #length()}) */
        public byte[] bytes() {
            return out.byteArray();
        }

        /** @return how many bytes the groups so far take */
        public int length() {
            return position;
        }

        /** Forgets the groups so far. */
        public void clear() {
            position = 0;
        }

        private void putKind(byte kind) {
            count++;
            out.putByte(position++, kind);
        }

        private void putByte(int value) {
            out.putByte(position++, (byte) value);
        }

        private void putLong(long value) {
            out.checkLimit(position + RecordCursor.MAX_VAR_LONG_BYTES);
            position += RecordCursor.putVarLong(out, position, value);
        }

        @Override
        public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType,
                               TimeInForce tif, long price, long qty) {
            putKind(ACCEPTED);
            putLong(userId);
            putLong(orderId);
            putLong(symbol);
            putByte(side.ordinal());
            putByte(orderType.ordinal());
            putByte(tif.ordinal());
            putLong(price);
            putLong(qty);
        }

        @Override
        public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
            putKind(REJECTED);
            putLong(userId);
            putLong(orderId);
            putByte(command.ordinal());
            putByte(reason.ordinal());
        }

        @Override
        public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                            long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                            long buyLeavesQty, long sellLeavesQty) {
            putKind(TRADE);
            putLong(symbol);
            putLong(price);
            putLong(qty);
            putLong(buyUserId);
            putLong(buyOrderId);
            putLong(sellUserId);
            putLong(sellOrderId);
            putByte(aggressor.ordinal());
            putLong(buyCommission);
            putLong(sellCommission);
            putLong(sellTax);
            putLong(buyLeavesQty);
            putLong(sellLeavesQty);
        }

        @Override
        public void onCanceled(long userId, long orderId, long qty) {
            putKind(CANCELED);
            putLong(userId);
            putLong(orderId);
            putLong(qty);
        }

        @Override
        public void onModified(long userId, long orderId, long price, long qty) {
            putKind(MODIFIED);
            putLong(userId);
            putLong(orderId);
            putLong(price);
            putLong(qty);
        }

        @Override
        public void onExpired(long userId, long orderId, long qty) {
            putKind(EXPIRED);
            putLong(userId);
            putLong(orderId);
            putLong(qty);
        }

        @Override
        public void onSymbolListed(long symbol, String name, long basePrice) {
            final byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > CommandCodec.MAX_NAME_BYTES) {
                throw new IllegalArgumentException("name longer than " + CommandCodec.MAX_NAME_BYTES + " bytes");
            }
            putKind(SYMBOL_LISTED);
            putLong(symbol);
            putLong(basePrice);
            putLong(utf8.length);
            out.putBytes(position, utf8);
            position += utf8.length;
        }

        @Override
        public void onAccountOpened(long userId, long cash) {
            putKind(ACCOUNT_OPENED);
            putLong(userId);
            putLong(cash);
        }

        @Override
        public void onSharesGranted(long userId, long symbol, long qty) {
            putKind(SHARES_GRANTED);
            putLong(userId);
            putLong(symbol);
            putLong(qty);
        }

        @Override
        public void onBasePriceSet(long symbol, long basePrice) {
            putKind(BASE_PRICE_SET);
            putLong(symbol);
            putLong(basePrice);
        }

        @Override
        public void onHaltChanged(long symbol, boolean halted) {
            putKind(HALT_CHANGED);
            putLong(symbol);
            putByte(halted ? 1 : 0);
        }

        @Override
        public void onCashDeposited(long userId, long amount, long cash) {
            putKind(CASH_DEPOSITED);
            putLong(userId);
            putLong(amount);
            putLong(cash);
        }

        @Override
        public void onAccountReset(long userId, long cash) {
            putKind(ACCOUNT_RESET);
            putLong(userId);
            putLong(cash);
        }
    }
}
