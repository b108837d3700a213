package com.motoo.engine;

import com.motoo.engine.account.Account;
import com.motoo.engine.book.BookSide;
import com.motoo.engine.book.Order;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.book.PriceLevel;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.rules.MarketRules;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's internal-consistency check, for tests to run after every command: level totals,
 * order reservations, account reservations, conservation of cash and shares, an uncrossed book,
 * and account order maps that match the books exactly. Throws {@link AssertionError} naming the
 * first broken invariant. Test code; allocates.
 */
public final class EngineInvariants {
    private EngineInvariants() {
    }

    /**
     * Checks every invariant of the engine's current state.
     *
     * @throws AssertionError if one is broken
     */
    public static void validate(MatchingEngine engine) {
        final MarketRules rules = engine.rules();
        final Map<Order, OrderBook> resting = new IdentityHashMap<>();
        for (OrderBook book : engine.books()) {
            validateSide(book, book.bids(), rules, resting);
            validateSide(book, book.asks(), rules, resting);
            final PriceLevel bestBid = book.bids().best();
            final PriceLevel bestAsk = book.asks().best();
            check(bestBid == null || bestAsk == null || bestBid.price() < bestAsk.price(),
                "book " + book.symbol() + " is crossed");
        }

        long totalCash = 0;
        final long[] sharesBySymbol = new long[engine.books().size()];
        int ordersInAccounts = 0;
        for (long userId : engine.userIdsAscending()) {
            final Account account = engine.account(userId);
            check(account.userId() == userId, "account keyed under the wrong user " + userId);
            long reservedCash = 0;
            final long[] reservedShares = new long[engine.books().size()];
            final List<Order> open = new ArrayList<>();
            account.openOrders().forEach(open::add);
            check(open.size() == account.openOrders().size(), "user " + userId + " open-order count is off");
            for (Order order : open) {
                final long orderId = order.orderId();
                check(account.openOrders().get(orderId) == order && order.account() == account,
                    "user " + userId + " maps order " + orderId + " to another order");
                check(resting.get(order) == order.book(), "open order " + userId + "/" + orderId + " is not in its book");
                check(account.orderIds().isUsed(orderId), "open order id " + orderId + " not marked used");
                if (order.side() == Side.BUY) {
                    reservedCash += order.reservedCash();
                } else {
                    reservedShares[order.book().index()] += order.openQty();
                }
                ordersInAccounts++;
            }
            check(account.reservedCash() == reservedCash,
                "user " + userId + " reservedCash " + account.reservedCash() + " != sum of open buys " + reservedCash);
            check(0 <= account.reservedCash() && account.reservedCash() <= account.cash(),
                "user " + userId + " cash " + account.cash() + " reserved " + account.reservedCash());
            totalCash += account.cash();
            for (OrderBook book : engine.books()) {
                final int index = book.index();
                check(account.reservedShares(index) == reservedShares[index], "user " + userId + " symbol "
                    + book.symbol() + " reservedShares " + account.reservedShares(index) + " != " + reservedShares[index]);
                check(0 <= account.reservedShares(index) && account.reservedShares(index) <= account.shares(index),
                    "user " + userId + " shares " + account.shares(index) + " reserved " + account.reservedShares(index));
                sharesBySymbol[index] += account.shares(index);
            }
        }
        check(ordersInAccounts == resting.size(),
            resting.size() + " orders rest in books but accounts hold " + ordersInAccounts);
        check(engine.cashIssued() == totalCash + engine.feesCollected(), "cash issued " + engine.cashIssued()
            + " != cash " + totalCash + " + fees " + engine.feesCollected());
        for (OrderBook book : engine.books()) {
            check(sharesBySymbol[book.index()] == book.sharesOutstanding(), "symbol " + book.symbol() + " holdings "
                + sharesBySymbol[book.index()] + " != outstanding " + book.sharesOutstanding());
        }
    }

    private static void validateSide(OrderBook book, BookSide side, MarketRules rules, Map<Order, OrderBook> resting) {
        long previousPrice = 0;
        int linked = 0;
        for (int rank = 0; rank < side.levelCount(); rank++) {
            final PriceLevel level = side.level(rank);
            check(rank == 0 || side.isBetter(previousPrice, level.price()),
                "levels out of order at " + level.price() + " in " + book.symbol());
            previousPrice = level.price();
            long qty = 0;
            int count = 0;
            for (Order order = level.head(); order != null; order = order.next()) {
                check(++count <= level.orderCount(), "level " + level.price() + " links more orders than it counts");
                check(order.book() == book && order.side() == side.side() && order.price() == level.price(),
                    "order " + order.orderId() + " is in the wrong level");
                check(order.isResting() && order.type() == OrderType.LIMIT
                    && (order.tif() == TimeInForce.GTC || order.tif() == TimeInForce.DAY),
                    "order " + order.orderId() + " may not rest");
                check(order.openQty() > 0, "order " + order.orderId() + " rests with no quantity");
                final long expectedCash = order.side() == Side.BUY
                    ? rules.buyReservation(order.reservePrice() * order.openQty()) : 0;
                check(order.reservePrice() == order.price() && order.reservedCash() == expectedCash,
                    "order " + order.orderId() + " reserves " + order.reservedCash() + " not " + expectedCash);
                check(resting.put(order, book) == null, "order " + order.orderId() + " rests twice");
                qty += order.openQty();
            }
            check(count == level.orderCount() && count > 0,
                "level " + level.price() + " counts " + level.orderCount() + " orders, links " + count);
            check(qty == level.totalQty(), "level " + level.price() + " total " + level.totalQty() + " != " + qty);
            linked += count;
        }
        check(side.orderCount() == linked,
            side.side() + " side of " + book.symbol() + " counts " + side.orderCount() + " orders, links " + linked);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError("engine invariant broken: " + message);
        }
    }
}
