package com.motoo.persister.query;

/**
 * An account's total return in its current epoch: {@code (equity − contributed) / contributed},
 * where {@code contributed} is the net capital put in (the opening or reset cash, plus deposits,
 * minus withdrawals, plus granted shares at the base price when granted), so that capital handed
 * to an account is never counted as a gain. Without capital at stake (contributed ≤ 0, possible
 * after withdrawals) the return is 0. Stateless; allocates nothing.
 */
public final class TotalReturn {
    private TotalReturn() {
    }

    /** @return the total return in percent, rounded to two decimals, halves away from zero (so a loss
     *         of 0.005% shows as -0.01, as a gain of 0.005% shows as 0.01: {@link Percent}); 0 when contributed ≤ 0 */
    public static double percent(long equity, long contributed) {
        return contributed <= 0 ? 0.0 : Percent.of(equity - contributed, contributed);
    }

    /**
     * Compares two total returns exactly (not their rounded percentages): equal returns compare
     * as 0 whatever the amounts.
     *
     * @return negative, zero or positive as the first return is lower than, equal to or higher than the second
     */
    public static int compare(long equity1, long contributed1, long equity2, long contributed2) {
        if (contributed1 <= 0) {
            return compare(1, 1, equity2, contributed2);
        }
        if (contributed2 <= 0) {
            return compare(equity1, contributed1, 1, 1);
        }
        // equity / contributed − 1 orders as equity / contributed: compare equity1 × contributed2
        // with equity2 × contributed1 as 128-bit products, which cannot overflow
        final int high = Long.compare(Math.multiplyHigh(equity1, contributed2), Math.multiplyHigh(equity2, contributed1));
        return high != 0 ? high : Long.compareUnsigned(equity1 * contributed2, equity2 * contributed1);
    }
}
