package com.motoo.bench.engine;

import com.motoo.engine.command.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * CANCEL through the real engine, on a book of 1,000 resting orders (see {@link BookFixture}).
 * An untimed per-invocation fixture rests {@value #BATCH} orders at random levels; the timed part
 * cancels them in a shuffled order (each from the middle of its level's queue, mostly).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CancelBenchmark {
    static final int BATCH = 100;
    static final long QTY = 10;

    /** The book plus the orders the next invocation will cancel. */
    @State(Scope.Thread)
    public static class Book {
        BookFixture fixture;
        final long[] prices = new long[BATCH];
        final Side[] sides = new Side[BATCH];
        final int[] cancelOrder = new int[BATCH];
        final long[] placedUser = new long[BATCH];
        final long[] placedOrderId = new long[BATCH];

        @Setup(Level.Trial)
        public void build() {
            fixture = new BookFixture(QTY);
            final SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < BATCH; i++) {
                sides[i] = i % 2 == 0 ? Side.BUY : Side.SELL;
                final long away = random.nextInt(BookFixture.LEVELS_PER_SIDE) * BookFixture.TICK;
                prices[i] = sides[i] == Side.BUY ? BookFixture.BEST_BID - away : BookFixture.BEST_ASK + away;
                cancelOrder[i] = i;
            }
            for (int i = BATCH - 1; i > 0; i--) {
                final int j = random.nextInt(i + 1);
                final int t = cancelOrder[i];
                cancelOrder[i] = cancelOrder[j];
                cancelOrder[j] = t;
            }
        }

        @Setup(Level.Invocation)
        public void restOrders() {
            for (int i = 0; i < BATCH; i++) {
                final long user = BookFixture.FIRST_RESTING_USER + i % BookFixture.USERS_PER_ROLE;
                placedUser[i] = user;
                placedOrderId[i] = fixture.place(user, sides[i], prices[i], QTY);
            }
        }
    }

    /** One CANCEL: find the order, unlink it from its level, release its reservation, CANCELED. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long cancel(Book state) {
        for (int i = 0; i < BATCH; i++) {
            final int n = state.cancelOrder[i];
            state.fixture.cancel(state.placedUser[n], state.placedOrderId[n]);
        }
        return state.fixture.checksum();
    }
}
