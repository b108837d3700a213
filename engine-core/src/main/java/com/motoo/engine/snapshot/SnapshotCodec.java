package com.motoo.engine.snapshot;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.account.Account;
import com.motoo.engine.book.Order;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.book.PriceLevel;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.rules.MarketRules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The snapshot file layout, version {@link #VERSION} (big-endian, documented in journal/FORMAT.md):
 * <pre>
 * magic "MOTOOSNP" (8) | version int | sequence long | journalIndex long
 * bandPpm, commissionPpm, sellTaxPpm long | feesCollected long | cashIssued long
 * books int, each in listing order: symbol long, name UTF, basePrice long, halted byte,
 *   lastPrice, dayOpen, dayHigh, dayLow, dayVolume, dayTurnover, sharesOutstanding long
 * accounts int, each in ascending user id: userId, cash, reservedCash long, then per book in
 *   listing order shares, reservedShares long; contiguousOrderIds long, sparse ids int + longs
 * per book in listing order: orders int, each in priority order (bids best to worst, then asks;
 *   each level in time order): userId, orderId long, side, type, tif byte, price, reservePrice,
 *   openQty, reservedCash, filledQty, fillNotional long
 * CRC32C of everything before it, as a long
 * </pre>
 * Engine thread for {@link #encode} (it reads the live engine); {@link #decodeInto} on the thread
 * that owns the fresh engine. Both allocate: snapshots are not on the hot path.
 */
public final class SnapshotCodec {
    /** Layout version; readers refuse other versions. */
    public static final int VERSION = 2;
    private static final long MAGIC = 0x4D4F544F4F534E50L;
    private static final int TRAILER = Long.BYTES;

    private SnapshotCodec() {
    }

    /**
     * Serializes the whole engine state with the sequence of the last command it reflects.
     *
     * @param journalIndex where that command sits in the command journal (recovery starts after it)
     */
    public static byte[] encode(MatchingEngine engine, long sequence, long journalIndex) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(sequence);
            out.writeLong(journalIndex);
            final MarketRules rules = engine.rules();
            out.writeLong(rules.bandPpm());
            out.writeLong(rules.commissionPpm());
            out.writeLong(rules.sellTaxPpm());
            out.writeLong(engine.feesCollected());
            out.writeLong(engine.cashIssued());
            final List<OrderBook> books = engine.books();
            out.writeInt(books.size());
            for (OrderBook book : books) {
                writeBook(out, book);
            }
            final long[] userIds = engine.userIdsAscending();
            out.writeInt(userIds.length);
            for (long userId : userIds) {
                writeAccount(out, engine.account(userId), books.size());
            }
            for (OrderBook book : books) {
                out.writeInt(orderCount(book, Side.BUY) + orderCount(book, Side.SELL));
                writeOrders(out, book, Side.BUY);
                writeOrders(out, book, Side.SELL);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final byte[] body = bytes.toByteArray();
        final CRC32C crc = new CRC32C();
        crc.update(body, 0, body.length);
        return ByteBuffer.allocate(body.length + TRAILER).put(body).putLong(crc.getValue()).array();
    }

    private static void writeBook(DataOutputStream out, OrderBook book) throws IOException {
        out.writeLong(book.symbol());
        out.writeUTF(book.name());
        out.writeLong(book.basePrice());
        out.writeByte(book.isHalted() ? 1 : 0);
        out.writeLong(book.lastPrice());
        out.writeLong(book.dayOpen());
        out.writeLong(book.dayHigh());
        out.writeLong(book.dayLow());
        out.writeLong(book.dayVolume());
        out.writeLong(book.dayTurnover());
        out.writeLong(book.sharesOutstanding());
    }

    private static int orderCount(OrderBook book, Side side) {
        int count = 0;
        for (int rank = 0; rank < book.side(side).levelCount(); rank++) {
            count += book.side(side).level(rank).orderCount();
        }
        return count;
    }

    private static void writeOrders(DataOutputStream out, OrderBook book, Side side) throws IOException {
        for (int rank = 0; rank < book.side(side).levelCount(); rank++) {
            final PriceLevel level = book.side(side).level(rank);
            for (Order order = level.head(); order != null; order = order.next()) {
                out.writeLong(order.userId());
                out.writeLong(order.orderId());
                out.writeByte(order.side().ordinal());
                out.writeByte(order.type().ordinal());
                out.writeByte(order.tif().ordinal());
                out.writeLong(order.price());
                out.writeLong(order.reservePrice());
                out.writeLong(order.openQty());
                out.writeLong(order.reservedCash());
                out.writeLong(order.filledQty());
                out.writeLong(order.fillNotional());
            }
        }
    }

    private static void writeAccount(DataOutputStream out, Account account, int bookCount) throws IOException {
        out.writeLong(account.userId());
        out.writeLong(account.cash());
        out.writeLong(account.reservedCash());
        for (int index = 0; index < bookCount; index++) {
            out.writeLong(account.shares(index));
            out.writeLong(account.reservedShares(index));
        }
        out.writeLong(account.orderIds().contiguousUpTo());
        final long[] sparse = account.orderIds().sparseIdsSorted();
        out.writeInt(sparse.length);
        for (long id : sparse) {
            out.writeLong(id);
        }
    }

    /**
     * Checks a snapshot's magic, version and checksum without touching any engine.
     *
     * @return its header (sequence, journal index)
     * @throws SnapshotException if the bytes are not a whole, intact snapshot of this version
     */
    public static SnapshotHeader verify(byte[] snapshot) {
        if (snapshot.length < 28 + TRAILER) {
            throw new SnapshotException("snapshot too short: " + snapshot.length + " bytes");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(snapshot);
        final CRC32C crc = new CRC32C();
        crc.update(snapshot, 0, snapshot.length - TRAILER);
        if (crc.getValue() != buffer.getLong(snapshot.length - TRAILER)) {
            throw new SnapshotException("snapshot checksum mismatch");
        }
        if (buffer.getLong(0) != MAGIC) {
            throw new SnapshotException("not a Motoo snapshot");
        }
        final int version = buffer.getInt(8);
        if (version != VERSION) {
            throw new SnapshotException("snapshot version " + version + ", expected " + VERSION);
        }
        return new SnapshotHeader(buffer.getLong(12), buffer.getLong(20));
    }

    /**
     * Restores a verified snapshot into a fresh engine (no command processed, no event reported).
     *
     * @return its header
     * @throws SnapshotException if it fails {@link #verify} or was written under other market rules
     */
    public static SnapshotHeader decodeInto(byte[] snapshot, MatchingEngine engine) {
        final SnapshotHeader header = verify(snapshot);
        if (!engine.books().isEmpty() || engine.userIdsAscending().length != 0) {
            throw new IllegalStateException("snapshot load needs a fresh engine");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot, 28, snapshot.length - 28 - TRAILER))) {
            final MarketRules rules = engine.rules();
            if (in.readLong() != rules.bandPpm() || in.readLong() != rules.commissionPpm()
                || in.readLong() != rules.sellTaxPpm()) {
                throw new SnapshotException("snapshot written under other market rules");
            }
            engine.restoreTotals(in.readLong(), in.readLong());
            final int bookCount = in.readInt();
            for (int i = 0; i < bookCount; i++) {
                readBook(in, engine);
            }
            final int accountCount = in.readInt();
            for (int i = 0; i < accountCount; i++) {
                readAccount(in, engine, bookCount);
            }
            for (int i = 0; i < bookCount; i++) {
                readOrders(in, engine, engine.books().get(i).symbol());
            }
            if (in.available() != 0) {
                throw new SnapshotException("snapshot has " + in.available() + " unexpected trailing bytes");
            }
        } catch (IOException e) {
            throw new SnapshotException("snapshot body unreadable: " + e.getMessage());
        }
        return header;
    }

    private static void readBook(DataInputStream in, MatchingEngine engine) throws IOException {
        final long symbol = in.readLong();
        final String name = in.readUTF();
        final long basePrice = in.readLong();
        final boolean halted = in.readByte() != 0;
        final OrderBook book = engine.restoreBook(symbol, name, basePrice, halted);
        book.restoreTicker(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
            in.readLong());
    }

    private static void readAccount(DataInputStream in, MatchingEngine engine, int bookCount) throws IOException {
        final Account account = engine.restoreAccount(in.readLong(), in.readLong());
        account.addReservedCash(in.readLong());
        for (int index = 0; index < bookCount; index++) {
            account.addShares(index, in.readLong());
            account.addReservedShares(index, in.readLong());
        }
        final long contiguous = in.readLong();
        final long[] sparse = new long[in.readInt()];
        for (int i = 0; i < sparse.length; i++) {
            sparse[i] = in.readLong();
        }
        account.orderIds().restore(contiguous, sparse);
    }

    private static void readOrders(DataInputStream in, MatchingEngine engine, long symbol) throws IOException {
        final int count = in.readInt();
        for (int i = 0; i < count; i++) {
            final long userId = in.readLong();
            final long orderId = in.readLong();
            final Side side = Side.values()[in.readByte()];
            final OrderType type = OrderType.values()[in.readByte()];
            final TimeInForce tif = TimeInForce.values()[in.readByte()];
            engine.restoreOrder(userId, symbol, orderId, side, type, tif, in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong());
        }
    }
}
