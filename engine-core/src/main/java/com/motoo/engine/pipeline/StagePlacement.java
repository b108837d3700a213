package com.motoo.engine.pipeline;

/**
 * How the pipeline's two stages (journal, engine) are placed on threads. Either way a command's
 * results are released only after the ring batch that holds it is in the command journal.
 */
public enum StagePlacement {
    /**
     * One thread, "motoo-pipeline", per ring batch: numbers and journals the whole batch (and makes
     * it durable as the journal's mode promises), then applies it on the engine and releases its
     * results. Two hot threads in all (the producers and this one): the choice for 2 cores, see
     * BENCHMARKS.md, "Pipeline and journal".
     */
    ONE_THREAD,
    /**
     * Two threads, "motoo-journal" (stage 1) and "motoo-engine" (stage 2, gated on stage 1): the
     * journal writes batch n + 1 while the engine applies batch n. Needs a core per stage to pay off.
     */
    TWO_THREADS
}
