package com.motoo.persister.apply;

/** A listed symbol: its base (previous close) and last trade prices and whether it is halted. */
final class SymbolState {
    final long code;
    final String symbol;
    final String name;
    final long listedMs;
    long basePrice;
    long lastPrice;
    boolean halted;
    boolean dirty;

    SymbolState(long code, String symbol, String name, long basePrice, long listedMs) {
        this.code = code;
        this.symbol = symbol;
        this.name = name;
        this.basePrice = basePrice;
        this.listedMs = listedMs;
    }
}
