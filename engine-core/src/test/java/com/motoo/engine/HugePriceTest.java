package com.motoo.engine;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.engine.reference.ReferenceExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prices have no ceiling: a symbol that closes limit-up day after day grows 30% a day. After
 * 17 such days from the highest listing price, price x quantity no longer fits in a long;
 * such a buy must be refused as INSUFFICIENT_CASH (no account can hold that much), not accepted
 * with an overflowed, negative reservation. Checked against the reference and the invariants
 * after every command.
 */
@Timeout(30)
class HugePriceTest {
    private static final long SYMBOL = Symbol.encode("BIG");

    private final StringBuilder events = new StringBuilder();
    private final StringBuilder referenceEvents = new StringBuilder();
    private final MatchingEngine engine = new MatchingEngine(new EventTextFormat(events));
    private final ReferenceExchange reference = new ReferenceExchange();
    private final Command command = new Command();
    private long nextOrderId;

    @Test
    void shouldRefuseABuyWhoseNotionalDoesNotFitInALong() {
        process(command.list(SYMBOL, "Big", MatchingEngine.MAX_BASE_PRICE));
        process(command.account(1, MatchingEngine.MAX_CASH));
        process(command.account(2, 0));
        process(command.account(3, MatchingEngine.MAX_CASH));
        process(command.grant(2, SYMBOL, 1_000));
        int days = 0;
        while (engine.book(SYMBOL).upperLimit() <= Long.MAX_VALUE / MatchingEngine.MAX_QTY) {
            final long upper = engine.book(SYMBOL).upperLimit();
            place(2, Side.SELL, OrderType.LIMIT, upper, 1);
            assertTrue(place(1, Side.BUY, OrderType.LIMIT, upper, 1).contains("TRADE,BIG," + upper + ",1,"));
            process(command.endOfDay());
            assertEquals(upper, engine.book(SYMBOL).basePrice());
            days++;
        }
        assertEquals(17, days);
        final long upper = engine.book(SYMBOL).upperLimit();
        assertEquals("REJECTED,3," + (nextOrderId + 1) + ",INSUFFICIENT_CASH\n",
            place(3, Side.BUY, OrderType.LIMIT, upper, MatchingEngine.MAX_QTY));
        assertEquals("REJECTED,3," + (nextOrderId + 1) + ",INSUFFICIENT_CASH\n",
            place(3, Side.BUY, OrderType.MARKET, 0, MatchingEngine.MAX_QTY));
        final String accepted = place(3, Side.BUY, OrderType.LIMIT, engine.book(SYMBOL).lowerLimit(), 1);
        assertEquals("ACCEPTED,3," + nextOrderId + "\n", accepted);
        assertEquals("REJECTED,3," + nextOrderId + ",INSUFFICIENT_CASH\n",
            process(command.modify(3, nextOrderId, upper, MatchingEngine.MAX_QTY)));
        assertEquals(1, engine.openOrder(3, nextOrderId).openQty());
    }

    private String place(long userId, Side side, OrderType type, long price, long qty) {
        final String out = process(command.place(userId, ++nextOrderId, SYMBOL, side, type, TimeInForce.GTC, price, qty));
        if (out.startsWith("REJECTED")) {
            nextOrderId--;
        }
        return out;
    }

    private String process(Command c) {
        events.setLength(0);
        referenceEvents.setLength(0);
        engine.process(c);
        reference.process(c, referenceEvents);
        EngineInvariants.validate(engine);
        assertEquals(referenceEvents.toString(), events.toString(), c.toString());
        return events.toString();
    }
}
