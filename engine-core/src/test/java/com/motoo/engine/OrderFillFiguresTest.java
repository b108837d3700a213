package com.motoo.engine;

import com.motoo.engine.book.Order;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.engine.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What an open order has filled over its whole life: kept through partial fills, both kinds of modify, and a snapshot. */
class OrderFillFiguresTest {
    private static final long SYMBOL = Symbol.encode("005930");
    private static final long SELLER = 1;
    private static final long BUYER = 2;

    private final MatchingEngine engine = new MatchingEngine(new EventTextFormat(new StringBuilder()));
    private final Command command = new Command();

    private void buy(long orderId, long price, long qty) {
        engine.process(command.place(BUYER, orderId, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, price, qty));
    }

    @Test
    void shouldKeepWhatAnOrderFilledThroughModifiesAndASnapshot() {
        engine.process(command.list(SYMBOL, "Samsung Electronics", 70_000));
        engine.process(command.account(SELLER, 0));
        engine.process(command.account(BUYER, 10_000_000));
        engine.process(command.grant(SELLER, SYMBOL, 10));
        engine.process(command.place(SELLER, 1, SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 70_000, 10));
        buy(1, 70_000, 4);
        engine.process(command.modify(SELLER, 1, 70_000, 5)); // smaller, same price: keeps its place
        buy(2, 70_100, 2); // trades at the resting price
        engine.process(command.modify(SELLER, 1, 70_100, 3)); // new price: leaves and rests again
        buy(3, 70_100, 1);

        final Order order = engine.openOrder(SELLER, 1);
        assertEquals(2, order.openQty());
        assertEquals(7, order.filledQty());
        assertEquals(4 * 70_000 + 2 * 70_000 + 70_100, order.fillNotional());

        final MatchingEngine restored = new MatchingEngine(new EventTextFormat(new StringBuilder()));
        SnapshotCodec.decodeInto(SnapshotCodec.encode(engine, 10, -1), restored);
        assertEquals(7, restored.openOrder(SELLER, 1).filledQty());
        assertEquals(order.fillNotional(), restored.openOrder(SELLER, 1).fillNotional());
        assertEquals(engine.stateHash(), restored.stateHash());
    }
}
