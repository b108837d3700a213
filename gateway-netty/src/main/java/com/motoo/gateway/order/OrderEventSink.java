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

    /**
     * A request of this connection is about to go to the engine: its direct answer will come through
     * {@link #sendOrderEvent}, followed by {@link #answerQueued}. The submitting thread, before the
     * request is handed over (stored for the engine, then published); {@link #answerQueued} also
     * follows, once, when the hand-over fails.
     */
    void answerPending();

    /**
     * The direct answer of one {@link #answerPending} request is queued (or the request could not be
     * submitted, or the exchange stopped before answering it and said so). Any thread; must not block.
     */
    void answerQueued();

    /** Ends the connection because its user was signed out everywhere: an error saying so, then a close. Any thread. */
    void signOut();

    /**
     * Ends the connection because the exchange is stopping: no new request is read, the answers of
     * those already taken are written, then the connection closes (1001). Any thread.
     */
    void exchangeStopping();
}
