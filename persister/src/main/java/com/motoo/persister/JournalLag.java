package com.motoo.persister;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.event.EventEnvelopeListener;
import com.motoo.journal.event.EventJournalReader;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.nio.file.Path;

/**
 * Measures how far a persister is behind the head of the event journal: in commands and
 * events, and in milliseconds between the head command's timestamp and the last applied one. Opens its own read-only view of the journal; one thread at a time.
 */
public final class JournalLag implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final EventJournalReader head;
    private final EventCounter counter = new EventCounter();

    JournalLag(Path journalDir) {
        this.queue = JournalQueues.events(journalDir);
        this.head = EventJournalReader.open(journalDir, null);
    }

    /**
     * Reads the journal head and compares it with the last applied excerpt. Reads every command
     * after it to count events, so call it once in a while, not per batch.
     *
     * @param appliedIndex the last applied journal index, -1 if none
     * @param appliedTimestampMs the last applied command's timestamp
     */
    Lag measure(long appliedIndex, long appliedTimestampMs) {
        final long lastIndex = queue.lastIndex();
        if (lastIndex < 0 || lastIndex == appliedIndex) {
            return new Lag(0, 0, 0);
        }
        if (appliedIndex < 0) {
            head.toStart();
        } else {
            head.moveAfterIndex(appliedIndex);
        }
        counter.commands = 0;
        counter.events = 0;
        long before;
        do {
            before = counter.commands;
            head.poll(counter, counter, 1 << 16);
        } while (counter.commands > before);
        return new Lag(counter.commands, counter.events, Math.max(0, counter.lastTimestampMs - appliedTimestampMs));
    }

    @Override
    public void close() {
        head.close();
        queue.close();
    }

    /** How far behind: commands, events, and head timestamp minus applied timestamp. */
    public record Lag(long commands, long events, long millis) {
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
