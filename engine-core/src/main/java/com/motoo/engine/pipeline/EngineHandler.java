package com.motoo.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.book.Order;
import com.motoo.engine.command.Command;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.snapshot.SnapshotCodec;
import org.agrona.concurrent.EpochClock;

import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Stage 2, the single engine thread: applies each journaled command to the engine, bracketing
 * its events for the event journal and the output; at the end of each batch publishes market
 * data and takes a scheduled snapshot when one is due; on request and at shutdown takes a
 * snapshot (encoded here, written by a {@link SnapshotWriter}). Also replays journaled commands before the pipeline starts. Engine thread only;
 * allocation-free per command except for market data copies and snapshots.
 */
final class EngineHandler implements EventHandler<CommandSlot> {
    private final MatchingEngine engine;
    private final EventFanOut fanOut;
    private final EventJournal eventJournal;
    private final PipelineOutput output;
    private final MarketDataPublisher marketData;
    private final SnapshotWriter snapshots;
    private final long snapshotIntervalMillis;
    private final EpochClock clock;
    private final Consumer<String> log;
    private final CountDownLatch started;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private long lastSequence;
    private long lastJournalIndex;
    private long snapshotSequence;
    private long lastSnapshotTime;

    EngineHandler(MatchingEngine engine, EventFanOut fanOut, EventJournal eventJournal, PipelineOutput output,
                  MarketDataListener marketData, PipelineConfig config, long sequence, long journalIndex,
                  CountDownLatch started) {
        this.started = started;
        this.engine = engine;
        this.fanOut = fanOut;
        this.eventJournal = eventJournal;
        this.output = output;
        this.marketData = new MarketDataPublisher(marketData);
        this.snapshots = config.snapshots() == null ? null : new SnapshotWriter(config.snapshots(), config.log());
        this.snapshotIntervalMillis = config.snapshotIntervalMillis();
        this.clock = config.clock();
        this.log = config.log();
        this.lastSequence = sequence;
        this.lastJournalIndex = journalIndex;
        this.snapshotSequence = sequence;
    }

    long lastSequence() {
        return lastSequence;
    }

    long lastJournalIndex() {
        return lastJournalIndex;
    }

    /** Waits until the engine thread has finished (final snapshot written). */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void onStart() {
        lastSnapshotTime = clock.time();
        started.countDown();
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (slot.kind == CommandSlot.COMMAND) {
            final Command command = slot.command;
            markBefore(command);
            output.onCommandStart(slot.sessionId, slot.requestId, command.userId(), command.type(),
                command.sequence(), command.timestamp());
            apply(command, slot.journalIndex);
            output.onCommandEnd(slot.sessionId, slot.requestId);
            markAfter(command);
        } else if (slot.kind == CommandSlot.SNAPSHOT) {
            snapshot();
        }
        if (endOfBatch) {
            eventJournal.endOfBatch();
            output.onEndOfBatch();
            marketData.publish(engine, lastSequence);
            if (snapshotIntervalMillis > 0 && clock.time() - lastSnapshotTime >= snapshotIntervalMillis) {
                snapshot();
            }
        }
    }

    /**
     * Applies the journaled commands after {@link #lastSequence} with the output muted (start-up
     * replay, before the threads start); skips the ones at or before it.
     *
     * @return how many were applied
     */
    long replay(JournaledCommands journal) {
        final Command command = new Command();
        long applied = 0;
        fanOut.enableSecond(false);
        try {
            while (journal.next(command)) {
                if (command.sequence() > lastSequence) {
                    apply(command, journal.lastIndex());
                    applied++;
                }
            }
        } finally {
            fanOut.enableSecond(true);
        }
        return applied;
    }

    /** Ends start-up replay: the event journal writes what it buffered. Before the threads start. */
    void endReplay() {
        eventJournal.endOfBatch();
    }

    private void apply(Command command, long journalIndex) {
        eventJournal.beginCommand(command.sequence(), command.timestamp());
        try {
            engine.process(command);
        } catch (RuntimeException bug) {
            fanOut.onRejected(command.userId(), command.orderId(), command.type(), RejectReason.INTERNAL_ERROR);
            log.accept("engine fault at sequence " + command.sequence() + " (" + command + "): " + bug);
        }
        eventJournal.endCommand();
        lastSequence = command.sequence();
        lastJournalIndex = journalIndex;
    }

    private void markBefore(Command command) {
        switch (command.type()) {
            case CANCEL, MODIFY -> {
                final Order order = engine.openOrder(command.userId(), command.orderId());
                if (order != null) {
                    marketData.mark(order.book());
                }
            }
            default -> {
            }
        }
    }

    private void markAfter(Command command) {
        switch (command.type()) {
            case PLACE, LIST, HALT, RESUME -> marketData.mark(engine.book(command.symbol()));
            case EOD, RESET -> marketData.markAll(engine);
            default -> {
            }
        }
    }

    @Override
    public void onShutdown() {
        try {
            if (snapshots != null && lastSequence != snapshotSequence) {
                snapshot();
            }
            if (snapshots != null) {
                snapshots.close();
            }
        } finally {
            stopped.countDown();
        }
    }

    private void snapshot() {
        lastSnapshotTime = clock.time();
        eventJournal.endOfBatch();
        if (snapshots == null) {
            log.accept("snapshot requested but no snapshot store is configured");
            return;
        }
        final long started = System.nanoTime();
        snapshots.write(SnapshotCodec.encode(engine, lastSequence, lastJournalIndex), lastSequence,
            System.nanoTime() - started);
        snapshotSequence = lastSequence;
    }
}
