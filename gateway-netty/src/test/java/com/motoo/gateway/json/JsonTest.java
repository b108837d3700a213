package com.motoo.gateway.json;

import com.motoo.gateway.order.RequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What {@link Json#parse} says about a malformed text: where, and what, in its own words. */
@Timeout(10)
class JsonTest {
    @Test
    void shouldSayWhereAndWhatIsWrongWithAMalformedText() {
        final Map<String, String> said = new LinkedHashMap<>();
        said.put("{\"username\":\"a\",}", "at line 1, column 17: unexpected character '}'; expected a field name in double quotes");
        said.put("{\"op\":}", "at line 1, column 7: unexpected character '}'; expected a value");
        said.put("{\"a\":1\n,\"b\":}", "at line 2, column 6: unexpected character '}'; expected a value");
        said.put("{\"op\" \"ping\"}", "at line 1, column 7: unexpected character '\"'; expected ':' after a field name");
        said.put("{\"a\":1]", "at line 1, column 7: unexpected character ']'; expected ',' or '}'");
        said.put("[1 2]", "at line 1, column 4: unexpected character '2'; expected ',' or ']'");
        said.put("{\"price\":1.}", "at line 1, column 11: unexpected character '}' in a number");
        said.put("\u0001{}", "at line 1, column 2: unexpected character U+0001");
        said.put("{\"a\":tru}", "at line 1, column 6: unrecognized word 'tru'; expected a string, number, object, array, true,"
            + " false or null");
        said.put("{\"price\":NaN}", "at line 1, column 10: 'NaN' is not a JSON number");
        said.put("{\"price\":01}", "at line 1, column 10: a number must not start with 0");
        said.put("{\"op\":\"pi\\qng\"}", "at line 1, column 11: invalid escape \\q in a string");
        said.put("{\"a\":\"\\u12\"}", "at line 1, column 11: unexpected character '\"'; expected four hex digits after \\u");
        said.put("{\"a\":\"x\n\"}", "at line 1, column 8: control character U+000A in a string; escape it");
        said.put("{\"x\":1,\"x\":2}", "at line 1, column 8: duplicate field 'x'");
        said.put("[1,2", "at line 1, column 5: the text ends before the array is closed");
        said.put("{\"op\":\"ping\"", "at line 1, column 13: the text ends before the object is closed");
        said.put("{\"x\":" + "[".repeat(16) + "]".repeat(16) + "}", "at line 1, column 22: nested more than 16 levels deep");
        said.put("{\"price\":1" + "0".repeat(1000) + "}", "at line 1, column 1011: a number longer than 1000 characters");
        said.put("{\"op\":\"ping\"} x", "at line 1, column 14: unexpected data after the JSON object");
        said.put("{\"op\":\"ping\"}}", "at line 1, column 14: unexpected data after the JSON object");
        said.put("[1] 2", "at line 1, column 4: unexpected data after the JSON value");
        said.forEach((text, words) -> assertEquals("malformed JSON " + words,
            assertThrows(RequestException.class, () -> Json.parse(text), text).getMessage(), text));
    }

    @Test
    void shouldCallAnEmptyTextEmpty() {
        assertEquals("the body is empty; a JSON object is expected",
            assertThrows(RequestException.class, () -> Json.parse(" \n")).getMessage());
    }
}
