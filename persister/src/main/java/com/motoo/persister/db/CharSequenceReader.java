package com.motoo.persister.db;

import java.io.Reader;

/** A {@link Reader} over a {@link StringBuilder} without copying it into a String. Single-threaded. */
final class CharSequenceReader extends Reader {
    private final StringBuilder text;
    private int position;

    CharSequenceReader(StringBuilder text) {
        this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (position >= text.length()) {
            return -1;
        }
        final int n = Math.min(length, text.length() - position);
        text.getChars(position, position + n, buffer, offset);
        position += n;
        return n;
    }

    @Override
    public void close() {
        position = text.length();
    }
}
