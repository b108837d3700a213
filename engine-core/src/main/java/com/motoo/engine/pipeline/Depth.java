package com.motoo.engine.pipeline;

import com.motoo.engine.book.OrderBook;
import com.motoo.engine.command.Side;

/**
 * The best levels of one book (up to {@link CommandPipeline#DEPTH_LEVELS} per side), best first:
 * each level's price and total open quantity, and the last command they reflect.
 *
 * <p>Reusable: the engine thread {@linkplain #readFrom reads} every changed book into the same
 * instance, so the one a {@link MarketDataListener#onDepth listener} is handed is valid only during
 * that call; a listener that keeps levels copies them (or the text it makes of them). Not thread-safe.
 */
public final class Depth {
    private final long[] bidPrices = new long[CommandPipeline.DEPTH_LEVELS];
    private final long[] bidQtys = new long[CommandPipeline.DEPTH_LEVELS];
    private final long[] askPrices = new long[CommandPipeline.DEPTH_LEVELS];
    private final long[] askQtys = new long[CommandPipeline.DEPTH_LEVELS];
    private long symbol;
    private long sequence;
    private int bidLevels;
    private int askLevels;

    /**
     * A depth of the given levels (tools, tests).
     *
     * @param symbol the packed symbol code
     * @param sequence the last command reflected
     * @param bidPrices bid prices, highest first (at most {@link CommandPipeline#DEPTH_LEVELS})
     * @param bidQtys bid quantities, matching {@code bidPrices}
     * @param askPrices ask prices, lowest first (at most {@link CommandPipeline#DEPTH_LEVELS})
     * @param askQtys ask quantities, matching {@code askPrices}
     * @throws IllegalArgumentException when a side has more levels than a depth holds or its arrays differ in length
     */
    public static Depth of(long symbol, long sequence, long[] bidPrices, long[] bidQtys, long[] askPrices, long[] askQtys) {
        final Depth depth = new Depth();
        depth.symbol = symbol;
        depth.sequence = sequence;
        depth.bidLevels = copy(bidPrices, bidQtys, depth.bidPrices, depth.bidQtys);
        depth.askLevels = copy(askPrices, askQtys, depth.askPrices, depth.askQtys);
        return depth;
    }

    private static int copy(long[] prices, long[] qtys, long[] intoPrices, long[] intoQtys) {
        if (prices.length != qtys.length || prices.length > intoPrices.length) {
            throw new IllegalArgumentException("a side holds at most " + intoPrices.length
                + " levels, as many quantities as prices: " + prices.length + " prices, " + qtys.length + " quantities");
        }
        System.arraycopy(prices, 0, intoPrices, 0, prices.length);
        System.arraycopy(qtys, 0, intoQtys, 0, qtys.length);
        return prices.length;
    }

    /**
     * Replaces the levels with a book's best ones; allocates nothing.
     *
     * @param sequence the last command the book reflects
     * @return this depth
     */
    public Depth readFrom(OrderBook book, long sequence) {
        this.symbol = book.symbol();
        this.sequence = sequence;
        this.bidLevels = book.depth(Side.BUY, CommandPipeline.DEPTH_LEVELS, bidPrices, bidQtys);
        this.askLevels = book.depth(Side.SELL, CommandPipeline.DEPTH_LEVELS, askPrices, askQtys);
        return this;
    }

    /** @return the packed symbol code */
    public long symbol() {
        return symbol;
    }

    /** @return the last command reflected */
    public long sequence() {
        return sequence;
    }

    /** @return how many levels of {@code side} there are (0 to {@link CommandPipeline#DEPTH_LEVELS}) */
    public int levels(Side side) {
        return side == Side.BUY ? bidLevels : askLevels;
    }

    /** @return the price of a level of {@code side}, 0 being the best; {@code level} below {@link #levels} */
    public long price(Side side, int level) {
        return (side == Side.BUY ? bidPrices : askPrices)[checked(side, level)];
    }

    /** @return the total open quantity of a level of {@code side}, 0 being the best; {@code level} below {@link #levels} */
    public long qty(Side side, int level) {
        return (side == Side.BUY ? bidQtys : askQtys)[checked(side, level)];
    }

    private int checked(Side side, int level) {
        if (level < 0 || level >= levels(side)) {
            throw new IndexOutOfBoundsException("level " + level + " of " + levels(side) + " " + side + " levels");
        }
        return level;
    }
}
