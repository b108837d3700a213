package com.motoo.gateway.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.motoo.gateway.order.RequestException;

import java.io.IOException;
import java.io.UncheckedIOException;

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

    /** Reads one value and leaves the parser after it, so what follows is checked (and named) here. */
    private static final ObjectReader ROOT = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * Parses a request body or message: one JSON value and nothing after it.
     *
     * @throws RequestException INVALID_REQUEST when the text is not one well-formed JSON value, saying
     *         where and what in words of its own ({@link JsonErrors})
     */
    public static JsonNode parse(String text) {
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            final JsonNode node = readRoot(parser);
            final JsonLocation end = parser.currentLocation();
            if (hasMore(parser)) {
                throw JsonErrors.trailing(node.isObject(), end);
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string", e);
        }
    }

    private static JsonNode readRoot(JsonParser parser) throws IOException {
        final JsonNode node;
        try {
            node = ROOT.readTree(parser);
        } catch (JsonProcessingException e) {
            throw JsonErrors.malformed(e, parser.currentLocation(), parser.streamReadConstraints());
        }
        if (node == null || node.isMissingNode()) {
            throw RequestException.invalid("the body is empty; a JSON object is expected");
        }
        return node;
    }

    /** @return whether anything but white space follows the value the parser read */
    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true;
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
