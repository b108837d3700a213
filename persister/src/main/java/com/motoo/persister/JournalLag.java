package com.motoo.persister;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;
import com.motoo.journal.event.EventEnvelopeListener;
import com.motoo.journal.event.EventJournalReader;

import java.nio.file.Path;

/**
 * Measures how far a persister is behind the head of the event journal: in events, and in
 * milliseconds between the head command's timestamp and the last applied one. It keeps its own
 * tailer that counts every event of the journal once, as the journal grows, so each measure reads
 * only what was appended since the last one. One thread at a time.
 */
public final class JournalLag implements AutoCloseable {
    private final EventJournalReader head;
    private final EventCounter counter = new EventCounter();

    JournalLag(Path journalDir) {
        this.head = EventJournalReader.open(journalDir, null);
    }

    /**
     * Counts the events appended since the last call and compares the head with what was applied.
     *
     * @param appliedEvents events the persister has applied since the start of the journal
     * @param appliedTimestampMs the last applied command's timestamp
     */
    Lag measure(long appliedEvents, long appliedTimestampMs) {
        long before;
        do {
            before = counter.commands;
            head.poll(counter, counter, 1 << 16);
        } while (counter.commands > before);
        final long events = Math.max(0, counter.events - appliedEvents);
        return new Lag(events, events == 0 ? 0 : Math.max(0, counter.lastTimestampMs - appliedTimestampMs));
    }

    @Override
    public void close() {
        head.close();
    }

    /** How far behind: events, and the head's timestamp minus the last applied one (0 when caught up). */
    public record Lag(long events, long millis) {
    }

    /** Counts commands and events and remembers the last timestamp; ignores the events' content. */
    private static final class EventCounter implements EngineEventListener, EventEnvelopeListener {
        long commands;
        long events;
        long lastTimestampMs;

        @Override
        public void onEnvelope(long journalIndex, long commandSequence, long timestamp, int eventCount) {
            commands++;
            events += eventCount;
            lastTimestampMs = timestamp;
        }

        @Override
        public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                               long price, long qty) {
        }

        @Override
        public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        }

        @Override
        public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                            long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                            long buyLeavesQty, long sellLeavesQty) {
        }

        @Override
        public void onCanceled(long userId, long orderId, long qty) {
        }

        @Override
        public void onModified(long userId, long orderId, long price, long qty) {
        }

        @Override
        public void onExpired(long userId, long orderId, long qty) {
        }

        @Override
        public void onSymbolListed(long symbol, String name, long basePrice) {
        }

        @Override
        public void onAccountOpened(long userId, long cash) {
        }

        @Override
        public void onSharesGranted(long userId, long symbol, long qty) {
        }

        @Override
        public void onBasePriceSet(long symbol, long basePrice) {
        }

        @Override
        public void onHaltChanged(long symbol, boolean halted) {
        }

        @Override
        public void onCashDeposited(long userId, long amount, long cash) {
        }

        @Override
        public void onAccountReset(long userId, long cash) {
        }
    }
}
