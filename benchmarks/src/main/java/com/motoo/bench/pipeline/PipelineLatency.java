package com.motoo.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.motoo.bench.throughput.EngineThroughput;
import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.CompletionOnlyOutput;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.SubmitResult;
import com.motoo.journal.process.EngineProcess;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code scripts/motoo bench-pipeline latency FILE [--rates 100000,500000,1000000] [--seconds S]
 * [--sync] [--wait W] [--placement one|two] [--producer spin|park] [--floor]}: offers the file's commands at
 * a fixed rate through the whole durable pipeline and records, per command, the time from its
 * <em>intended</em> send time to the release of its result, that is the end of its ring batch
 * ({@code onEndOfBatch}, after the batch's events are in the event journal, where the gateway
 * flushes its writes); a stalled pipeline is charged for every command that should have been sent
 * meanwhile (corrected for coordinated omission). The first fifth of each run is warm-up and not
 * recorded; before the recorded runs, {@value #WARM_UP_RUNS} unrecorded ones at the first rate warm
 * the JVM up. Each rate runs on a fresh engine and journal directory over the first
 * {@code rate × seconds} commands of the file. The producer (one thread, standing in for a
 * gateway I/O thread) submits every command whose due time has come, then waits for the next:
 * spinning on {@link System#nanoTime()} (default, so the figures are the pipeline's), or parked
 * ({@code --producer park}: Linux wakes it some 50 µs late, which then shows in every figure).
 * Prints p50, p99, p99.9 and max in microseconds.
 *
 * <p>{@code --floor} measures the same way through an empty ring instead: a Disruptor ring of the
 * same size, producer type and wait strategy whose one consumer ("motoo-floor") only releases each
 * batch, with no journal and no engine. What it shows is the floor that one producer thread and one
 * consumer thread reach on this machine, under any pipeline's figures.
 */
public final class PipelineLatency {
    /**
     * Unrecorded runs at the first rate before the recorded ones. Two, because every run starts a
     * fresh engine whose set-up commands take branches that the previous run's compiled code had
     * left out: at the start of the second run the JIT threw away the hot path's compiled code
     * ({@code EngineHandler.apply}, {@code MatchingEngine.process}, {@code Matcher.match}, ...) and
     * compiled it again over the next second, on a compiler thread that took a core from the
     * measured threads (BENCHMARKS.md, "Tenth session"). From the third run on it does not.
     */
    private static final int WARM_UP_RUNS = 2;

    private PipelineLatency() {
    }

    /**
     * Records latency on the pipeline thread at each batch end; the producer writes intended times
     * before publishing. One producer submits in request-id order, so a batch is a contiguous
     * range of request ids.
     */
    private static final class Recorder extends CompletionOnlyOutput {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final long[] intended;
        final long recordFrom;
        long batchFirst = -1;
        long batchLast;
        volatile long completed;

        Recorder(int commands) {
            intended = new long[commands];
            recordFrom = commands / 5;
        }

        @Override
        public void onCommandEnd(long sessionId, long requestId) {
            if (batchFirst < 0) {
                batchFirst = requestId;
            }
            batchLast = requestId;
        }

        @Override
        public void onEndOfBatch() {
            if (batchFirst < 0) {
                return;
            }
            final long released = System.nanoTime();
            for (long id = Math.max(batchFirst, recordFrom); id <= batchLast; id++) {
                histogram.recordValue(Math.max(0, released - intended[(int) id]));
            }
            completed += batchLast - batchFirst + 1;
            batchFirst = -1;
        }
    }

    /** One rate's latencies and what the hot threads did while they were recorded. */
    record Result(Histogram histogram, String threads) {
    }

    static Result run(Command[] all, long rate, PipelineOptions options) {
        final int n = (int) Math.min(all.length, rate * options.seconds);
        final Recorder recorder = new Recorder(n);
        ThreadStats before = null;
        final ThreadStats after;
        try (Target target = options.floor ? new EmptyRing(options, recorder)
            : new DurablePipeline(options, recorder)) {
            final double interval = 1e9 / rate;
            final long start = System.nanoTime();
            int i = 0;
            while (i < n) {
                final long now = System.nanoTime();
                long due;
                if (before == null && i >= recorder.recordFrom) {
                    before = ThreadStats.take();
                }
                while (i < n && (due = start + (long) (i * interval)) <= now) {
                    recorder.intended[i] = due;
                    while (!target.offer(i, all[i])) {
                        Thread.onSpinWait();
                    }
                    i++;
                }
                if (i < n) {
                    waitUntil(start + (long) (i * interval), options.spinningProducer);
                }
            }
            while (recorder.completed < n) {
                Thread.yield();
            }
            after = ThreadStats.take();
        }
        return new Result(recorder.histogram, before == null ? "" : after.since(before));
    }

    /** Where the producer offers commands. Producer thread, except {@link #close}. */
    private interface Target extends AutoCloseable {
        /** @return whether the command was taken; false when the ring is full */
        boolean offer(int requestId, Command command);

        @Override
        void close();
    }

    /** The whole durable pipeline, on a fresh journal directory that {@link #close} deletes. */
    private static final class DurablePipeline implements Target {
        private final Path dir;
        private final EngineProcess process;
        private final CommandPipeline pipeline;

        DurablePipeline(PipelineOptions options, Recorder recorder) {
            dir = options.freshDir("latency");
            process = EngineProcess.open(dir, options.durability, options.pipelineConfig(), recorder,
                MarketDataListener.NONE);
            pipeline = process.pipeline();
        }

        /** @throws IllegalStateException when the pipeline has stopped (a fault): the run cannot finish */
        @Override
        public boolean offer(int requestId, Command command) {
            final SubmitResult result = pipeline.submit(0, requestId, command);
            if (result == SubmitResult.STOPPED) {
                throw new IllegalStateException("the pipeline stopped at request " + requestId);
            }
            return result != SubmitResult.BUSY;
        }

        @Override
        public void close() {
            process.close();
            PipelineOptions.delete(dir);
        }
    }

    /** {@code --floor}: an empty ring whose consumer only tells the recorder of each command and batch end. */
    private static final class EmptyRing implements Target {
        /** A ring slot: which request it carries. */
        private static final class Slot {
            long requestId;
        }

        private final Disruptor<Slot> disruptor;
        private final RingBuffer<Slot> ring;

        EmptyRing(PipelineOptions options, Recorder recorder) {
            disruptor = new Disruptor<>(Slot::new, options.ringSize, runnable -> new Thread(runnable, "motoo-floor"),
                ProducerType.MULTI, options.waitStrategy());
            final EventHandler<Slot> release = (slot, sequence, endOfBatch) -> {
                recorder.onCommandEnd(0, slot.requestId);
                if (endOfBatch) {
                    recorder.onEndOfBatch();
                }
            };
            disruptor.handleEventsWith(release);
            ring = disruptor.start();
        }

        /**
         * Claims, fills and publishes a slot, as the pipeline's submit does, but fills in only the
         * request id (the pipeline's copies the command too); allocation-free.
         */
        @Override
        public boolean offer(int requestId, Command command) {
            final long sequence;
            try {
                sequence = ring.tryNext();
            } catch (InsufficientCapacityException full) {
                return false;
            }
            ring.get(sequence).requestId = requestId;
            ring.publish(sequence);
            return true;
        }

        @Override
        public void close() {
            disruptor.halt();
        }
    }

    private static void waitUntil(long due, boolean spin) {
        if (!spin) {
            LockSupport.parkNanos(Math.max(1, due - System.nanoTime()));
            return;
        }
        while (System.nanoTime() < due) {
            Thread.onSpinWait();
        }
    }

    /** See the class comment. Exit status 64 for bad arguments. */
    public static void main(String[] args) throws Exception {
        final PipelineOptions options = PipelineOptions.parseOrExit(args);
        final Command[] commands = EngineThroughput.load(options.file);
        System.out.printf("pipeline latency: %,d commands from %s, %s, %d s per rate%n", commands.length, options.file,
            options.describe(), options.seconds);
        for (int warmUp = 0; warmUp < WARM_UP_RUNS; warmUp++) {
            run(commands, options.rates[0], options);
        }
        for (long rate : options.rates) {
            final Result result = run(commands, rate, options);
            final Histogram h = result.histogram();
            System.out.printf("%,10d commands/s offered: p50 %8.1f µs  p99 %8.1f µs  p99.9 %8.1f µs  max %10.1f µs"
                    + "  (%,d recorded)%n", rate, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
            System.out.print(result.threads());
        }
    }
}
