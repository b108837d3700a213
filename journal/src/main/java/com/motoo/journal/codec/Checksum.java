package com.motoo.journal.codec;

/** What the {@link ChecksumPrefix} of a journal excerpt says about the records after it. */
public enum Checksum {
    /** The excerpt has no prefix (an older build wrote it, or its first bytes were lost). */
    NONE,
    /** The records are the bytes the writer wrote. */
    MATCHED,
    /** They are not: the excerpt is torn. */
    MISMATCHED
}
