package com.motoo.gateway.throttle;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One token bucket per key for the REST API: per user for authenticated calls, per client address
 * for the sign-in calls and the public market data (WebSocket connections have their own per
 * connection). Thread-safe: each bucket is locked while it is used. Buckets are made on first use;
 * every {@value #SWEEP_EVERY} requests the buckets that have refilled are dropped, since a full
 * bucket allows exactly what a new one would, so addresses and users that have gone cost nothing.
 * (A request racing the sweep may count against a bucket just dropped: at worst one burst more.)
 */
public final class UserRateLimits {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Requests between two sweeps of refilled buckets. */
    static final int SWEEP_EVERY = 4096;

    private final ConcurrentHashMap<Long, RateLimiter> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final int ratePerSecond;
    private final int burst;

    /** @param ratePerSecond sustained requests per second per user; @param burst requests at once */
    public UserRateLimits(int ratePerSecond, int burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /**
     * Counts one request of the key (a user id or a client address key) if it may make one now.
     *
     * @return 0 when it may (and it is counted), otherwise the whole seconds until it may, at least 1
     *         (what a 429 says in Retry-After)
     */
    public long acquire(long key) {
        final long now = System.nanoTime();
        if (requests.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(bucket -> {
                synchronized (bucket) {
                    return bucket.isFullAt(now);
                }
            });
        }
        final RateLimiter bucket = buckets.computeIfAbsent(key, id -> new RateLimiter(ratePerSecond, burst, now));
        synchronized (bucket) {
            if (bucket.tryAcquire(now)) {
                return 0;
            }
            return Math.max(1, (bucket.nanosUntilAllowed() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        }
    }

    /** @return how many buckets are kept (tests) */
    int buckets() {
        return buckets.size();
    }
}
