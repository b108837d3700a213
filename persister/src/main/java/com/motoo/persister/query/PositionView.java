package com.motoo.persister.query;

/**
 * One holding in a portfolio.
 *
 * @param costBasis what the shares held cost, fees excluded (moving average)
 * @param averagePrice costBasis / qty
 * @param lastPrice the last trade price, or the base price before the first trade
 * @param valuation qty × lastPrice
 * @param unrealizedPnl valuation − costBasis
 * @param realizedPnl realized P&amp;L of this symbol's sells in the current epoch
 */
public record PositionView(String symbol, String name, long qty, long reservedQty, long costBasis, double averagePrice,
                           long lastPrice, long valuation, long unrealizedPnl, long realizedPnl) {
}
