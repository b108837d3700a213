package com.motoo.engine.command;

/** Which side of the book an order is on. */
public enum Side {
    BUY,
    SELL;

    /** @return the opposite side */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
