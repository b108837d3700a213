package com.motoo.gateway.marketdata;

import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers of one channel that live on one event loop. The engine thread only
 * {@link #offerLatest offers} (a map put: conflation) or {@link #offerTrade queues} a message and
 * schedules at most one task on the loop; that task hands the messages to every subscriber. So
 * the engine's cost per update is one offer per event loop, whatever the number of connections.
 * Hand-outs are at least {@code intervalNanos} apart, so a hot book costs each connection at most
 * one update per interval, its latest state. Before it hands out anything, a hand-out runs the
 * loop's {@code beforeMarketData} (the gateway's: write the order events waiting for the loop's
 * connections), and it hands out only what was offered before that: so no connection sees a trade
 * on the tape, or a book or ticker that reflects it, before the order events of the same ring
 * batch, which the engine thread hands over first.
 * The subscriber list is touched only on the loop.
 */
final class LoopFanOut implements Runnable {
    private static final int TRADE_QUEUE = 4096;

    private final String channel;
    private final EventExecutor executor;
    private final Runnable beforeMarketData;
    private final List<MarketDataSubscriber> subscribers = new ArrayList<>();
    private final ConcurrentHashMap<String, String> latest = new ConcurrentHashMap<>();
    /** The states a hand-out found waiting (names and messages by index); the event loop only. */
    private final List<String> latestNames = new ArrayList<>();
    private final List<String> latestStates = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> trades = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedTrades = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final long intervalNanos;
    private volatile long nextRunNanos;

    /**
     * @param channel the subscribed channel (book.SYM, trades.SYM, ticker.SYM or ticker.*)
     * @param executor the event loop of its subscribers
     * @param intervalNanos the shortest time between two hand-outs (0: as soon as possible)
     * @param beforeMarketData what runs on the loop before market data is handed out
     */
    LoopFanOut(String channel, EventExecutor executor, long intervalNanos, Runnable beforeMarketData) {
        this.channel = channel;
        this.executor = executor;
        this.intervalNanos = intervalNanos;
        this.beforeMarketData = beforeMarketData;
    }

    /** Adds a subscriber. Its event loop only. */
    void add(MarketDataSubscriber subscriber) {
        if (!subscribers.contains(subscriber)) {
            subscribers.add(subscriber);
        }
    }

    /** Removes a subscriber. Its event loop only. */
    void remove(MarketDataSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** A new state of a (book or ticker) channel. Any thread. */
    void offerLatest(String channel, String json) {
        latest.put(channel, json);
        schedule();
    }

    /** A trade; beyond the queue bound it is dropped here (the slow loop's subscribers see a gap). Any thread. */
    void offerTrade(String json) {
        if (queuedTrades.incrementAndGet() > TRADE_QUEUE) {
            queuedTrades.decrementAndGet();
            return;
        }
        trades.add(json);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            final long wait = nextRunNanos - System.nanoTime();
            if (wait > 0) {
                executor.schedule(this, wait, TimeUnit.NANOSECONDS);
            } else {
                executor.execute(this);
            }
        }
    }

    /** Hands what waits to every subscriber. The event loop only. */
    @Override
    public void run() {
        nextRunNanos = System.nanoTime() + intervalNanos;
        scheduled.set(false);
        // only what was offered before the loop's order events are written goes out: a state or a
        // trade the engine offers meanwhile may belong to a batch whose order events came after that
        // writing; its offer scheduled the next hand-out, which writes them first
        for (Map.Entry<String, String> entry : latest.entrySet()) {
            latestNames.add(entry.getKey());
            latestStates.add(entry.getValue());
        }
        final int queued = queuedTrades.get();
        if (queued > 0 || !latestNames.isEmpty()) {
            beforeMarketData.run();
        }
        for (int i = 0; i < latestNames.size(); i++) {
            final String name = latestNames.get(i);
            final String json = latestStates.get(i);
            if (latest.remove(name, json)) {
                for (int s = 0; s < subscribers.size(); s++) {
                    subscribers.get(s).deliverLatest(name, json);
                }
            }
        }
        latestNames.clear();
        latestStates.clear();
        String trade;
        for (int handed = 0; handed < queued && (trade = trades.poll()) != null; handed++) {
            queuedTrades.decrementAndGet();
            for (int i = 0; i < subscribers.size(); i++) {
                subscribers.get(i).deliverTrade(channel, trade);
            }
        }
    }
}
