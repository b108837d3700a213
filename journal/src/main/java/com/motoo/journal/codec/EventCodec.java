package com.motoo.journal.codec;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The binary layout of engine events in the event journal, version {@link #VERSION} (see
 * journal/FORMAT.md). An excerpt holds the events of one command: a header (version, command
 * sequence, timestamp, event count) followed by that many events, each a one-byte kind and fixed
 * little-endian fields. Encoding writes into the excerpt's {@link Bytes}; decoding calls an
 * {@link EngineEventListener}. Stateless; encoding does not allocate (except a LIST's name bytes).
 */
public final class EventCodec {
    /** Layout version written in every excerpt header; readers refuse other versions. */
    public static final byte VERSION = 1;

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

    private EventCodec() {
    }

    /**
     * Reads an excerpt header: checks the version and returns the command sequence. The timestamp
     * and the event count follow ({@link Bytes#readLong()}, then {@link Bytes#readInt()}).
     *
     * @throws JournalFormatException if the version is not {@link #VERSION}
     */
    public static long readHeaderSequence(Bytes<?> in) {
        final byte version = in.readByte();
        if (version != VERSION) {
            throw new JournalFormatException("event excerpt version " + version + ", expected " + VERSION);
        }
        return in.readLong();
    }

    /**
     * Decodes every event left in the excerpt, in order, into the listener.
     *
     * @return how many events were decoded
     * @throws JournalFormatException for an unknown event kind or a truncated event
     */
    public static int decodeEvents(Bytes<?> in, EngineEventListener listener) {
        int count = 0;
        while (in.readRemaining() > 0) {
            decodeOne(in, listener);
            count++;
        }
        return count;
    }

    private static void decodeOne(Bytes<?> in, EngineEventListener l) {
        final byte kind = in.readByte();
        switch (kind) {
            case ACCEPTED:
                l.onAccepted(in.readLong(), in.readLong(), in.readLong(), side(in.readByte()),
                    OrderType.values()[in.readByte()], TimeInForce.values()[in.readByte()], in.readLong(), in.readLong());
                break;
            case REJECTED:
                l.onRejected(in.readLong(), in.readLong(), CommandType.fromOrdinal(in.readByte()),
                    RejectReason.fromOrdinal(in.readByte()));
                break;
            case TRADE:
                l.onTrade(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), side(in.readByte()), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong());
                break;
            case CANCELED:
                l.onCanceled(in.readLong(), in.readLong(), in.readLong());
                break;
            case MODIFIED:
                l.onModified(in.readLong(), in.readLong(), in.readLong(), in.readLong());
                break;
            case EXPIRED:
                l.onExpired(in.readLong(), in.readLong(), in.readLong());
                break;
            case SYMBOL_LISTED:
                decodeListed(in, l);
                break;
            case ACCOUNT_OPENED:
                l.onAccountOpened(in.readLong(), in.readLong());
                break;
            case SHARES_GRANTED:
                l.onSharesGranted(in.readLong(), in.readLong(), in.readLong());
                break;
            case BASE_PRICE_SET:
                l.onBasePriceSet(in.readLong(), in.readLong());
                break;
            case HALT_CHANGED:
                l.onHaltChanged(in.readLong(), in.readByte() != 0);
                break;
            case CASH_DEPOSITED:
                l.onCashDeposited(in.readLong(), in.readLong(), in.readLong());
                break;
            case ACCOUNT_RESET:
                l.onAccountReset(in.readLong(), in.readLong());
                break;
            default:
                throw new JournalFormatException("unknown event kind " + kind);
        }
    }

    private static void decodeListed(Bytes<?> in, EngineEventListener l) {
        final long symbol = in.readLong();
        final long basePrice = in.readLong();
        l.onSymbolListed(symbol, CommandCodec.readName(in), basePrice);
    }

    private static Side side(byte ordinal) {
        return Side.values()[ordinal];
    }

    /**
     * An {@link EngineEventListener} that appends each event to the bytes it is pointed at. Engine
     * thread only; point it at an excerpt with {@link #wrap(Bytes)} before the first event.
     */
    public static final class Encoder implements EngineEventListener {
        private Bytes<?> out;
        private long countPosition;
        private int count;

        /**
         * Writes an excerpt header (version, the causing command's sequence, its timestamp, an
         * event count filled in by {@link #finish()}) and directs the following events into
         * these bytes (an open excerpt).
         */
        public void begin(Bytes<?> bytes, long commandSequence, long timestamp) {
            out = bytes;
            out.writeByte(VERSION);
            out.writeLong(commandSequence).writeLong(timestamp);
            countPosition = out.writePosition();
            out.writeInt(0);
            count = 0;
        }

        /** Fills in the event count of the excerpt begun last. @return the count */
        public int finish() {
            out.writeInt(countPosition, count);
            out = null;
            return count;
        }

        @Override
        public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType,
                               TimeInForce tif, long price, long qty) {
            count++;
            out.writeByte(ACCEPTED);
            out.writeLong(userId).writeLong(orderId).writeLong(symbol);
            out.writeByte((byte) side.ordinal()).writeByte((byte) orderType.ordinal()).writeByte((byte) tif.ordinal());
            out.writeLong(price).writeLong(qty);
        }

        @Override
        public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
            count++;
            out.writeByte(REJECTED);
            out.writeLong(userId).writeLong(orderId);
            out.writeByte((byte) command.ordinal()).writeByte((byte) reason.ordinal());
        }

        @Override
        public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                            long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                            long buyLeavesQty, long sellLeavesQty) {
            count++;
            out.writeByte(TRADE);
            out.writeLong(symbol).writeLong(price).writeLong(qty).writeLong(buyUserId).writeLong(buyOrderId)
                .writeLong(sellUserId).writeLong(sellOrderId);
            out.writeByte((byte) aggressor.ordinal());
            out.writeLong(buyCommission).writeLong(sellCommission).writeLong(sellTax).writeLong(buyLeavesQty)
                .writeLong(sellLeavesQty);
        }

        @Override
        public void onCanceled(long userId, long orderId, long qty) {
            count++;
            out.writeByte(CANCELED);
            out.writeLong(userId).writeLong(orderId).writeLong(qty);
        }

        @Override
        public void onModified(long userId, long orderId, long price, long qty) {
            count++;
            out.writeByte(MODIFIED);
            out.writeLong(userId).writeLong(orderId).writeLong(price).writeLong(qty);
        }

        @Override
        public void onExpired(long userId, long orderId, long qty) {
            count++;
            out.writeByte(EXPIRED);
            out.writeLong(userId).writeLong(orderId).writeLong(qty);
        }

        @Override
        public void onSymbolListed(long symbol, String name, long basePrice) {
            count++;
            out.writeByte(SYMBOL_LISTED);
            out.writeLong(symbol).writeLong(basePrice);
            CommandCodec.writeName(out, name);
        }

        @Override
        public void onAccountOpened(long userId, long cash) {
            count++;
            out.writeByte(ACCOUNT_OPENED);
            out.writeLong(userId).writeLong(cash);
        }

        @Override
        public void onSharesGranted(long userId, long symbol, long qty) {
            count++;
            out.writeByte(SHARES_GRANTED);
            out.writeLong(userId).writeLong(symbol).writeLong(qty);
        }

        @Override
        public void onBasePriceSet(long symbol, long basePrice) {
            count++;
            out.writeByte(BASE_PRICE_SET);
            out.writeLong(symbol).writeLong(basePrice);
        }

        @Override
        public void onHaltChanged(long symbol, boolean halted) {
            count++;
            out.writeByte(HALT_CHANGED);
            out.writeLong(symbol);
            out.writeByte((byte) (halted ? 1 : 0));
        }

        @Override
        public void onCashDeposited(long userId, long amount, long cash) {
            count++;
            out.writeByte(CASH_DEPOSITED);
            out.writeLong(userId).writeLong(amount).writeLong(cash);
        }

        @Override
        public void onAccountReset(long userId, long cash) {
            count++;
            out.writeByte(ACCOUNT_RESET);
            out.writeLong(userId).writeLong(cash);
        }
    }
}
