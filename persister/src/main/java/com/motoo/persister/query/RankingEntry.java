package com.motoo.persister.query;

/**
 * One place in the rankings by total return.
 *
 * @param rank 1 for the highest equity; users with equal equity take consecutive ranks, lower user id first
 * @param displayName the user's display name if they opted in to the rankings, otherwise null
 * @param equity cash plus the current epoch's positions at the last price (the base price before a trade)
 * @param totalReturn (equity − starting cash) / starting cash in percent, rounded to two decimals; 0 when the
 *                    starting cash is 0
 */
public record RankingEntry(int rank, long userId, String displayName, long equity, double totalReturn) {
}
