package com.motoo.engine.command;

/** A command-file line that does not follow the format of DESIGN.md. */
public final class CommandFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long lineNumber;

    /**
     * @param lineNumber the 1-based line number, or 0 when unknown
     * @param message what is wrong with the line
     */
    public CommandFormatException(long lineNumber, String message) {
        super(lineNumber > 0 ? "line " + lineNumber + ": " + message : message);
        this.lineNumber = lineNumber;
    }

    /** @return the 1-based line number, or 0 when unknown */
    public long lineNumber() {
        return lineNumber;
    }
}
