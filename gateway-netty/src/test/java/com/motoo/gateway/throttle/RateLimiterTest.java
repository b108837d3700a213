package com.motoo.gateway.throttle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token bucket with time driven by hand, and the Retry-After the REST limits derive from it. */
@Timeout(10)
class RateLimiterTest {
    private static final long MILLI = 1_000_000L;

    @Test
    void shouldTellHowLongUntilTheNextMessageIsAllowed() {
        final RateLimiter limiter = new RateLimiter(4, 2, 0);
        assertTrue(limiter.tryAcquire(0));
        assertEquals(0, limiter.nanosUntilAllowed(), "one token left");
        assertTrue(limiter.tryAcquire(0));
        assertFalse(limiter.tryAcquire(0));
        assertEquals(250 * MILLI, limiter.nanosUntilAllowed(), 1.0, "one token every 250 ms");
        assertFalse(limiter.tryAcquire(100 * MILLI));
        assertEquals(150 * MILLI, limiter.nanosUntilAllowed(), 1.0);
        assertTrue(limiter.tryAcquire(250 * MILLI));
    }

    @Test
    void shouldAnswerARefusedRequestWithTheWholeSecondsUntilTheNextOneAtLeastOne() {
        final UserRateLimits limits = new UserRateLimits(1, 2);
        assertEquals(0, limits.acquire(7));
        assertEquals(0, limits.acquire(7));
        assertEquals(1, limits.acquire(7), "a token a second: under a second to wait, rounded up");
        assertEquals(0, limits.acquire(8), "per key");
    }

    /** Buckets of callers that have gone are dropped once refilled; a caller still being held back keeps its bucket. */
    @Test
    void shouldDropOnlyRefilledBuckets() throws Exception {
        final UserRateLimits fast = new UserRateLimits(1_000_000, 1);
        for (int key = 0; key < UserRateLimits.SWEEP_EVERY - 1; key++) {
            assertEquals(0, fast.acquire(key));
        }
        Thread.sleep(2);
        assertEquals(0, fast.acquire(-1), "the sweep comes with this request");
        assertTrue(fast.buckets() <= 1, fast.buckets() + " buckets kept after a microsecond refill each");

        final UserRateLimits slow = new UserRateLimits(1, 1);
        assertEquals(0, slow.acquire(7));
        for (int key = 0; key < UserRateLimits.SWEEP_EVERY; key++) {
            slow.acquire(1_000 + key);
        }
        assertEquals(1, slow.acquire(7), "still held back after the sweep");
    }
}
