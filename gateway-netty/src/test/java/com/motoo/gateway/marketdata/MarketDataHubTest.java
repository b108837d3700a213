package com.motoo.gateway.marketdata;

import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.pipeline.Depth;
import com.motoo.engine.pipeline.Ticker;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fan-out through the event loop: one task per loop, conflated books, trades to trade subscribers only. */
@Timeout(10)
class MarketDataHubTest {
    private static final long SYMBOL = Symbol.encode("005930");
    private final EmbeddedChannel loop = new EmbeddedChannel();

    @AfterEach
    void close() {
        loop.finishAndReleaseAll();
    }

    /** Records what it is handed. */
    private class Recorder implements MarketDataSubscriber {
        final List<String> received = new ArrayList<>();

        @Override
        public EventExecutor executor() {
            return loop.eventLoop();
        }

        @Override
        public void deliverLatest(String channel, String json) {
            received.add(channel + " " + json);
        }

        @Override
        public void deliverTrade(String channel, String json) {
            received.add(channel + " " + json);
        }
    }

    private static Depth depth(long bidPrice) {
        return Depth.of(SYMBOL, bidPrice, new long[] {bidPrice}, new long[] {5}, new long[0], new long[0]);
    }

    @Test
    void shouldHandEachLoopOnlyTheLatestBook() {
        final MarketDataHub hub = new MarketDataHub(0, loop -> () -> { });
        final Recorder first = new Recorder();
        final Recorder second = new Recorder();
        hub.subscribe("book.005930", first);
        hub.subscribe("book.005930", second);
        for (int price = 1000; price < 2000; price++) {
            hub.onDepth(depth(price));
        }
        loop.runPendingTasks();
        assertEquals(1, first.received.size(), first.received.toString());
        assertTrue(first.received.get(0).contains("\"bids\":[[1999,5]]"), first.received.get(0));
        assertEquals(first.received, second.received);
    }

    @Test
    void shouldSendTradesToTradeSubscribersOnlyAndSnapshotsToNewSubscribers() {
        final MarketDataHub hub = new MarketDataHub(0, loop -> () -> { });
        final Recorder trades = new Recorder();
        final Recorder book = new Recorder();
        hub.subscribe("trades.005930", trades);
        hub.onTrade(SYMBOL, 70000, 3, Side.BUY, 1234);
        hub.onTrade(SYMBOL, 70100, 1, Side.SELL, 1235);
        hub.onDepth(depth(69900));
        loop.runPendingTasks();
        assertEquals(2, trades.received.size());
        assertEquals("trades.005930 {\"type\":\"trade\",\"symbol\":\"005930\",\"price\":70000,\"qty\":3,\"side\":\"BUY\",\"ts\":1234}",
            trades.received.get(0));
        hub.subscribe("book.005930", book);
        assertEquals(1, book.received.size(), "the latest book at once on subscribe");
        hub.unsubscribe("trades.005930", trades);
        hub.onTrade(SYMBOL, 70000, 1, Side.BUY, 1236);
        loop.runPendingTasks();
        assertEquals(2, trades.received.size());
    }

    /** A fall shows as large as the same rise: -0.125% as -0.13, as +0.125% shows as 0.13 (the halves away from zero). */
    @Test
    void shouldRoundTheChangeRateOfARiseAndAFallAlike() {
        final MarketDataHub hub = new MarketDataHub(0, loop -> () -> { });
        final Recorder ticker = new Recorder();
        hub.subscribe("ticker.005930", ticker);
        for (long last : new long[] {40_050, 39_950, 40_000, 0}) {
            hub.onTicker(new Ticker(SYMBOL, 1, last, 40_000, 40_000, 40_050, 39_950, 2, 80_000_000, 0, 0, 52_000, 28_000,
                false));
            loop.runPendingTasks();
        }
        assertEquals(4, ticker.received.size(), ticker.received.toString());
        assertTrue(ticker.received.get(0).contains("\"change\":50,\"changeRate\":0.13,"), ticker.received.get(0));
        assertTrue(ticker.received.get(1).contains("\"change\":-50,\"changeRate\":-0.13,"), ticker.received.get(1));
        assertTrue(ticker.received.get(2).contains("\"change\":0,\"changeRate\":0.0,"), ticker.received.get(2));
        assertTrue(ticker.received.get(3).contains("\"change\":0,\"changeRate\":0.0,"), "no trade yet: " + ticker.received.get(3));
    }

    /**
     * The state sent at a subscribe is taken before the loop's order events are written: a book the engine publishes
     * meanwhile (its batch's order events handed over after that writing) waits for the next hand-out.
     */
    @Test
    void shouldSendAtASubscribeOnlyAStateWhoseOrderEventsAreWrittenFirst() {
        final List<String> seen = new ArrayList<>();
        final MarketDataHub[] hub = new MarketDataHub[1];
        hub[0] = new MarketDataHub(0, loop -> () -> {
            seen.add("order events written");
            hub[0].onDepth(depth(2000)); // the engine, meanwhile: the next batch's order events handed over, then its book
        });
        hub[0].onDepth(depth(1000));
        final Recorder book = new Recorder() {
            @Override
            public void deliverLatest(String channel, String json) {
                seen.add(json.contains("[[1000,5]]") ? "book 1000" : json);
            }
        };
        hub[0].subscribe("book.005930", book);
        assertEquals(List.of("order events written", "book 1000"), seen);
    }
}
