package com.motoo.bench.pipeline;

import com.motoo.bench.throughput.EngineThroughput;
import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.CompletionOnlyOutput;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.engine.pipeline.SubmitResult;
import com.motoo.engine.snapshot.SnapshotStore;
import com.motoo.journal.process.EngineProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code scripts/motoo bench-pipeline recovery FILE}: journals the file's commands (first half,
 * stop with a snapshot, second half, stop with a snapshot), then times three start-ups of the same
 * directory: with the newest snapshot (nothing to replay), with only the half-way snapshot (replay
 * of the second half), and with no snapshot (replay of everything). Replay rates are replayed
 * commands per second of the whole start-up (journal open, snapshot load and replay).
 */
public final class RecoveryBenchmark {
    private RecoveryBenchmark() {
    }

    private static final class Completions extends CompletionOnlyOutput {
        volatile long completed;

        @Override
        public void onCommandEnd(long sessionId, long requestId) {
            completed++;
        }
    }

    private static void feed(Path dir, Command[] commands, int from, int to, PipelineOptions options) {
        final Completions completions = new Completions();
        final PipelineConfig config = new PipelineConfig().waitStrategy(options.waitStrategy()).log(line -> { });
        try (EngineProcess process = EngineProcess.open(dir, options.durability, config, completions,
            MarketDataListener.NONE)) {
            final CommandPipeline pipeline = process.pipeline();
            for (int i = from; i < to; i++) {
                while (pipeline.submit(0, i, commands[i]) == SubmitResult.BUSY) {
                    Thread.onSpinWait();
                }
            }
            while (completions.completed < to - from) {
                Thread.yield();
            }
        }
    }

    private static void startUp(Path dir, String label, PipelineOptions options) {
        final PipelineConfig config = new PipelineConfig().waitStrategy(options.waitStrategy()).log(line -> { });
        final EngineProcess process = EngineProcess.open(dir, options.durability, config, new Completions(),
            MarketDataListener.NONE);
        final long nanos = process.recoveryNanos();
        final long replayed = process.replayedCommands();
        final long snapshot = process.pipeline().snapshotSequence();
        process.pipeline().close();
        System.out.printf("%-28s snapshot at %,12d  replayed %,12d  start-up %8.3f s  %,14.0f replayed commands/s%n",
            label, snapshot, replayed, nanos / 1e9, replayed == 0 ? 0.0 : replayed * 1e9 / nanos);
        process.close();
    }

    /** See the class comment. Exit status 64 for bad arguments. */
    public static void main(String[] args) throws Exception {
        final PipelineOptions options = PipelineOptions.parseOrExit(args);
        final Command[] commands = EngineThroughput.load(options.file);
        System.out.printf("recovery: %,d commands from %s%n", commands.length, options.file);
        final Path dir = options.freshDir("recovery");
        try {
            feed(dir, commands, 0, commands.length / 2, options);
            feed(dir, commands, commands.length / 2, commands.length, options);
            startUp(dir, "warm-up (newest snapshot)", options);
            startUp(dir, "newest snapshot", options);
            final SnapshotStore store = new SnapshotStore(dir.resolve(EngineProcess.SNAPSHOTS), 3);
            final List<Path> files = store.list();
            final Path newest = files.get(files.size() - 1);
            final Path aside = dir.resolve("newest.aside");
            Files.move(newest, aside);
            startUp(dir, "half-way snapshot", options);
            for (Path file : store.list()) {
                Files.delete(file);
            }
            startUp(dir, "no snapshot (full replay)", options);
        } finally {
            PipelineOptions.delete(dir);
        }
    }
}
