package com.motoo.gateway.order;

import com.motoo.engine.event.RejectReason;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A {@link CommandCallback} as a future: the outcome of one command, for callers that may wait (REST
 * workers) or chain. Completed on the engine thread with the order event JSON (order commands) or
 * null (others), or exceptionally with a {@link RequestException} BUSY when the exchange stopped
 * before answering; the reject reason is read with {@link #reason()}.
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

    /** Completes exceptionally with BUSY (503): the exchange stopped before answering. */
    @Override
    public void onStopped() {
        done.completeExceptionally(stoppedBeforeAnswering());
    }

    /** @return the error a request the exchange stopped before answering gets (REST and WebSocket) */
    static RequestException stoppedBeforeAnswering() {
        return RequestException.stopping("the exchange stopped before answering this request; whether it"
            + " took effect shows after its restart (GET /orders)");
    }

    /**
     * Runs {@code answered} with this call once the engine has answered, or {@code stopped} with the
     * BUSY error when the exchange stopped first; on the thread that completes the call.
     */
    public void whenDone(Consumer<EngineCall> answered, Consumer<RequestException> stopped) {
        done.whenComplete((call, failure) -> {
            if (failure == null) {
                answered.accept(call);
            } else {
                stopped.accept(failure instanceof RequestException e ? e : stoppedBeforeAnswering());
            }
        });
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
