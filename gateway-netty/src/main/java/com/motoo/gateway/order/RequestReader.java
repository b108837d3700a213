package com.motoo.gateway.order;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.motoo.gateway.json.Json;
import com.motoo.gateway.json.JsonKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a WebSocket message or a REST order body with Jackson's streaming parser straight into the
 * calling thread's {@link RequestMessage}, instead of building Jackson's tree. It accepts exactly
 * the texts {@link Json#parse} accepts: one JSON value and nothing after it, no name twice in an
 * object, the same nesting and length limits (the parser comes from the same factory). A text it
 * refuses is handed to {@link Json#parse}, so a client is told the same (where and what is wrong, in
 * the gateway's words) whichever of the two read its text.
 *
 * <p>Any thread. Allocates the parser and its small state (Jackson recycles its buffers per
 * thread) and the strings of string fields that are not fixed words; nothing per field otherwise.
 * Names are checked for duplicates here rather than by the parser, whose check allocates a set per
 * message: a known field by its slot, anything else (refused anyway) in a set made when needed.
 */
public final class RequestReader {
    private static final JsonFactory JSON = Json.MAPPER.getFactory().rebuild()
        .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ThreadLocal<RequestMessage> MESSAGES = ThreadLocal.withInitial(RequestMessage::new);

    private RequestReader() {
    }

    /**
     * @return the calling thread's message, refilled from {@code text}
     * @throws RequestException INVALID_REQUEST when the text is not one well-formed JSON value
     */
    public static RequestMessage read(String text) {
        final RequestMessage message = MESSAGES.get().clear();
        try (JsonParser parser = JSON.createParser(text)) {
            final JsonToken root = parser.nextToken();
            if (root == JsonToken.START_OBJECT) {
                readFields(parser, message);
            } else if (root != null) {
                skip(parser, root);
            }
            if (root == null || parser.nextToken() != null) {
                throw refused(text);
            }
            return message;
        } catch (JsonProcessingException e) {
            throw refused(text);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string", e);
        }
    }

    /** @return never: Jackson's tree refuses the text and its error is thrown */
    private static RequestException refused(String text) {
        Json.parse(text);
        throw new IllegalStateException("Jackson's tree accepts what the request reader refused: " + text);
    }

    private static void readFields(JsonParser parser, RequestMessage message) throws IOException {
        message.object();
        Set<String> unknownNames = null;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            final RequestField field = RequestField.named(name);
            final JsonToken value = parser.nextToken();
            if (field != null) {
                if (message.has(field)) {
                    throw duplicate(parser, name);
                }
                readValue(parser, value, field, message);
                continue;
            }
            if (unknownNames == null) {
                unknownNames = new HashSet<>();
            }
            if (!unknownNames.add(name)) {
                throw duplicate(parser, name);
            }
            message.unknownField(name);
            skip(parser, value);
        }
    }

    private static void readValue(JsonParser parser, JsonToken value, RequestField field, RequestMessage message)
        throws IOException {
        switch (value) {
            case VALUE_STRING -> message.field(field, JsonKind.STRING, text(parser, field.words()));
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    message.field(field, JsonKind.BIG_INTEGER, parser.getText());
                } else {
                    message.field(field, parser.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> message.field(field, JsonKind.FLOAT);
            case VALUE_TRUE, VALUE_FALSE -> message.field(field, JsonKind.BOOLEAN);
            case VALUE_NULL -> message.field(field, JsonKind.NULL);
            case START_ARRAY -> {
                message.field(field, JsonKind.ARRAY);
                if (field == RequestField.CHANNELS) {
                    readChannels(parser, message);
                } else {
                    skip(parser, value);
                }
            }
            default -> {
                message.field(field, JsonKind.OBJECT);
                skip(parser, value);
            }
        }
    }

    /** Keeps the array's string elements up to the first other one; parses the rest. */
    private static void readChannels(JsonParser parser, RequestMessage message) throws IOException {
        boolean strings = true;
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            strings &= element == JsonToken.VALUE_STRING;
            if (strings) {
                message.channel(parser.getText());
            } else {
                skip(parser, element);
            }
        }
        if (!strings) {
            message.nonStringChannel();
        }
    }

    /** Parses a value that is not kept to its end, refusing a name seen twice in one of its objects. */
    private static void skip(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT) {
            final Set<String> names = new HashSet<>();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                if (!names.add(name)) {
                    throw duplicate(parser, name);
                }
                skip(parser, parser.nextToken());
            }
        } else if (value == JsonToken.START_ARRAY) {
            for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                skip(parser, element);
            }
        }
    }

    private static JsonParseException duplicate(JsonParser parser, String name) {
        return new JsonParseException(parser, "Duplicate field '" + name + "'");
    }

    /** @return the string value: the field's own constant when it is one of its words (no allocation), else a new string */
    private static String text(JsonParser parser, String[] words) throws IOException {
        if (words.length > 0) {
            final char[] chars = parser.getTextCharacters();
            final int offset = parser.getTextOffset();
            final int length = parser.getTextLength();
            for (String word : words) {
                if (matches(word, chars, offset, length)) {
                    return word;
                }
            }
        }
        return parser.getText();
    }

    private static boolean matches(String word, char[] chars, int offset, int length) {
        if (word.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (word.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
