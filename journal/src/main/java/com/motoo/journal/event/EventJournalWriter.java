package com.motoo.journal.event;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.pipeline.EventJournal;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.WriterPages;
import com.motoo.journal.codec.EventCodec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * Appends the engine's events to the event journal, grouped by command (see {@link EventCodec}):
 * the groups of a ring batch are buffered and written as one excerpt at {@link #endOfBatch()}
 * (or earlier once they reach {@value #MAX_EXCERPT_BYTES} bytes), which keeps the queue's cost per
 * command low. Commands whose events are already in the journal (sequence at or below
 * {@link #lastSequence()} when it was opened, as after a crash) are skipped, so recovery never
 * writes an event twice. One writing thread at a time (start-up replay on the opening thread, then
 * the engine thread, ordered by the pipeline's start); allocation-free per event.
 */
public final class EventJournalWriter implements EventJournal, AutoCloseable {
    /** Once the buffered groups reach this size they are written without waiting for the batch end. */
    static final int MAX_EXCERPT_BYTES = 64 * 1024;

    private final SingleChronicleQueue queue;
    private final EventCodec.Encoder encoder = new EventCodec.Encoder();
    private final WriterPages pages = new WriterPages();
    private final long lastSequenceAtOpen;
    private ExcerptAppender appender;
    private boolean recording;

    private EventJournalWriter(SingleChronicleQueue queue, long lastSequenceAtOpen) {
        this.queue = queue;
        this.lastSequenceAtOpen = lastSequenceAtOpen;
    }

    /**
     * Opens (creating if needed) the event journal of {@code journalDir} for appending and reads
     * the command sequence of its last group.
     */
    public static EventJournalWriter open(Path journalDir) {
        final SingleChronicleQueue queue = JournalQueues.events(journalDir);
        try {
            return new EventJournalWriter(queue, lastSequence(queue));
        } catch (RuntimeException unreadable) {
            queue.close();
            throw unreadable;
        }
    }

    /** @return the command sequence of the last group in the journal when it was opened, 0 if empty */
    @Override
    public long lastSequence() {
        return lastSequenceAtOpen;
    }

    @Override
    public void beginCommand(long sequence, long timestamp) {
        recording = sequence > lastSequenceAtOpen;
        if (recording) {
            encoder.begin(sequence, timestamp);
        }
    }

    @Override
    public void endCommand() {
        if (recording) {
            encoder.finish();
            recording = false;
            if (encoder.length() >= MAX_EXCERPT_BYTES) {
                writePending();
            }
        }
    }

    /** Writes the groups buffered since the last batch end as one excerpt. */
    @Override
    public void endOfBatch() {
        writePending();
    }

    private void writePending() {
        if (encoder.length() == 0) {
            return;
        }
        if (appender == null) {
            appender = queue.createAppender();
            appender.singleThreadedCheckDisabled(true);
        }
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(encoder.bytes(), 0, encoder.length());
        }
        pages.afterWrite(appender);
        encoder.clear();
    }

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        if (recording) {
            encoder.onAccepted(userId, orderId, symbol, side, orderType, tif, price, qty);
        }
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        if (recording) {
            encoder.onRejected(userId, orderId, command, reason);
        }
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        if (recording) {
            encoder.onTrade(symbol, price, qty, buyUserId, buyOrderId, sellUserId, sellOrderId, aggressor,
                buyCommission, sellCommission, sellTax, buyLeavesQty, sellLeavesQty);
        }
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        if (recording) {
            encoder.onCanceled(userId, orderId, qty);
        }
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
        if (recording) {
            encoder.onModified(userId, orderId, price, qty);
        }
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        if (recording) {
            encoder.onExpired(userId, orderId, qty);
        }
    }

    @Override
    public void onSymbolListed(long symbol, String name, long basePrice) {
        if (recording) {
            encoder.onSymbolListed(symbol, name, basePrice);
        }
    }

    @Override
    public void onAccountOpened(long userId, long cash) {
        if (recording) {
            encoder.onAccountOpened(userId, cash);
        }
    }

    @Override
    public void onSharesGranted(long userId, long symbol, long qty) {
        if (recording) {
            encoder.onSharesGranted(userId, symbol, qty);
        }
    }

    @Override
    public void onBasePriceSet(long symbol, long basePrice) {
        if (recording) {
            encoder.onBasePriceSet(symbol, basePrice);
        }
    }

    @Override
    public void onHaltChanged(long symbol, boolean halted) {
        if (recording) {
            encoder.onHaltChanged(symbol, halted);
        }
    }

    @Override
    public void onCashDeposited(long userId, long amount, long cash) {
        if (recording) {
            encoder.onCashDeposited(userId, amount, cash);
        }
    }

    @Override
    public void onAccountReset(long userId, long cash) {
        if (recording) {
            encoder.onAccountReset(userId, cash);
        }
    }

    /** Writes what is buffered, then closes the appender and the queue. */
    @Override
    public void close() {
        writePending();
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }

    /** @return the command sequence of the last group in an event journal queue, 0 if it has none */
    static long lastSequence(SingleChronicleQueue queue) {
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return 0;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final int length = (int) bytes.readRemaining();
                final UnsafeBuffer excerpt = new UnsafeBuffer(new byte[length]);
                bytes.read(excerpt.byteArray(), 0, length);
                final EventCodec.Decoder decoder = new EventCodec.Decoder();
                long sequence = 0;
                for (int offset = 0; offset < length; ) {
                    offset = decoder.decodeGroup(excerpt, offset, length, null);
                    sequence = decoder.sequence();
                }
                return sequence;
            }
        }
    }
}
