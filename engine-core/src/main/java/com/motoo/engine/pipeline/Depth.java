package com.motoo.engine.pipeline;

/**
 * An immutable copy of the best levels of one book (up to {@link CommandPipeline#DEPTH_LEVELS}
 * per side), best first: each level's price and total open quantity. The arrays are owned by this
 * value and must not be modified.
 *
 * @param symbol the packed symbol code
 * @param sequence the last command reflected
 * @param bidPrices bid prices, highest first
 * @param bidQtys bid quantities, matching {@code bidPrices}
 * @param askPrices ask prices, lowest first
 * @param askQtys ask quantities, matching {@code askPrices}
 */
public record Depth(long symbol, long sequence, long[] bidPrices, long[] bidQtys, long[] askPrices, long[] askQtys) {
}
