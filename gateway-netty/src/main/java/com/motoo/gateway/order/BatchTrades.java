package com.motoo.gateway.order;

import com.motoo.engine.command.Side;
import com.motoo.gateway.marketdata.MarketDataHub;

import java.util.Arrays;

/**
 * The trades of one ring batch, held back until the batch's order events are on their way and
 * then handed to the market data hub, so that a trader's connection learns of its own fill before
 * the same trade shows on the public tape: a trades hand-out on an event loop first writes the
 * order events waiting there ({@link com.motoo.gateway.marketdata.MarketDataHub}), and those of
 * this batch are there before its trades are. Engine thread only; grows to the largest batch, then
 * allocates nothing.
 */
final class BatchTrades {
    private long[] symbols = new long[64];
    private long[] prices = new long[64];
    private long[] qtys = new long[64];
    private long[] timestamps = new long[64];
    private Side[] aggressors = new Side[64];
    private int count;

    /** Holds one trade back. */
    void add(long symbol, long price, long qty, Side aggressor, long ts) {
        if (count == symbols.length) {
            final int grown = count * 2;
            symbols = Arrays.copyOf(symbols, grown);
            prices = Arrays.copyOf(prices, grown);
            qtys = Arrays.copyOf(qtys, grown);
            timestamps = Arrays.copyOf(timestamps, grown);
            aggressors = Arrays.copyOf(aggressors, grown);
        }
        symbols[count] = symbol;
        prices[count] = price;
        qtys[count] = qty;
        aggressors[count] = aggressor;
        timestamps[count] = ts;
        count++;
    }

    /** Hands the trades held back to the hub, in the order they happened, and forgets them. */
    void handTo(MarketDataHub marketData) {
        for (int i = 0; i < count; i++) {
            marketData.onTrade(symbols[i], prices[i], qtys[i], aggressors[i], timestamps[i]);
        }
        count = 0;
    }
}
