package com.motoo.gateway.order;

import com.motoo.engine.event.RejectReason;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link CommandCallback} as a future: the outcome of one command, for callers that may wait (REST
 * workers) or chain. Completed on the engine thread with the order event JSON (order commands) or
 * null (others), or exceptionally with nothing; the reject reason is read with {@link #reason()}.
 */
public final class EngineCall implements CommandCallback {
    private final CompletableFuture<EngineCall> done = new CompletableFuture<>();
    private volatile String eventJson;
    private volatile RejectReason reason;

    @Override
    public void onOrderAnswer(String eventJson, RejectReason reason) {
        this.eventJson = eventJson;
        this.reason = reason;
        done.complete(this);
    }

    @Override
    public void onDone(RejectReason reason) {
        this.reason = reason;
        done.complete(this);
    }

    /** @return completes when the engine has answered */
    public CompletableFuture<EngineCall> future() {
        return done;
    }

    /** @return the order event message, or null for a non-order command */
    public String eventJson() {
        return eventJson;
    }

    /** @return the reject reason, or null when the command was applied */
    public RejectReason reason() {
        return reason;
    }
}
