package com.motoo.engine.snapshot;

/** A snapshot that cannot be used: truncated, corrupt, of another version or other market rules. */
public final class SnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public SnapshotException(String message) {
        super(message);
    }
}
