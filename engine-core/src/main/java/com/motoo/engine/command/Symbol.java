package com.motoo.engine.command;

/**
 * Symbols (KRX stock codes such as {@code 005930}) packed into a {@code long}: up to 8 ASCII
 * characters from {@code [0-9A-Za-z._-]}, big-endian, zero padded. Packed codes compare (as signed
 * longs) in the same order as the strings, so sorting codes sorts symbols. Packing lets the hot
 * path key books by a primitive and never touch a {@link String}.
 */
public final class Symbol {
    /** The longest symbol that fits in a code. */
    public static final int MAX_LENGTH = 8;

    private Symbol() {
    }

    /**
     * @param text a symbol of 1 to 8 allowed characters
     * @return its packed code
     * @throws IllegalArgumentException if the text is empty, too long or has another character
     */
    public static long encode(CharSequence text) {
        final int length = text.length();
        if (length == 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("symbol must be 1 to " + MAX_LENGTH + " characters: '" + text + "'");
        }
        long code = 0;
        for (int i = 0; i < MAX_LENGTH; i++) {
            code <<= 8;
            if (i < length) {
                final char c = text.charAt(i);
                if (!isAllowed(c)) {
                    throw new IllegalArgumentException("symbol has a character other than [0-9A-Za-z._-]: '" + text + "'");
                }
                code |= c;
            }
        }
        return code;
    }

    /**
     * @param text any text
     * @return whether {@link #encode(CharSequence)} accepts it
     */
    public static boolean isValid(CharSequence text) {
        final int length = text.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!isAllowed(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a packed code. Allocates a String: not for the hot path.
     *
     * @param code a code made by {@link #encode(CharSequence)}
     * @return the symbol text
     */
    public static String decode(long code) {
        final StringBuilder text = new StringBuilder(MAX_LENGTH);
        appendTo(code, text);
        return text.toString();
    }

    /**
     * Appends the symbol text to a builder without creating a String.
     *
     * @param code a packed code
     * @param out where the characters go
     */
    public static void appendTo(long code, StringBuilder out) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            final char c = (char) ((code >>> shift) & 0xFF);
            if (c == 0) {
                return;
            }
            out.append(c);
        }
    }

    private static boolean isAllowed(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
            || c == '.' || c == '_' || c == '-';
    }
}
