package com.motoo.engine.book;

import com.motoo.engine.command.Side;

/**
 * One listed symbol: its two book sides, its price band for the day and its ticker (last trade,
 * day open/high/low, volume). Engine thread only; readers on other threads must get copies
 * made on the engine thread.
 */
public final class OrderBook {
    private final long symbol;
    private final String name;
    private final int index;
    private final BookSide bids = new BookSide(Side.BUY);
    private final BookSide asks = new BookSide(Side.SELL);

    private long basePrice;
    private long upperLimit;
    private long lowerLimit;
    private boolean halted;

    private long lastPrice;
    private long dayOpen;
    private long dayHigh;
    private long dayLow;
    private long dayVolume;
    private long dayTurnover;
    private long sharesOutstanding;

    /**
     * @param symbol packed symbol code
     * @param name display name
     * @param index position in listing order (0 for the first listed)
     */
    public OrderBook(long symbol, String name, int index) {
        this.symbol = symbol;
        this.name = name;
        this.index = index;
    }

    /** @return the packed symbol code */
    public long symbol() {
        return symbol;
    }

    /** @return the display name */
    public String name() {
        return name;
    }

    /** @return the position in listing order; also the index of the symbol in account position arrays */
    public int index() {
        return index;
    }

    /** @return the bid side */
    public BookSide bids() {
        return bids;
    }

    /** @return the ask side */
    public BookSide asks() {
        return asks;
    }

    /** @return the side orders of {@code side} rest on */
    public BookSide side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** @return today's base price (the previous day's last trade, or the listing price) */
    public long basePrice() {
        return basePrice;
    }

    /** @return today's highest valid price */
    public long upperLimit() {
        return upperLimit;
    }

    /** @return today's lowest valid price */
    public long lowerLimit() {
        return lowerLimit;
    }

    /** @return whether new orders and modifies are refused */
    public boolean isHalted() {
        return halted;
    }

    /** @return the last trade price ever, or 0 before the first trade */
    public long lastPrice() {
        return lastPrice;
    }

    /** @return today's first trade price, or 0 before today's first trade */
    public long dayOpen() {
        return dayOpen;
    }

    /** @return today's highest trade price, or 0 before today's first trade */
    public long dayHigh() {
        return dayHigh;
    }

    /** @return today's lowest trade price, or 0 before today's first trade */
    public long dayLow() {
        return dayLow;
    }

    /** @return shares traded today */
    public long dayVolume() {
        return dayVolume;
    }

    /** @return KRW traded today */
    public long dayTurnover() {
        return dayTurnover;
    }

    /** @return shares of this symbol held by all accounts together (granted, less what resets removed) */
    public long sharesOutstanding() {
        return sharesOutstanding;
    }

    /** Adds to (or with a negative value removes from) the shares held by all accounts. */
    public void addSharesOutstanding(long qty) {
        sharesOutstanding += qty;
    }

    /** Sets the base price and the day's band derived from it. */
    public void setBasePrice(long basePrice, long lowerLimit, long upperLimit) {
        this.basePrice = basePrice;
        this.lowerLimit = lowerLimit;
        this.upperLimit = upperLimit;
    }

    /** Halts or resumes the symbol. */
    public void setHalted(boolean halted) {
        this.halted = halted;
    }

    /** Records a trade in the ticker. */
    public void recordTrade(long price, long qty) {
        lastPrice = price;
        if (dayVolume == 0) {
            dayOpen = price;
            dayHigh = price;
            dayLow = price;
        } else {
            dayHigh = Math.max(dayHigh, price);
            dayLow = Math.min(dayLow, price);
        }
        dayVolume += qty;
        dayTurnover += price * qty;
    }

    /** @return whether anything traded today */
    public boolean tradedToday() {
        return dayVolume > 0;
    }

    /** Starts a new day's ticker (last price is kept). */
    public void startDay() {
        dayOpen = 0;
        dayHigh = 0;
        dayLow = 0;
        dayVolume = 0;
        dayTurnover = 0;
    }

    /**
     * Restores ticker fields (snapshot load).
     */
    public void restoreTicker(long lastPrice, long dayOpen, long dayHigh, long dayLow, long dayVolume,
                              long dayTurnover, long sharesOutstanding) {
        this.lastPrice = lastPrice;
        this.dayOpen = dayOpen;
        this.dayHigh = dayHigh;
        this.dayLow = dayLow;
        this.dayVolume = dayVolume;
        this.dayTurnover = dayTurnover;
        this.sharesOutstanding = sharesOutstanding;
    }

    /** Appends an order to the back of its price level. */
    public void rest(Order order) {
        side(order.side).add(order);
    }

    /** Takes a resting order out of the book. */
    public void remove(Order order) {
        side(order.side).remove(order);
    }

    /** Lowers a resting order's quantity in place, keeping its time priority. */
    public void reduce(Order order, long newQty) {
        order.level.reduce(order, newQty);
    }

    /**
     * Copies up to {@code maxLevels} levels of one side, best first, into the arrays.
     *
     * @return how many levels were copied
     */
    public int depth(Side side, int maxLevels, long[] prices, long[] quantities) {
        final BookSide bookSide = side(side);
        final int n = Math.min(Math.min(maxLevels, bookSide.levelCount()), Math.min(prices.length, quantities.length));
        for (int rank = 0; rank < n; rank++) {
            final PriceLevel level = bookSide.level(rank);
            prices[rank] = level.price;
            quantities[rank] = level.totalQty;
        }
        return n;
    }
}
