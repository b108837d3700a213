package com.motoo.persister.query;

/**
 * One place in the rankings by total return.
 *
 * @param rank 1 for the highest total return; users with equal returns take consecutive ranks, lower user id first
 * @param displayName the user's display name if they opted in to the rankings, otherwise null
 * @param equity cash plus the current epoch's positions at the last price (the base price before a trade)
 * @param totalReturn (equity − contributed capital) / contributed capital in percent, rounded to two decimals;
 *                    see {@link TotalReturn}
 */
public record RankingEntry(int rank, long userId, String displayName, long equity, double totalReturn) {
}
