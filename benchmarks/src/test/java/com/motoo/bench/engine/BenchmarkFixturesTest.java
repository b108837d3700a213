package com.motoo.bench.engine;

import com.motoo.engine.book.OrderBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs each benchmark body a few times by hand, with its fixtures, and checks that it does what
 * its name says and leaves the book as it found it. No timing.
 */
@Timeout(60)
class BenchmarkFixturesTest {
    private static int openOrders(BookFixture fixture) {
        final OrderBook book = fixture.engine().book(BookFixture.SYMBOL);
        return book.bids().orderCount() + book.asks().orderCount();
    }

    @Test
    void shouldBuildABookOfAThousandRestingOrdersWithAnEmptySpread() {
        final BookFixture fixture = new BookFixture(10);
        assertEquals(BookFixture.RESTING_ORDERS, openOrders(fixture));
        final OrderBook book = fixture.engine().book(BookFixture.SYMBOL);
        assertEquals(BookFixture.BEST_BID, book.bids().best().price());
        assertEquals(BookFixture.BEST_ASK, book.asks().best().price());
        assertEquals(0, fixture.sink().rejected());
    }

    @Test
    void shouldPlaceRestingOrdersAndPutTheBookBack() {
        final PlaceBenchmark benchmark = new PlaceBenchmark();
        final PlaceBenchmark.Resting state = new PlaceBenchmark.Resting();
        state.build();
        for (int i = 0; i < 3; i++) {
            final long acceptedBefore = state.fixture.sink().accepted();
            benchmark.placeResting(state);
            assertEquals(acceptedBefore + PlaceBenchmark.BATCH, state.fixture.sink().accepted());
            assertEquals(BookFixture.RESTING_ORDERS + PlaceBenchmark.BATCH, openOrders(state.fixture));
            state.cancelPlaced();
            assertEquals(BookFixture.RESTING_ORDERS, openOrders(state.fixture));
        }
        assertEquals(0, state.fixture.sink().trades());
        assertEquals(0, state.fixture.sink().rejected());
    }

    @Test
    void shouldFillExactlyTheAskedNumberOfMakersPerCrossingOrderOnBothSides() {
        final PlaceBenchmark benchmark = new PlaceBenchmark();
        for (int fills = 1; fills <= 5; fills++) {
            final PlaceBenchmark.Crossing state = new PlaceBenchmark.Crossing();
            state.fills = fills;
            state.build();
            for (int i = 0; i < 4; i++) {
                state.layMakers();
                final long tradesBefore = state.fixture.sink().trades();
                benchmark.placeCrossing(state);
                assertEquals(tradesBefore + (long) PlaceBenchmark.BATCH * fills, state.fixture.sink().trades());
                assertEquals(BookFixture.RESTING_ORDERS, openOrders(state.fixture));
            }
            assertEquals(0, state.fixture.sink().rejected());
        }
    }

    @Test
    void shouldCancelWhatTheFixtureRested() {
        final CancelBenchmark benchmark = new CancelBenchmark();
        final CancelBenchmark.Book state = new CancelBenchmark.Book();
        state.build();
        for (int i = 0; i < 3; i++) {
            state.restOrders();
            assertEquals(BookFixture.RESTING_ORDERS + CancelBenchmark.BATCH, openOrders(state.fixture));
            benchmark.cancel(state);
            assertEquals(BookFixture.RESTING_ORDERS, openOrders(state.fixture));
        }
        assertEquals(0, state.fixture.sink().rejected());
    }

    @Test
    void shouldModifyPricesAndQuantitiesWithoutTradingOrRejecting() {
        final ModifyBenchmark benchmark = new ModifyBenchmark();
        final ModifyBenchmark.PriceBook prices = new ModifyBenchmark.PriceBook();
        prices.setup();
        final ModifyBenchmark.ReduceBook reduces = new ModifyBenchmark.ReduceBook();
        reduces.setup();
        for (int i = 0; i < 3 * BookFixture.RESTING_ORDERS; i++) {
            benchmark.modifyPrice(prices);
            benchmark.modifyReduce(reduces);
        }
        for (BookFixture fixture : new BookFixture[] {prices.fixture, reduces.fixture}) {
            assertEquals(0, fixture.sink().rejected());
            assertEquals(0, fixture.sink().trades());
            assertEquals(BookFixture.RESTING_ORDERS, openOrders(fixture));
        }
        final OrderBook book = reduces.fixture.engine().book(BookFixture.SYMBOL);
        assertEquals(ModifyBenchmark.REDUCIBLE_QTY * BookFixture.ORDERS_PER_LEVEL - 3L * BookFixture.ORDERS_PER_LEVEL,
            book.bids().best().totalQty());
    }
}
