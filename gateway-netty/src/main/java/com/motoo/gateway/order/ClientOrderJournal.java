package com.motoo.gateway.order;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.journal.JournalWriteException;
import com.motoo.journal.WriterPages;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's own journal of every PLACE it submits: user, server order id, client order id and
 * the order's terms, appended before the command enters the pipeline. The engine's command
 * journal has no room for the client's string id; this journal lets a restarted gateway map
 * client order ids again, never reuse an order id, and describe orders placed before the restart
 * in execution reports; {@link ClientOrderIdExport} copies its ids to the read model for REST. A
 * Chronicle Queue (memory-mapped: survives a process crash). Appends are safe from any thread (one
 * appender per thread); {@link #reader} reads it from a position (the start-up restore); each {@link Reader} is one thread's.
 */
public final class ClientOrderJournal implements AutoCloseable {
    private static final int VERSION = 1;

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final ThreadLocal<ExcerptAppender> appenders;
    private final LongAdder appended = new LongAdder();
    /** Each appending thread's reservation of the disk ahead (as the engine's journals have); all, to close them. */
    private final Queue<WriterPages> allPages = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<WriterPages> pages = ThreadLocal.withInitial(() -> {
        final WriterPages threadPages = new WriterPages();
        allPages.add(threadPages);
        return threadPages;
    });

    /** Opens (creating if needed) the journal in a directory. */
    public ClientOrderJournal(Path dir) {
        this.dir = dir;
        this.queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).build();
        this.appenders = ThreadLocal.withInitial(queue::createAppender);
    }

    /**
     * Appends one placed order. Calling thread; allocation-free apart from Chronicle's own.
     *
     * @throws JournalWriteException when the mapped file cannot take the write (a full disk): the
     *         record is rolled back where Chronicle still can, and the PLACE must not go on; or when
     *         the disk has no room left ahead of it ({@link WriterPages}), the record written
     */
    void append(OrderView order) {
        final ExcerptAppender appender = appenders.get();
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                final Bytes<?> out = dc.wire().bytes();
                out.writeByte((byte) VERSION);
                out.writeLong(order.userId);
                out.writeLong(order.orderId);
                out.writeUtf8(order.clientOrderId);
                out.writeUtf8(order.symbol);
                out.writeByte((byte) order.side.ordinal());
                out.writeByte((byte) order.orderType.ordinal());
                out.writeByte((byte) order.tif.ordinal());
                out.writeLong(order.price);
                out.writeLong(order.qty);
            } catch (InternalError fault) {
                dc.rollbackOnClose();
                throw fault;
            }
        } catch (InternalError fault) {
            throw JournalWriteException.mappedWriteFailed(dir, fault);
        }
        pages.get().afterWrite(appender);
        appended.increment();
    }

    /** @return how many records this process has appended (any thread) */
    long appended() {
        return appended.sum();
    }

    /**
     * Where the journal ends: the last record whose write is complete. Any thread; allocates a tailer.
     *
     * @return its position, or null when the journal is empty (or its only record is still being written)
     */
    JournalPosition lastPosition() {
        final long last = queue.lastIndex();
        if (last < 0) {
            return null;
        }
        final JournalPosition position = positionAt(last);
        if (position != null || queue.rollCycle().toSequenceNumber(last) == 0) {
            return position;
        }
        return positionAt(last - 1); // the last record is being written; the one before it is whole
    }

    /** @return whether the journal holds the record a position names (the same index, user and order id); any thread */
    boolean holds(JournalPosition position) {
        return position.index() < 0 || position.equals(positionAt(position.index()));
    }

    /** @return the position of the whole (or torn) record at an index, or null when there is none */
    private JournalPosition positionAt(long index) {
        try (Reader reader = new Reader(queue.createTailer())) {
            if (!reader.tailer.moveToIndex(index)) {
                return null;
            }
            final OrderView record = reader.read();
            return record == null ? null : new JournalPosition(index, record.userId, record.orderId);
        }
    }

    /**
     * @param afterIndex the journal index of the last record already seen, -1 to read from the start
     * @return a reader of the records after it, oldest first, for one thread
     */
    Reader reader(long afterIndex) {
        final ExcerptTailer tailer = queue.createTailer();
        if (afterIndex >= 0 && !skipRecordAt(tailer, afterIndex)) {
            tailer.close();
            throw new IllegalStateException("client order journal has no record at index " + afterIndex);
        }
        return new Reader(tailer);
    }

    /** @return whether there is a record at {@code index}; the tailer is then just after it */
    private static boolean skipRecordAt(ExcerptTailer tailer, long index) {
        if (!tailer.moveToIndex(index)) {
            return false;
        }
        try (DocumentContext record = tailer.readingDocument()) {
            return record.isPresent();
        }
    }

    /** Reads records in order from a position; one thread; allocates per record. */
    static final class Reader implements AutoCloseable {
        private static final OrderView TORN = new OrderView(0, 0, "", "", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 0, 0);

        private final ExcerptTailer tailer;
        private long lastIndex = -1;

        private Reader(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /**
         * @return the next whole record, or null when there is none yet. A torn record (a write the
         *         disk could not hold: its bytes read back as zeros) is skipped: its PLACE never went
         *         on, or (after a machine crash) the engine's journal keeps what counts.
         */
        OrderView next() {
            OrderView record;
            do {
                record = read();
            } while (record == TORN);
            return record;
        }

        /** @return the next record, {@link #TORN} for a torn one, or null when there is none yet */
        private OrderView read() {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                lastIndex = dc.index();
                final Bytes<?> in = dc.wire().bytes();
                final int version = in.readRemaining() == 0 ? 0 : in.readByte();
                if (version == 0) {
                    return TORN;
                }
                if (version != VERSION) {
                    throw new IllegalStateException("client order journal record of unknown version " + version);
                }
                final long userId = in.readLong();
                final long orderId = in.readLong();
                final String clientOrderId = in.readUtf8();
                final String symbol = in.readUtf8();
                final Side side = Side.values()[in.readByte()];
                final OrderType type = OrderType.values()[in.readByte()];
                final TimeInForce tif = TimeInForce.values()[in.readByte()];
                final long price = in.readLong();
                final long qty = in.readLong();
                if (userId == 0 || orderId == 0 || clientOrderId == null || clientOrderId.isEmpty()) {
                    return TORN; // the version byte made it to the disk, the rest did not
                }
                return new OrderView(userId, orderId, clientOrderId, symbol, side, type, tif, price, qty);
            }
        }

        /** @return the journal index of the record {@link #next} returned last, -1 before the first */
        long lastIndex() {
            return lastIndex;
        }

        @Override
        public void close() {
            tailer.close();
        }
    }

    @Override
    public void close() {
        allPages.forEach(WriterPages::close);
        queue.close();
    }
}
