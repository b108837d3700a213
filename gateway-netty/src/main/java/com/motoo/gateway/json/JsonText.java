package com.motoo.gateway.json;

/**
 * Appends JSON tokens to a {@link StringBuilder}: the hand-written encoder for the hot outbound
 * messages (order events, market data), which are flat objects of numbers and short strings.
 * Stateless; the caller owns the builder.
 */
public final class JsonText {
    private JsonText() {
    }

    /** Appends {@code "name":} (the name must need no escaping) with a leading comma unless first. */
    public static StringBuilder name(StringBuilder out, String name) {
        final char last = out.length() == 0 ? '{' : out.charAt(out.length() - 1);
        if (last != '{' && last != '[') {
            out.append(',');
        }
        return out.append('"').append(name).append("\":");
    }

    /** Appends a field with a number value. */
    public static StringBuilder field(StringBuilder out, String name, long value) {
        return name(out, name).append(value);
    }

    /** Appends a field with a boolean value. */
    public static StringBuilder field(StringBuilder out, String name, boolean value) {
        return name(out, name).append(value);
    }

    /** Appends a field with a string value (escaped), or null. */
    public static StringBuilder field(StringBuilder out, String name, CharSequence value) {
        name(out, name);
        return value == null ? out.append("null") : string(out, value);
    }

    /** Appends a quoted, escaped JSON string. */
    public static StringBuilder string(StringBuilder out, CharSequence value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }
}
