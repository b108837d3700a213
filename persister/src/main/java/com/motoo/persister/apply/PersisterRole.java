package com.motoo.persister.apply;

/**
 * Which tables one persister process writes. Several processes with different roles can tail
 * the same journal into the same database side by side, each with its own offset.
 */
public enum PersisterRole {
    /** accounts, positions, cash_ledger, share_ledger, symbols (and the role's open_reservations). */
    ACCOUNTS,
    /** orders, executions, candles_1m, order_rejections (and the role's order_epochs). */
    ORDERS,
    /** Both of the above in one process and one transaction per batch. */
    ALL;

    boolean writesAccounts() {
        return this != ORDERS;
    }

    boolean writesOrders() {
        return this != ACCOUNTS;
    }
}
