package com.motoo.persister.query;

/**
 * An order as stored in the read model.
 *
 * @param price the limit price (after any modify); 0 for MARKET
 * @param qty filled plus open quantity
 * @param averageFillPrice fillNotional / filledQty, 0 without fills
 * @param acceptedSeq the sequence of the PLACE command; the order-history cursor
 * @param clientOrderId the client order id, once the gateway has copied it to the read model
 *        ({@code order_client_ids}); null before that
 */
public record OrderView(long orderId, int epoch, String symbol, String side, String orderType, String tif, long price,
                        long qty, long openQty, long filledQty, long fillNotional, double averageFillPrice,
                        OrderStatus status, long acceptedSeq, long acceptedMs, long updatedMs,
                        String clientOrderId) {
    /** @return the average fill price in whole KRW, rounded down as the WebSocket's order events say it; 0 without fills */
    public long avgFillPrice() {
        return filledQty == 0 ? 0 : fillNotional / filledQty;
    }
}
