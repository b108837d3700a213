package com.motoo.engine.command;

/**
 * Every kind of command the engine accepts. The first seven are the command-file contract of
 * DESIGN.md; the rest are extensions that the gateway needs (appended, never reordered, because
 * the journal stores the ordinal).
 */
public enum CommandType {
    /** {@code LIST,<symbol>,<name>,<basePrice>}: lists a stock. */
    LIST,
    /** {@code ACCOUNT,<userId>,<cash>}: opens an account with cash. */
    ACCOUNT,
    /** {@code GRANT,<userId>,<symbol>,<qty>}: gives a user shares. */
    GRANT,
    /** {@code PLACE,<userId>,<orderId>,<symbol>,<side>,<type>,<tif>,<price>,<qty>}. */
    PLACE,
    /** {@code CANCEL,<userId>,<orderId>}. */
    CANCEL,
    /** {@code MODIFY,<userId>,<orderId>,<newPrice>,<newQty>}. */
    MODIFY,
    /** {@code EOD}: expires DAY orders and rolls base prices. */
    EOD,
    /** {@code HALT,<symbol>}: stops new orders and modifies on a symbol (cancels still work). */
    HALT,
    /** {@code RESUME,<symbol>}: lifts a halt. */
    RESUME,
    /** {@code DEPOSIT,<userId>,<amount>}: adds cash to an account (amount may be negative up to the free cash). */
    DEPOSIT,
    /**
     * {@code RESET,<userId>,<cash>}: starts an account over: cancels its open orders, removes its
     * shares and sets its cash.
     */
    RESET;

    private static final CommandType[] VALUES = values();

    /** @return the type with this ordinal; used by binary decoders */
    public static CommandType fromOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
