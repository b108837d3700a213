package com.motoo.bench.engine;

import com.motoo.engine.command.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * PLACE through the real engine, on a book of 1,000 resting orders (see {@link BookFixture}).
 * Each invocation places {@value #BATCH} orders and counts as that many operations; an untimed
 * per-invocation fixture puts the book back (cancels what rested, or lays the makers that the
 * crossing orders will take), so the book stays the same size for the whole run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlaceBenchmark {
    static final int BATCH = 100;
    static final long QTY = 10;

    /** New orders that rest without crossing, at a random level 0-19 ticks from the spread, alternating sides. */
    @State(Scope.Thread)
    public static class Resting {
        BookFixture fixture;
        final long[] prices = new long[BATCH];
        final Side[] sides = new Side[BATCH];
        final long[] placedUser = new long[BATCH];
        final long[] placedOrderId = new long[BATCH];

        @Setup(Level.Trial)
        public void build() {
            fixture = new BookFixture(QTY);
            final SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < BATCH; i++) {
                sides[i] = i % 2 == 0 ? Side.BUY : Side.SELL;
                final long away = random.nextInt(BookFixture.LEVELS_PER_SIDE) * BookFixture.TICK;
                prices[i] = sides[i] == Side.BUY ? BookFixture.BEST_BID - away : BookFixture.BEST_ASK + away;
            }
        }

        @TearDown(Level.Invocation)
        public void cancelPlaced() {
            for (int i = 0; i < BATCH; i++) {
                fixture.cancel(placedUser[i], placedOrderId[i]);
            }
        }
    }

    /** Crossing orders that each fill exactly {@code fills} makers at the top of the book and are then done. */
    @State(Scope.Thread)
    public static class Crossing {
        @Param({"1", "2", "3", "4", "5"})
        int fills;
        BookFixture fixture;
        Side takerSide = Side.SELL;

        @Setup(Level.Trial)
        public void build() {
            fixture = new BookFixture(QTY);
        }

        /** Alternates the taker side and lays BATCH x fills makers on the other side, inside the spread. */
        @Setup(Level.Invocation)
        public void layMakers() {
            takerSide = takerSide.opposite();
            final Side makerSide = takerSide.opposite();
            for (int i = 0; i < BATCH * fills; i++) {
                fixture.place(BookFixture.FIRST_MAKER_USER + i % BookFixture.USERS_PER_ROLE, makerSide,
                    BookFixture.BASE_PRICE, QTY);
            }
        }
    }

    /** One resting PLACE: validation, cash or share reservation, ACCEPTED, insert at the back of its level. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long placeResting(Resting state) {
        for (int i = 0; i < BATCH; i++) {
            final long user = BookFixture.FIRST_RESTING_USER + i % BookFixture.USERS_PER_ROLE;
            state.placedUser[i] = user;
            state.placedOrderId[i] = state.fixture.place(user, state.sides[i], state.prices[i], QTY);
        }
        return state.fixture.checksum();
    }

    /** One crossing PLACE: ACCEPTED, then {@code fills} trades with settlement and fees, makers removed. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long placeCrossing(Crossing state) {
        final long qty = QTY * state.fills;
        for (int i = 0; i < BATCH; i++) {
            state.fixture.place(BookFixture.FIRST_TAKER_USER + i % BookFixture.USERS_PER_ROLE, state.takerSide,
                BookFixture.BASE_PRICE, qty);
        }
        return state.fixture.checksum();
    }
}
