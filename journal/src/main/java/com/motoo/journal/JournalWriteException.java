package com.motoo.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A journal could not be written. The usual cause is a full file system: Chronicle Queue writes
 * through a memory-mapped file, and a page the file system cannot back faults (SIGBUS), which the
 * JVM reports as an {@link InternalError} ("a fault occurred in a recent unsafe memory access
 * operation"). The message says so and how much space is left.
 */
public final class JournalWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private JournalWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param queueDir the journal's queue directory
     * @param fault the fault of the write
     * @return an exception naming the directory, its usable space and the fault
     */
    public static JournalWriteException mappedWriteFailed(Path queueDir, Throwable fault) {
        return new JournalWriteException("journal write failed: no space left on " + queueDir + "? ("
            + usableSpace(queueDir) + "; " + fault + ")", fault);
    }

    private static String usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace() + " bytes usable";
        } catch (IOException unknown) {
            return "usable space unknown: " + unknown.getMessage();
        }
    }
}
