package com.motoo.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

/**
 * Both stages on one thread ({@link StagePlacement#ONE_THREAD}): each slot of a ring batch goes to
 * the {@link JournalHandler} as it arrives; at the end of the batch, once the journal has made the
 * whole batch durable, the batch's slots go to the {@link EngineHandler} in ring order. The slots
 * stay in place meanwhile: producers cannot reuse them before this handler's batch is done.
 * Pipeline thread only; allocation-free.
 */
final class CombinedStageHandler implements EventHandler<CommandSlot> {
    private final JournalHandler journal;
    private final EngineHandler engine;
    private final RingBuffer<CommandSlot> ring;
    private long batchFirst = -1;

    CombinedStageHandler(JournalHandler journal, EngineHandler engine, RingBuffer<CommandSlot> ring) {
        this.journal = journal;
        this.engine = engine;
        this.ring = ring;
    }

    @Override
    public void onStart() {
        journal.onStart();
        engine.onStart();
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        journal.onBatchStart(batchSize, queueDepth);
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (batchFirst < 0) {
            batchFirst = ringSequence;
        }
        journal.onEvent(slot, ringSequence, endOfBatch);
        if (endOfBatch) {
            final long first = batchFirst;
            batchFirst = -1;
            for (long sequence = first; sequence <= ringSequence; sequence++) {
                engine.onEvent(ring.get(sequence), sequence, sequence == ringSequence);
            }
        }
    }

    @Override
    public void onShutdown() {
        engine.onShutdown();
    }
}
