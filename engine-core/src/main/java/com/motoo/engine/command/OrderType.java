package com.motoo.engine.command;

/** How an order's price is chosen. */
public enum OrderType {
    /** Trades at its limit price or better; may rest. */
    LIMIT,
    /** Trades up to the price band (upper limit for a buy, lower for a sell); never rests. */
    MARKET
}
