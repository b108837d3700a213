package com.motoo.persister.query;

import java.util.List;

/**
 * One page of a transaction history, newest first.
 *
 * @param next where the next page starts, or null if this is the last page
 */
public record HistoryPage(List<HistoryEntry> entries, HistoryCursor next) {
}
