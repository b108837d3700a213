package com.motoo.bench.engine;

import com.motoo.engine.command.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * MODIFY through the real engine, on a book of 1,000 resting orders (see {@link BookFixture}),
 * visiting the resting orders in a shuffled cycle. Every modify leaves the book the same size, so
 * no fixture runs between operations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ModifyBenchmark {
    /** Quantity of each resting order in the reduce benchmark: room for a billion one-share reductions. */
    static final long REDUCIBLE_QTY = 1_000_000;

    /** The book and a shuffled cycle over its orders, with each order's current price and quantity. */
    @State(Scope.Thread)
    public static class Book {
        BookFixture fixture;
        final int[] cycle = new int[BookFixture.RESTING_ORDERS];
        final long[] price = new long[BookFixture.RESTING_ORDERS];
        final long[] qty = new long[BookFixture.RESTING_ORDERS];
        int cursor;

        void build(long restingQty) {
            fixture = new BookFixture(restingQty);
            final SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < cycle.length; i++) {
                cycle[i] = i;
                price[i] = fixture.restingPrice(i);
                qty[i] = restingQty;
            }
            for (int i = cycle.length - 1; i > 0; i--) {
                final int j = random.nextInt(i + 1);
                final int t = cycle[i];
                cycle[i] = cycle[j];
                cycle[j] = t;
            }
        }

        int next() {
            final int n = cycle[cursor];
            cursor = cursor + 1 == cycle.length ? 0 : cursor + 1;
            return n;
        }
    }

    /** Orders of 10 shares whose price moves one tick away from the spread and back. */
    @State(Scope.Thread)
    public static class PriceBook extends Book {
        @Setup
        public void setup() {
            build(10);
        }
    }

    /** Orders of {@value #REDUCIBLE_QTY} shares, reduced one share at a time. */
    @State(Scope.Thread)
    public static class ReduceBook extends Book {
        @Setup
        public void setup() {
            build(REDUCIBLE_QTY);
        }
    }

    /**
     * One price MODIFY that does not cross: check, release and re-reserve, MODIFIED, move to the
     * back of the level one tick away (or back home).
     */
    @Benchmark
    public long modifyPrice(PriceBook state) {
        final int n = state.next();
        final BookFixture fixture = state.fixture;
        final long home = fixture.restingPrice(n);
        final long away = fixture.restingSide(n) == Side.BUY ? home - BookFixture.TICK : home + BookFixture.TICK;
        final long newPrice = state.price[n] == home ? away : home;
        state.price[n] = newPrice;
        fixture.modify(fixture.restingUser(n), fixture.restingOrderId(n), newPrice, state.qty[n]);
        return fixture.checksum();
    }

    /** One quantity-reducing MODIFY at the same price: release part of the reservation, keep priority. */
    @Benchmark
    public long modifyReduce(ReduceBook state) {
        final int n = state.next();
        final long newQty = state.qty[n] - 1;
        if (newQty <= 0) {
            throw new IllegalStateException("order " + n + " ran out of quantity to reduce");
        }
        state.qty[n] = newQty;
        final BookFixture fixture = state.fixture;
        fixture.modify(fixture.restingUser(n), fixture.restingOrderId(n), state.price[n], newQty);
        return fixture.checksum();
    }
}
