package com.motoo.gateway.ws;

import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections of one event loop that have order events waiting. The engine thread
 * {@link #offer offers} a session at the end of a ring batch and schedules at most one task on the
 * loop however many of its connections were touched, so a busy engine wakes each event loop once,
 * not once per connection; that task writes and flushes every waiting session's events.
 */
final class OrderEventOutbox implements Runnable {
    private final EventExecutor loop;
    private final ConcurrentLinkedQueue<WebSocketSession> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param loop the event loop whose connections this outbox serves */
    OrderEventOutbox(EventExecutor loop) {
        this.loop = loop;
    }

    /**
     * Queues a session that has order events to write (the session offers itself once until written).
     * Any thread; once the loop has stopped (the end of a stop), its connections are closed and nothing is written.
     */
    void offer(WebSocketSession session) {
        waiting.offer(session);
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException loopStopped) {
                waiting.clear();
                scheduled.set(false);
            }
        }
    }

    /** Writes what every waiting session holds. The event loop only. */
    @Override
    public void run() {
        scheduled.set(false);
        WebSocketSession session;
        while ((session = waiting.poll()) != null) {
            session.writeOrderEvents();
        }
    }
}
