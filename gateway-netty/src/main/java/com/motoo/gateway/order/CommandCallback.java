package com.motoo.gateway.order;

import com.motoo.engine.event.RejectReason;

/**
 * Hears the outcome of one submitted command (a REST request waiting for its answer). Called once,
 * on the engine thread: {@link #onOrderAnswer} for order commands, {@link #onDone} for the others,
 * {@link #onStopped} (on the pipeline's thread) when the exchange stopped before answering.
 * Implementations hand the result to another thread and return at once.
 */
public interface CommandCallback {
    /**
     * The direct answer to an order command.
     *
     * @param eventJson the {@code order} event message
     * @param reason the engine's reject reason, or null when the command was applied
     */
    void onOrderAnswer(String eventJson, RejectReason reason);

    /**
     * A set-up or administrative command (ACCOUNT, RESET, DEPOSIT, LIST, HALT, RESUME) finished.
     *
     * @param reason the engine's reject reason, or null when it was applied
     */
    void onDone(RejectReason reason);

    /**
     * The exchange stopped (its journal could not be written) before it answered this command;
     * whether the command took effect shows after the restart. Instead of the two above.
     */
    void onStopped();
}
