package com.motoo.engine.pipeline;

/**
 * What the gateway implements to receive market data. After each ring batch the engine thread
 * calls it once per symbol whose book or ticker the batch may have changed, with fresh copies
 * that other threads may read and keep. Callbacks must be quick and must not block.
 */
public interface MarketDataListener {
    /** A copy of a symbol's top of book. */
    void onDepth(Depth depth);

    /** A copy of a symbol's ticker. */
    void onTicker(Ticker ticker);

    /** Ignores market data (tools, benchmarks). */
    MarketDataListener NONE = new MarketDataListener() {
        @Override
        public void onDepth(Depth depth) {
        }

        @Override
        public void onTicker(Ticker ticker) {
        }
    };
}
