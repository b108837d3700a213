package com.motoo.gateway.order;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.TimeInForce;

/**
 * Why an order's open quantity was removed, for the {@code removalReason} of its {@code canceled} or {@code expired} event
 * (a field of its own: these are not reject reasons).
 * The engine's CANCELED and EXPIRED events (DESIGN.md) carry no reason; the command that caused them and the order
 * say it:
 * <ul>
 *   <li>a CANCEL removes only the order it names: {@value #CANCEL_REQUEST};</li>
 *   <li>a RESET removes the account's open orders: {@value #ACCOUNT_RESET};</li>
 *   <li>a PLACE removes only the order it placed, what is left of it once it has traded: an FOK order, LIMIT or
 *       MARKET, that could not fill whole ({@value #FOK_UNFILLED}), any other MARKET order's remainder
 *       ({@value #MARKET_REMAINDER}), an IOC LIMIT order's ({@value #IOC_REMAINDER}); a LIMIT order that would rest
 *       (GTC, DAY) is removed only by self-trade prevention ({@value #SELF_TRADE});</li>
 *   <li>a MODIFY removes its order only by self-trade prevention, the new price crossing the user's own order:
 *       {@value #SELF_TRADE};</li>
 *   <li>an EOD expires the DAY orders: {@value #END_OF_DAY}.</li>
 * </ul>
 * Self-trade prevention also stops MARKET, IOC and FOK orders; those are reported with their own reason, which is
 * true as well (their remainder is never kept). Stateless; engine thread.
 */
final class RemovalReasons {
    static final String CANCEL_REQUEST = "CANCEL_REQUEST";
    static final String ACCOUNT_RESET = "ACCOUNT_RESET";
    static final String MARKET_REMAINDER = "MARKET_REMAINDER";
    static final String IOC_REMAINDER = "IOC_REMAINDER";
    static final String FOK_UNFILLED = "FOK_UNFILLED";
    static final String SELF_TRADE = "SELF_TRADE";
    static final String END_OF_DAY = "END_OF_DAY";

    private RemovalReasons() {
    }

    /**
     * @param command the type of the command that removed the order
     * @param order the removed order, or null when the gateway does not know it
     * @return why it was canceled, or null when that cannot be told
     */
    static String canceled(CommandType command, OrderView order) {
        return switch (command) {
            case CANCEL -> CANCEL_REQUEST;
            case RESET -> ACCOUNT_RESET;
            case MODIFY -> SELF_TRADE;
            case PLACE -> order == null ? null : placeRemainder(order);
            default -> null;
        };
    }

    /** @return why an order expired, or null when that cannot be told */
    static String expired(CommandType command) {
        return command == CommandType.EOD ? END_OF_DAY : null;
    }

    /** FOK first: a MARKET FOK order is canceled whole because it could not fill whole, not as a MARKET remainder. */
    private static String placeRemainder(OrderView order) {
        if (order.tif == TimeInForce.FOK) {
            return FOK_UNFILLED;
        }
        if (order.orderType == OrderType.MARKET) {
            return MARKET_REMAINDER;
        }
        return order.tif == TimeInForce.IOC ? IOC_REMAINDER : SELF_TRADE;
    }
}
