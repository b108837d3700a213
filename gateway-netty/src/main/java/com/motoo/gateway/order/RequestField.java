package com.motoo.gateway.order;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields an order-entry request may carry, over every WebSocket op (PROTOCOL.md) and the REST
 * order bodies: what {@link RequestReader} keeps of a message. Any other name is an unknown field.
 * A field whose values are a fixed set of words (op, side, type, tif) lists them, so that reading
 * one of them allocates no string.
 */
public enum RequestField {
    OP("op", "auth", "ping", "place", "modify", "cancel", "subscribe", "unsubscribe"),
    ID("id"),
    TOKEN("token"),
    CHANNELS("channels"),
    CLIENT_ORDER_ID("clientOrderId"),
    ORDER_ID("orderId"),
    SYMBOL("symbol"),
    SIDE("side", names(Side.values())),
    TYPE("type", names(OrderType.values())),
    TIF("tif", names(TimeInForce.values())),
    PRICE("price"),
    QTY("qty");

    private static final Map<String, RequestField> BY_NAME = new HashMap<>();

    static {
        for (RequestField field : values()) {
            BY_NAME.put(field.jsonName, field);
        }
    }

    private final String jsonName;
    private final String[] words;

    RequestField(String jsonName, String... words) {
        this.jsonName = jsonName;
        this.words = words;
    }

    /** @return the field called {@code name} in JSON, or null for an unknown field. Allocation-free. */
    static RequestField named(String name) {
        return BY_NAME.get(name);
    }

    /** @return the field's name in JSON */
    public String jsonName() {
        return jsonName;
    }

    /** @return the words a string value is expected to be one of (empty: any string); not to be modified */
    String[] words() {
        return words;
    }

    private static String[] names(Enum<?>[] constants) {
        final String[] names = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            names[i] = constants[i].name();
        }
        return names;
    }
}
