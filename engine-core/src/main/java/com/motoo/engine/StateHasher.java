package com.motoo.engine;

/** Folds a sequence of longs into one 64-bit hash, order-sensitive and identical on every JVM. */
final class StateHasher {
    private long hash = 0x6A09E667F3BCC908L;

    StateHasher add(long value) {
        long v = value * 0x9E3779B97F4A7C15L;
        v ^= v >>> 32;
        hash = Long.rotateLeft(hash ^ v, 29) * 0xBF58476D1CE4E5B9L;
        return this;
    }

    long value() {
        long h = hash;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return h;
    }
}
