package com.motoo.engine.reference;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A naive, obviously-correct exchange written from DESIGN.md alone (plus the documented engine
 * extensions: HALT/RESUME, DEPOSIT, RESET, SYMBOL_HALTED, INVALID_ORDER_ID, INVALID_AMOUNT), used
 * as the oracle for {@link com.motoo.engine.MatchingEngine}. It prints the same event lines as
 * {@link com.motoo.engine.event.EventTextFormat} and the same final-state lines as the replay, and
 * can dump its whole state in the format of {@link com.motoo.engine.EngineStateDump}.
 *
 * <p>Plain collections, linear scans, reservations summed from open orders on demand, fees in
 * big-integer arithmetic: slow, but each rule reads as one short block.
 */
public final class ReferenceExchange {
    private final Map<String, ReferenceBook> books = new LinkedHashMap<>();
    private final TreeMap<Long, ReferenceAccount> accounts = new TreeMap<>();
    private long feesCollected;
    private long cashIssued;
    private StringBuilder out;

    /** Applies one command, appending its event lines to {@code events}. */
    public void process(Command c, StringBuilder events) {
        this.out = events;
        switch (c.type()) {
            case LIST -> list(Symbol.decode(c.symbol()), c.price());
            case ACCOUNT -> openAccount(c.userId(), c.amount());
            case GRANT -> grant(c.userId(), Symbol.decode(c.symbol()), c.qty());
            case PLACE -> place(c);
            case CANCEL -> cancel(c.userId(), c.orderId());
            case MODIFY -> modify(c.userId(), c.orderId(), c.price(), c.qty());
            case EOD -> endOfDay();
            case HALT, RESUME -> halt(Symbol.decode(c.symbol()), c.type() == CommandType.HALT);
            case DEPOSIT -> deposit(c.userId(), c.amount());
            case RESET -> reset(c.userId(), c.amount());
            default -> throw new IllegalArgumentException("unknown command " + c.type());
        }
    }

    /** @return the upper price limit of the n-th listed symbol (for generators) */
    public long upperLimit(int listingIndex) {
        return bookAt(listingIndex).upperLimit;
    }

    /** @return the lower price limit of the n-th listed symbol (for generators) */
    public long lowerLimit(int listingIndex) {
        return bookAt(listingIndex).lowerLimit;
    }

    private ReferenceBook bookAt(int listingIndex) {
        return new ArrayList<>(books.values()).get(listingIndex);
    }

    // ------------------------------------------------------------------ set-up commands

    private void list(String symbol, long basePrice) {
        if (books.containsKey(symbol)) {
            setupReject("DUPLICATE_SYMBOL");
        } else if (basePrice <= 0 || basePrice > ReferenceRules.MAX_BASE_PRICE) {
            setupReject("INVALID_PRICE");
        } else if (!ReferenceRules.onTick(basePrice)) {
            setupReject("INVALID_TICK");
        } else {
            books.put(symbol, new ReferenceBook(symbol, books.size(), basePrice));
        }
    }

    private void openAccount(long userId, long cash) {
        if (accounts.containsKey(userId)) {
            setupReject("DUPLICATE_ACCOUNT");
        } else if (cash < 0 || cash > ReferenceRules.MAX_CASH) {
            setupReject("INVALID_AMOUNT");
        } else {
            accounts.put(userId, new ReferenceAccount(userId, cash));
            cashIssued += cash;
        }
    }

    private void grant(long userId, String symbol, long qty) {
        final ReferenceAccount account = accounts.get(userId);
        if (account == null) {
            setupReject("UNKNOWN_ACCOUNT");
        } else if (!books.containsKey(symbol)) {
            setupReject("UNKNOWN_SYMBOL");
        } else if (qty <= 0 || qty > ReferenceRules.MAX_QTY) {
            setupReject("INVALID_QTY");
        } else {
            account.addShares(symbol, qty);
        }
    }

    private void halt(String symbol, boolean halted) {
        final ReferenceBook book = books.get(symbol);
        if (book == null) {
            setupReject("UNKNOWN_SYMBOL");
        } else {
            book.halted = halted;
        }
    }

    private void deposit(long userId, long amount) {
        final ReferenceAccount account = accounts.get(userId);
        if (account == null) {
            setupReject("UNKNOWN_ACCOUNT");
        } else if (amount == 0 || Math.abs(amount) > ReferenceRules.MAX_CASH
            || account.cash + amount > ReferenceRules.MAX_CASH) {
            setupReject("INVALID_AMOUNT");
        } else if (account.availableCash() + amount < 0) {
            setupReject("INSUFFICIENT_CASH");
        } else {
            account.cash += amount;
            cashIssued += amount;
        }
    }

    private void reset(long userId, long cash) {
        final ReferenceAccount account = accounts.get(userId);
        if (account == null) {
            setupReject("UNKNOWN_ACCOUNT");
        } else if (cash < 0 || cash > ReferenceRules.MAX_CASH) {
            setupReject("INVALID_AMOUNT");
        } else {
            for (ReferenceBook book : books.values()) {
                for (Side side : Side.values()) {
                    for (ReferenceOrder order : book.inPriority(side)) {
                        if (order.userId == userId) {
                            removeOpen(order);
                            line("CANCELED", order.userId, order.orderId, order.openQty);
                        }
                    }
                }
            }
            account.shares.clear();
            cashIssued += cash - account.cash;
            account.cash = cash;
        }
    }

    /** Expire DAY orders: symbols in listing order, bids best to worst then asks, each level in time order. */
    private void endOfDay() {
        for (ReferenceBook book : books.values()) {
            for (Side side : Side.values()) {
                for (ReferenceOrder order : book.inPriority(side)) {
                    if (order.tif == TimeInForce.DAY) {
                        removeOpen(order);
                        line("EXPIRED", order.userId, order.orderId, order.openQty);
                    }
                }
            }
            if (book.lastPriceToday != 0) {
                book.setBase(book.lastPriceToday);
            }
            book.lastPriceToday = 0;
            book.dayVolume = 0;
        }
    }

    // ------------------------------------------------------------------ order commands

    private void place(Command c) {
        final ReferenceAccount account = accounts.get(c.userId());
        final ReferenceBook book = books.get(Symbol.decode(c.symbol()));
        final String reason = placeReject(c, account, book);
        if (reason != null) {
            reject(c.userId(), c.orderId(), reason);
            return;
        }
        final boolean market = c.orderType() == OrderType.MARKET;
        final ReferenceOrder order = new ReferenceOrder(c.userId(), c.orderId(), book, c.side(), c.orderType(),
            c.tif(), market ? 0 : c.price(), c.qty());
        account.usedOrderIds.add(c.orderId());
        line("ACCEPTED", c.userId(), c.orderId());
        final long limit = market ? (c.side() == Side.BUY ? book.upperLimit : book.lowerLimit) : c.price();
        if (c.tif() == TimeInForce.FOK && quantityAheadOfOwn(order, limit) < order.openQty) {
            line("CANCELED", order.userId, order.orderId, order.openQty);
            return;
        }
        final boolean selfTrade = trade(order, limit);
        final boolean mayRest = !market && (c.tif() == TimeInForce.GTC || c.tif() == TimeInForce.DAY);
        if (order.openQty > 0) {
            if (mayRest && !selfTrade) {
                book.addToBack(order);
                account.openOrders.put(order.orderId, order);
            } else {
                line("CANCELED", order.userId, order.orderId, order.openQty);
            }
        }
    }

    private String placeReject(Command c, ReferenceAccount account, ReferenceBook book) {
        if (account == null) {
            return "UNKNOWN_ACCOUNT";
        }
        if (book == null) {
            return "UNKNOWN_SYMBOL";
        }
        if (c.orderId() <= 0) {
            return "INVALID_ORDER_ID";
        }
        if (account.usedOrderIds.contains(c.orderId())) {
            return "DUPLICATE_ORDER_ID";
        }
        if (book.halted) {
            return "SYMBOL_HALTED";
        }
        if (c.qty() <= 0 || c.qty() > ReferenceRules.MAX_QTY) {
            return "INVALID_QTY";
        }
        if (c.orderType() == OrderType.LIMIT) {
            final String priceReason = priceReject(c.price(), book);
            if (priceReason != null) {
                return priceReason;
            }
        }
        if (c.side() == Side.BUY) {
            final long price = c.orderType() == OrderType.MARKET ? book.upperLimit : c.price();
            if (ReferenceRules.buyReservation(price, c.qty()) > account.availableCash()) {
                return "INSUFFICIENT_CASH";
            }
        } else if (c.qty() > account.availableShares(book.symbol)) {
            return "INSUFFICIENT_SHARES";
        }
        return null;
    }

    private static String priceReject(long price, ReferenceBook book) {
        if (price <= 0) {
            return "INVALID_PRICE";
        }
        if (!ReferenceRules.onTick(price)) {
            return "INVALID_TICK";
        }
        if (price > book.upperLimit || price < book.lowerLimit) {
            return "OUT_OF_PRICE_BAND";
        }
        return null;
    }

    private void cancel(long userId, long orderId) {
        final ReferenceAccount account = accounts.get(userId);
        if (account == null) {
            reject(userId, orderId, "UNKNOWN_ACCOUNT");
            return;
        }
        final ReferenceOrder order = account.openOrders.get(orderId);
        if (order == null) {
            reject(userId, orderId, "UNKNOWN_ORDER");
            return;
        }
        removeOpen(order);
        line("CANCELED", userId, orderId, order.openQty);
    }

    private void modify(long userId, long orderId, long newPrice, long newQty) {
        final ReferenceAccount account = accounts.get(userId);
        final ReferenceOrder order = account == null ? null : account.openOrders.get(orderId);
        final String reason = modifyReject(account, order, newPrice, newQty);
        if (reason != null) {
            reject(userId, orderId, reason);
            return;
        }
        if (newPrice == order.price && newQty <= order.openQty) {
            order.openQty = newQty;
            line("MODIFIED", userId, orderId, newPrice, newQty);
            return;
        }
        removeOpen(order);
        order.price = newPrice;
        order.openQty = newQty;
        line("MODIFIED", userId, orderId, newPrice, newQty);
        final boolean selfTrade = trade(order, newPrice);
        if (order.openQty > 0) {
            if (selfTrade) {
                line("CANCELED", userId, orderId, order.openQty);
            } else {
                order.book.addToBack(order);
                account.openOrders.put(orderId, order);
            }
        }
    }

    private String modifyReject(ReferenceAccount account, ReferenceOrder order, long newPrice, long newQty) {
        if (account == null) {
            return "UNKNOWN_ACCOUNT";
        }
        if (order == null) {
            return "UNKNOWN_ORDER";
        }
        if (order.book.halted) {
            return "SYMBOL_HALTED";
        }
        if (newQty <= 0 || newQty > ReferenceRules.MAX_QTY) {
            return "INVALID_QTY";
        }
        if (newPrice <= 0) {
            return "INVALID_PRICE";
        }
        if (newPrice != order.price) {
            final String priceReason = priceReject(newPrice, order.book);
            if (priceReason != null) {
                return priceReason;
            }
        }
        if (order.side == Side.BUY) {
            final long extra = ReferenceRules.buyReservation(newPrice, newQty) - order.reservedCash();
            if (extra > account.availableCash()) {
                return "INSUFFICIENT_CASH";
            }
        } else if (newQty - order.openQty > account.availableShares(order.book.symbol)) {
            return "INSUFFICIENT_SHARES";
        }
        return null;
    }

    // ------------------------------------------------------------------ matching

    /** For FOK: the quantity that could trade before the first own order or the limit. */
    private static long quantityAheadOfOwn(ReferenceOrder taker, long limit) {
        long sum = 0;
        for (ReferenceOrder maker : taker.book.inPriority(taker.side.opposite())) {
            if (!taker.accepts(maker.price, limit) || maker.userId == taker.userId) {
                break;
            }
            sum += maker.openQty;
        }
        return sum;
    }

    /**
     * Trades the taker (not in the book) against the opposite side in priority order.
     *
     * @return whether it stopped at an order of the same user with quantity left (self-trade)
     */
    private boolean trade(ReferenceOrder taker, long limit) {
        for (ReferenceOrder maker : taker.book.inPriority(taker.side.opposite())) {
            if (taker.openQty == 0 || !taker.accepts(maker.price, limit)) {
                return false;
            }
            if (maker.userId == taker.userId) {
                return true;
            }
            final long qty = Math.min(taker.openQty, maker.openQty);
            settle(taker.side == Side.BUY ? taker : maker, taker.side == Side.BUY ? maker : taker, maker.price, qty);
            line("TRADE", taker.book.symbol, maker.price, qty,
                taker.side == Side.BUY ? taker.userId : maker.userId, taker.side == Side.BUY ? taker.orderId : maker.orderId,
                taker.side == Side.BUY ? maker.userId : taker.userId, taker.side == Side.BUY ? maker.orderId : taker.orderId,
                taker.side);
            taker.openQty -= qty;
            maker.openQty -= qty;
            if (maker.openQty == 0) {
                removeOpen(maker);
            }
        }
        return false;
    }

    private void settle(ReferenceOrder buy, ReferenceOrder sell, long price, long qty) {
        final long notional = price * qty;
        final long commission = ReferenceRules.commission(notional);
        final long tax = ReferenceRules.sellTax(notional);
        final ReferenceAccount buyer = accounts.get(buy.userId);
        final ReferenceAccount seller = accounts.get(sell.userId);
        buyer.cash -= notional + commission;
        buyer.addShares(buy.book.symbol, qty);
        seller.cash += notional - commission - tax;
        seller.addShares(sell.book.symbol, -qty);
        feesCollected += 2 * commission + tax;
        buy.book.recordTrade(price, qty);
    }

    private void removeOpen(ReferenceOrder order) {
        order.book.remove(order);
        accounts.get(order.userId).openOrders.remove(order.orderId);
    }

    // ------------------------------------------------------------------ output

    private void reject(long userId, long orderId, String reason) {
        line("REJECTED", userId, orderId, reason);
    }

    private void setupReject(String reason) {
        line("REJECTED", 0, 0, reason);
    }

    private void line(String kind, Object... fields) {
        out.append(kind);
        for (Object field : fields) {
            out.append(',').append(field);
        }
        out.append('\n');
    }

    /** Appends the replay's final-state lines: BALANCE per user ascending, then POSITIONs with qty &gt; 0 by symbol. */
    public void appendFinalState(StringBuilder text) {
        for (ReferenceAccount account : accounts.values()) {
            text.append("BALANCE,").append(account.userId).append(',').append(account.cash).append(',')
                .append(account.reservedCash()).append('\n');
            for (Map.Entry<String, Long> position : account.shares.entrySet()) {
                if (position.getValue() > 0) {
                    text.append("POSITION,").append(account.userId).append(',').append(position.getKey()).append(',')
                        .append(position.getValue()).append(',').append(account.reservedShares(position.getKey()))
                        .append('\n');
                }
            }
        }
    }

    /** Appends the whole state in {@link com.motoo.engine.EngineStateDump}'s format. */
    public void appendState(StringBuilder text) {
        text.append("FEES,").append(feesCollected).append(",ISSUED,").append(cashIssued).append('\n');
        for (ReferenceBook book : books.values()) {
            text.append("BOOK,").append(book.symbol).append(',').append(book.basePrice).append(',')
                .append(book.lowerLimit).append(',').append(book.upperLimit).append(',').append(book.halted)
                .append(',').append(book.lastPrice).append(',').append(book.dayVolume).append('\n');
            for (Side side : Side.values()) {
                for (Map.Entry<Long, List<ReferenceOrder>> level : book.side(side).entrySet()) {
                    text.append(side == Side.BUY ? "BID," : "ASK,").append(level.getKey());
                    for (ReferenceOrder order : level.getValue()) {
                        text.append(',').append(order.userId).append(':').append(order.orderId).append(':')
                            .append(order.openQty).append(':').append(order.tif);
                    }
                    text.append('\n');
                }
            }
        }
        appendFinalState(text);
    }
}
