package com.motoo.persister.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrderViewTest {
    private static OrderView filled(long filledQty, long fillNotional) {
        return new OrderView(1, 0, "005930", "BUY", "LIMIT", "FOK", 20_050, 7, 7 - filledQty, filledQty, fillNotional,
            filledQty == 0 ? 0 : (double) fillNotional / filledQty, OrderStatus.FILLED, 1, 0, 0, "fok-1");
    }

    @Test
    void shouldSayTheAverageFillPriceInWholeKrwRoundedDownAsTheWebSocketDoes() {
        // 3 @ 20,000 + 4 @ 20,050 = 140,200 for 7 shares: 20,028.57...
        assertEquals(20_028, filled(7, 140_200).avgFillPrice());
        assertEquals(20_000, filled(3, 60_000).avgFillPrice());
        assertEquals(0, filled(0, 0).avgFillPrice());
    }
}
