package com.motoo.engine.command;

/** How long an order may stay open. */
public enum TimeInForce {
    /** Good till cancelled: rests across end of day. */
    GTC,
    /** Expires at the next end of day. */
    DAY,
    /** Immediate or cancel: trades what it can at once, cancels the remainder. */
    IOC,
    /** Fill or kill: trades its whole quantity at once, or nothing. */
    FOK
}
