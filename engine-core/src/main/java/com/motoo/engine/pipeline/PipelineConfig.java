package com.motoo.engine.pipeline;

import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.motoo.engine.rules.MarketRules;
import com.motoo.engine.snapshot.SnapshotStore;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.util.function.Consumer;

/**
 * Every setting of a {@link CommandPipeline}, with its default, in one place. Mutable until
 * handed to the pipeline, which validates it once; not thread-safe.
 */
public final class PipelineConfig {
    private int ringSize = 1 << 14;
    private WaitStrategy waitStrategy = new SleepingWaitStrategy();
    private StagePlacement placement = StagePlacement.ONE_THREAD;
    private EpochClock clock = SystemEpochClock.INSTANCE;
    private MarketRules rules = MarketRules.krxDefaults();
    private int orderCapacity = 1 << 16;
    private SnapshotStore snapshots;
    private long snapshotIntervalMillis;
    private Consumer<String> log = System.err::println;

    /** Ring entries, a power of two (default 16,384): the most commands in flight before producers hear BUSY. */
    public PipelineConfig ringSize(int ringSize) {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * How the journal and engine threads wait for work (default {@link SleepingWaitStrategy}: spins
     * briefly, then yields, then parks for short moments, so two busy pipeline threads leave room
     * for the gateway's I/O threads on 2 cores; measured against yielding and blocking in
     * BENCHMARKS.md, "Pipeline and journal").
     */
    public PipelineConfig waitStrategy(WaitStrategy waitStrategy) {
        this.waitStrategy = waitStrategy;
        return this;
    }

    /**
     * Whether the journal and engine stages share one thread (default {@link StagePlacement#ONE_THREAD})
     * or run on one thread each; measured in BENCHMARKS.md, "Pipeline and journal".
     */
    public PipelineConfig placement(StagePlacement placement) {
        this.placement = placement;
        return this;
    }

    /** Where command timestamps come from (default the system clock); tests drive it by hand. */
    public PipelineConfig clock(EpochClock clock) {
        this.clock = clock;
        return this;
    }

    /** The market's rules (default KRX). */
    public PipelineConfig rules(MarketRules rules) {
        this.rules = rules;
        return this;
    }

    /** Open orders to preallocate (default 65,536). */
    public PipelineConfig orderCapacity(int orderCapacity) {
        this.orderCapacity = orderCapacity;
        return this;
    }

    /** Where snapshots are loaded from at start and written to (default none: no snapshots). */
    public PipelineConfig snapshots(SnapshotStore snapshots) {
        this.snapshots = snapshots;
        return this;
    }

    /** Take a snapshot after a batch when this long has passed since the last (0, the default: never on a schedule). */
    public PipelineConfig snapshotIntervalMillis(long snapshotIntervalMillis) {
        this.snapshotIntervalMillis = snapshotIntervalMillis;
        return this;
    }

    /** Where the pipeline reports snapshots written, unusable snapshots and faults (default stderr). */
    public PipelineConfig log(Consumer<String> log) {
        this.log = log;
        return this;
    }

    int ringSize() {
        return ringSize;
    }

    WaitStrategy waitStrategy() {
        return waitStrategy;
    }

    StagePlacement placement() {
        return placement;
    }

    EpochClock clock() {
        return clock;
    }

    MarketRules rules() {
        return rules;
    }

    int orderCapacity() {
        return orderCapacity;
    }

    SnapshotStore snapshots() {
        return snapshots;
    }

    long snapshotIntervalMillis() {
        return snapshotIntervalMillis;
    }

    /** @return where the pipeline reports; the journal's recovery reports there too */
    public Consumer<String> log() {
        return log;
    }

    void validate() {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize must be a power of two: " + ringSize);
        }
        if (waitStrategy == null || placement == null || clock == null || rules == null || log == null) {
            throw new IllegalArgumentException("waitStrategy, placement, clock, rules and log are required");
        }
        if (orderCapacity < 0 || snapshotIntervalMillis < 0) {
            throw new IllegalArgumentException("orderCapacity and snapshotIntervalMillis must not be negative");
        }
        if (snapshotIntervalMillis > 0 && snapshots == null) {
            throw new IllegalArgumentException("a snapshot interval needs a snapshot store");
        }
    }
}
