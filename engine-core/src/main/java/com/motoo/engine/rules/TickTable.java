package com.motoo.engine.rules;

import java.util.Arrays;

/**
 * Tick size by price: a price must be a multiple of the tick of the band it falls in. The KRX
 * table (in force since 2023-01-25) is {@link #krx()}. Immutable and thread-safe; no allocation
 * after construction.
 */
public final class TickTable {
    private final long[] upperBounds;
    private final long[] ticks;
    /**
     * Per band, {@code 2^64 / tick} rounded up (mod 2^64): a price below 2^32 is a multiple of the
     * tick exactly when {@code price * constant <= constant - 1}, both unsigned (Lemire, Kaser
     * and Kurz, "Faster remainder by direct computation", 2019). {@link #isOnTick} runs on every
     * order and modify; this replaces its 64-bit division by a multiplication.
     */
    private final long[] divisibility;

    /**
     * @param upperBounds exclusive upper price bound of each band, ascending; the last band has
     *                    no bound, so this has one element fewer than {@code ticks}
     * @param ticks tick size of each band, each positive
     */
    public TickTable(long[] upperBounds, long[] ticks) {
        if (ticks.length != upperBounds.length + 1) {
            throw new IllegalArgumentException("need one more tick than bounds");
        }
        for (int i = 0; i < ticks.length; i++) {
            if (ticks[i] <= 0) {
                throw new IllegalArgumentException("ticks must be positive");
            }
            if (i > 0 && i < upperBounds.length && upperBounds[i] <= upperBounds[i - 1]) {
                throw new IllegalArgumentException("bounds must ascend");
            }
        }
        this.upperBounds = upperBounds.clone();
        this.ticks = ticks.clone();
        this.divisibility = new long[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            divisibility[i] = Long.divideUnsigned(-1L, ticks[i]) + 1;
        }
    }

    /** @return the KRX table: &lt;2,000: 1 · &lt;5,000: 5 · &lt;20,000: 10 · &lt;50,000: 50 · &lt;200,000: 100 · &lt;500,000: 500 · else 1,000 */
    public static TickTable krx() {
        return new TickTable(
            new long[] {2_000, 5_000, 20_000, 50_000, 200_000, 500_000},
            new long[] {1, 5, 10, 50, 100, 500, 1_000});
    }

    /**
     * @param price a positive price
     * @return the tick size at that price
     */
    public long tickAt(long price) {
        return ticks[bandOf(price)];
    }

    /** @return whether a positive price lies on its tick */
    public boolean isOnTick(long price) {
        final int band = bandOf(price);
        if (price >>> Integer.SIZE != 0) {
            return price % ticks[band] == 0;
        }
        final long constant = divisibility[band];
        return Long.compareUnsigned(price * constant, constant - 1) <= 0;
    }

    private int bandOf(long price) {
        for (int i = 0; i < upperBounds.length; i++) {
            if (price < upperBounds[i]) {
                return i;
            }
        }
        return upperBounds.length;
    }

    /** @return the largest valid price not above {@code price} (at least the smallest tick) */
    public long roundDown(long price) {
        if (price <= ticks[0]) {
            return ticks[0];
        }
        return price - price % tickAt(price);
    }

    /** @return the smallest valid price not below {@code price} */
    public long roundUp(long price) {
        if (price <= ticks[0]) {
            return ticks[0];
        }
        final long down = roundDown(price);
        if (down == price) {
            return price;
        }
        // the next valid price may sit in the next band, whose tick divides its lower bound
        return down + tickAt(down);
    }

    @Override
    public String toString() {
        return "TickTable" + Arrays.toString(upperBounds) + Arrays.toString(ticks);
    }
}
