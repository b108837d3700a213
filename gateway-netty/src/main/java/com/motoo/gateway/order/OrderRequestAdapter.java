package com.motoo.gateway.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.gateway.json.JsonKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

import static com.motoo.gateway.order.RequestField.CLIENT_ORDER_ID;
import static com.motoo.gateway.order.RequestField.ID;
import static com.motoo.gateway.order.RequestField.OP;
import static com.motoo.gateway.order.RequestField.ORDER_ID;
import static com.motoo.gateway.order.RequestField.PRICE;
import static com.motoo.gateway.order.RequestField.QTY;
import static com.motoo.gateway.order.RequestField.SIDE;
import static com.motoo.gateway.order.RequestField.SYMBOL;
import static com.motoo.gateway.order.RequestField.TIF;
import static com.motoo.gateway.order.RequestField.TYPE;

/**
 * Decodes and validates order requests (WebSocket messages and REST order bodies alike, as read by
 * {@link RequestReader}): every field has the right type and range, no unknown field is present.
 * Where the engine has a limit of its own that needs no market state (the largest quantity), it is
 * checked here too, so such a request is an error that never reaches the engine.
 * The same checks serve the other REST bodies, which come as Jackson's tree. An optional field
 * given as JSON {@code null} is taken as absent (what many JSON writers emit for a field they have
 * no value for), as a required one given as null is refused as missing. Stateless; any thread;
 * allocates the request record. Throws {@link RequestException} (INVALID_REQUEST) naming the first
 * problem.
 */
public final class OrderRequestAdapter {
    private static final int MAX_CLIENT_ORDER_ID = 48;
    private static final Set<RequestField> PLACE_FIELDS =
        EnumSet.of(OP, ID, CLIENT_ORDER_ID, SYMBOL, SIDE, TYPE, TIF, PRICE, QTY);
    private static final Set<RequestField> MODIFY_FIELDS = EnumSet.of(OP, ID, ORDER_ID, CLIENT_ORDER_ID, PRICE, QTY);
    private static final Set<RequestField> CANCEL_FIELDS = EnumSet.of(OP, ID, ORDER_ID, CLIENT_ORDER_ID);
    private static final Set<RequestField> MODIFY_BODY_FIELDS = EnumSet.of(PRICE, QTY);
    private static final Side[] SIDES = Side.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();

    private OrderRequestAdapter() {
    }

    /**
     * @return the place request in {@code body}. Type defaults to LIMIT; tif to GTC for a LIMIT order and to IOC for a
     *         MARKET order, which acts as IOC whatever tif it has but FOK (it never rests: what it cannot trade at once is
     *         canceled), so that its events tell what it does. A tif the client sent is kept as sent.
     */
    public static PlaceRequest place(RequestMessage body) {
        requireOnly(body, PLACE_FIELDS);
        final String clientOrderId = optionalClientOrderId(body);
        final String symbol = symbol(requiredText(body, SYMBOL));
        final Side side = enumValue(body, SIDE, SIDES, null);
        final OrderType type = enumValue(body, TYPE, ORDER_TYPES, OrderType.LIMIT);
        final TimeInForce tif = enumValue(body, TIF, TIFS, type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC);
        final long qty = quantity(body);
        final long price;
        if (type == OrderType.MARKET) {
            price = isGiven(body, PRICE) ? integerFrom(body.kind(PRICE), body.number(PRICE), PRICE.jsonName(), 0,
                MatchingEngine.MAX_CASH) : 0;
            if (price != 0) {
                throw RequestException.invalid("price must be absent or 0 for a MARKET order");
            }
        } else {
            price = positiveLong(body, PRICE);
        }
        return new PlaceRequest(clientOrderId, symbol, side, type, tif, price, qty);
    }

    /** @return the order a WebSocket {@code modify} or {@code cancel} message names */
    public static OrderTarget target(RequestMessage body, boolean modify) {
        requireOnly(body, modify ? MODIFY_FIELDS : CANCEL_FIELDS);
        final boolean byId = isGiven(body, ORDER_ID);
        if (byId == isGiven(body, CLIENT_ORDER_ID)) {
            throw RequestException.invalid("exactly one of orderId and clientOrderId is required");
        }
        return byId ? new OrderTarget(positiveLong(body, ORDER_ID), null) : new OrderTarget(0, optionalClientOrderId(body));
    }

    /** @return {price, qty} of a modify (WebSocket message or REST PATCH body) */
    public static long[] modifyValues(RequestMessage body, boolean restBody) {
        if (restBody) {
            requireOnly(body, MODIFY_BODY_FIELDS);
        }
        return new long[] {positiveLong(body, PRICE), quantity(body)};
    }

    /** Fails on the first field, in the message's order, that is not in {@code allowed}; also requires a JSON object. */
    public static void requireOnly(RequestMessage body, Set<RequestField> allowed) {
        if (!body.isObject()) {
            throw notAnObject();
        }
        final String outside = body.firstFieldOutside(allowed);
        if (outside != null) {
            throw unknownField(outside);
        }
    }

    /** Fails on the first field that is not in {@code allowed}; also requires a JSON object. */
    public static void requireOnly(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw notAnObject();
        }
        final Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                throw unknownField(name);
            }
        }
    }

    /** @return a required string field */
    public static String requiredText(RequestMessage body, RequestField field) {
        return requiredText(body.kind(field), body.text(field), field.jsonName());
    }

    /** @return a required string field */
    public static String requiredText(JsonNode body, String field) {
        final JsonNode node = body.get(field);
        return requiredText(JsonKind.of(node), node == null ? null : node.textValue(), field);
    }

    /** @return an optional string field, null when it is absent or JSON {@code null} */
    public static String optionalText(JsonNode body, String field) {
        final JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : requiredText(body, field);
    }

    /**
     * @return {@code text}, checked to be text a person can read and PostgreSQL can store: no control
     *         character (U+0000 to U+001F, U+007F; PostgreSQL text cannot hold U+0000 at all) and no
     *         lone surrogate (half of a character, which has no UTF-8 form). Allocation-free.
     * @throws RequestException INVALID_REQUEST naming the field
     */
    public static String plainText(String text, String field) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                i++;
            } else if (c < ' ' || c == '\u007F' || Character.isSurrogate(c)) {
                throw RequestException.invalid(field + " must not hold control characters (U+0000 to U+001F, U+007F)"
                    + " or lone surrogates");
            }
        }
        return text;
    }

    /** @return {@code text}, checked to be a symbol ({@link Symbol#isValid}) @throws RequestException naming the rule */
    public static String symbol(String text) {
        if (!Symbol.isValid(text)) {
            throw RequestException.invalid("symbol must be 1 to 8 characters of [0-9A-Za-z._-]");
        }
        return text;
    }

    /** @return {@code id}, checked to be a well-formed client order id (allocation-free, unlike a regex matcher) */
    public static String clientOrderId(String id) {
        boolean valid = !id.isEmpty() && id.length() <= MAX_CLIENT_ORDER_ID;
        for (int i = 0; valid && i < id.length(); i++) {
            final char c = id.charAt(i);
            valid = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == ':'
                || c == '-';
        }
        if (!valid) {
            throw RequestException.invalid("clientOrderId must be 1 to 48 characters of [A-Za-z0-9._:-]");
        }
        return id;
    }

    /** @return a required integer field in 1..{@link MatchingEngine#MAX_CASH} */
    public static long positiveLong(RequestMessage body, RequestField field) {
        return positiveLong(body, field, MatchingEngine.MAX_CASH);
    }

    /** @return a required integer field in 1..{@link MatchingEngine#MAX_CASH} */
    public static long positiveLong(JsonNode body, String field) {
        return positiveLong(body, field, MatchingEngine.MAX_CASH);
    }

    /**
     * @return the required {@code qty} of a REST body (a share grant): an integer in
     *         1..{@link MatchingEngine#MAX_QTY}, as {@link #place} and {@link #modifyValues} check it
     */
    public static long quantity(JsonNode body) {
        return positiveLong(body, QTY.jsonName(), MatchingEngine.MAX_QTY);
    }

    /**
     * @return the required {@code basePrice} of a REST listing: an integer in
     *         1..{@link MatchingEngine#MAX_BASE_PRICE}, so that a larger one is refused here (400)
     *         rather than rejected by the engine
     */
    public static long basePrice(JsonNode body) {
        return positiveLong(body, "basePrice", MatchingEngine.MAX_BASE_PRICE);
    }

    /**
     * @return the required {@code qty}: an integer in 1..{@link MatchingEngine#MAX_QTY}, the most the
     *         engine takes, so a larger one is refused here (an {@code error}, 400) rather than
     *         rejected by the engine (INVALID_QTY)
     */
    private static long quantity(RequestMessage body) {
        return positiveLong(body, QTY, MatchingEngine.MAX_QTY);
    }

    private static long positiveLong(RequestMessage body, RequestField field, long max) {
        return integerFrom(body.kind(field), body.number(field), field.jsonName(), 1, max);
    }

    private static long positiveLong(JsonNode body, String field, long max) {
        final JsonNode node = body.get(field);
        return integerFrom(JsonKind.of(node), node == null ? 0 : node.longValue(), field, 1, max);
    }

    private static String optionalClientOrderId(RequestMessage body) {
        return isGiven(body, CLIENT_ORDER_ID) ? clientOrderId(requiredText(body, CLIENT_ORDER_ID)) : null;
    }

    /** @return whether the message has the field with a value other than JSON {@code null} */
    private static boolean isGiven(RequestMessage body, RequestField field) {
        return body.has(field) && body.kind(field) != JsonKind.NULL;
    }

    private static <E extends Enum<E>> E enumValue(RequestMessage body, RequestField field, E[] values, E defaultValue) {
        if (defaultValue != null && !isGiven(body, field)) {
            return defaultValue;
        }
        final String text = requiredText(body, field);
        for (E value : values) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw RequestException.invalid(field.jsonName() + " must be one of " + Arrays.toString(values));
    }

    private static String requiredText(JsonKind kind, String value, String field) {
        if (kind == JsonKind.ABSENT || kind == JsonKind.NULL) {
            throw RequestException.invalid(field + " is required");
        }
        if (kind != JsonKind.STRING) {
            throw RequestException.invalid(field + " must be a string");
        }
        return value;
    }

    /**
     * @return a required integer field in {@code min..max}; any integer outside it, however large,
     *         is refused with that range, anything that is not an integer as such
     */
    private static long integerFrom(JsonKind kind, long value, String field, long min, long max) {
        if (kind == JsonKind.ABSENT || kind == JsonKind.NULL) {
            throw RequestException.invalid(field + " is required");
        }
        if (kind != JsonKind.INTEGER && kind != JsonKind.BIG_INTEGER) {
            throw RequestException.invalid(field + " must be an integer");
        }
        if (kind == JsonKind.BIG_INTEGER || value < min || value > max) {
            throw RequestException.invalid(field + " is out of range (" + min + " to " + max + ")");
        }
        return value;
    }

    private static RequestException notAnObject() {
        return RequestException.invalid("the request must be a JSON object");
    }

    private static RequestException unknownField(String name) {
        return RequestException.invalid("unknown field '" + name + "'");
    }
}
