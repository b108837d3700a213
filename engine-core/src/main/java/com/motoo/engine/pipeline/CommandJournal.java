package com.motoo.engine.pipeline;

import com.motoo.engine.command.Command;

/**
 * Stage 1 of the pipeline: appends each sequenced command to durable storage before the engine
 * sees it. Implemented by the journal module (Chronicle Queue); engine-core only knows this
 * contract. Called on the journal thread only, in sequence order.
 */
public interface CommandJournal {
    /**
     * Appends one command, its sequence and timestamp included.
     *
     * @return a position in the journal (for a Chronicle journal the excerpt index) that a
     *         snapshot records so recovery can start right after it
     */
    long append(Command command);

    /**
     * The end of a ring batch: make what was appended as durable as the configured mode
     * promises. Results of the batch are released only after this returns.
     */
    void endOfBatch();
}
