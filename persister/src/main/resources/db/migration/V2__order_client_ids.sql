-- Client order ids. The engine's journals do not carry the client's string id; the gateway keeps it
-- in its own client-order journal and copies (user, order, client order id) here, so that REST
-- order lists can show it. Written by the gateway only, idempotently (insert or keep).
CREATE TABLE order_client_ids (
    user_id          bigint NOT NULL,
    order_id         bigint NOT NULL,
    client_order_id  text   NOT NULL,
    PRIMARY KEY (user_id, order_id)
);

-- How far the gateway has copied its client-order journal: the Chronicle index of the last record
-- copied, written in the same transaction as the rows.
CREATE TABLE client_order_id_export (
    name        text   PRIMARY KEY,
    last_index  bigint NOT NULL
);
