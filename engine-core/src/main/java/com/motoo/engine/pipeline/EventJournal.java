package com.motoo.engine.pipeline;

import com.motoo.engine.event.EngineEventListener;

/**
 * Where the engine thread records every event, grouped by the command that caused it:
 * {@link #beginCommand}, the events (as {@link EngineEventListener} callbacks), then
 * {@link #endCommand}, once for every command, even one that produced no event. Implemented by the
 * journal module. Engine thread only.
 */
public interface EventJournal extends EngineEventListener {
    /** The events that follow until {@link #endCommand()} were caused by this command. */
    void beginCommand(long sequence, long timestamp);

    /** Closes the group opened by {@link #beginCommand}. */
    void endCommand();

    /**
     * The end of a ring batch (and of start-up replay): a journal that buffers writes what it
     * holds. Called between commands, never inside a group.
     */
    void endOfBatch();

    /**
     * @return the sequence of the last command whose events the journal already held when it was
     *         opened (0 if none). The pipeline loads no snapshot newer than this, so that replay
     *         rebuilds any events the journal lost (a machine crash can lose its unflushed tail).
     */
    long lastSequence();

    /** An event journal that records nothing (benchmarks of the engine alone, tests). */
    EventJournal NONE = new NoEventJournal();
}
