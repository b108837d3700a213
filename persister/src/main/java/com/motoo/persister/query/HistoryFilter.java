package com.motoo.persister.query;

/**
 * What a history page holds.
 *
 * @param fromMs first timestamp included (epoch ms)
 * @param toMs first timestamp excluded
 * @param symbol only executions and share movements of this symbol (and no cash movements); null for all
 * @param executions whether executions are included
 * @param cashMovements whether cash movements are included
 * @param shareMovements whether share movements are included: admin grants and the positions resets removed
 */
public record HistoryFilter(long fromMs, long toMs, String symbol, boolean executions, boolean cashMovements,
                            boolean shareMovements) {
    /** Everything, all time. */
    public static final HistoryFilter ALL = new HistoryFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, true, true, true);

    /** @return this filter restricted to one symbol's executions and share movements */
    public HistoryFilter symbol(String onlySymbol) {
        return new HistoryFilter(fromMs, toMs, onlySymbol, executions, cashMovements, shareMovements);
    }

    /** @return this filter restricted to [fromMs, toMs) */
    public HistoryFilter between(long from, long to) {
        return new HistoryFilter(from, to, symbol, executions, cashMovements, shareMovements);
    }
}
