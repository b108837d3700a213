package com.motoo.gateway.marketdata;

/**
 * A connection subscribed to market data. Called by {@link MarketDataHub} on the engine thread;
 * implementations must return at once: conflate book and ticker (keep only the latest per
 * channel), bound the trade queue (drop and count), and write on their own I/O thread.
 */
public interface MarketDataSubscriber {
    /** The latest state of a book or ticker channel; replaces any unsent earlier state of the channel. */
    void offerLatest(String channel, String json);

    /** One trade on a trades channel; may be dropped (and counted) when the connection lags. */
    void offerTrade(String channel, String json);
}
