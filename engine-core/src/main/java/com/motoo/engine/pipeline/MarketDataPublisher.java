package com.motoo.engine.pipeline;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.book.OrderBook;

import java.util.Arrays;
import java.util.List;

/**
 * Remembers which books a batch touched and, at its end, hands the {@link MarketDataListener} a
 * {@link Depth} and a fresh {@link Ticker} for each, in listing order. Engine thread only; the
 * depth is one instance read from each book in turn, so each changed symbol costs one small
 * object per batch (the ticker, which listeners keep), nothing when the listener is
 * {@link MarketDataListener#NONE}.
 */
final class MarketDataPublisher {
    private final MarketDataListener listener;
    private final Depth depth = new Depth();
    private boolean[] changed = new boolean[64];
    private int changedCount;

    MarketDataPublisher(MarketDataListener listener) {
        this.listener = listener;
    }

    /** Marks one book as changed in this batch. */
    void mark(OrderBook book) {
        if (book == null || listener == MarketDataListener.NONE) {
            return;
        }
        final int index = book.index();
        if (index >= changed.length) {
            changed = Arrays.copyOf(changed, Math.max(index + 1, changed.length * 2));
        }
        if (!changed[index]) {
            changed[index] = true;
            changedCount++;
        }
    }

    /** Marks every book as changed (end of day, account reset). */
    void markAll(MatchingEngine engine) {
        for (OrderBook book : engine.books()) {
            mark(book);
        }
    }

    /** Publishes copies for the books marked since the last call and clears the marks. */
    void publish(MatchingEngine engine, long sequence) {
        if (changedCount == 0) {
            return;
        }
        final List<OrderBook> books = engine.books();
        for (int index = 0; index < books.size() && changedCount > 0; index++) {
            if (index < changed.length && changed[index]) {
                changed[index] = false;
                changedCount--;
                final OrderBook book = books.get(index);
                listener.onDepth(depth.readFrom(book, sequence));
                listener.onTicker(Ticker.of(book, sequence));
            }
        }
    }
}
