package com.motoo.gateway.order;

/**
 * A connection that receives a user's order events (a WebSocket session). Called on the engine
 * thread by {@link ExecutionReportPublisher}: {@link #sendOrderEvent} queues a message without
 * flushing, {@link #flushOrderEvents} flushes at the end of a ring batch. Implementations never
 * drop an order event: when they cannot keep up they close the connection instead.
 */
public interface OrderEventSink {
    /** @return the user whose events this connection receives */
    long userId();

    /** Queues one order-event message (a complete JSON object). Engine thread; must not block. */
    void sendOrderEvent(String json);

    /** Flushes what {@link #sendOrderEvent} queued. Engine thread; must not block. */
    void flushOrderEvents();

    /** Ends the connection because its user was signed out everywhere: an error saying so, then a close. Any thread. */
    void signOut();
}
