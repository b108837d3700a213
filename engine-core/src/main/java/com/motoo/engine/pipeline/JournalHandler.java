package com.motoo.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import org.agrona.concurrent.EpochClock;

import java.util.concurrent.CountDownLatch;

/**
 * Stage 1, the sequencer: gives each command the next sequence number and the batch's timestamp,
 * appends it to the {@link CommandJournal}, and at the end of each batch lets the journal make
 * the batch durable. The engine stage is gated on this one, so nothing downstream sees a command
 * before it is journaled. Journal thread only; allocation-free.
 */
final class JournalHandler implements EventHandler<CommandSlot> {
    private final CommandJournal journal;
    private final EpochClock clock;
    private final CountDownLatch started;
    private long lastSequence;
    private long batchTimestamp;

    JournalHandler(CommandJournal journal, EpochClock clock, CountDownLatch started) {
        this.journal = journal;
        this.clock = clock;
        this.started = started;
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /** Continues numbering after the last command already journaled; call before the pipeline starts. */
    void lastSequence(long sequence) {
        this.lastSequence = sequence;
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        batchTimestamp = clock.time();
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (slot.kind == CommandSlot.COMMAND) {
            slot.command.stamp(++lastSequence, batchTimestamp);
            slot.journalIndex = journal.append(slot.command);
        }
        if (endOfBatch) {
            journal.endOfBatch();
        }
    }
}
