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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code scripts/motoo bench-pipeline recovery FILE}: journals the file's commands (first half,
 * stop with a snapshot, second half, stop with a snapshot), then times start-ups of that directory
 * the way a restarted engine process does them, each in a <em>fresh JVM</em> ({@link RecoveryStartUp},
 * same JVM flags as this one): with the newest snapshot (nothing to replay), with only the
 * half-way snapshot (replay of the second half), and with no snapshot (replay of everything),
 * {@code --passes} times each (default 5). Prints each start-up's whole time and replay rate
 * (replayed commands per second of the replay itself, journal opening and snapshot load not
 * included) and the median rate per kind.
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

    /** Makes {@code snapshots} hold exactly the given saved snapshot files. */
    private static void restoreSnapshots(Path snapshots, List<Path> keep) throws IOException {
        try (Stream<Path> files = Files.list(snapshots)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        for (Path file : keep) {
            Files.copy(file, snapshots.resolve(file.getFileName()));
        }
    }

    /**
     * Runs {@code --passes} start-ups of one kind, each in a child JVM with this JVM's flags and
     * with the snapshot directory holding exactly {@code keep}; prints each and the median replay rate.
     */
    private static void startUps(Path dir, List<Path> keep, String label, PipelineOptions options)
        throws IOException, InterruptedException {
        final double[] seconds = new double[options.passes];
        final double[] rates = new double[options.passes];
        for (int pass = 0; pass < options.passes; pass++) {
            restoreSnapshots(dir.resolve(EngineProcess.SNAPSHOTS), keep);
            final long[] figures = startUp(dir, label, options);
            seconds[pass] = figures[0] / 1e9;
            rates[pass] = figures[1] == 0 ? 0.0 : figures[2] * 1e9 / figures[1];
        }
        Arrays.sort(seconds);
        Arrays.sort(rates);
        System.out.printf("%-26s median of %d fresh JVMs: start-up %7.3f s, replay %,.0f commands/s%n", label,
            options.passes, seconds[seconds.length / 2], rates[rates.length / 2]);
    }

    /**
     * Runs one start-up in a child JVM and prints its figures.
     *
     * @return start-up nanoseconds, replay nanoseconds, commands replayed
     */
    private static long[] startUp(Path dir, String label, PipelineOptions options) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RecoveryStartUp.class.getName());
        command.add(dir.toString());
        command.add(options.durability.name());
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RecoveryStartUp.RESULT)) {
                    result = line;
                }
            }
        }
        if (child.waitFor() != 0 || result == null) {
            throw new IllegalStateException("start-up child failed with status " + child.exitValue());
        }
        final long snapshot = field(result, "snapshot");
        final long replayed = field(result, "replayed");
        final long startUpNanos = field(result, "startUpNanos");
        final long replayNanos = field(result, "replayNanos");
        System.out.printf("%-26s snapshot at %,12d  replayed %,12d  start-up %7.3f s  replay %7.3f s  %,12.0f commands/s%n",
            label, snapshot, replayed, startUpNanos / 1e9, replayNanos / 1e9,
            replayed == 0 ? 0.0 : replayed * 1e9 / replayNanos);
        return new long[] {startUpNanos, replayNanos, replayed};
    }

    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException("no " + name + " in '" + line + "'");
    }

    /** See the class comment. Exit status 64 for bad arguments. */
    public static void main(String[] args) throws Exception {
        final PipelineOptions options = PipelineOptions.parseOrExit(args);
        final Command[] commands = EngineThroughput.load(options.file);
        System.out.printf("recovery: %,d commands from %s, %s%n", commands.length, options.file, options.describe());
        final Path dir = options.freshDir("recovery");
        final Path saved = options.freshDir("recovery-snapshots");
        try {
            final Path snapshots = dir.resolve(EngineProcess.SNAPSHOTS);
            feed(dir, commands, 0, commands.length / 2, options);
            feed(dir, commands, commands.length / 2, commands.length, options);
            final List<Path> bothSaved = new ArrayList<>();
            for (Path file : new SnapshotStore(snapshots, EngineProcess.SNAPSHOTS_KEPT).list()) {
                bothSaved.add(Files.copy(file, saved.resolve(file.getFileName())));
            }
            if (bothSaved.size() != 2) {
                throw new IllegalStateException("expected the half-way and the final snapshot, found " + bothSaved);
            }
            startUps(dir, bothSaved, "newest snapshot", options);
            startUps(dir, bothSaved.subList(0, 1), "half-way snapshot", options);
            startUps(dir, List.of(), "no snapshot (full replay)", options);
        } finally {
            PipelineOptions.delete(dir);
            PipelineOptions.delete(saved);
        }
    }
}
