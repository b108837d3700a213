package com.motoo.gateway.ws;

import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link OrderEventOutbox} per event loop, made on first use. One instance per server; any
 * thread.
 */
public final class OrderEventOutboxes {
    private final ConcurrentHashMap<EventExecutor, OrderEventOutbox> byLoop = new ConcurrentHashMap<>();

    /** @return the outbox of {@code loop} */
    OrderEventOutbox of(EventExecutor loop) {
        return byLoop.computeIfAbsent(loop, OrderEventOutbox::new);
    }

    /**
     * @return what writes the order events waiting for {@code loop}'s connections, at once; to run on
     *         that loop only (the market data hub runs it before it hands out market data)
     */
    public Runnable writerOf(EventExecutor loop) {
        return of(loop);
    }
}
