package com.motoo.gateway.order;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Why a PLACE canceled the order it placed, for every order type and time in force. */
@Timeout(10)
class RemovalReasonsTest {
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "LIMIT, GTC, SELF_TRADE",
        "LIMIT, DAY, SELF_TRADE",
        "LIMIT, IOC, IOC_REMAINDER",
        "LIMIT, FOK, FOK_UNFILLED",
        "MARKET, GTC, MARKET_REMAINDER",
        "MARKET, DAY, MARKET_REMAINDER",
        "MARKET, IOC, MARKET_REMAINDER",
        "MARKET, FOK, FOK_UNFILLED",
    })
    void shouldNameWhyAPlaceCanceledTheOrderItPlaced(OrderType type, TimeInForce tif, String reason) {
        final OrderView order = new OrderView(1, 1, "c-1", "005930", Side.BUY, type, tif,
            type == OrderType.MARKET ? 0 : 70_000, 10);
        assertEquals(reason, RemovalReasons.canceled(CommandType.PLACE, order));
    }
}
