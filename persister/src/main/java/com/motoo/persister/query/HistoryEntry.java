package com.motoo.persister.query;

/**
 * One line of a user's transaction history: an execution (kind BUY or SELL) or a cash movement
 * (ACCOUNT_OPENED, DEPOSIT, WITHDRAWAL, RESET).
 *
 * @param symbol null for cash movements
 * @param orderId 0 for cash movements
 * @param price price of an execution, 0 for cash movements
 * @param qty quantity of an execution, 0 for cash movements
 * @param fee commission of an execution
 * @param tax sell tax of an execution
 * @param amount the change of cash (negative for buys and withdrawals)
 * @param balance the cash after this movement (for an execution, after its fill, fees and tax); null for an
 *                execution the accounts persister has not applied yet (it writes the cash, another
 *                process may write the executions)
 */
public record HistoryEntry(String kind, long tsMs, long seq, int eventNo, int epoch, String symbol, long orderId,
                           long price, long qty, long fee, long tax, long amount, Long balance) {
    /** @return the cursor that continues a page after this entry */
    public HistoryCursor cursor() {
        return new HistoryCursor(tsMs, seq, eventNo);
    }
}
