package com.motoo.engine.book;

import com.motoo.engine.account.Account;
import com.motoo.engine.command.Side;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.rules.MarketRules;

/**
 * Trades an incoming order against the opposite side of its book in price-time priority, settles
 * both accounts on every fill (cash, shares, fees, tax, reservations) and reports each trade.
 * Stops at the limit price, when the order is filled, or on reaching an order of the same user
 * (self-trade prevention). Engine thread only; allocation-free.
 */
public final class Matcher {
    /** {@link #match} outcome: the incoming order has no open quantity left. */
    public static final int FILLED = 0;
    /** {@link #match} outcome: nothing more crosses the limit; open quantity may remain. */
    public static final int NO_MORE_LIQUIDITY = 1;
    /** {@link #match} outcome: the next order in priority belongs to the same user. */
    public static final int SELF_TRADE = 2;

    private final MarketRules rules;
    private final OrderPool pool;
    private final EngineEventListener listener;
    private long feesCollected;

    /**
     * @param rules fees and tax
     * @param pool where fully filled resting orders go back
     * @param listener receives the trades
     */
    public Matcher(MarketRules rules, OrderPool pool, EngineEventListener listener) {
        this.rules = rules;
        this.pool = pool;
        this.listener = listener;
    }

    /** @return commission and tax collected from all fills so far */
    public long feesCollected() {
        return feesCollected;
    }

    /** Restores the fee total (snapshot load). */
    public void restoreFeesCollected(long feesCollected) {
        this.feesCollected = feesCollected;
    }

    /**
     * Counts how much of an order's quantity could trade at once up to its limit, stopping at the
     * first order of the same user, without changing anything (for FOK).
     *
     * @return the fillable quantity, capped at {@code wanted}
     */
    public static long fillableQty(OrderBook book, Side side, long userId, long limit, long wanted) {
        final BookSide opposite = book.side(side.opposite());
        long available = 0;
        for (int rank = 0; rank < opposite.levelCount() && available < wanted; rank++) {
            final PriceLevel level = opposite.level(rank);
            if (!crosses(side, level.price, limit)) {
                break;
            }
            for (Order maker = level.head; maker != null && available < wanted; maker = maker.next) {
                if (maker.account.userId() == userId) {
                    return available;
                }
                available += maker.openQty;
            }
        }
        return Math.min(available, wanted);
    }

    /**
     * Trades the taker (which must not rest in the book) against the opposite side up to its limit.
     *
     * @param taker the incoming or modified order
     * @param limit the worst price it may trade at
     * @return {@link #FILLED}, {@link #NO_MORE_LIQUIDITY} or {@link #SELF_TRADE}
     */
    public int match(Order taker, long limit) {
        final OrderBook book = taker.book;
        final BookSide opposite = book.side(taker.side.opposite());
        final long takerUser = taker.account.userId();
        while (taker.openQty > 0) {
            final PriceLevel level = opposite.best();
            if (level == null || !crosses(taker.side, level.price, limit)) {
                return NO_MORE_LIQUIDITY;
            }
            Order maker = level.head;
            while (maker != null && taker.openQty > 0) {
                if (maker.account.userId() == takerUser) {
                    return SELF_TRADE;
                }
                final Order next = maker.next;
                final long qty = Math.min(taker.openQty, maker.openQty);
                trade(taker, maker, level.price, qty);
                if (maker.openQty == 0) {
                    level.unlink(maker);
                    maker.account.openOrders().remove(maker.orderId);
                    pool.release(maker);
                }
                maker = next;
            }
            if (level.isEmpty()) {
                opposite.removeLevel(level);
            }
        }
        return FILLED;
    }

    private static boolean crosses(Side takerSide, long makerPrice, long limit) {
        return takerSide == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }

    private void trade(Order taker, Order maker, long price, long qty) {
        final Order buy = taker.side == Side.BUY ? taker : maker;
        final Order sell = taker.side == Side.BUY ? maker : taker;
        final OrderBook book = taker.book;
        final int symbolIndex = book.index();
        final long notional = price * qty;
        final long buyCommission = rules.commission(notional);
        final long sellCommission = rules.commission(notional);
        final long sellTax = rules.sellTax(notional);

        final Account buyer = buy.account;
        buy.fill(qty, price);
        buyer.addCash(-(notional + buyCommission));
        buyer.addShares(symbolIndex, qty);
        final long buyReserve = rules.buyReservation(buy.reservePrice * buy.openQty);
        buyer.addReservedCash(buyReserve - buy.reservedCash);
        buy.reservedCash = buyReserve;

        final Account seller = sell.account;
        sell.fill(qty, price);
        seller.addCash(notional - sellCommission - sellTax);
        seller.addShares(symbolIndex, -qty);
        seller.addReservedShares(symbolIndex, -qty);

        feesCollected += buyCommission + sellCommission + sellTax;
        book.recordTrade(price, qty);
        listener.onTrade(book.symbol(), price, qty, buyer.userId(), buy.orderId, seller.userId(), sell.orderId,
            taker.side, buyCommission, sellCommission, sellTax, buy.openQty, sell.openQty);
    }
}
