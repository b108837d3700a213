package com.motoo.persister.query;

/**
 * One minute of trading in one symbol.
 *
 * @param minuteMs the minute's first millisecond (UTC epoch)
 * @param turnover sum of price × qty
 */
public record Candle(long minuteMs, long open, long high, long low, long close, long volume, long turnover) {
}
