package com.motoo.persister.apply;

/** A one-minute candle of one symbol being built from the trades of the current batch. */
final class CandleState {
    final long symbol;
    final long minuteMs;
    final long open;
    long high;
    long low;
    long close;
    long volume;
    long turnover;

    CandleState(long symbol, long minuteMs, long price) {
        this.symbol = symbol;
        this.minuteMs = minuteMs;
        this.open = price;
        this.high = price;
        this.low = price;
    }

    void add(long price, long qty) {
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += qty;
        turnover += price * qty;
    }
}
