package com.motoo.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits like Disruptor's {@code SleepingWaitStrategy} while work comes often (spins, then yields,
 * then parks {@value #SLEEP_NANOS} ns at a time) and, once nothing has come for
 * {@code blockAfterNanos}, blocks on a condition until a producer publishes. So a busy pipeline
 * keeps the sleeping strategy's latency, and an idle one (an exchange at night, a laptop) stops
 * waking some 16,000 times a second: the sleeping strategy alone costs about a quarter of a core
 * doing nothing (measured in BENCHMARKS.md, "Gateway").
 *
 * <p>Producers pay one volatile read per publish ({@link #signalAllWhenBlocking}), and a lock and
 * a wake-up only when the consumer is blocked. A blocked consumer also re-checks by itself every
 * {@code recheckNanos}, a safety net (an alert signals it too). One instance per consumer thread.
 */
public final class SleepThenBlockWaitStrategy implements WaitStrategy {
    /** Park time of the sleeping phase, as in the sleeping strategy. */
    static final long SLEEP_NANOS = 100;
    private static final int SPINS = 100;
    private static final int YIELDS = 100;

    private final long blockAfterNanos;
    private final long recheckNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final AtomicBoolean signalNeeded = new AtomicBoolean();

    /**
     * @param blockAfterNanos how long the consumer sleeps without work before it blocks
     * @param recheckNanos longest a blocked consumer waits for a signal before it looks by itself
     */
    public SleepThenBlockWaitStrategy(long blockAfterNanos, long recheckNanos) {
        if (blockAfterNanos < 0 || recheckNanos <= 0) {
            throw new IllegalArgumentException("blockAfterNanos must not be negative and recheckNanos must be positive");
        }
        this.blockAfterNanos = blockAfterNanos;
        this.recheckNanos = recheckNanos;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
        throws AlertException, InterruptedException {
        long available;
        int counter = SPINS + YIELDS;
        long sleepingSince = 0;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (counter > YIELDS) {
                counter--;
            } else if (counter > 0) {
                counter--;
                Thread.yield();
            } else if (sleepingSince == 0) {
                sleepingSince = System.nanoTime();
            } else if (System.nanoTime() - sleepingSince < blockAfterNanos) {
                LockSupport.parkNanos(SLEEP_NANOS);
            } else {
                block(sequence, cursor, barrier);
                counter = SPINS + YIELDS;
                sleepingSince = 0;
            }
        }
        return available;
    }

    /** Blocks until the cursor reaches {@code sequence}, an alert, or the re-check time passes. */
    private void block(long sequence, Sequence cursor, SequenceBarrier barrier)
        throws AlertException, InterruptedException {
        lock.lock();
        try {
            signalNeeded.set(true);
            if (cursor.get() < sequence) {
                barrier.checkAlert();
                published.awaitNanos(recheckNanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Producer side, after each publish: wakes the consumer if it is blocked. */
    @Override
    public void signalAllWhenBlocking() {
        if (signalNeeded.getAndSet(false)) {
            lock.lock();
            try {
                published.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
