package com.motoo.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
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
        final Thread consumer = new Thread(() -> {
            try {
                result.complete(barrier.waitFor(sequence));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, "test-consumer");
        consumer.setDaemon(true);
        consumer.start();
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

    @Test
    void shouldRefuseNonsenseTimes() {
        assertThrows(IllegalArgumentException.class, () -> BackoffThenBlockWaitStrategy.sleepingThenBlocking(-1, HOUR));
        assertThrows(IllegalArgumentException.class, () -> BackoffThenBlockWaitStrategy.sleepingThenBlocking(0, 0));
        assertThrows(IllegalArgumentException.class, () -> BackoffThenBlockWaitStrategy.spinningThenBlocking(-1, HOUR));
        assertThrows(IllegalArgumentException.class, () -> BackoffThenBlockWaitStrategy.spinningThenBlocking(0, 0));
    }
}
