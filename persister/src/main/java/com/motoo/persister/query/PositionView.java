package com.motoo.persister.query;

/**
 * One holding in a portfolio.
 *
 * <p>Cost basis is a moving average of purchase prices, fees excluded: a buy adds price × qty, a
 * grant adds qty × the base price of the day, a sell removes floor(basis × sold / held). Realized
 * P&amp;L of a sell fill = price × qty − removed basis − sell commission − sell tax, i.e.
 * (sell price − average price) × qty − commission − tax; buy commissions never enter it.
 *
 * @param costBasis what the shares held cost, fees excluded (moving average)
 * @param averagePrice costBasis / qty in whole KRW, rounded half up (prices are integers in the API;
 *                     costBasis and qty give the exact average)
 * @param lastPrice the last trade price, or the base price before the first trade
 * @param valuation qty × lastPrice
 * @param unrealizedPnl valuation − costBasis
 * @param realizedPnl realized P&amp;L of this symbol's sells in the current epoch
 */
public record PositionView(String symbol, String name, long qty, long reservedQty, long costBasis, long averagePrice,
                           long lastPrice, long valuation, long unrealizedPnl, long realizedPnl) {
    /** @return {@code costBasis / qty} rounded half up to whole KRW; costBasis not negative, qty positive */
    public static long averagePrice(long costBasis, long qty) {
        final long whole = costBasis / qty;
        return costBasis % qty * 2 >= qty ? whole + 1 : whole;
    }
}
