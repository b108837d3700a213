package com.motoo.gateway.throttle;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key for the REST API: per user for authenticated calls, per client address
 * for the sign-in calls (WebSocket connections have their own per connection). Thread-safe: each bucket is locked while it is used; buckets are made on first use
 * and kept (one small object per active user).
 */
public final class UserRateLimits {
    private final ConcurrentHashMap<Long, RateLimiter> buckets = new ConcurrentHashMap<>();
    private final int ratePerSecond;
    private final int burst;

    /** @param ratePerSecond sustained requests per second per user; @param burst requests at once */
    public UserRateLimits(int ratePerSecond, int burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /** @return whether the key (a user id or a client address key) may make one more request now (and counts it) */
    public boolean tryAcquire(long key) {
        final long now = System.nanoTime();
        final RateLimiter bucket = buckets.computeIfAbsent(key, id -> new RateLimiter(ratePerSecond, burst, now));
        synchronized (bucket) {
            return bucket.tryAcquire(now);
        }
    }
}
