package com.motoo.bench.throughput;

import com.motoo.bench.EventSink;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.command.CommandFormatException;
import com.motoo.engine.rules.MarketRules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine throughput harness ({@code scripts/motoo bench-engine FILE [--warmup N] [--passes M]}).
 * Loads a command file into memory as preallocated {@link Command}s (parsing is not timed), then
 * runs warm-up passes and measured passes. Each pass builds a fresh engine (KRX rules, risk and
 * fees) whose listener is an {@link EventSink}, and times only {@link MatchingEngine#process} over
 * every command. For each pass it prints commands/s, the share of the pass the thread was on a
 * CPU (below 100% means another process took the core), bytes allocated per command and GC count;
 * then the median of the measured passes. Every pass must end with the same event checksum (the engine
 * is deterministic); otherwise it exits with status 3.
 */
public final class EngineThroughput {
    /** What one pass saw. */
    record Pass(long commands, long nanos, long cpuNanos, long allocatedBytes, long gcCount, long events,
                long checksum) {
        double commandsPerSecond() {
            return commands * 1e9 / nanos;
        }
    }

    private final Command[] commands;

    /** @param commands the commands every pass runs, in order */
    public EngineThroughput(Command[] commands) {
        this.commands = commands;
    }

    /**
     * Parses a whole command file.
     *
     * @return one command per command line
     * @throws CommandFormatException at the first malformed line
     */
    public static Command[] load(Path file) throws IOException, CommandFormatException {
        final List<Command> loaded = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            String line;
            Command next = new Command();
            while ((line = reader.readLine()) != null) {
                if (CommandFormat.parse(line, ++lineNumber, next)) {
                    loaded.add(next);
                    next = new Command();
                }
            }
        }
        return loaded.toArray(new Command[0]);
    }

    /** Runs one pass on a fresh engine; only the process loop is timed. */
    Pass run() {
        final EventSink sink = new EventSink();
        final MatchingEngine engine = new MatchingEngine(MarketRules.krxDefaults(), sink, 1 << 16);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long gcBefore = gcCount();
        final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        final long cpuBefore = threads.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        for (Command command : commands) {
            engine.process(command);
        }
        final long nanos = System.nanoTime() - start;
        final long cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
        final long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        return new Pass(commands.length, nanos, cpuNanos, allocated, gcCount() - gcBefore, sink.events(),
            sink.checksum());
    }

    private static long gcCount() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    /**
     * Runs the warm-up and measured passes, printing a line for each and the median.
     *
     * @return the median commands/s of the measured passes
     * @throws IllegalStateException if two passes disagree on the events
     */
    public double measure(int warmup, int passes, PrintStream out) {
        long checksum = 0;
        final double[] rates = new double[passes];
        for (int i = 0; i < warmup + passes; i++) {
            final Pass pass = run();
            final boolean measured = i >= warmup;
            out.printf("%s %2d: %,14.0f commands/s  %8.3f s  cpu %5.1f%%  %,d commands  %,d events  %.3f B/command"
                    + "  %d GCs%n",
                measured ? "pass  " : "warmup", measured ? i - warmup + 1 : i + 1, pass.commandsPerSecond(),
                pass.nanos() / 1e9, 100.0 * pass.cpuNanos() / pass.nanos(), pass.commands(), pass.events(),
                (double) pass.allocatedBytes() / pass.commands(), pass.gcCount());
            if (i > 0 && pass.checksum() != checksum) {
                throw new IllegalStateException(
                    "pass " + (i + 1) + " produced different events: the engine is not deterministic");
            }
            checksum = pass.checksum();
            if (measured) {
                rates[i - warmup] = pass.commandsPerSecond();
            }
        }
        Arrays.sort(rates);
        final double median = passes % 2 == 1 ? rates[passes / 2] : (rates[passes / 2 - 1] + rates[passes / 2]) / 2;
        out.printf("median of %d passes: %,.0f commands/s (min %,.0f, max %,.0f); event checksum %016x%n",
            passes, median, rates[0], rates[passes - 1], checksum);
        return median;
    }

    /**
     * {@code bench-engine FILE [--warmup N] [--passes M]} (defaults: 5 warm-up, 10 measured passes).
     * Exit status: 64 for bad arguments, 2 for a malformed line, 1 for an unreadable file, 3 when
     * passes disagree.
     */
    public static void main(String[] args) {
        Path file = null;
        int warmup = 5;
        int passes = 10;
        try {
            for (int i = 0; i < args.length; i++) {
                if ("--warmup".equals(args[i]) && i + 1 < args.length) {
                    warmup = Integer.parseInt(args[++i]);
                } else if ("--passes".equals(args[i]) && i + 1 < args.length) {
                    passes = Integer.parseInt(args[++i]);
                } else if (file == null && !args[i].startsWith("--")) {
                    file = Path.of(args[i]);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
            }
            if (file == null || warmup < 0 || passes < 1) {
                throw new IllegalArgumentException("need a FILE, --warmup >= 0 and --passes >= 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: bench-engine FILE [--warmup N] [--passes M]");
            System.exit(64);
            return;
        }
        try {
            final long start = System.nanoTime();
            final Command[] commands = load(file);
            System.out.printf("loaded %,d commands from %s in %.1f s (not timed)%n", commands.length, file,
                (System.nanoTime() - start) / 1e9);
            new EngineThroughput(commands).measure(warmup, passes, System.out);
        } catch (CommandFormatException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(3);
        }
    }
}
