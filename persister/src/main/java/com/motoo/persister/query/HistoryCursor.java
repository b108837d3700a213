package com.motoo.persister.query;

/**
 * Keyset position in a transaction history (newest first): the next page starts strictly after
 * (older than) this key. Encoded as text {@code tsMs.seq.eventNo} for clients.
 */
public record HistoryCursor(long tsMs, long seq, int eventNo) {
    /** The cursor of the first page. */
    public static final HistoryCursor FIRST = new HistoryCursor(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);

    /** @return the cursor as text */
    public String encode() {
        return tsMs + "." + seq + "." + eventNo;
    }

    /**
     * @param text a cursor made by {@link #encode()}
     * @throws IllegalArgumentException if it is not one
     */
    public static HistoryCursor decode(String text) {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("bad history cursor '" + text + "'");
        }
        try {
            return new HistoryCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad history cursor '" + text + "'", e);
        }
    }
}
