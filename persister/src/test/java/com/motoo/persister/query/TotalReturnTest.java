package com.motoo.persister.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TotalReturnTest {
    @Test
    void shouldGiveThePercentOnContributedCapitalToTwoDecimals() {
        assertEquals(10.12, TotalReturn.percent(11_012_345, 10_000_000));
        assertEquals(-16.67, TotalReturn.percent(25_000_000, 30_000_000));
        assertEquals(0.01, TotalReturn.percent(10_000_500, 10_000_000), "0.005% rounds up");
        assertEquals(-0.01, TotalReturn.percent(9_999_500, 10_000_000), "a loss of 0.005% rounds away from zero too");
        assertEquals("0.0", Double.toString(TotalReturn.percent(9_999_501, 10_000_000)), "a loss that rounds to nothing is 0, not -0");
        assertEquals(0.0, TotalReturn.percent(80_500_000, 80_500_000));
    }

    @Test
    void shouldGiveNoReturnWithoutCapitalAtStake() {
        assertEquals(0.0, TotalReturn.percent(500_000, 0));
        assertEquals(0.0, TotalReturn.percent(500_000, -2_000_000), "withdrawn more than put in");
        assertEquals(0, TotalReturn.compare(500_000, -2_000_000, 7, 7));
        assertTrue(TotalReturn.compare(500_000, 0, 99, 100) > 0);
    }

    @Test
    void shouldCompareReturnsExactlyEvenWhereTheProductsOverflowALong() {
        assertEquals(0, TotalReturn.compare(2_000_000_000_000_000_000L, 3_000_000_000_000_000_000L, 4_000_000, 6_000_000));
        assertTrue(TotalReturn.compare(2_000_000_000_000_000_001L, 3_000_000_000_000_000_000L, 2_000_000, 3_000_000) > 0);
        assertTrue(TotalReturn.compare(2_000_000, 3_000_000, 2_000_000_000_000_000_001L, 3_000_000_000_000_000_000L) < 0);
        assertEquals(0, TotalReturn.compare(10_460_000, 10_000_000, 20_920_000, 20_000_000), "the same 4.6%");
    }
}
