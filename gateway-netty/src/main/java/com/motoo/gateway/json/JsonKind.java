package com.motoo.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a request field holds, as far as request checks care: absent, null, a string, an integer
 * that fits a long or one that does not, another number, or something else. Checks written against
 * it read the same whether the request came as Jackson's tree or through a streaming reader.
 */
public enum JsonKind {
    ABSENT,
    NULL,
    STRING,
    /** An integer that fits a long. */
    INTEGER,
    /** An integer beyond the range of a long. */
    BIG_INTEGER,
    /** A number with a fraction or an exponent, such as {@code 71000.0} or {@code 1e5}. */
    FLOAT,
    BOOLEAN,
    OBJECT,
    ARRAY;

    /** @return the kind of a tree value, {@code null} meaning absent. Any thread; allocation-free. */
    public static JsonKind of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return ABSENT;
        }
        if (node.isNull()) {
            return NULL;
        }
        if (node.isTextual()) {
            return STRING;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? INTEGER : BIG_INTEGER;
        }
        if (node.isNumber()) {
            return FLOAT;
        }
        if (node.isBoolean()) {
            return BOOLEAN;
        }
        return node.isArray() ? ARRAY : OBJECT;
    }
}
