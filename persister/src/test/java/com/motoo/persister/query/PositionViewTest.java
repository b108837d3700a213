package com.motoo.persister.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PositionViewTest {
    /** The API gives prices as integers: the average is the cost basis per share in whole KRW, rounded half up. */
    @Test
    void shouldGiveTheAveragePriceInWholeWonRoundedHalfUp() {
        assertEquals(10_028, PositionView.averagePrice(4 * 10_000 + 6 * 10_000 + 5 * 10_100 + 3 * 10_000, 18),
            "10,027.78: four buys of 18 shares");
        assertEquals(71_000, PositionView.averagePrice(710_000, 10));
        assertEquals(2, PositionView.averagePrice(3, 2), "a half rounds up");
        assertEquals(0, PositionView.averagePrice(1, 3));
        assertEquals(1, PositionView.averagePrice(2, 3));
        assertEquals(333_333_333_333_333L, PositionView.averagePrice(999_999_999_999_999L, 3), "no overflow near the cash limit");
    }
}
