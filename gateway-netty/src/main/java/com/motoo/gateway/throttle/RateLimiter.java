package com.motoo.gateway.throttle;

/**
 * A token bucket: {@code ratePerSecond} messages per second sustained, {@code burst} at once. Not
 * thread-safe: one WebSocket connection's event loop owns one; shared ones (per REST user) are
 * locked by their owner. Time is passed in, so tests drive it.
 */
public final class RateLimiter {
    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public RateLimiter(int ratePerSecond, int burst, long nowNanos) {
        this.tokensPerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** @return whether one more message is allowed at {@code nowNanos} (and takes its token) */
    public boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * tokensPerNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** @return whether the bucket has refilled by {@code nowNanos}: it then allows what a new one would */
    public boolean isFullAt(long nowNanos) {
        return tokens + (nowNanos - lastNanos) * tokensPerNano >= burst;
    }

    /** @return nanoseconds from the last {@link #tryAcquire} until a message would be allowed; 0 when one is now */
    public long nanosUntilAllowed() {
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano);
    }
}
