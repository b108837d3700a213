package com.motoo.journal.codec;

/** A journal excerpt that does not follow the documented layout (wrong version, unknown kind, truncated). */
public final class JournalFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong */
    public JournalFormatException(String message) {
        super(message);
    }
}
