package com.motoo.gateway.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.motoo.gateway.order.RequestException;

/**
 * The gateway's one Jackson mapper: strict (duplicate keys refused, trailing tokens refused,
 * nesting limited) for reading requests, plain for writing REST answers. Thread-safe.
 */
public final class Json {
    /** Shared mapper; configured once, never changed. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private Json() {
    }

    /**
     * Parses a request body or message.
     *
     * @throws RequestException INVALID_REQUEST when the text is not one well-formed JSON value
     */
    public static JsonNode parse(String text) {
        try {
            final JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw RequestException.invalid("the body is empty; a JSON object is expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw RequestException.invalid("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** @return the value as JSON text (allocates) */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
        }
    }
}
