package com.motoo.journal.event;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.pipeline.EventJournal;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.codec.EventCodec;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Appends the engine's events to the event journal, one excerpt per command (see
 * {@link EventCodec}). Commands whose events are already in the journal (sequence at or below
 * {@link #lastSequence()} when it was opened, as after a crash) are skipped, so recovery never
 * writes an event twice. One writing thread at a time (see {@link #handOver()}); allocation-free
 * per event.
 */
public final class EventJournalWriter implements EventJournal, AutoCloseable {
    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private final EventCodec.Encoder encoder = new EventCodec.Encoder();
    private final long lastSequenceAtOpen;
    private DocumentContext open;

    private EventJournalWriter(SingleChronicleQueue queue, long lastSequenceAtOpen) {
        this.queue = queue;
        this.lastSequenceAtOpen = lastSequenceAtOpen;
    }

    /**
     * Opens (creating if needed) the event journal of {@code journalDir} for appending and reads
     * the sequence of its last excerpt. Call on the thread that will write.
     */
    public static EventJournalWriter open(Path journalDir) {
        final SingleChronicleQueue queue = JournalQueues.events(journalDir);
        return new EventJournalWriter(queue, lastSequence(queue));
    }

    /** @return the command sequence of the last excerpt in the journal when it was opened, 0 if empty */
    public long lastSequence() {
        return lastSequenceAtOpen;
    }

    @Override
    public void beginCommand(long sequence, long timestamp) {
        if (sequence <= lastSequenceAtOpen) {
            return;
        }
        if (appender == null) {
            appender = queue.createAppender();
        }
        open = appender.writingDocument();
        encoder.begin(open.wire().bytes(), sequence, timestamp);
    }

    @Override
    public void endCommand() {
        if (open != null) {
            encoder.finish();
            open.close();
            open = null;
        }
    }

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        if (open != null) {
            encoder.onAccepted(userId, orderId, symbol, side, orderType, tif, price, qty);
        }
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        if (open != null) {
            encoder.onRejected(userId, orderId, command, reason);
        }
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        if (open != null) {
            encoder.onTrade(symbol, price, qty, buyUserId, buyOrderId, sellUserId, sellOrderId, aggressor,
                buyCommission, sellCommission, sellTax, buyLeavesQty, sellLeavesQty);
        }
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        if (open != null) {
            encoder.onCanceled(userId, orderId, qty);
        }
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
        if (open != null) {
            encoder.onModified(userId, orderId, price, qty);
        }
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        if (open != null) {
            encoder.onExpired(userId, orderId, qty);
        }
    }

    @Override
    public void onSymbolListed(long symbol, String name, long basePrice) {
        if (open != null) {
            encoder.onSymbolListed(symbol, name, basePrice);
        }
    }

    @Override
    public void onAccountOpened(long userId, long cash) {
        if (open != null) {
            encoder.onAccountOpened(userId, cash);
        }
    }

    @Override
    public void onSharesGranted(long userId, long symbol, long qty) {
        if (open != null) {
            encoder.onSharesGranted(userId, symbol, qty);
        }
    }

    @Override
    public void onBasePriceSet(long symbol, long basePrice) {
        if (open != null) {
            encoder.onBasePriceSet(symbol, basePrice);
        }
    }

    @Override
    public void onHaltChanged(long symbol, boolean halted) {
        if (open != null) {
            encoder.onHaltChanged(symbol, halted);
        }
    }

    @Override
    public void onCashDeposited(long userId, long amount, long cash) {
        if (open != null) {
            encoder.onCashDeposited(userId, amount, cash);
        }
    }

    @Override
    public void onAccountReset(long userId, long cash) {
        if (open != null) {
            encoder.onAccountReset(userId, cash);
        }
    }

    /**
     * Lets another thread take over writing (after start-up replay on the caller's thread, the
     * engine thread continues). Call on the thread that wrote last, with no excerpt open.
     */
    public void handOver() {
        if (appender != null) {
            appender.singleThreadedCheckReset();
        }
    }

    /** Closes the appender and the queue; an excerpt still open is completed first. */
    @Override
    public void close() {
        endCommand();
        if (appender != null) {
            appender.singleThreadedCheckReset();
            appender.close();
        }
        queue.close();
    }

    /** @return the command sequence in the last excerpt of an event journal queue, 0 if it has none */
    static long lastSequence(SingleChronicleQueue queue) {
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument()) {
                return dc.isPresent() ? EventCodec.readHeaderSequence(dc.wire().bytes()) : 0;
            }
        }
    }
}
