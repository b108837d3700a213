package com.motoo.gateway.order;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;

/**
 * A validated {@code place} request (WebSocket op or {@code POST /orders} body). Immutable.
 *
 * @param clientOrderId the client's id, or null when the server should assign one
 * @param symbol the symbol text, already checked by {@link com.motoo.engine.command.Symbol#isValid}
 * @param price the limit price; 0 for MARKET
 */
public record PlaceRequest(String clientOrderId, String symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
}
