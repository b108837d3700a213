package com.motoo.bench.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.engine.pipeline.StagePlacement;
import com.motoo.journal.Durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Command-line options shared by the pipeline benchmarks:
 * {@code FILE [--warmup N] [--passes M] [--sync] [--wait yielding|blocking|sleeping|busyspin]
 * [--placement one|two] [--ring N] [--dir BASE] [--rates R1,R2,..] [--seconds S] [--producer spin|park]
 * [--floor]}.
 * Parsed once on the main thread.
 */
final class PipelineOptions {
    Path file;
    int warmup = 3;
    int passes = 5;
    Durability durability = Durability.MMAP;
    String wait = "sleeping";
    StagePlacement placement = StagePlacement.ONE_THREAD;
    boolean spinningProducer = true;
    int ringSize = 1 << 14;
    Path base = Path.of("target", "bench-pipeline");
    long[] rates = {100_000, 500_000, 1_000_000};
    int seconds = 5;
    /** Latency through an empty ring instead of the pipeline ({@link PipelineLatency}). */
    boolean floor;

    /** Parses the options of a benchmark main, or prints the error and exits with status 64. */
    static PipelineOptions parseOrExit(String[] args) {
        try {
            return parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(64);
            throw e;
        }
    }

    static PipelineOptions parse(String[] args) {
        final PipelineOptions o = new PipelineOptions();
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            switch (arg) {
                case "--warmup" -> o.warmup = Integer.parseInt(value(args, ++i, arg));
                case "--passes" -> o.passes = Integer.parseInt(value(args, ++i, arg));
                case "--sync" -> o.durability = Durability.SYNC;
                case "--wait" -> o.wait = value(args, ++i, arg);
                case "--placement" -> o.placement = placement(value(args, ++i, arg));
                case "--producer" -> o.spinningProducer = spinning(value(args, ++i, arg));
                case "--ring" -> o.ringSize = Integer.parseInt(value(args, ++i, arg));
                case "--dir" -> o.base = Path.of(value(args, ++i, arg));
                case "--seconds" -> o.seconds = Integer.parseInt(value(args, ++i, arg));
                case "--floor" -> o.floor = true;
                case "--rates" -> {
                    final String[] parts = value(args, ++i, arg).split(",");
                    o.rates = new long[parts.length];
                    for (int r = 0; r < parts.length; r++) {
                        o.rates[r] = Long.parseLong(parts[r].strip());
                    }
                }
                default -> {
                    if (arg.startsWith("--") || o.file != null) {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                    o.file = Path.of(arg);
                }
            }
        }
        if (o.file == null) {
            throw new IllegalArgumentException("a command FILE is required");
        }
        o.waitStrategy();
        return o;
    }

    /** @return a new instance of the chosen wait strategy (one per pipeline) */
    WaitStrategy waitStrategy() {
        return switch (wait) {
            case "yielding" -> new YieldingWaitStrategy();
            case "blocking" -> new BlockingWaitStrategy();
            case "sleeping" -> new SleepingWaitStrategy();
            case "busyspin" -> new BusySpinWaitStrategy();
            default -> throw new IllegalArgumentException("--wait must be yielding, blocking, sleeping or busyspin");
        };
    }

    /** @return the pipeline settings these options choose (a new wait strategy each time), silent log */
    PipelineConfig pipelineConfig() {
        return new PipelineConfig().ringSize(ringSize).waitStrategy(waitStrategy()).placement(placement)
            .log(line -> { });
    }

    private static StagePlacement placement(String value) {
        return switch (value) {
            case "one" -> StagePlacement.ONE_THREAD;
            case "two" -> StagePlacement.TWO_THREADS;
            default -> throw new IllegalArgumentException("--placement must be one or two");
        };
    }

    private static boolean spinning(String value) {
        return switch (value) {
            case "spin" -> true;
            case "park" -> false;
            default -> throw new IllegalArgumentException("--producer must be spin or park");
        };
    }

    /** @return a fresh, empty journal directory under the base directory */
    Path freshDir(String name) {
        final Path dir = base.resolve(name);
        delete(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    String describe() {
        return (floor ? "an empty ring (--floor)" : "durability=" + durability + " placement=" + placement) + " wait=" + wait
            + " ring=" + ringSize;
    }
}
