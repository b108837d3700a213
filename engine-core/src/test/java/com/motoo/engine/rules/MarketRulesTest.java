package com.motoo.engine.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tick table, band and fees against definitions written straight from DESIGN.md: exhaustively
 * for every price up to 2,000,000, and for every valid base price up to 2,000,000.
 */
@Timeout(60)
class MarketRulesTest {
    private final MarketRules rules = MarketRules.krxDefaults();
    private final TickTable ticks = rules.ticks();

    @Test
    void shouldPutEveryPriceOnTheKrxTick() {
        for (long price = 1; price <= 2_000_000; price++) {
            assertEquals(krxTick(price), ticks.tickAt(price), "tick at " + price);
            assertEquals(price % krxTick(price) == 0, ticks.isOnTick(price), "on tick " + price);
        }
    }

    /** isOnTick multiplies instead of dividing below 2^32; checked against the remainder on every price up to 1,100,000 (all KRX bands) and around the switch. */
    @Test
    void shouldAgreeWithTheRemainderOnWhetherAPriceIsOnItsTick() {
        final TickTable krx = TickTable.krx();
        final TickTable odd = new TickTable(new long[] {1_000, 1L << 33}, new long[] {3, 7, 1_000_003});
        for (TickTable table : new TickTable[] {krx, odd}) {
            for (long price = 1; price <= 1_100_000; price++) {
                assertEquals(price % table.tickAt(price) == 0, table.isOnTick(price), table + " at " + price);
            }
            for (long price = (1L << 32) - 500_000; price <= (1L << 32) + 500_000; price++) {
                assertEquals(price % table.tickAt(price) == 0, table.isOnTick(price), table + " at " + price);
            }
            for (long price = (1L << 33) - 2_000_000; price <= (1L << 33) + 2_000_000; price += 7) {
                assertEquals(price % table.tickAt(price) == 0, table.isOnTick(price), table + " at " + price);
            }
            assertEquals(Long.MAX_VALUE % table.tickAt(Long.MAX_VALUE) == 0, table.isOnTick(Long.MAX_VALUE));
        }
    }

    @Test
    void shouldRoundTheBandInwardsToValidPricesForEveryBase() {
        for (long base = 1; base <= 2_000_000; base++) {
            if (base % krxTick(base) != 0) {
                continue;
            }
            long upper = base * 13 / 10;
            while (upper % krxTick(upper) != 0) {
                upper--;
            }
            long lower = Math.max(1, (base * 7 + 9) / 10);
            while (lower % krxTick(lower) != 0) {
                lower++;
            }
            assertEquals(upper, rules.upperLimit(base), "upper limit of " + base);
            assertEquals(lower, rules.lowerLimit(base), "lower limit of " + base);
        }
        assertEquals(130_000_000, rules.upperLimit(100_000_000));
        assertEquals(70_000_000, rules.lowerLimit(100_000_000));
    }

    @Test
    void shouldComputeTheBandOfHugeBasePricesWithoutOverflow() {
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            final long base = 1_000 * (500 + random.nextLong(Long.MAX_VALUE / 2_000));
            final BigInteger exact = BigInteger.valueOf(base);
            final long upper = exact.multiply(BigInteger.valueOf(13)).divide(BigInteger.TEN).longValueExact();
            final long lower = exact.multiply(BigInteger.valueOf(7)).add(BigInteger.valueOf(9))
                .divide(BigInteger.TEN).longValueExact();
            assertEquals(upper - upper % 1_000, rules.upperLimit(base), "upper limit of " + base);
            assertEquals(lower + (1_000 - lower % 1_000) % 1_000, rules.lowerLimit(base), "lower limit of " + base);
        }
    }

    @Test
    void shouldRoundEachFeeDownExactlyWithoutOverflow() {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            final long notional = i < 10_000 ? i : random.nextLong(Long.MAX_VALUE / (i % 2 == 0 ? 1 : 1_000_000));
            assertEquals(exactFee(notional, 150), rules.commission(notional), "commission of " + notional);
            assertEquals(exactFee(notional, 2_000), rules.sellTax(notional), "tax of " + notional);
            if (notional < Long.MAX_VALUE / 2) {
                assertEquals(notional + exactFee(notional, 150), rules.buyReservation(notional));
            }
        }
        assertEquals(10, rules.commission(71_000));
        assertEquals(142, rules.sellTax(71_000));
        assertEquals(0, rules.commission(6_666));
        assertEquals(1, rules.commission(6_667));
    }

    @Test
    void shouldRefuseNonsenseRulesAndTables() {
        assertThrows(IllegalArgumentException.class, () -> new MarketRules(TickTable.krx(), 1_000_000, 150, 2_000));
        assertThrows(IllegalArgumentException.class, () -> new MarketRules(TickTable.krx(), 300_000, -1, 2_000));
        assertThrows(IllegalArgumentException.class, () -> new TickTable(new long[] {100}, new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new TickTable(new long[] {100}, new long[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> new TickTable(new long[] {100, 50}, new long[] {1, 5, 10}));
    }

    private static long krxTick(long price) {
        return price < 2_000 ? 1 : price < 5_000 ? 5 : price < 20_000 ? 10 : price < 50_000 ? 50
            : price < 200_000 ? 100 : price < 500_000 ? 500 : 1_000;
    }

    private static long exactFee(long notional, long ppm) {
        return BigInteger.valueOf(notional).multiply(BigInteger.valueOf(ppm))
            .divide(BigInteger.valueOf(1_000_000)).longValueExact();
    }
}
