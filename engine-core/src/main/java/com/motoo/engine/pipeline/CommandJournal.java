package com.motoo.engine.pipeline;

import com.motoo.engine.command.Command;

/**
 * Stage 1 of the pipeline: appends each sequenced command to durable storage before the engine
 * sees it. Implemented by the journal module (Chronicle Queue); engine-core only knows this
 * contract. Called on the journal thread only, in sequence order.
 */
public interface CommandJournal {
    /**
     * Appends one command, its sequence and timestamp included. An implementation may buffer the
     * batch's commands until {@link #endOfBatch()}.
     *
     * @return a journal position at or before the command's (for a Chronicle journal an excerpt
     *         index, -1 for the start), which a snapshot records: recovery reads from there and
     *         skips the commands the snapshot already reflects
     */
    long append(Command command);

    /**
     * The end of a ring batch: make what was appended as durable as the configured mode
     * promises. Results of the batch are released only after this returns.
     */
    void endOfBatch();
}
