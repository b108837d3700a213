package com.motoo.persister.apply;

import java.math.BigInteger;

/**
 * One holding of one epoch of an account, with its moving-average cost basis.
 *
 * <p>Cost basis: the purchase notional ({@code price × qty}) of the shares held, fees excluded.
 * A buy adds its notional; a grant adds {@code qty × base price} at the time of the grant; a sell
 * removes the held shares' proportional share of the basis, {@code floor(basis × sold / held)}
 * (all of it when the position closes). The average price is {@code basis / qty}.
 *
 * <p>Realized P&amp;L of a sell fill = {@code price × qty − removed basis − sell commission −
 * sell tax}, i.e. (sell price − average price) × qty − commission − tax; buy commissions are
 * not part of the basis and so never enter realized P&amp;L.
 */
final class PositionState {
    final long userId;
    final int epoch;
    final long symbol;
    long qty;
    long reservedQty;
    long costBasis;
    long realizedPnl;
    long updatedMs;
    boolean dirty;

    PositionState(long userId, int epoch, long symbol) {
        this.userId = userId;
        this.epoch = epoch;
        this.symbol = symbol;
    }

    void buy(long qty, long notional) {
        this.qty += qty;
        costBasis += notional;
    }

    /** Removes sold shares from the position and returns the realized P&amp;L of the fill. */
    long sell(long soldQty, long notional, long commission, long tax) {
        final long removed = soldQty >= qty ? costBasis : proportion(costBasis, soldQty, qty);
        qty -= soldQty;
        costBasis -= removed;
        final long pnl = notional - removed - commission - tax;
        realizedPnl += pnl;
        return pnl;
    }

    /** floor(a × b / c) for non-negative a, b and positive c, exact even when a × b overflows. */
    static long proportion(long a, long b, long c) {
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
            return a * b / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }
}
