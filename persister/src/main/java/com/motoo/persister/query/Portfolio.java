package com.motoo.persister.query;

import java.util.List;

/**
 * A user's account in its current epoch (resets start a new one) with every open position.
 *
 * @param reservedCash cash held by open buy orders (part of cash)
 * @param positions positions with qty &gt; 0, by symbol
 * @param totalCost sum of the positions' cost basis
 * @param totalValuation sum of the positions' valuation
 * @param unrealizedPnl totalValuation − totalCost
 * @param realizedPnl realized P&amp;L of every symbol in the epoch, closed positions included
 * @param totalAssets cash + totalValuation
 * @param contributed the capital put into the epoch: opening or reset cash, plus deposits, minus
 *                    withdrawals, plus granted shares at the base price when granted ({@link TotalReturn})
 */
public record Portfolio(long userId, int epoch, long cash, long reservedCash, List<PositionView> positions,
                        long totalCost, long totalValuation, long unrealizedPnl, long realizedPnl, long totalAssets,
                        long contributed) {
}
