package com.motoo.engine.pipeline;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.event.EngineEventAdapter;

/**
 * A {@link PipelineOutput} that ignores the events and hears only command boundaries and batch
 * ends: for tools and benchmarks that count or time completions. Engine thread, like every output.
 */
public abstract class CompletionOnlyOutput extends EngineEventAdapter implements PipelineOutput {
    @Override
    public void onCommandStart(long sessionId, long requestId, long userId, CommandType type, long sequence,
                               long timestamp) {
    }

    @Override
    public void onEndOfBatch() {
    }
}
