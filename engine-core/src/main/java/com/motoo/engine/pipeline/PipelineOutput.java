package com.motoo.engine.pipeline;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.event.EngineEventListener;

/**
 * What the gateway implements to hear results. For each command, on the engine thread and only
 * after the command is journaled: {@link #onCommandStart} with the command's correlation (the
 * session and request ids given to {@link CommandPipeline#submit}), then every event it caused as
 * {@link EngineEventListener} callbacks, then {@link #onCommandEnd}. A direct answer
 * (accepted, rejected, modified, cancelled by request) goes back to the requesting session; a
 * trade or expiry concerns users whose ids are in the event, to be sent to all their sessions.
 * After each ring batch comes {@link #onEndOfBatch} (a good moment to flush network writes).
 *
 * <p>All callbacks run on the engine thread: they must be quick, must not block and must not
 * keep references to engine objects; copy what other threads need.
 */
public interface PipelineOutput extends EngineEventListener {
    /**
     * The events that follow, until {@link #onCommandEnd}, were caused by this command.
     *
     * @param sessionId the submitter's connection/session id
     * @param requestId the submitter's request id
     * @param userId the command's user (0 for commands without one)
     * @param type the command's type
     * @param sequence the sequence the command was journaled with
     * @param timestamp its epoch-millisecond timestamp
     */
    void onCommandStart(long sessionId, long requestId, long userId, CommandType type, long sequence, long timestamp);

    /** The command announced by the last {@link #onCommandStart} produced all its events. */
    void onCommandEnd(long sessionId, long requestId);

    /** The end of a ring batch: market data for it follows. */
    void onEndOfBatch();

    /**
     * The pipeline stopped on a fault (its journal could not be written): commands submitted and
     * not answered yet never will be, so their submitters should be told now. Whether such a
     * command took effect shows after the restart (a batch journaled just before the fault is
     * applied by the replay). Once, on the thread that met the fault.
     *
     * @param fault what stopped it
     */
    default void onPipelineStopped(Throwable fault) {
    }
}
