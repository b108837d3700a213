package com.motoo.gateway.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;

import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes and validates order requests from JSON (WebSocket messages and REST bodies alike):
 * every field has the right type and range, no unknown field is present. Stateless; any thread;
 * allocates the request record. Throws {@link RequestException} (INVALID_REQUEST) naming the first
 * problem.
 */
public final class OrderRequestAdapter {
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,48}");
    private static final Set<String> PLACE_FIELDS =
        Set.of("op", "id", "clientOrderId", "symbol", "side", "type", "tif", "price", "qty");
    private static final Set<String> MODIFY_FIELDS = Set.of("op", "id", "orderId", "clientOrderId", "price", "qty");
    private static final Set<String> CANCEL_FIELDS = Set.of("op", "id", "orderId", "clientOrderId");
    private static final Set<String> MODIFY_BODY_FIELDS = Set.of("price", "qty");

    private OrderRequestAdapter() {
    }

    /** @return the place request in {@code body} (type defaults to LIMIT, tif to GTC) */
    public static PlaceRequest place(JsonNode body) {
        requireOnly(body, PLACE_FIELDS);
        final String clientOrderId = optionalClientOrderId(body);
        final String symbol = requiredText(body, "symbol");
        if (!Symbol.isValid(symbol)) {
            throw RequestException.invalid("symbol must be 1 to 8 characters of [0-9A-Za-z._-]");
        }
        final Side side = enumValue(body, "side", Side.class, null);
        final OrderType type = enumValue(body, "type", OrderType.class, OrderType.LIMIT);
        final TimeInForce tif = enumValue(body, "tif", TimeInForce.class, TimeInForce.GTC);
        final long qty = positiveLong(body, "qty");
        final long price;
        if (type == OrderType.MARKET) {
            price = body.has("price") ? nonNegativeLong(body, "price") : 0;
            if (price != 0) {
                throw RequestException.invalid("price must be absent or 0 for a MARKET order");
            }
        } else {
            price = positiveLong(body, "price");
        }
        return new PlaceRequest(clientOrderId, symbol, side, type, tif, price, qty);
    }

    /** @return the order a WebSocket {@code modify} or {@code cancel} message names */
    public static OrderTarget target(JsonNode body, boolean modify) {
        requireOnly(body, modify ? MODIFY_FIELDS : CANCEL_FIELDS);
        final boolean byId = body.has("orderId");
        final boolean byClientId = body.has("clientOrderId");
        if (byId == byClientId) {
            throw RequestException.invalid("exactly one of orderId and clientOrderId is required");
        }
        return byId ? new OrderTarget(positiveLong(body, "orderId"), null) : new OrderTarget(0, optionalClientOrderId(body));
    }

    /** @return {price, qty} of a modify (WebSocket message or REST PATCH body) */
    public static long[] modifyValues(JsonNode body, boolean restBody) {
        if (restBody) {
            requireOnly(body, MODIFY_BODY_FIELDS);
        }
        return new long[] {positiveLong(body, "price"), positiveLong(body, "qty")};
    }

    /** Fails on the first field that is not in {@code allowed}; also requires a JSON object. */
    public static void requireOnly(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw RequestException.invalid("the request must be a JSON object");
        }
        final Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                throw RequestException.invalid("unknown field '" + name + "'");
            }
        }
    }

    /** @return a required string field */
    public static String requiredText(JsonNode body, String field) {
        final JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw RequestException.invalid(field + " is required");
        }
        if (!node.isTextual()) {
            throw RequestException.invalid(field + " must be a string");
        }
        return node.textValue();
    }

    private static String optionalClientOrderId(JsonNode body) {
        return body.has("clientOrderId") ? clientOrderId(requiredText(body, "clientOrderId")) : null;
    }

    /** @return {@code id}, checked to be a well-formed client order id */
    public static String clientOrderId(String id) {
        if (!CLIENT_ORDER_ID.matcher(id).matches()) {
            throw RequestException.invalid("clientOrderId must be 1 to 48 characters of [A-Za-z0-9._:-]");
        }
        return id;
    }

    private static <E extends Enum<E>> E enumValue(JsonNode body, String field, Class<E> type, E defaultValue) {
        if (defaultValue != null && !body.has(field)) {
            return defaultValue;
        }
        final String text = requiredText(body, field);
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw RequestException.invalid(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    /** @return a required integer field in 1..MAX_QTY (quantities) or 1..MAX_BASE_PRICE*2 (prices) */
    public static long positiveLong(JsonNode body, String field) {
        final long value = nonNegativeLong(body, field);
        if (value == 0) {
            throw RequestException.invalid(field + " must be positive");
        }
        return value;
    }

    private static long nonNegativeLong(JsonNode body, String field) {
        final JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw RequestException.invalid(field + " is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw RequestException.invalid(field + " must be an integer");
        }
        final long value = node.longValue();
        if (value < 0 || value > MatchingEngine.MAX_CASH) {
            throw RequestException.invalid(field + " is out of range");
        }
        return value;
    }
}
