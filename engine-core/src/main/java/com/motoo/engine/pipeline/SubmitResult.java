package com.motoo.engine.pipeline;

/** What a producer hears at once when it submits to the {@link CommandPipeline}. */
public enum SubmitResult {
    /** The command is in the ring; its result will come through the {@link PipelineOutput}. */
    OK,
    /** The ring is full: nothing was queued. Tell the client to retry later; never wait on an I/O thread. */
    BUSY,
    /** The pipeline is stopping or stopped: nothing was queued. */
    STOPPED
}
