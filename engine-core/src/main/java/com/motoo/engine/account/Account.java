package com.motoo.engine.account;

import java.util.Arrays;

/**
 * A user's money, shares and open orders inside the engine. Cash and share quantities include
 * what is reserved; {@code cash - reservedCash} is what new buys may use, and likewise for
 * shares. Positions are indexed by the symbol's listing index. Engine thread only.
 */
public final class Account {
    private final long userId;
    private long cash;
    private long reservedCash;
    private long[] shares = new long[8];
    private long[] reservedShares = new long[8];
    private final OpenOrders openOrders = new OpenOrders();
    private final OrderIdRegistry orderIds = new OrderIdRegistry();

    /** @param userId the owner; @param cash the opening cash */
    public Account(long userId, long cash) {
        this.userId = userId;
        this.cash = cash;
    }

    /** @return the owner's user id */
    public long userId() {
        return userId;
    }

    /** @return cash owned, reserved part included */
    public long cash() {
        return cash;
    }

    /** @return cash held for open buy orders */
    public long reservedCash() {
        return reservedCash;
    }

    /** @return cash free for new buys */
    public long availableCash() {
        return cash - reservedCash;
    }

    /** @return shares owned of the symbol with this listing index, reserved part included */
    public long shares(int symbolIndex) {
        return symbolIndex < shares.length ? shares[symbolIndex] : 0;
    }

    /** @return shares held for open sell orders */
    public long reservedShares(int symbolIndex) {
        return symbolIndex < reservedShares.length ? reservedShares[symbolIndex] : 0;
    }

    /** @return shares free for new sells */
    public long availableShares(int symbolIndex) {
        return shares(symbolIndex) - reservedShares(symbolIndex);
    }

    /** @return the number of position slots (symbol indexes below this may be non-zero) */
    public int positionSlots() {
        return shares.length;
    }

    /** @return open orders by order id (read-only use outside the engine) */
    public OpenOrders openOrders() {
        return openOrders;
    }

    /** @return the ids this user has used */
    public OrderIdRegistry orderIds() {
        return orderIds;
    }

    /** Adds to cash (negative to take away). */
    public void addCash(long delta) {
        cash += delta;
    }

    /** Sets cash (reset and snapshot load). */
    public void setCash(long cash) {
        this.cash = cash;
    }

    /** Adds to reserved cash (negative to release). */
    public void addReservedCash(long delta) {
        reservedCash += delta;
    }

    /** Adds to owned shares of a symbol (negative to take away). */
    public void addShares(int symbolIndex, long delta) {
        ensureSlot(symbolIndex);
        shares[symbolIndex] += delta;
    }

    /** Adds to reserved shares of a symbol (negative to release). */
    public void addReservedShares(int symbolIndex, long delta) {
        ensureSlot(symbolIndex);
        reservedShares[symbolIndex] += delta;
    }

    /** Makes room for a symbol's position; call once when the symbol is listed so trading never allocates. */
    public void ensureSlot(int symbolIndex) {
        if (symbolIndex >= shares.length) {
            final int size = Math.max(symbolIndex + 1, shares.length * 2);
            shares = Arrays.copyOf(shares, size);
            reservedShares = Arrays.copyOf(reservedShares, size);
        }
    }
}
