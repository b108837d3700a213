package com.motoo.bench.pipeline;

import com.motoo.bench.throughput.EngineThroughput;
import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.CompletionOnlyOutput;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.engine.pipeline.SubmitResult;
import com.motoo.journal.process.EngineProcess;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code scripts/motoo bench-pipeline latency FILE [--rates 100000,500000,1000000] [--seconds S]
 * [--sync] [--wait W]}: offers the file's commands at a fixed rate through the whole durable
 * pipeline and records, per command, the time from its <em>intended</em> send time to the release
 * of its result (so a stalled pipeline is charged for every command that should have been sent
 * meanwhile: corrected for coordinated omission). The first fifth of each run is warm-up and not
 * recorded. Each rate runs on a fresh engine and journal directory over the first
 * {@code rate × seconds} commands of the file. On 2 cores the producer must not take a core
 * from the pipeline: it parks until the next command is due (Linux wakes it some 50 µs later) and
 * then submits every command whose time has come, so their latency still counts from their own
 * due time. Prints p50, p99, p99.9 and
 * max in microseconds.
 */
public final class PipelineLatency {
    private PipelineLatency() {
    }

    /** Records latency on the engine thread; the producer writes intended times before publishing. */
    private static final class Recorder extends CompletionOnlyOutput {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final long[] intended;
        final long recordFrom;
        volatile long completed;

        Recorder(int commands) {
            intended = new long[commands];
            recordFrom = commands / 5;
        }

        @Override
        public void onCommandEnd(long sessionId, long requestId) {
            if (requestId >= recordFrom) {
                histogram.recordValue(Math.max(0, System.nanoTime() - intended[(int) requestId]));
            }
            completed++;
        }
    }

    static Histogram run(Command[] all, long rate, PipelineOptions options) {
        final int n = (int) Math.min(all.length, rate * options.seconds);
        final Recorder recorder = new Recorder(n);
        final Path dir = options.freshDir("latency");
        final PipelineConfig config = new PipelineConfig().ringSize(options.ringSize)
            .waitStrategy(options.waitStrategy()).log(line -> { });
        final EngineProcess process = EngineProcess.open(dir, options.durability, config, recorder,
            MarketDataListener.NONE);
        try {
            final CommandPipeline pipeline = process.pipeline();
            final double interval = 1e9 / rate;
            final long start = System.nanoTime();
            int i = 0;
            while (i < n) {
                final long now = System.nanoTime();
                long due;
                while (i < n && (due = start + (long) (i * interval)) <= now) {
                    recorder.intended[i] = due;
                    while (pipeline.submit(0, i, all[i]) == SubmitResult.BUSY) {
                        Thread.onSpinWait();
                    }
                    i++;
                }
                if (i < n) {
                    LockSupport.parkNanos(Math.max(1, start + (long) (i * interval) - System.nanoTime()));
                }
            }
            while (recorder.completed < n) {
                Thread.yield();
            }
        } finally {
            process.close();
            PipelineOptions.delete(dir);
        }
        return recorder.histogram;
    }

    /** See the class comment. Exit status 64 for bad arguments. */
    public static void main(String[] args) throws Exception {
        final PipelineOptions options = PipelineOptions.parseOrExit(args);
        final Command[] commands = EngineThroughput.load(options.file);
        System.out.printf("pipeline latency: %,d commands from %s, %s, %d s per rate%n", commands.length, options.file,
            options.describe(), options.seconds);
        run(commands, options.rates[0], options);
        for (long rate : options.rates) {
            final Histogram h = run(commands, rate, options);
            System.out.printf("%,10d commands/s offered: p50 %8.1f µs  p99 %8.1f µs  p99.9 %8.1f µs  max %10.1f µs"
                    + "  (%,d recorded)%n", rate, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
        }
    }
}
