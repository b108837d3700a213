package com.motoo.gateway.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.engine.command.Side;
import com.motoo.gateway.json.Json;
import com.motoo.gateway.json.JsonKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming request reader against Jackson's tree, which requests were read with before and
 * which serves as the oracle here: the same texts accepted, the same words for those refused, the
 * same kinds, values and {@code id} echo for what was accepted.
 */
@Timeout(30)
class RequestReaderTest {
    private static final String PLACE = "{\"op\":\"place\",\"id\":\"p1\",\"clientOrderId\":\"my-1\",\"symbol\":\"005930\","
        + "\"side\":\"BUY\",\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":71000,\"qty\":10}";
    private static final List<String> VALUES = List.of("null", "true", "false", "0", "-0", "-1", "71000", "71000.0", "1e5",
        "-1.5E-3", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "\"\"", "\"BUY\"", "\"buy\"", "\"BUY \"", "\"a\\\"b\\\\c/\\u00e9\\n\\t\\u0001\"",
        "\"\u00e9\u2028\ud83d\ude00\"", "\"" + "x".repeat(10_000) + "\"", "{}", "{\"a\":[1,{\"b\":null}]}", "[]", "[\"a\",1]");
    private static final List<String> MALFORMED = List.of("", "  \n", "{", "{\"op\":\"ping\"", "[1,2", "{\"op\":}",
        "{\"op\" \"ping\"}", "{'op':'ping'}", "{op:\"ping\"}", "{\"op\":\"ping\",}", "{\"op\":\"pi\\qng\"}",
        "{\"op\":\"p\u0001\"}", "{\"price\":01}", "{\"price\":NaN}", "{\"price\":1.}", "{\"op\":\"ping\"} x",
        "{\"op\":\"ping\"}{\"op\":\"ping\"}", "{\"op\":\"ping\"} [1]", "{\"op\":\"ping\"}}", "[1] 2", "5 x",
        "{\"op\":\"ping\",\"op\":\"ping\"}", "{\"x\":1,\"x\":2}", "{\"op\":\"ping\",\"x\":{\"a\":1,\"a\":2}}",
        "{\"x\":[{\"a\":1,\"b\":{\"c\":1,\"c\":1}}]}", "{\"x\":" + "[".repeat(16) + "]".repeat(16) + "}",
        "[".repeat(17) + "]".repeat(17), "{\"price\":1" + "0".repeat(1000) + "}", "{\"" + "n".repeat(50_001) + "\":1}",
        "{\"op\":\"ping\",\"op\" \"ping\"}", "{\"op\":\"ping\",\"op\":}");

    @Test
    void shouldReadEachFieldWhateverTheirOrderWithoutAStringForAFixedWord() {
        final RequestMessage message = RequestReader.read("{\"qty\":10,\"side\":\"BUY\",\"symbol\":\"005930\","
            + "\"price\":71000,\"op\":\"place\",\"id\":7}");
        assertTrue(message.isObject());
        assertEquals(JsonKind.INTEGER, message.kind(RequestField.QTY));
        assertEquals(10, message.number(RequestField.QTY));
        assertEquals(71000, message.number(RequestField.PRICE));
        assertEquals("005930", message.text(RequestField.SYMBOL));
        assertSame(Side.BUY.name(), message.text(RequestField.SIDE));
        assertEquals("place", message.text(RequestField.OP));
        assertEquals("7", message.echoId());
        assertFalse(message.has(RequestField.TYPE));
        assertNull(message.firstFieldOutside(EnumSet.allOf(RequestField.class)));
    }

    @Test
    void shouldKeepNothingOfTheMessageItReadBefore() {
        RequestReader.read(PLACE);
        final RequestMessage message = RequestReader.read("{\"op\":\"subscribe\",\"channels\":[\"book.005930\"]}");
        assertEquals(JsonKind.ABSENT, message.kind(RequestField.SYMBOL));
        assertNull(message.echoId());
        assertEquals(List.of("book.005930"), message.channels());
        assertFalse(RequestReader.read("[1]").isObject());
        assertTrue(RequestReader.read("{}").channels().isEmpty());
    }

    @Test
    void shouldNameTheFirstFieldOutsideASetInTheOrderOfTheMessage() {
        final EnumSet<RequestField> ping = EnumSet.of(RequestField.OP, RequestField.ID);
        assertEquals("qty", RequestReader.read("{\"op\":\"ping\",\"qty\":1,\"extra\":2}").firstFieldOutside(ping));
        assertEquals("extra", RequestReader.read("{\"op\":\"ping\",\"extra\":2,\"qty\":1}").firstFieldOutside(ping));
        assertEquals("extra", RequestReader.read("{\"extra\":{\"a\":[]},\"more\":1}").firstFieldOutside(ping));
    }

    @Test
    void shouldKeepTheChannelStringsUpToTheFirstOtherElement() {
        final RequestMessage message = RequestReader.read("{\"channels\":[\"book.005930\",\"ticker.*\",7,\"trades.005930\"]}");
        assertEquals(List.of("book.005930", "ticker.*"), message.channels());
        assertFalse(message.channelsAreStrings());
        assertTrue(RequestReader.read("{\"channels\":[]}").channelsAreStrings());
    }

    @Test
    void shouldReadEveryKindOfValueAsJacksonsTreeDoes() {
        for (RequestField field : List.of(RequestField.PRICE, RequestField.ID, RequestField.SIDE, RequestField.CHANNELS)) {
            for (String value : VALUES) {
                final String text = "{\"" + field.jsonName() + "\":" + value + "}";
                final JsonNode node = Json.parse(text).get(field.jsonName());
                final RequestMessage message = RequestReader.read(text);
                assertEquals(JsonKind.of(node), message.kind(field), text);
                if (node.isTextual()) {
                    assertEquals(node.textValue(), message.text(field), text);
                } else if (node.isIntegralNumber() && node.canConvertToLong()) {
                    assertEquals(node.longValue(), message.number(field), text);
                }
                if (field == RequestField.ID && (node.isTextual() || node.isIntegralNumber())) {
                    assertEquals(node.toString(), message.echoId(), "the id echoed as before: " + text);
                }
            }
        }
    }

    @Test
    void shouldRefuseWhatJacksonsTreeRefusesInItsWords() {
        for (String text : MALFORMED) {
            assertEquals(treeError(text), readError(text), text);
            assertPlainWords(readError(text), text);
        }
        assertEquals("malformed JSON at line 1, column 25: duplicate field 'a'",
            readError("{\"op\":\"ping\",\"x\":{\"a\":1,\"a\":2}}"));
        assertEquals("the body is empty; a JSON object is expected", readError(" "));
        assertEquals("malformed JSON at line 1, column 14: unexpected data after the JSON object",
            readError("{\"op\":\"ping\"}{\"op\":\"ping\"}"));
    }

    @Test
    void shouldAcceptAndRefuseExactlyWhatJacksonsTreeDoesOnMutatedMessages() {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final String alphabet = "{}[],:\"\\ a1.-e\u0001\u00e9/";
        final List<String> seeds = List.of(PLACE, "{\"op\":\"modify\",\"orderId\":42,\"price\":71100,\"qty\":5}",
            "{\"op\":\"subscribe\",\"id\":3,\"channels\":[\"book.005930\",\"ticker.*\"]}", "{\"x\":{\"a\":[1,{\"b\":2}]},\"qty\":-0}");
        for (int i = 0; i < 20_000; i++) {
            final StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                final int at = random.nextInt(text.length());
                final char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.setCharAt(at, c);
                    case 1 -> text.insert(at, c);
                    default -> text.deleteCharAt(at);
                }
            }
            final String mutated = text.toString();
            final String expected = treeError(mutated);
            final String message = "seed " + seed + ": " + mutated;
            assertEquals(expected, readError(mutated), message);
            assertPlainWords(expected, message);
            if (expected == null) {
                assertSameFields(Json.parse(mutated), RequestReader.read(mutated), message);
            }
        }
    }

    /** Fails on an error message that speaks Jackson: its classes, features, settings or character codes. */
    private static void assertPlainWords(String error, String text) {
        if (error == null) {
            return;
        }
        for (String jackson : List.of("`", "jackson", "Feature", "Constraints", "code ", "Source", "REDACTED", "token (of type")) {
            assertFalse(error.contains(jackson), "'" + jackson + "' in: " + error + " (for " + text + ")");
        }
    }

    private static void assertSameFields(JsonNode tree, RequestMessage message, String text) {
        assertEquals(tree.isObject(), message.isObject(), text);
        for (RequestField field : RequestField.values()) {
            final JsonNode node = tree.get(field.jsonName());
            assertEquals(JsonKind.of(node), message.kind(field), text);
            if (node != null && node.isTextual()) {
                assertEquals(node.textValue(), message.text(field), text);
            }
        }
    }

    /** @return the message of the error Jackson's tree gave, or null when it read the text */
    private static String treeError(String text) {
        try {
            Json.parse(text);
            return null;
        } catch (RequestException e) {
            return e.getMessage();
        }
    }

    private static String readError(String text) {
        try {
            RequestReader.read(text);
            return null;
        } catch (RequestException e) {
            assertEquals("INVALID_REQUEST", e.code());
            return e.getMessage();
        }
    }
}
