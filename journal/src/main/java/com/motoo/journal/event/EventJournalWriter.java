package com.motoo.journal.event;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.pipeline.EventJournal;
import com.motoo.journal.ExcerptWriter;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.TornTail;
import com.motoo.journal.codec.EventCodec;
import com.motoo.journal.codec.EventRecordCheck;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.nio.file.Path;

/**
 * Appends the engine's events to the event journal, grouped by command (see {@link EventCodec}):
 * the groups of a ring batch are buffered and written as one excerpt at {@link #endOfBatch()}
 * (or earlier once they reach {@value #MAX_EXCERPT_BYTES} bytes), which keeps the queue's cost per
 * command low. Commands whose events are already in the journal (sequence at or below
 * {@link #lastSequence()} when it was opened, as after a crash) are skipped, so recovery never
 * writes an event twice. Torn excerpts at the end of the journal (a write that failed) are declared
 * void at opening ({@link TornTail}) and do not count: their commands' events are written again.
 * One writing thread at a time (start-up replay on the opening thread, then
 * the engine thread, ordered by the pipeline's start); allocation-free per event.
 */
public final class EventJournalWriter implements EventJournal, AutoCloseable {
    /** Once the buffered groups reach this size they are written without waiting for the batch end. */
    static final int MAX_EXCERPT_BYTES = 64 * 1024;

    private final SingleChronicleQueue queue;
    private final EventCodec.Encoder encoder = new EventCodec.Encoder();
    private final ExcerptWriter writer;
    private final long lastSequenceAtOpen;
    private final long tornTail;
    private boolean recording;

    private EventJournalWriter(SingleChronicleQueue queue, long lastSequenceAtOpen, long tornTail) {
        this.queue = queue;
        this.writer = new ExcerptWriter(queue);
        this.lastSequenceAtOpen = lastSequenceAtOpen;
        this.tornTail = tornTail;
    }

    /**
     * Opens (creating if needed) the event journal of {@code journalDir} for appending, declares
     * torn excerpts at its end void and reads the command sequence of its last complete group.
     *
     * @throws com.motoo.journal.codec.JournalFormatException when the end of the journal is unreadable
     */
    public static EventJournalWriter open(Path journalDir) {
        final SingleChronicleQueue queue = JournalQueues.events(journalDir);
        try {
            final EventRecordCheck check = new EventRecordCheck();
            final long tornTail = TornTail.voidAtEnd(queue, check);
            return new EventJournalWriter(queue, check.lastSequence(), tornTail);
        } catch (RuntimeException unreadable) {
            queue.close();
            throw unreadable;
        }
    }

    /** @return the index of the first torn excerpt the journal ended in when opened, {@link TornTail#NONE} if none */
    public long tornTail() {
        return tornTail;
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
        writer.append(encoder.bytes(), encoder.length());
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
        writer.close();
        queue.close();
    }
}
