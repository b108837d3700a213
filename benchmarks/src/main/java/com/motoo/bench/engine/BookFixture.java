package com.motoo.bench.engine;

import com.motoo.bench.EventSink;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.rules.MarketRules;

/**
 * A real {@link MatchingEngine} (KRX rules, risk and fees) with one listed symbol and a book of
 * {@value #RESTING_ORDERS} resting orders, for the JMH benchmarks to work on. Prices:
 * <pre>
 *   asks  60,200 .. 62,100   20 levels x 25 orders
 *         60,100 / 60,000 / 59,900   empty: the spread, where crossing benchmarks put their makers
 *   bids  59,800 .. 57,900   20 levels x 25 orders
 * </pre>
 * Every price has the same 100 KRW tick. Users 1-100 own the resting orders, 101-200 are makers
 * and 201-300 takers in the crossing benchmarks; each has 10^13 KRW and 10^9 shares, enough for
 * any run. Each user numbers orders 1, 2, 3, ... so the engine's order-id registry never
 * allocates. Every command goes through one reused {@link Command} and {@link MatchingEngine#process}.
 *
 * <p>One benchmark thread only. Building it allocates; the order methods do not.
 */
final class BookFixture {
    static final long SYMBOL = Symbol.encode("005930");
    static final long BASE_PRICE = 60_000;
    static final long TICK = 100;
    static final long BEST_BID = 59_800;
    static final long BEST_ASK = 60_200;
    static final int LEVELS_PER_SIDE = 20;
    static final int ORDERS_PER_LEVEL = 25;
    static final int RESTING_ORDERS = 2 * LEVELS_PER_SIDE * ORDERS_PER_LEVEL;
    static final int USERS_PER_ROLE = 100;
    static final long FIRST_RESTING_USER = 1;
    static final long FIRST_MAKER_USER = FIRST_RESTING_USER + USERS_PER_ROLE;
    static final long FIRST_TAKER_USER = FIRST_MAKER_USER + USERS_PER_ROLE;

    private static final long CASH = 10_000_000_000_000L;
    private static final long SHARES = MatchingEngine.MAX_QTY;

    private final EventSink sink = new EventSink();
    private final MatchingEngine engine = new MatchingEngine(MarketRules.krxDefaults(), sink, 1 << 14);
    private final Command command = new Command();
    private final long[] nextOrderId = new long[(int) (FIRST_TAKER_USER + USERS_PER_ROLE)];

    private final long[] restingUser = new long[RESTING_ORDERS];
    private final long[] restingOrderId = new long[RESTING_ORDERS];
    private final long[] restingPrice = new long[RESTING_ORDERS];
    private final Side[] restingSide = new Side[RESTING_ORDERS];

    /** @param restingQty the quantity of each resting order */
    BookFixture(long restingQty) {
        engine.process(command.list(SYMBOL, "SAMSUNG", BASE_PRICE));
        for (long user = 1; user < nextOrderId.length; user++) {
            engine.process(command.account(user, CASH));
            engine.process(command.grant(user, SYMBOL, SHARES));
            nextOrderId[(int) user] = 1;
        }
        int n = 0;
        for (int level = 0; level < LEVELS_PER_SIDE; level++) {
            for (int k = 0; k < ORDERS_PER_LEVEL; k++) {
                n = rest(n, Side.BUY, BEST_BID - level * TICK, restingQty);
                n = rest(n, Side.SELL, BEST_ASK + level * TICK, restingQty);
            }
        }
        if (sink.rejected() != 0 || engine.book(SYMBOL).bids().levelCount() != LEVELS_PER_SIDE) {
            throw new IllegalStateException("fixture did not build: " + sink.rejected() + " rejects");
        }
    }

    private int rest(int n, Side side, long price, long qty) {
        final long user = FIRST_RESTING_USER + n % USERS_PER_ROLE;
        restingUser[n] = user;
        restingOrderId[n] = place(user, side, price, qty);
        restingPrice[n] = price;
        restingSide[n] = side;
        return n + 1;
    }

    /** Places a GTC limit order. @return its order id */
    long place(long user, Side side, long price, long qty) {
        final long orderId = nextOrderId[(int) user]++;
        engine.process(command.place(user, orderId, SYMBOL, side, OrderType.LIMIT, TimeInForce.GTC, price, qty));
        return orderId;
    }

    /** Cancels an order. */
    void cancel(long user, long orderId) {
        engine.process(command.cancel(user, orderId));
    }

    /** Modifies an order's price and open quantity. */
    void modify(long user, long orderId, long price, long qty) {
        engine.process(command.modify(user, orderId, price, qty));
    }

    /** @return what the benchmark returns so that nothing is dead code */
    long checksum() {
        return sink.checksum();
    }

    /** @return the event sink, to check a run's outcome */
    EventSink sink() {
        return sink;
    }

    /** @return the engine, to check a run's outcome */
    MatchingEngine engine() {
        return engine;
    }

    /** @return the owner of the n-th order of the initial book */
    long restingUser(int n) {
        return restingUser[n];
    }

    /** @return the order id of the n-th order of the initial book */
    long restingOrderId(int n) {
        return restingOrderId[n];
    }

    /** @return the price the n-th order of the initial book was placed at */
    long restingPrice(int n) {
        return restingPrice[n];
    }

    /** @return the side of the n-th order of the initial book */
    Side restingSide(int n) {
        return restingSide[n];
    }
}
