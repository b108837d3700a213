-- Motoo read model, written only by the persister processes (one schema, owned by the persister).
-- Money in whole KRW (bigint), quantities in shares (bigint), times in epoch milliseconds (bigint)
-- as stamped by the sequencer. Symbols are KRX codes as text ('005930').
-- "epoch" counts an account's resets (파산): rows of an older epoch stay for history.

-- Where each persister (named tailer) stands: the last journal excerpt whose events are applied.
-- Updated in the same transaction as the rows those events produced.
CREATE TABLE persister_offset (
    tailer        text PRIMARY KEY,
    journal_index bigint NOT NULL,
    command_seq   bigint NOT NULL,
    ts_ms         bigint NOT NULL,
    events        bigint NOT NULL DEFAULT 0  -- events applied so far (not counting excerpts)
);

CREATE TABLE symbols (
    symbol      text PRIMARY KEY,
    name        text    NOT NULL,
    base_price  bigint  NOT NULL,
    last_price  bigint,
    halted      boolean NOT NULL DEFAULT false,
    listed_ms   bigint  NOT NULL
);

CREATE TABLE accounts (
    user_id       bigint PRIMARY KEY,
    epoch         integer NOT NULL,
    cash          bigint  NOT NULL,
    reserved_cash bigint  NOT NULL,
    opened_ms     bigint  NOT NULL,
    updated_ms    bigint  NOT NULL
) WITH (fillfactor = 70);

-- cost_basis: moving-average cost of the shares held, fees excluded; average price = cost_basis / qty.
CREATE TABLE positions (
    user_id      bigint  NOT NULL,
    epoch        integer NOT NULL,
    symbol       text    NOT NULL,
    qty          bigint  NOT NULL,
    reserved_qty bigint  NOT NULL,
    cost_basis   bigint  NOT NULL,
    realized_pnl bigint  NOT NULL,
    updated_ms   bigint  NOT NULL,
    PRIMARY KEY (user_id, epoch, symbol)
) WITH (fillfactor = 70);

-- The accounts-only persister's own record of open orders' reservations (to keep reserved cash and
-- shares right across restarts without reading the orders persister's tables). A persister that
-- writes both roles reads open orders from the orders table instead and leaves this empty.
CREATE TABLE open_reservations (
    user_id       bigint  NOT NULL,
    order_id      bigint  NOT NULL,
    symbol        text    NOT NULL,
    side          text    NOT NULL,
    reserve_price bigint  NOT NULL,
    open_qty      bigint  NOT NULL,
    PRIMARY KEY (user_id, order_id)
);

-- Every change of an account's cash. kind: ACCOUNT_OPENED, DEPOSIT, WITHDRAWAL, RESET, BUY, SELL.
-- (seq, event_no) is the causing command's sequence and the event's place among its events.
CREATE TABLE cash_ledger (
    user_id   bigint  NOT NULL,
    ts_ms     bigint  NOT NULL,
    seq       bigint  NOT NULL,
    event_no  integer NOT NULL,
    epoch     integer NOT NULL,
    kind      text    NOT NULL,
    amount    bigint  NOT NULL,
    balance   bigint  NOT NULL,
    symbol    text,
    order_id  bigint,
    PRIMARY KEY (user_id, ts_ms, seq, event_no)
);
-- Cash movements that are not trade settlements, for the transaction history.
CREATE INDEX cash_ledger_movements ON cash_ledger (user_id, ts_ms, seq, event_no)
    WHERE kind NOT IN ('BUY', 'SELL');

-- status: ACCEPTED, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED.
CREATE TABLE orders (
    user_id        bigint  NOT NULL,
    order_id       bigint  NOT NULL,
    epoch          integer NOT NULL,
    symbol         text    NOT NULL,
    side           text    NOT NULL,
    order_type     text    NOT NULL,
    tif            text    NOT NULL,
    price          bigint  NOT NULL,
    qty            bigint  NOT NULL,
    open_qty       bigint  NOT NULL,
    filled_qty     bigint  NOT NULL,
    fill_notional  bigint  NOT NULL,
    status         text    NOT NULL,
    accepted_seq   bigint  NOT NULL,
    accepted_ms    bigint  NOT NULL,
    updated_ms     bigint  NOT NULL,
    PRIMARY KEY (user_id, order_id)
) WITH (fillfactor = 70);
-- Modifies and fills change no indexed column, so their updates stay HOT (heap-only).
CREATE INDEX orders_history ON orders (user_id, accepted_seq);
CREATE INDEX orders_open ON orders (user_id, accepted_seq) WHERE status IN ('ACCEPTED', 'PARTIALLY_FILLED');

-- Refused order commands (PLACE, CANCEL, MODIFY) of a user, with the reason code.
CREATE TABLE order_rejections (
    user_id   bigint  NOT NULL,
    ts_ms     bigint  NOT NULL,
    seq       bigint  NOT NULL,
    order_id  bigint  NOT NULL,
    command   text    NOT NULL,
    reason    text    NOT NULL,
    PRIMARY KEY (user_id, seq)
);

-- The orders persister's own count of each account's resets.
CREATE TABLE order_epochs (
    user_id bigint PRIMARY KEY,
    epoch   integer NOT NULL
);

-- One row per fill per side. amount: the cash change (buy: -(price*qty + fee); sell: price*qty - fee - tax).
CREATE TABLE executions (
    user_id   bigint  NOT NULL,
    ts_ms     bigint  NOT NULL,
    seq       bigint  NOT NULL,
    event_no  integer NOT NULL,
    epoch     integer NOT NULL,
    order_id  bigint  NOT NULL,
    symbol    text    NOT NULL,
    side      text    NOT NULL,
    price     bigint  NOT NULL,
    qty       bigint  NOT NULL,
    fee       bigint  NOT NULL,
    tax       bigint  NOT NULL,
    amount    bigint  NOT NULL,
    taker     boolean NOT NULL,
    PRIMARY KEY (user_id, ts_ms, seq, event_no)
);
CREATE INDEX executions_by_symbol ON executions (user_id, symbol, ts_ms, seq, event_no);

CREATE TABLE candles_1m (
    symbol    text   NOT NULL,
    minute_ms bigint NOT NULL,
    open      bigint NOT NULL,
    high      bigint NOT NULL,
    low       bigint NOT NULL,
    close     bigint NOT NULL,
    volume    bigint NOT NULL,
    turnover  bigint NOT NULL,
    PRIMARY KEY (symbol, minute_ms)
);

-- Sign-up and login (used by the gateway). users.id is the engine's userId.
CREATE TABLE users (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    username        text        NOT NULL UNIQUE,
    password_hash   text        NOT NULL,
    display_name    text        NOT NULL,
    role            text        NOT NULL DEFAULT 'USER' CHECK (role IN ('USER', 'ADMIN')),
    rankings_opt_in boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE refresh_tokens (
    token_hash text        PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
