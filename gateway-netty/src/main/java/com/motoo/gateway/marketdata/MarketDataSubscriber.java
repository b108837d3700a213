package com.motoo.gateway.marketdata;

import io.netty.util.concurrent.EventExecutor;

/**
 * A connection subscribed to market data. {@link MarketDataHub} calls {@link #deliverLatest} and
 * {@link #deliverTrade} on the subscriber's own {@link #executor()} (its event loop), never on
 * the engine thread. Implementations conflate book and ticker (keep only the latest per channel),
 * bound their trade queue (drop and count), and write when the socket can take it.
 */
public interface MarketDataSubscriber {
    /** @return the event loop that owns this subscriber; subscribe and unsubscribe are called on it too */
    EventExecutor executor();

    /** The latest state of a book or ticker channel; replaces any unsent earlier state of the channel. */
    void deliverLatest(String channel, String json);

    /** One trade on a trades channel; may be dropped (and counted) when the connection lags. */
    void deliverTrade(String channel, String json);
}
