package com.motoo.engine.pipeline;

import com.motoo.engine.book.OrderBook;
import com.motoo.engine.book.PriceLevel;

/**
 * An immutable copy of one symbol's ticker. Prices in KRW; 0 where there is no value yet (no
 * trade today, empty side).
 *
 * @param symbol the packed symbol code
 * @param sequence the last command reflected
 * @param last the last trade price ever
 * @param base today's base price
 * @param open today's first trade price
 * @param high today's highest trade price
 * @param low today's lowest trade price
 * @param volume shares traded today
 * @param turnover KRW traded today
 * @param bid the best bid
 * @param ask the best ask
 * @param upperLimit today's highest valid price
 * @param lowerLimit today's lowest valid price
 * @param halted whether new orders are refused
 */
public record Ticker(long symbol, long sequence, long last, long base, long open, long high, long low, long volume,
                     long turnover, long bid, long ask, long upperLimit, long lowerLimit, boolean halted) {
    /**
     * @param sequence the last command the book reflects
     * @return a copy of a book's ticker. Engine thread, or a thread that owns the engine (start-up).
     */
    public static Ticker of(OrderBook book, long sequence) {
        final PriceLevel bid = book.bids().best();
        final PriceLevel ask = book.asks().best();
        return new Ticker(book.symbol(), sequence, book.lastPrice(), book.basePrice(), book.dayOpen(), book.dayHigh(),
            book.dayLow(), book.dayVolume(), book.dayTurnover(), bid == null ? 0 : bid.price(),
            ask == null ? 0 : ask.price(), book.upperLimit(), book.lowerLimit(), book.isHalted());
    }
}
