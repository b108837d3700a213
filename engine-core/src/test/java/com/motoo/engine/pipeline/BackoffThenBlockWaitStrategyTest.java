package com.motoo.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(30)
class BackoffThenBlockWaitStrategyTest {
    /** Blocked consumers would only re-check after an hour: anything sooner is the producer's signal. */
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static final class Slot {
        long value;
    }

    private static CompletableFuture<Long> waitInThread(SequenceBarrier barrier, long sequence) {
        final CompletableFuture<Long> result = new CompletableFuture<>();
        startDaemon(() -> {
            try {
                result.complete(barrier.waitFor(sequence));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, "test-consumer");
        return result;
    }

    private static void awaitBlocked(String threadName) throws InterruptedException {
        while (true) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(threadName) && t.getState() == Thread.State.TIMED_WAITING
                    && java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("block"))) {
                    return;
                }
            }
            Thread.sleep(10);
        }
    }

    @Test
    void shouldWakeABlockedConsumerWhenAProducerPublishes() throws Exception {
        assertWokenByAPublish(BackoffThenBlockWaitStrategy.sleepingThenBlocking(TimeUnit.MILLISECONDS.toNanos(1), HOUR));
    }

    @Test
    void shouldBlockASpinningConsumerAfterItsSpinsAndWakeItWhenAProducerPublishes() throws Exception {
        assertWokenByAPublish(BackoffThenBlockWaitStrategy.spinningThenBlocking(100, HOUR));
    }

    private static void assertWokenByAPublish(BackoffThenBlockWaitStrategy strategy) throws Exception {
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 8, strategy);
        final SequenceBarrier barrier = ring.newBarrier();
        final CompletableFuture<Long> seen = waitInThread(barrier, 0);
        awaitBlocked("test-consumer");
        final long sequence = ring.next();
        ring.get(sequence).value = 42;
        ring.publish(sequence);
        assertEquals(0L, seen.get(20, TimeUnit.SECONDS));
        assertEquals(42, ring.get(0).value);
    }

    @Test
    void shouldHandAConsumerEverythingPublishedWhileItSlept() throws Exception {
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 8,
            BackoffThenBlockWaitStrategy.sleepingThenBlocking(HOUR, HOUR));
        final SequenceBarrier barrier = ring.newBarrier();
        final CompletableFuture<Long> seen = waitInThread(barrier, 2);
        for (int i = 0; i < 3; i++) {
            ring.publish(ring.next());
        }
        assertEquals(2L, seen.get(20, TimeUnit.SECONDS));
    }

    @Test
    void shouldWakeABlockedConsumerOnAnAlert() throws Exception {
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 8,
            BackoffThenBlockWaitStrategy.spinningThenBlocking(0, HOUR));
        final SequenceBarrier barrier = ring.newBarrier();
        final CompletableFuture<Long> seen = waitInThread(barrier, 0);
        awaitBlocked("test-consumer");
        barrier.alert();
        final ExecutionException failed = assertThrows(ExecutionException.class, () -> seen.get(20, TimeUnit.SECONDS));
        assertInstanceOf(AlertException.class, failed.getCause());
    }

    /**
     * Three producers each publish one command at a time and wait until the consumer has taken it,
     * so the consumer (no spins) blocks before nearly every command: a lost wake-up would leave it
     * blocked for the hour-long re-check, and the test would time out.
     */
    @Test
    void shouldNeverLoseAWakeUpWhenTheConsumerBlocksBetweenEveryCommand() throws Exception {
        final int perProducer = 20_000;
        final int producers = 3;
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 8,
            BackoffThenBlockWaitStrategy.spinningThenBlocking(0, HOUR));
        final SequenceBarrier barrier = ring.newBarrier();
        final Sequence consumed = new Sequence();
        ring.addGatingSequences(consumed);
        final long last = (long) perProducer * producers - 1;
        final CompletableFuture<Long> sum = CompletableFuture.supplyAsync(() -> {
            long total = 0;
            try {
                for (long next = 0; next <= last; next++) {
                    barrier.waitFor(next);
                    total += ring.get(next).value;
                    consumed.set(next);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return total;
        }, runnable -> startDaemon(runnable, "test-consumer"));
        final CompletableFuture<?>[] publishing = new CompletableFuture<?>[producers];
        for (int p = 0; p < producers; p++) {
            publishing[p] = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perProducer; i++) {
                    final long sequence = ring.next();
                    ring.get(sequence).value = 1;
                    ring.publish(sequence);
                    while (consumed.get() < sequence) {
                        Thread.onSpinWait();
                    }
                }
            }, runnable -> startDaemon(runnable, "test-producer"));
        }
        CompletableFuture.allOf(publishing).get(25, TimeUnit.SECONDS);
        assertEquals(last + 1, sum.get(25, TimeUnit.SECONDS));
    }

    private static void startDaemon(Runnable runnable, String name) {
        final Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Test
    void shouldRefuseNonsenseTimes() {
        assertThrows(IllegalArgumentException.class, () -> BackoffThenBlockWaitStrategy.sleepingThenBlocking(-1, HOUR));
        assertThrows(IllegalArgumentException.class, () -> BackoffThenBlockWaitStrategy.sleepingThenBlocking(0, 0));
        assertThrows(IllegalArgumentException.class, () -> BackoffThenBlockWaitStrategy.spinningThenBlocking(-1, HOUR));
        assertThrows(IllegalArgumentException.class, () -> BackoffThenBlockWaitStrategy.spinningThenBlocking(0, 0));
    }
}
