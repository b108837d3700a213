package com.motoo.persister.apply;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * A user's account as the accounts persister tracks it: cash, reservation, current-epoch holdings
 * and the capital contributed in the current epoch.
 */
final class AccountState {
    final long userId;
    final long openedMs;
    int epoch;
    long cash;
    long reservedCash;
    /**
     * Net capital put into the current epoch: its opening (or reset) cash, plus deposits, minus
     * withdrawals, plus granted shares at the symbol's base price when granted. The base of the
     * total return: trading changes equity, never this.
     */
    long contributed;
    long updatedMs;
    boolean dirty;
    /** Positions of the current epoch by symbol code. */
    final Long2ObjectHashMap<PositionState> positions = new Long2ObjectHashMap<>();
    /** Open orders' reservations by order id. */
    final Long2ObjectHashMap<Reservation> reservations = new Long2ObjectHashMap<>();

    AccountState(long userId, int epoch, long cash, long reservedCash, long contributed, long openedMs, long updatedMs) {
        this.userId = userId;
        this.epoch = epoch;
        this.cash = cash;
        this.reservedCash = reservedCash;
        this.contributed = contributed;
        this.openedMs = openedMs;
        this.updatedMs = updatedMs;
    }
}
