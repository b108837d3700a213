package com.motoo.gateway.order;

import java.util.concurrent.CountDownLatch;

/**
 * Holds a test pipeline's journal stage while closed: the commands submitted meanwhile stay in the
 * ring, in flight, until it opens. Any thread.
 */
final class PipelineGate {
    private volatile CountDownLatch latch;

    /** Makes the journal stage wait from its next command on. */
    void close() {
        latch = new CountDownLatch(1);
    }

    /** Lets the journal stage go on (nothing if open). */
    void open() {
        final CountDownLatch closed = latch;
        latch = null;
        if (closed != null) {
            closed.countDown();
        }
    }

    /** Journal stage: returns at once while open, else once opened (or interrupted). */
    void pass() {
        final CountDownLatch closed = latch;
        if (closed != null) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
