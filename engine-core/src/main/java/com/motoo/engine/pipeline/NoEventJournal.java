package com.motoo.engine.pipeline;

import com.motoo.engine.event.EngineEventAdapter;

/** {@link EventJournal#NONE}: ignores everything. Stateless. */
final class NoEventJournal extends EngineEventAdapter implements EventJournal {
    @Override
    public void beginCommand(long sequence, long timestamp) {
    }

    @Override
    public void endCommand() {
    }

    @Override
    public void endOfBatch() {
    }

    @Override
    public long lastSequence() {
        return Long.MAX_VALUE;
    }
}
