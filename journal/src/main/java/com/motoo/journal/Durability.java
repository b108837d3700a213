package com.motoo.journal;

/**
 * How far a journaled command is safe before its result is released.
 */
public enum Durability {
    /**
     * Written to the memory-mapped journal file: survives a crash of the process (the OS keeps the
     * pages), not a crash of the machine before the OS flushes them. The default.
     */
    MMAP,
    /**
     * Written and flushed to the device ({@code msync}) after each batch, before any result of
     * the batch is released: survives a machine crash, at the cost measured in BENCHMARKS.md.
     */
    SYNC
}
