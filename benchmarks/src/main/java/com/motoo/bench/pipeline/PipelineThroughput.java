package com.motoo.bench.pipeline;

import com.motoo.bench.throughput.EngineThroughput;
import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.CompletionOnlyOutput;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.SubmitResult;
import com.motoo.journal.process.EngineProcess;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code scripts/motoo bench-pipeline FILE [--warmup N] [--passes M] [--sync] [--wait W] [--placement P] [--ring N]}:
 * the same command files as bench-engine through the whole durable pipeline (Disruptor ring,
 * Chronicle command journal, engine thread, Chronicle event journal), one producer thread
 * submitting as fast as the ring takes them. Each pass uses a fresh journal directory and is timed
 * from the first submit until the last command's result is released. Prints commands/s per
 * pass with the CPU the process got (in cores: up to 2 here; less means other processes had the
 * cores), and the median.
 */
public final class PipelineThroughput {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private PipelineThroughput() {
    }

    /** Counts released results; written by the engine thread, read by the producer. */
    private static final class Completions extends CompletionOnlyOutput {
        private volatile long completed;

        @Override
        public void onCommandEnd(long sessionId, long requestId) {
            completed++;
        }
    }

    /** What one pass saw: commands/s and how many cores the process had on average. */
    record Pass(double commandsPerSecond, double cores) {
    }

    static Pass pass(Command[] commands, PipelineOptions options, String name) {
        final Path dir = options.freshDir(name);
        final Completions completions = new Completions();
        final EngineProcess process = EngineProcess.open(dir, options.durability, options.pipelineConfig(), completions,
            MarketDataListener.NONE);
        final long nanos;
        final long cpuNanos;
        try {
            final CommandPipeline pipeline = process.pipeline();
            final long cpuStart = OS.getProcessCpuTime();
            final long start = System.nanoTime();
            for (int i = 0; i < commands.length; i++) {
                while (pipeline.submit(0, i, commands[i]) == SubmitResult.BUSY) {
                    Thread.onSpinWait();
                }
            }
            while (completions.completed < commands.length) {
                Thread.yield();
            }
            nanos = System.nanoTime() - start;
            cpuNanos = OS.getProcessCpuTime() - cpuStart;
        } finally {
            process.close();
            PipelineOptions.delete(dir);
        }
        return new Pass(commands.length * 1e9 / nanos, (double) cpuNanos / nanos);
    }

    /** See the class comment. Exit status 64 for bad arguments, 1 for an unreadable file. */
    public static void main(String[] args) throws Exception {
        final PipelineOptions options = PipelineOptions.parseOrExit(args);
        final Command[] commands = EngineThroughput.load(options.file);
        System.out.printf("pipeline throughput: %,d commands from %s, %s%n", commands.length, options.file,
            options.describe());
        final double[] rates = new double[options.passes];
        for (int i = 0; i < options.warmup + options.passes; i++) {
            final Pass pass = pass(commands, options, "throughput");
            final boolean measured = i >= options.warmup;
            System.out.printf("%s %2d: %,14.0f commands/s  %.2f cores%n", measured ? "pass  " : "warmup",
                measured ? i - options.warmup + 1 : i + 1, pass.commandsPerSecond(), pass.cores());
            if (measured) {
                rates[i - options.warmup] = pass.commandsPerSecond();
            }
        }
        Arrays.sort(rates);
        final int n = rates.length;
        final double median = n % 2 == 1 ? rates[n / 2] : (rates[n / 2 - 1] + rates[n / 2]) / 2;
        System.out.printf("median of %d passes: %,.0f commands/s (min %,.0f, max %,.0f)%n", n, median, rates[0],
            rates[n - 1]);
    }
}
