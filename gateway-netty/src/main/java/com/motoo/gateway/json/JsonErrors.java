package com.motoo.gateway.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.motoo.gateway.order.RequestException;

/**
 * Says what is wrong with a text Jackson's parser refused in the gateway's words, not Jackson's
 * (which name its classes, features and settings): where, as line and column, and what, such as
 * {@code malformed JSON at line 1, column 17: unexpected character '}'; expected a value}. Jackson's
 * message only tells which kind of mistake it found; a kind not known here is named by its place
 * alone. Any thread; the error path only, so it allocates freely.
 */
final class JsonErrors {
    private static final String PREFIX = "malformed JSON";

    private JsonErrors() {
    }

    /**
     * @param e what the parser threw
     * @param stoppedAt where the parser stood, for the errors that carry no location
     * @param limits the parser's limits, named when one was passed
     * @return INVALID_REQUEST saying where the text went wrong and how
     */
    static RequestException malformed(JsonProcessingException e, JsonLocation stoppedAt, StreamReadConstraints limits) {
        final JsonLocation at = e.getLocation() == null ? stoppedAt : e.getLocation();
        final String said = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException || said.startsWith("Unexpected end-of-input")) {
            return error(at, 0, said.contains("Array") ? "the text ends before the array is closed"
                : said.contains("Object") ? "the text ends before the object is closed" : "the text ends in the middle of a value");
        }
        if (e instanceof StreamConstraintsException) {
            return error(at, 0, overLimit(said, limits));
        }
        if (said.startsWith("Unexpected character") || said.startsWith("Illegal character")) {
            return error(at, 0, "unexpected character " + character(said) + expectation(said));
        }
        if (said.startsWith("Unexpected close marker '")) {
            return error(at, 0, "unexpected character '" + said.charAt(said.indexOf('\'') + 1) + "'" + expectation(said));
        }
        if (said.startsWith("Unrecognized token '")) {
            final String token = firstQuoted(said);
            return error(at, token.length(), "unrecognized word '" + token
                + "'; expected a string, number, object, array, true, false or null");
        }
        if (said.startsWith("Duplicate field '")) {
            final String name = said.substring(said.indexOf('\'') + 1, said.lastIndexOf('\''));
            return error(at, name.length() + 2, "duplicate field '" + name + "'");
        }
        if (said.startsWith("Unrecognized character escape")) {
            return error(at, 0, "invalid escape \\" + character(said).replace("'", "") + " in a string");
        }
        if (said.startsWith("Illegal unquoted character")) {
            return error(at, 0, "control character " + character(said) + " in a string; escape it");
        }
        if (said.startsWith("Invalid numeric value: Leading zeroes")) {
            return error(at, 1, "a number must not start with 0");
        }
        if (said.startsWith("Non-standard token '")) {
            final String token = firstQuoted(said);
            return error(at, token.length(), "'" + token + "' is not a JSON number");
        }
        return error(at, 0, "unexpected text");
    }

    /** @return what stands between the first two single quotes of Jackson's message (a word it did not take) */
    private static String firstQuoted(String said) {
        final int open = said.indexOf('\'');
        return said.substring(open + 1, said.indexOf('\'', open + 1));
    }

    /** @return INVALID_REQUEST for a text that has more after its one JSON value, which ends at {@code end} */
    static RequestException trailing(boolean object, JsonLocation end) {
        return error(end, 0, "unexpected data after the JSON " + (object ? "object" : "value"));
    }

    /** @param back how many characters before {@code at} the culprit starts */
    private static RequestException error(JsonLocation at, int back, String what) {
        if (at == null || at.getLineNr() < 1) {
            return RequestException.invalid(PREFIX + ": " + what);
        }
        return RequestException.invalid(PREFIX + " at line " + at.getLineNr() + ", column " + Math.max(1, at.getColumnNr() - back)
            + ": " + what);
    }

    private static String overLimit(String said, StreamReadConstraints limits) {
        if (said.startsWith("Document nesting depth")) {
            return "nested more than " + limits.getMaxNestingDepth() + " levels deep";
        }
        if (said.startsWith("Number value length")) {
            return "a number longer than " + limits.getMaxNumberLength() + " characters";
        }
        if (said.startsWith("Name length")) {
            return "a field name longer than " + limits.getMaxNameLength() + " characters";
        }
        if (said.startsWith("String value length")) {
            return "a string longer than " + limits.getMaxStringLength() + " characters";
        }
        return "too large a value";
    }

    /** @return the character Jackson names by its code ("... (code 125) ..."), quoted, or as U+XXXX when it is not printable */
    private static String character(String said) {
        final int at = said.indexOf("code ");
        int end = at + 5;
        while (at >= 0 && end < said.length() && Character.isDigit(said.charAt(end))) {
            end++;
        }
        if (at < 0 || end == at + 5 || end - at > 12) {
            return "";
        }
        final int code = Integer.parseInt(said.substring(at + 5, end));
        if (Character.isISOControl(code) || !Character.isValidCodePoint(code) || Character.isWhitespace(code)
            || code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE) {
            final String hex = Integer.toHexString(code).toUpperCase(java.util.Locale.ROOT);
            return "U+" + "0000".substring(Math.min(4, hex.length())) + hex;
        }
        return "'" + new String(Character.toChars(code)) + "'";
    }

    /** @return what the parser expected instead, in plain words, or nothing when Jackson's words are not known here */
    private static String expectation(String said) {
        if (said.contains("expected a valid value")) {
            return "; expected a value";
        }
        if (said.contains("was expecting a colon")) {
            return "; expected ':' after a field name";
        }
        if (said.contains("was expecting double-quote to start field name")) {
            return "; expected a field name in double quotes";
        }
        if (said.contains("separate Object entries") || said.contains("expected '}'")) {
            return "; expected ',' or '}'";
        }
        if (said.contains("separate Array entries") || said.contains("expected ']'")) {
            return "; expected ',' or ']'";
        }
        if (said.contains("expected a hex-digit")) {
            return "; expected four hex digits after \\u";
        }
        return said.contains("in numeric value") ? " in a number" : "";
    }
}
