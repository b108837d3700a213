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
}
