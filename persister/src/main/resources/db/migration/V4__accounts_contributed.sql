-- The capital put into each account in its current epoch, the base of its total return:
-- the opening (or reset) cash, plus admin deposits, minus admin withdrawals, plus granted shares
-- at the symbol's base price when granted. Written by the accounts persister with the account.
ALTER TABLE accounts ADD COLUMN contributed bigint;

-- Existing accounts: from the cash ledger of their current epoch, which holds its opening row
-- (ACCOUNT_OPENED, or RESET with the new cash as balance) and every deposit and withdrawal.
-- Shares granted before this migration are not in the ledger and are not counted.
UPDATE accounts a SET contributed = l.contributed
FROM (SELECT c.user_id, SUM(CASE WHEN c.kind IN ('ACCOUNT_OPENED', 'RESET') THEN c.balance ELSE c.amount END) AS contributed
      FROM cash_ledger c JOIN accounts x ON x.user_id = c.user_id AND x.epoch = c.epoch
      WHERE c.kind NOT IN ('BUY', 'SELL')
      GROUP BY c.user_id) l
WHERE l.user_id = a.user_id;

-- The accounts persister writes an account's opening ledger row in the same transaction as the
-- account, so none should be left; one that is starts from its cash.
UPDATE accounts SET contributed = cash WHERE contributed IS NULL;
ALTER TABLE accounts ALTER COLUMN contributed SET NOT NULL;
