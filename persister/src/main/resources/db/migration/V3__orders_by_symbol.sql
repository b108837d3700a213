-- GET /orders?symbol=...: one symbol's orders of a user, newest accepted first, a page at a time
-- (accepted_seq is the cursor). Open orders of one symbol keep using orders_open, filtering on
-- symbol: a user's open orders are few next to their history. symbol never changes on an order,
-- so this index turns no HOT update into a non-HOT one.
CREATE INDEX orders_by_symbol ON orders (user_id, symbol, accepted_seq);
