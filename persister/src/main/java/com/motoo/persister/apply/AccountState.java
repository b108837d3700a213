package com.motoo.persister.apply;

import org.agrona.collections.Long2ObjectHashMap;

/** A user's account as the accounts persister tracks it: cash, reservation and current-epoch holdings. */
final class AccountState {
    final long userId;
    final long openedMs;
    int epoch;
    long cash;
    long reservedCash;
    long updatedMs;
    boolean dirty;
    /** Positions of the current epoch by symbol code. */
    final Long2ObjectHashMap<PositionState> positions = new Long2ObjectHashMap<>();
    /** Open orders' reservations by order id. */
    final Long2ObjectHashMap<Reservation> reservations = new Long2ObjectHashMap<>();

    AccountState(long userId, int epoch, long cash, long reservedCash, long openedMs, long updatedMs) {
        this.userId = userId;
        this.epoch = epoch;
        this.cash = cash;
        this.reservedCash = reservedCash;
        this.openedMs = openedMs;
        this.updatedMs = updatedMs;
    }
}
