package com.motoo.gateway.marketdata;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.pipeline.Depth;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.Ticker;
import com.motoo.gateway.json.JsonText;
import com.motoo.persister.query.Percent;

import io.netty.util.concurrent.EventExecutor;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Market data fan-out: encodes each depth, ticker and trade once as a PROTOCOL.md message and
 * offers it, once per event loop ({@link LoopFanOut}), to the connections subscribed to its
 * channel ({@code book.SYM}, {@code trades.SYM}, {@code ticker.SYM}, {@code ticker.*}); the loops
 * hand it to their connections. Keeps the latest book and ticker of every symbol for new
 * subscribers and for REST quotes. The engine thread publishes; subscribers subscribe on their
 * own event loop; any thread reads the latest state.
 */
public final class MarketDataHub implements MarketDataListener {
    /** The channel that carries every symbol's ticker. */
    public static final String ALL_TICKERS = "ticker.*";

    private final ConcurrentHashMap<String, ConcurrentHashMap<EventExecutor, LoopFanOut>> channels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> latestBook = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> latestTickerJson = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Ticker> latestTicker = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();
    private final StringBuilder out = new StringBuilder(1024);
    private final long intervalNanos;
    private final Function<EventExecutor, Runnable> beforeMarketData;

    /**
     * @param intervalMillis the shortest time between two market data hand-outs to a connection's channel
     * @param beforeMarketData for an event loop, what must run on it before it hands out market data: write
     *        the order events waiting for its connections (see {@link LoopFanOut})
     */
    public MarketDataHub(long intervalMillis, Function<EventExecutor, Runnable> beforeMarketData) {
        this.intervalNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.beforeMarketData = beforeMarketData;
    }

    /**
     * Subscribes a connection to a channel and delivers it the latest state at once. A connection
     * subscribed already stays subscribed once and is delivered the latest state again (a client
     * that lost track asks again). The order events waiting for the loop's connections are written
     * first, as before every hand-out. The subscriber's event loop only.
     */
    public void subscribe(String channel, MarketDataSubscriber subscriber) {
        channels.computeIfAbsent(channel, c -> new ConcurrentHashMap<>())
            .computeIfAbsent(subscriber.executor(), loop -> new LoopFanOut(channel, loop, intervalNanos,
                beforeMarketData.apply(loop)))
            .add(subscriber);
        deliverLatest(channel, subscriber);
    }

    /**
     * Delivers a channel's latest book or tickers, as {@link #subscribe} does, without subscribing (a connection whose
     * {@code ticker.*} already carries the ticker it asks for). As a hand-out does, it takes the states first, then
     * writes the order events waiting for the loop's connections, then delivers: a state is published after its batch's
     * order events are handed over, so the order events of every state taken are written before it. The subscriber's
     * event loop only; allocates.
     */
    public void deliverLatest(String channel, MarketDataSubscriber subscriber) {
        final Map<String, String> states = new TreeMap<>();
        if (channel.startsWith("book.")) {
            putIfPresent(states, channel, latestBook.get(channel.substring(5)));
        } else if (channel.equals(ALL_TICKERS)) {
            for (Map.Entry<String, String> ticker : latestTickerJson.entrySet()) {
                states.put("ticker." + ticker.getKey(), ticker.getValue());
            }
        } else if (channel.startsWith("ticker.")) {
            putIfPresent(states, channel, latestTickerJson.get(channel.substring(7)));
        }
        beforeMarketData.apply(subscriber.executor()).run();
        for (Map.Entry<String, String> state : states.entrySet()) {
            subscriber.deliverLatest(state.getKey(), state.getValue());
        }
    }

    private static void putIfPresent(Map<String, String> states, String channel, String json) {
        if (json != null) {
            states.put(channel, json);
        }
    }

    /** Removes a subscription. The subscriber's event loop only. */
    public void unsubscribe(String channel, MarketDataSubscriber subscriber) {
        final ConcurrentHashMap<EventExecutor, LoopFanOut> loops = channels.get(channel);
        final LoopFanOut fanOut = loops == null ? null : loops.get(subscriber.executor());
        if (fanOut != null) {
            fanOut.remove(subscriber);
        }
    }

    /**
     * @return a listed symbol that differs from {@code symbol} only in case ("qa-y" for "QA-Y"), or null. Scans every
     *         listed symbol: for the admin listing, not a hot path
     */
    public String listedInAnotherCase(String symbol) {
        for (String listed : names.keySet()) {
            if (!listed.equals(symbol) && listed.equalsIgnoreCase(symbol)) {
                return listed;
            }
        }
        return null;
    }

    /** @return whether the symbol is listed (known to the hub) */
    public boolean isListed(String symbol) {
        return names.containsKey(symbol);
    }

    /** @return symbol to name of every listed stock, in symbol order (a copy) */
    public Map<String, String> listing() {
        return new TreeMap<>(names);
    }

    /** @return the latest ticker of a symbol, or null */
    public Ticker ticker(String symbol) {
        return latestTicker.get(symbol);
    }

    /** @return the latest ticker message of a symbol as it was published (the REST quote), or null */
    public String tickerJson(String symbol) {
        return latestTickerJson.get(symbol);
    }

    /** @return the latest book message of a symbol, or null */
    public String bookJson(String symbol) {
        return latestBook.get(symbol);
    }

    /** Records a listed stock's name (engine thread, or start-up from the read model). */
    public void onSymbolListed(long symbol, String name, long basePrice) {
        names.put(Symbol.decode(symbol), name);
    }

    /**
     * Takes the book and ticker of every listed stock from a recovered engine, so quotes and
     * books are served before the first order after a restart. Start-up only: the engine is read on
     * the calling thread before any command is submitted.
     *
     * @param sequence the last command the recovered engine applied, which the seeded books and tickers reflect
     */
    public void seed(MatchingEngine engine, long sequence) {
        final Depth depth = new Depth();
        for (OrderBook book : engine.books()) {
            onSymbolListed(book.symbol(), book.name(), book.basePrice());
            onDepth(depth.readFrom(book, sequence));
            onTicker(Ticker.of(book, sequence));
        }
    }

    /** Records a listed stock's name by text (start-up from the read model). */
    public void addListing(String symbol, String name) {
        names.put(symbol, name);
    }

    @Override
    public void onDepth(Depth depth) {
        final String symbol = Symbol.decode(depth.symbol());
        out.setLength(0);
        out.append("{\"type\":\"book\"");
        JsonText.field(out, "symbol", symbol);
        levels(JsonText.name(out, "bids"), depth, Side.BUY);
        levels(JsonText.name(out, "asks"), depth, Side.SELL);
        JsonText.field(out, "sequence", depth.sequence());
        JsonText.field(out, "ts", System.currentTimeMillis());
        out.append('}');
        final String json = out.toString();
        latestBook.put(symbol, json);
        final String channel = "book." + symbol;
        fanOutLatest(channel, channel, json);
    }

    private static void levels(StringBuilder out, Depth depth, Side side) {
        out.append('[');
        for (int i = 0; i < depth.levels(side); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('[').append(depth.price(side, i)).append(',').append(depth.qty(side, i)).append(']');
        }
        out.append(']');
    }

    @Override
    public void onTicker(Ticker ticker) {
        final String symbol = Symbol.decode(ticker.symbol());
        final String json = tickerJson(symbol, ticker, System.currentTimeMillis());
        latestTicker.put(symbol, ticker);
        latestTickerJson.put(symbol, json);
        final String channel = "ticker." + symbol;
        fanOutLatest(channel, channel, json);
        fanOutLatest(ALL_TICKERS, channel, json);
    }

    /**
     * The PROTOCOL.md ticker message, extended with {@code name}, {@code turnover}, the
     * {@code sequence} of the last command it reflects and {@code ts}, the epoch millisecond it was
     * published at (as in the book message). Allocates.
     */
    private String tickerJson(String symbol, Ticker t, long ts) {
        final StringBuilder b = new StringBuilder(360);
        b.append("{\"type\":\"ticker\"");
        JsonText.field(b, "symbol", symbol);
        JsonText.field(b, "name", names.get(symbol));
        JsonText.field(b, "last", t.last());
        JsonText.field(b, "base", t.base());
        final long change = t.last() == 0 ? 0 : t.last() - t.base();
        JsonText.field(b, "change", change);
        JsonText.name(b, "changeRate").append(t.base() == 0 ? 0.0 : Percent.of(change, t.base()));
        JsonText.field(b, "open", t.open());
        JsonText.field(b, "high", t.high());
        JsonText.field(b, "low", t.low());
        JsonText.field(b, "volume", t.volume());
        JsonText.field(b, "turnover", t.turnover());
        JsonText.field(b, "bid", t.bid());
        JsonText.field(b, "ask", t.ask());
        JsonText.field(b, "upperLimit", t.upperLimit());
        JsonText.field(b, "lowerLimit", t.lowerLimit());
        JsonText.field(b, "halted", t.halted());
        JsonText.field(b, "sequence", t.sequence());
        JsonText.field(b, "ts", ts);
        return b.append('}').toString();
    }

    /** A trade (engine thread, from the execution stream). */
    public void onTrade(long symbolCode, long price, long qty, Side aggressor, long ts) {
        final String symbol = Symbol.decode(symbolCode);
        final ConcurrentHashMap<EventExecutor, LoopFanOut> loops = channels.get("trades." + symbol);
        if (loops == null || loops.isEmpty()) {
            return;
        }
        out.setLength(0);
        out.append("{\"type\":\"trade\"");
        JsonText.field(out, "symbol", symbol);
        JsonText.field(out, "price", price);
        JsonText.field(out, "qty", qty);
        JsonText.field(out, "side", aggressor.name());
        JsonText.field(out, "ts", ts);
        out.append('}');
        final String json = out.toString();
        for (LoopFanOut fanOut : loops.values()) {
            fanOut.offerTrade(json);
        }
    }

    /** Offers a state to every event loop with subscribers of {@code subscribed}, under the name {@code channel}. */
    private void fanOutLatest(String subscribed, String channel, String json) {
        final ConcurrentHashMap<EventExecutor, LoopFanOut> loops = channels.get(subscribed);
        if (loops != null) {
            for (LoopFanOut fanOut : loops.values()) {
                fanOut.offerLatest(channel, json);
            }
        }
    }
}
