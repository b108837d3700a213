package com.motoo.engine;

import com.motoo.engine.account.Account;
import com.motoo.engine.account.AccountTable;
import com.motoo.engine.book.BookSide;
import com.motoo.engine.book.Matcher;
import com.motoo.engine.book.Order;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.book.OrderPool;
import com.motoo.engine.book.PriceLevel;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.rules.MarketRules;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * PLACE, CANCEL and MODIFY: validation in DESIGN.md's order of precedence, risk reservations,
 * matching through the {@link Matcher}, and what happens to a remainder (rest, or cancel for
 * MARKET, IOC, FOK and self-trade). Also the order side of end of day and account reset.
 * Engine thread only; allocation-free.
 */
final class OrderEntry {
    /** Notionals up to this leave room for the commission in a long. */
    private static final long MAX_RESERVABLE_NOTIONAL = Long.MAX_VALUE / 2;

    private final MarketRules rules;
    private final EngineEventListener listener;
    private final OrderPool pool;
    private final Matcher matcher;
    private final Long2ObjectHashMap<OrderBook> books;
    private final AccountTable accounts;

    OrderEntry(MarketRules rules, EngineEventListener listener, OrderPool pool, Matcher matcher,
               Long2ObjectHashMap<OrderBook> books, AccountTable accounts) {
        this.rules = rules;
        this.listener = listener;
        this.pool = pool;
        this.matcher = matcher;
        this.books = books;
        this.accounts = accounts;
    }

    void place(Command c) {
        final long userId = c.userId();
        final long orderId = c.orderId();
        final Account account = accounts.get(userId);
        final OrderBook book = books.get(c.symbol());
        final RejectReason reason = checkPlace(c, account, book);
        if (reason != null) {
            listener.onRejected(userId, orderId, CommandType.PLACE, reason);
            return;
        }
        final boolean market = c.orderType() == OrderType.MARKET;
        final long price = market ? 0 : c.price();
        final long limit = market ? marketLimit(book, c.side()) : price;
        final Order order = pool.acquire().init(account, book, orderId, c.side(), c.orderType(), c.tif(),
            price, limit, c.qty());
        account.orderIds().markUsed(orderId);
        reserve(order);
        listener.onAccepted(userId, orderId, book.symbol(), c.side(), c.orderType(), c.tif(), price, c.qty());

        if (c.tif() == TimeInForce.FOK
            && Matcher.fillableQty(book, order.side(), userId, limit, order.openQty()) < order.openQty()) {
            cancelUnrested(order);
            return;
        }
        final int outcome = matcher.match(order, limit);
        finishTaker(order, outcome, mayRest(c.orderType(), c.tif()));
    }

    private RejectReason checkPlace(Command c, Account account, OrderBook book) {
        if (account == null) {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (book == null) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        if (c.orderId() <= 0) {
            return RejectReason.INVALID_ORDER_ID;
        }
        if (account.orderIds().isUsed(c.orderId())) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        if (book.isHalted()) {
            return RejectReason.SYMBOL_HALTED;
        }
        final long qty = c.qty();
        if (qty <= 0 || qty > MatchingEngine.MAX_QTY) {
            return RejectReason.INVALID_QTY;
        }
        final boolean market = c.orderType() == OrderType.MARKET;
        if (!market) {
            final RejectReason priceReason = checkPrice(c.price(), book);
            if (priceReason != null) {
                return priceReason;
            }
        }
        final int symbolIndex = book.index();
        if (c.side() == Side.BUY) {
            final long limit = market ? book.upperLimit() : c.price();
            if (buyReservation(limit, qty) > account.availableCash()) {
                return RejectReason.INSUFFICIENT_CASH;
            }
        } else if (qty > account.availableShares(symbolIndex)) {
            return RejectReason.INSUFFICIENT_SHARES;
        }
        return null;
    }

    private RejectReason checkPrice(long price, OrderBook book) {
        if (price <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        if (!rules.ticks().isOnTick(price)) {
            return RejectReason.INVALID_TICK;
        }
        if (price > book.upperLimit() || price < book.lowerLimit()) {
            return RejectReason.OUT_OF_PRICE_BAND;
        }
        return null;
    }

    void cancel(long userId, long orderId) {
        final Account account = accounts.get(userId);
        if (account == null) {
            listener.onRejected(userId, orderId, CommandType.CANCEL, RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        final Order order = account.openOrders().get(orderId);
        if (order == null) {
            listener.onRejected(userId, orderId, CommandType.CANCEL, RejectReason.UNKNOWN_ORDER);
            return;
        }
        final long qty = order.openQty();
        removeResting(order);
        listener.onCanceled(userId, orderId, qty);
    }

    void modify(Command c) {
        final long userId = c.userId();
        final long orderId = c.orderId();
        final Account account = accounts.get(userId);
        final Order order = account == null ? null : account.openOrders().get(orderId);
        final RejectReason reason = checkModify(c, account, order);
        if (reason != null) {
            listener.onRejected(userId, orderId, CommandType.MODIFY, reason);
            return;
        }
        final OrderBook book = order.book();
        final long newPrice = c.price();
        final long newQty = c.qty();
        if (newPrice == order.price() && newQty <= order.openQty()) {
            release(order, order.openQty() - newQty);
            book.reduce(order, newQty);
            listener.onModified(userId, orderId, newPrice, newQty);
            return;
        }
        book.remove(order);
        release(order, order.openQty());
        order.reprice(newPrice);
        order.setOpenQty(newQty);
        reserve(order);
        listener.onModified(userId, orderId, newPrice, newQty);
        final int outcome = matcher.match(order, newPrice);
        if (outcome == Matcher.FILLED) {
            order.account().openOrders().remove(orderId);
            pool.release(order);
        } else if (outcome == Matcher.SELF_TRADE) {
            order.account().openOrders().remove(orderId);
            cancelUnrested(order);
        } else {
            book.rest(order);
        }
    }

    private RejectReason checkModify(Command c, Account account, Order order) {
        if (account == null) {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (order == null) {
            return RejectReason.UNKNOWN_ORDER;
        }
        final OrderBook book = order.book();
        if (book.isHalted()) {
            return RejectReason.SYMBOL_HALTED;
        }
        final long newQty = c.qty();
        if (newQty <= 0 || newQty > MatchingEngine.MAX_QTY) {
            return RejectReason.INVALID_QTY;
        }
        final long newPrice = c.price();
        if (newPrice <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        if (newPrice != order.price()) {
            final RejectReason priceReason = checkPrice(newPrice, book);
            if (priceReason != null) {
                return priceReason;
            }
        }
        if (order.side() == Side.BUY) {
            final long extra = buyReservation(newPrice, newQty) - order.reservedCash();
            if (extra > account.availableCash()) {
                return RejectReason.INSUFFICIENT_CASH;
            }
        } else if (newQty - order.openQty() > account.availableShares(book.index())) {
            return RejectReason.INSUFFICIENT_SHARES;
        }
        return null;
    }

    /** Expires the DAY orders of one side, best level first, each level in time order. */
    void expireDayOrders(OrderBook book, Side side) {
        final BookSide bookSide = book.side(side);
        int rank = 0;
        while (rank < bookSide.levelCount()) {
            final PriceLevel level = bookSide.level(rank);
            final int levelsBefore = bookSide.levelCount();
            Order order = level.head();
            while (order != null) {
                final Order next = order.next();
                if (order.tif() == TimeInForce.DAY) {
                    final long userId = order.userId();
                    final long orderId = order.orderId();
                    final long qty = order.openQty();
                    removeResting(order);
                    listener.onExpired(userId, orderId, qty);
                }
                order = next;
            }
            if (bookSide.levelCount() == levelsBefore) {
                rank++;
            }
        }
    }

    /** Cancels every open order of one account in one book (bids then asks, priority order). */
    void cancelAllOf(OrderBook book, Account account) {
        cancelAllOf(book.side(Side.BUY), account);
        cancelAllOf(book.side(Side.SELL), account);
    }

    private void cancelAllOf(BookSide bookSide, Account account) {
        int rank = 0;
        while (rank < bookSide.levelCount()) {
            final int levelsBefore = bookSide.levelCount();
            Order order = bookSide.level(rank).head();
            while (order != null) {
                final Order next = order.next();
                if (order.account() == account) {
                    final long orderId = order.orderId();
                    final long qty = order.openQty();
                    removeResting(order);
                    listener.onCanceled(account.userId(), orderId, qty);
                }
                order = next;
            }
            if (bookSide.levelCount() == levelsBefore) {
                rank++;
            }
        }
    }

    /** @return whether what is left of a new order may rest: LIMIT GTC or DAY; MARKET, IOC and FOK never rest */
    private static boolean mayRest(OrderType type, TimeInForce tif) {
        return type == OrderType.LIMIT && (tif == TimeInForce.GTC || tif == TimeInForce.DAY);
    }

    /** Rests what is left of a new order, or cancels it if it may not rest. */
    private void finishTaker(Order order, int outcome, boolean mayRest) {
        if (outcome == Matcher.FILLED) {
            pool.release(order);
        } else if (outcome == Matcher.NO_MORE_LIQUIDITY && mayRest) {
            order.book().rest(order);
            order.account().openOrders().put(order);
        } else {
            cancelUnrested(order);
        }
    }

    /** Cancels the open quantity of an order that is not in the book, releasing its reservation. */
    private void cancelUnrested(Order order) {
        final long qty = order.openQty();
        release(order, qty);
        listener.onCanceled(order.userId(), order.orderId(), qty);
        pool.release(order);
    }

    /** Takes a resting order out of the book and the account and releases all it reserved. */
    private void removeResting(Order order) {
        order.book().remove(order);
        order.account().openOrders().remove(order.orderId());
        release(order, order.openQty());
        pool.release(order);
    }

    /**
     * @return what a buy of {@code qty} at {@code price} must reserve, or Long.MAX_VALUE when the
     *         notional does not fit in a long (prices keep rising with every limit-up day), which is
     *         more than any account can hold
     */
    private long buyReservation(long price, long qty) {
        return price > MAX_RESERVABLE_NOTIONAL / qty ? Long.MAX_VALUE : rules.buyReservation(price * qty);
    }

    private long marketLimit(OrderBook book, Side side) {
        return side == Side.BUY ? book.upperLimit() : book.lowerLimit();
    }

    /** Reserves cash (buy) or shares (sell) for the order's whole open quantity. */
    private void reserve(Order order) {
        final Account account = order.account();
        if (order.side() == Side.BUY) {
            final long cash = rules.buyReservation(order.reservePrice() * order.openQty());
            account.addReservedCash(cash);
            order.setReservedCash(cash);
        } else {
            account.addReservedShares(order.book().index(), order.openQty());
        }
    }

    /**
     * Releases the reservation for {@code qty} of the order's open quantity: shares one for one;
     * for a buy, the difference between the reservation for the current open quantity and the one
     * for what will remain.
     */
    private void release(Order order, long qty) {
        final Account account = order.account();
        if (order.side() == Side.BUY) {
            final long remaining = rules.buyReservation(order.reservePrice() * (order.openQty() - qty));
            account.addReservedCash(remaining - order.reservedCash());
            order.setReservedCash(remaining);
        } else {
            account.addReservedShares(order.book().index(), -qty);
        }
    }
}
