-- Every change of a holding that is not a trade, for the transaction history (trades are in
-- executions). Written by the accounts persister in the same transaction as the positions.
-- kind: SHARE_GRANT (an admin grant; epoch: the account's epoch then) or POSITION_CLOSED_BY_RESET
-- (a position a reset removed; epoch: the epoch that ended, one line per held symbol).
-- (seq, event_no) keys the line into the same order as cash_ledger and executions: a grant has its
-- event's number; the lines of a reset are numbered -1, -2, ... in symbol order, so that they come
-- just before (are older than) the reset's own cash_ledger row, whose number is 0 or more.
-- qty: the shares granted or removed (positive). price: what one share was valued at: for a grant
-- the symbol's base price then (as accounts.contributed counts it), for a reset the last trade
-- price (the base price before any trade), as the portfolio valued it; NULL where not recorded.
-- balance: the account's cash at that moment (neither kind changes it).
CREATE TABLE share_ledger (
    user_id   bigint  NOT NULL,
    ts_ms     bigint  NOT NULL,
    seq       bigint  NOT NULL,
    event_no  integer NOT NULL,
    epoch     integer NOT NULL,
    kind      text    NOT NULL,
    symbol    text    NOT NULL,
    qty       bigint  NOT NULL,
    price     bigint,
    balance   bigint  NOT NULL,
    PRIMARY KEY (user_id, ts_ms, seq, event_no)
);

-- Resets applied before this migration: the positions of the epoch a reset ended are still in
-- positions as they were at that reset (nothing changes an ended epoch's rows), and the cash before
-- it is its ledger row's balance minus its amount. The value per share then was not recorded: NULL.
INSERT INTO share_ledger (user_id, ts_ms, seq, event_no, epoch, kind, symbol, qty, price, balance)
SELECT r.user_id, r.ts_ms, r.seq, -ROW_NUMBER() OVER (PARTITION BY r.user_id, r.seq ORDER BY p.symbol COLLATE "C"),
       p.epoch, 'POSITION_CLOSED_BY_RESET', p.symbol, p.qty, NULL, r.balance - r.amount
FROM cash_ledger r JOIN positions p ON p.user_id = r.user_id AND p.epoch = r.epoch - 1
WHERE r.kind = 'RESET' AND p.qty > 0;

-- Grants applied before this migration cannot be listed: the read model kept no record of them
-- (they went into the position's quantity and cost basis), so neither their time nor their
-- quantity is known. A read model rebuilt from the event journal (a new schema) lists them.
