package com.motoo.gateway.order;

/**
 * What the gateway remembers about a submitted command until its result comes back: who asked,
 * how to answer and, for a PLACE, the order's terms. Made on the submitting thread, read once on
 * the engine thread (handed over through {@link PendingCommands}). Immutable.
 *
 * @param origin the WebSocket session that asked, or null
 * @param echoId the request's {@code id} as JSON text, or null
 * @param callback who waits for the outcome (REST), or null
 * @param userId the command's user
 * @param orderId the command's order (0 for non-order commands)
 * @param placed the order's terms for a PLACE, otherwise null
 * @param submittedNanos {@link System#nanoTime()} at submission, for the ack latency histogram
 */
record PendingCommand(OrderEventSink origin, String echoId, CommandCallback callback, long userId, long orderId,
                      OrderView placed, long submittedNanos) {
}
