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
 * A consumer that finds no work backs off in up to three phases, then blocks on a condition until
 * a producer publishes: it spins, then yields its core ({@code Thread.yield}), then parks
 * {@value #SLEEP_NANOS} ns at a time until {@code blockAfterNanos} have passed without work. Two
 * shapes are offered:
 * <ul>
 *   <li>{@link #sleepingThenBlocking}: Disruptor's {@code SleepingWaitStrategy} while work comes
 *       often (100 spins, 100 yields, then 100 ns parks), blocking once nothing has come for a
 *       while. An idle consumer stops waking some 16,000 times a second: the sleeping strategy
 *       alone costs about a quarter of a core doing nothing (BENCHMARKS.md, "Gateway").</li>
 *   <li>{@link #spinningThenBlocking}: a few spins, then blocks at once. Where commands come tens of
 *       microseconds apart on cores shared with other busy threads (the gateway's event loops, a
 *       load tool), the sleeping phases' yields and parks are system calls and context switches by
 *       the hundred thousand a second; a blocked consumer costs one wake-up per idle gap instead
 *       (BENCHMARKS.md, "Eighth session").</li>
 * </ul>
 *
 * <p>Producers pay one atomic read-and-clear per publish ({@link #signalAllWhenBlocking}), and a
 * lock and a wake-up only when a consumer is blocked. A blocked consumer also re-checks by itself
 * every {@code recheckNanos}, a safety net (an alert signals it too). Only a wait for the ring's
 * cursor blocks: a consumer whose sequence is published but not yet through the stage before it
 * (the journal stage, with the stages on two threads) spins until that stage moves, since nothing
 * signals it. The consumers of a ring share one instance (Disruptor's rule); they are all woken.
 */
public final class BackoffThenBlockWaitStrategy implements WaitStrategy {
    /** Park time of the sleeping phase, as in the sleeping strategy. */
    static final long SLEEP_NANOS = 100;
    private static final int SLEEPING_SPINS = 100;
    private static final int SLEEPING_YIELDS = 100;

    private final int spins;
    private final int yields;
    private final long blockAfterNanos;
    private final long recheckNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final AtomicBoolean signalNeeded = new AtomicBoolean();

    private BackoffThenBlockWaitStrategy(int spins, int yields, long blockAfterNanos, long recheckNanos) {
        if (spins < 0 || blockAfterNanos < 0 || recheckNanos <= 0) {
            throw new IllegalArgumentException(
                "spins and blockAfterNanos must not be negative and recheckNanos must be positive");
        }
        this.spins = spins;
        this.yields = yields;
        this.blockAfterNanos = blockAfterNanos;
        this.recheckNanos = recheckNanos;
    }

    /**
     * Spins 100 times, yields 100 times, parks 100 ns at a time, and blocks once
     * {@code blockAfterNanos} have passed in the parking phase.
     *
     * @param blockAfterNanos how long the consumer sleeps without work before it blocks
     * @param recheckNanos longest a blocked consumer waits for a signal before it looks by itself
     * @return a strategy for one consumer thread
     */
    public static BackoffThenBlockWaitStrategy sleepingThenBlocking(long blockAfterNanos, long recheckNanos) {
        return new BackoffThenBlockWaitStrategy(SLEEPING_SPINS, SLEEPING_YIELDS, blockAfterNanos, recheckNanos);
    }

    /**
     * Spins {@code spins} times, then blocks: no yields, no parks.
     *
     * @param spins how many times the consumer re-reads the sequence before it blocks
     * @param recheckNanos longest a blocked consumer waits for a signal before it looks by itself
     * @return a strategy for one consumer thread
     */
    public static BackoffThenBlockWaitStrategy spinningThenBlocking(int spins, long recheckNanos) {
        return new BackoffThenBlockWaitStrategy(spins, 0, 0, recheckNanos);
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
        throws AlertException, InterruptedException {
        long available;
        int counter = spins + yields;
        long sleepingSince = 0;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (counter > yields) {
                counter--;
            } else if (counter > 0) {
                counter--;
                Thread.yield();
            } else if (blockAfterNanos > 0 && sleepingSince == 0) {
                sleepingSince = System.nanoTime();
            } else if (blockAfterNanos > 0 && System.nanoTime() - sleepingSince < blockAfterNanos) {
                LockSupport.parkNanos(SLEEP_NANOS);
            } else if (cursor.get() < sequence) {
                block(sequence, cursor, barrier);
                counter = spins + yields;
                sleepingSince = 0;
            } else {
                Thread.onSpinWait();
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
