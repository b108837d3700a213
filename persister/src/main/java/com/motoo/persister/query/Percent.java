package com.motoo.persister.query;

/**
 * Percentages as the API shows them: two decimals, halves rounded away from zero, so a fall shows as large as the same
 * rise (-0.125% as -0.13, as +0.125% shows as 0.13), and a change that rounds to nothing as 0, never -0. Exact at the
 * halves: {@code part × 10,000 / whole} is computed in doubles, exact for the amounts of an exchange (below 2^53), and a
 * half (k + 0.5) is a double, which the division lands on exactly. Stateless; allocates nothing.
 */
public final class Percent {
    private Percent() {
    }

    /**
     * @param part the amount (a change, a gain or loss)
     * @param whole what it is a part of, positive
     * @return {@code part / whole} in percent, rounded to two decimals, halves away from zero
     */
    public static double of(long part, long whole) {
        final double basisPoints = part * 10_000.0 / whole;
        final long rounded = Math.round(Math.abs(basisPoints));
        return (basisPoints < 0 ? -rounded : rounded) / 100.0;
    }
}
