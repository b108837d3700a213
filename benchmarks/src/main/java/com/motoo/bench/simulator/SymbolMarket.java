package com.motoo.bench.simulator;

import com.motoo.engine.rules.TickTable;

import java.util.SplittableRandom;

/**
 * The simulator's view of one stock: a fair value that drifts (geometric random walk with a weak
 * pull back to the base price, kept well inside the daily band) and the market maker's quote
 * slots on each side. Prices it proposes are always on a valid KRX tick and inside the band.
 * Fields written by the trading thread are read by the WebSocket thread only through {@link Quote}.
 */
final class SymbolMarket {
    final String symbol;
    final Quote[] bids;
    final Quote[] asks;
    private final TickTable ticks;
    private long basePrice;
    private long lowerLimit;
    private long upperLimit;
    private double fair;

    SymbolMarket(String symbol, TickTable ticks, int levels) {
        this.symbol = symbol;
        this.ticks = ticks;
        this.bids = new Quote[levels];
        this.asks = new Quote[levels];
        for (int i = 0; i < levels; i++) {
            bids[i] = new Quote();
            asks[i] = new Quote();
        }
    }

    /** Sets today's base and band; the fair value starts at the last price (or the base). */
    void setBand(long basePrice, long lastPrice, long lowerLimit, long upperLimit) {
        final boolean first = this.basePrice == 0;
        this.basePrice = basePrice;
        this.lowerLimit = lowerLimit;
        this.upperLimit = upperLimit;
        if (first) {
            fair = lastPrice > 0 ? lastPrice : basePrice;
        }
        fair = clampFair(fair);
    }

    /** Moves the fair value by one random step of {@code volatility × √seconds}. */
    void drift(SplittableRandom random, double volatility, double seconds) {
        final double shock = volatility * Math.sqrt(seconds) * gaussian(random);
        final double pull = 0.02 * seconds * (basePrice - fair) / basePrice;
        fair = clampFair(fair * Math.exp(shock + pull));
    }

    /** @return the price of the quote at a level: one more tick away from fair per level, on the band */
    long quotePrice(boolean bid, int level) {
        final long tick = ticks.tickAt((long) fair);
        final double away = (level + 1) * tick;
        final long price = bid ? ticks.roundDown((long) Math.floor(fair - away)) : ticks.roundUp((long) Math.ceil(fair + away));
        return Math.max(lowerLimit, Math.min(upperLimit, price));
    }

    /** @return a price some ticks through the fair value, for a taker that wants to trade now */
    long aggressivePrice(boolean buy, int ticksThrough) {
        final long tick = ticks.tickAt((long) fair);
        final long price = buy ? ticks.roundUp((long) Math.ceil(fair + ticksThrough * tick))
            : ticks.roundDown((long) Math.floor(fair - ticksThrough * tick));
        return Math.max(lowerLimit, Math.min(upperLimit, price));
    }

    /** @return a quote size worth about {@code notional} KRW, 1 to 1,000 shares */
    long sizeFor(long price, long notional) {
        return Math.max(1, Math.min(1_000, notional / Math.max(1, price)));
    }

    double fair() {
        return fair;
    }

    private double clampFair(double value) {
        final double low = lowerLimit + 0.1 * (basePrice - lowerLimit);
        final double high = upperLimit - 0.1 * (upperLimit - basePrice);
        return Math.max(low, Math.min(high, value));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: two uniforms in (0, 1] give one standard normal
        final double u1 = 1.0 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** One quote slot of the market maker; updated by the trading thread and the WebSocket thread. */
    static final class Quote {
        /** The exchange's id of the live quote; 0 while its PLACE awaits the answer. */
        volatile long orderId;
        volatile long price;
        volatile boolean live;
    }
}
