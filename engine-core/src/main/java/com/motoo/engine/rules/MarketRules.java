package com.motoo.engine.rules;

/**
 * The market's configurable rules: tick table, daily price band and fees. Integer arithmetic
 * only; rates are parts per million. Immutable and thread-safe.
 */
public final class MarketRules {
    /** One million: the denominator of every rate. */
    public static final long PPM = 1_000_000L;

    private final TickTable ticks;
    private final long bandPpm;
    private final long commissionPpm;
    private final long sellTaxPpm;

    /**
     * @param ticks tick sizes by price
     * @param bandPpm daily price band around the base price (300,000 = ±30%)
     * @param commissionPpm commission on each fill's notional, both sides
     * @param sellTaxPpm securities transaction tax on each fill's notional, sell side
     */
    public MarketRules(TickTable ticks, long bandPpm, long commissionPpm, long sellTaxPpm) {
        if (bandPpm < 0 || bandPpm >= PPM || commissionPpm < 0 || sellTaxPpm < 0 || commissionPpm + sellTaxPpm >= PPM) {
            throw new IllegalArgumentException("rates out of range");
        }
        this.ticks = ticks;
        this.bandPpm = bandPpm;
        this.commissionPpm = commissionPpm;
        this.sellTaxPpm = sellTaxPpm;
    }

    /** @return the KRX defaults: KRX ticks, ±30% band, 150 ppm commission, 2,000 ppm sell tax */
    public static MarketRules krxDefaults() {
        return new MarketRules(TickTable.krx(), 300_000, 150, 2_000);
    }

    /** @return the tick table */
    public TickTable ticks() {
        return ticks;
    }

    /** @return the band in ppm of the base price */
    public long bandPpm() {
        return bandPpm;
    }

    /** @return the commission rate in ppm */
    public long commissionPpm() {
        return commissionPpm;
    }

    /** @return the sell-side tax rate in ppm */
    public long sellTaxPpm() {
        return sellTaxPpm;
    }

    /** @return the upper price limit for a base price: base × (1 + band), rounded down to a tick */
    public long upperLimit(long basePrice) {
        return ticks.roundDown(basePrice + fee(basePrice, bandPpm));
    }

    /** @return the lower price limit for a base price: base × (1 − band), rounded up to a tick */
    public long lowerLimit(long basePrice) {
        return ticks.roundUp(basePrice - fee(basePrice, bandPpm));
    }

    /** @return commission on a non-negative notional, rounded down */
    public long commission(long notional) {
        return fee(notional, commissionPpm);
    }

    /** @return sell tax on a non-negative notional, rounded down */
    public long sellTax(long notional) {
        return fee(notional, sellTaxPpm);
    }

    /** floor(amount × ppm / 10^6) without overflow for any non-negative amount (fees, the band). */
    private static long fee(long amount, long ppm) {
        return (amount / PPM) * ppm + (amount % PPM) * ppm / PPM;
    }

    /** @return what a buy of this notional must reserve: the notional plus its commission */
    public long buyReservation(long notional) {
        return notional + commission(notional);
    }
}
