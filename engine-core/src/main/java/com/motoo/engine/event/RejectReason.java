package com.motoo.engine.event;

/**
 * Why the engine rejected a command. For order commands, when several rules are broken the first
 * reason in the order of DESIGN.md is reported: UNKNOWN_ACCOUNT, UNKNOWN_SYMBOL, UNKNOWN_ORDER,
 * DUPLICATE_ORDER_ID, INVALID_QTY, INVALID_PRICE, INVALID_TICK, OUT_OF_PRICE_BAND,
 * INSUFFICIENT_CASH, INSUFFICIENT_SHARES. The remaining codes are extensions and are appended only:
 * the journal stores the ordinal.
 */
public enum RejectReason {
    UNKNOWN_ACCOUNT,
    UNKNOWN_SYMBOL,
    UNKNOWN_ORDER,
    DUPLICATE_ORDER_ID,
    INVALID_QTY,
    INVALID_PRICE,
    INVALID_TICK,
    OUT_OF_PRICE_BAND,
    INSUFFICIENT_CASH,
    INSUFFICIENT_SHARES,
    /** LIST of a symbol that is already listed. */
    DUPLICATE_SYMBOL,
    /** ACCOUNT for a user who already has one. */
    DUPLICATE_ACCOUNT,
    /** PLACE or MODIFY on a halted symbol (checked right after UNKNOWN_SYMBOL / UNKNOWN_ORDER). */
    SYMBOL_HALTED,
    /** A cash amount that is negative where it may not be, or that would overflow. */
    INVALID_AMOUNT,
    /** An order id that is not a positive integer. */
    INVALID_ORDER_ID,
    /** A command the engine could not process because of an internal fault (a bug). */
    INTERNAL_ERROR;

    private static final RejectReason[] VALUES = values();

    /** @return the reason with this ordinal; used by binary decoders */
    public static RejectReason fromOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
