package com.motoo.engine.pipeline;

/**
 * What the gateway implements to receive market data. After each ring batch the engine thread
 * calls it once per symbol whose book or ticker the batch may have changed. Callbacks must be
 * quick and must not block.
 */
public interface MarketDataListener {
    /**
     * A symbol's top of book. The depth is reused for the next symbol after the call returns: copy
     * what you keep, and do not hand the depth itself to another thread.
     */
    void onDepth(Depth depth);

    /** A copy of a symbol's ticker, immutable: other threads may read and keep it. */
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
