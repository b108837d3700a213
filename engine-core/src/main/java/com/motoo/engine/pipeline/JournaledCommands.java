package com.motoo.engine.pipeline;

import com.motoo.engine.command.Command;

/**
 * The command journal read in order, as start-up replay consumes it
 * ({@link CommandPipeline#replay(JournaledCommands)}). Implemented by the journal module's reader.
 * One thread.
 */
public interface JournaledCommands {
    /**
     * Reads the next journaled command, its sequence and timestamp included.
     *
     * @return false when there is no further command
     */
    boolean next(Command into);

    /** @return the journal position of the command {@link #next} read last (what a snapshot records) */
    long lastIndex();
}
