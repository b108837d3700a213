package com.motoo.persister.query;

/**
 * One line of a user's transaction history: an execution (kind BUY or SELL), a cash movement
 * (ACCOUNT_OPENED, DEPOSIT, WITHDRAWAL, RESET) or a share movement that is not a trade (SHARE_GRANT,
 * an admin grant of shares; POSITION_CLOSED_BY_RESET, one line per position a reset removed, in the
 * epoch that reset ended, just before the RESET line).
 *
 * @param eventNo the line's place among its command's events; the lines of a reset's removed positions
 *                are numbered -1, -2, ... (symbol order), before the RESET line's own number
 * @param symbol null for cash movements
 * @param orderId 0 for cash and share movements
 * @param price price of an execution; for a share movement what one share was valued at (a grant: the
 *              base price then, as counted in the contributed capital; a reset: the last trade price,
 *              else the base price), 0 where the read model did not record it; 0 for cash movements
 * @param qty quantity of an execution or share movement (positive), 0 for cash movements
 * @param fee commission of an execution
 * @param tax sell tax of an execution
 * @param amount the change of cash (negative for buys and withdrawals, 0 for share movements)
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
