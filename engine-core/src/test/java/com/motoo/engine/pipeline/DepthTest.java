package com.motoo.engine.pipeline;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EventTextFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DepthTest {
    private static final long WIDE = Symbol.encode("WIDE");
    private static final long THIN = Symbol.encode("THIN");

    private final MatchingEngine engine = new MatchingEngine(new EventTextFormat(new StringBuilder()));
    private final Command command = new Command();
    private long nextOrderId;

    @Test
    void shouldReadTheBestTenLevelsOfABookBestFirstAndForgetTheLevelsOfTheBookReadBefore() {
        engine.process(command.list(WIDE, "Wide", 10_000));
        engine.process(command.list(THIN, "Thin", 10_000));
        engine.process(command.account(1, 1_000_000_000));
        engine.process(command.account(2, 0));
        engine.process(command.grant(2, THIN, 100));
        for (int level = 0; level < 12; level++) {
            place(1, WIDE, Side.BUY, 9_000 + 10 * level, level + 1);
        }
        place(1, THIN, Side.BUY, 9_500, 7);
        place(2, THIN, Side.SELL, 10_500, 3);
        place(2, THIN, Side.SELL, 10_500, 4);

        final Depth depth = new Depth().readFrom(engine.book(WIDE), 41);
        assertEquals(WIDE, depth.symbol());
        assertEquals(41, depth.sequence());
        assertEquals(CommandPipeline.DEPTH_LEVELS, depth.levels(Side.BUY));
        assertEquals(0, depth.levels(Side.SELL));
        for (int level = 0; level < CommandPipeline.DEPTH_LEVELS; level++) {
            assertEquals(9_110 - 10 * level, depth.price(Side.BUY, level), "bids highest first");
            assertEquals(12 - level, depth.qty(Side.BUY, level));
        }

        depth.readFrom(engine.book(THIN), 42);
        assertEquals(THIN, depth.symbol());
        assertEquals(42, depth.sequence());
        assertEquals(1, depth.levels(Side.BUY));
        assertEquals(9_500, depth.price(Side.BUY, 0));
        assertEquals(7, depth.qty(Side.BUY, 0));
        assertEquals(1, depth.levels(Side.SELL));
        assertEquals(10_500, depth.price(Side.SELL, 0));
        assertEquals(7, depth.qty(Side.SELL, 0), "a level's quantity is the total of its orders");
        assertThrows(IndexOutOfBoundsException.class, () -> depth.price(Side.BUY, 1), "the wide book's second level is gone");
    }

    @Test
    void shouldHoldTheLevelsItIsGivenAndRefuseMoreThanADepthHolds() {
        final Depth depth = Depth.of(THIN, 5, new long[] {9_900, 9_800}, new long[] {1, 2}, new long[] {10_100}, new long[] {3});
        assertEquals(2, depth.levels(Side.BUY));
        assertEquals(9_800, depth.price(Side.BUY, 1));
        assertEquals(2, depth.qty(Side.BUY, 1));
        assertEquals(10_100, depth.price(Side.SELL, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> depth.qty(Side.SELL, -1));
        final long[] eleven = new long[CommandPipeline.DEPTH_LEVELS + 1];
        assertThrows(IllegalArgumentException.class, () -> Depth.of(THIN, 5, eleven, eleven, new long[0], new long[0]));
        assertThrows(IllegalArgumentException.class, () -> Depth.of(THIN, 5, new long[1], new long[2], new long[0], new long[0]));
    }

    private void place(long userId, long symbol, Side side, long price, long qty) {
        engine.process(command.place(userId, ++nextOrderId, symbol, side, OrderType.LIMIT, TimeInForce.GTC, price, qty));
    }
}
