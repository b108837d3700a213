package com.motoo.engine.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.snapshot.SnapshotStore;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The engine process's sequencer pipeline: a Disruptor ring fed by many producers, a journal
 * stage that numbers, timestamps and journals each command, and the engine stage (gated on the
 * journal stage) that applies it and releases its results; both stages on one thread or on one
 * thread each ({@link PipelineConfig#placement}). See package-info for the threads and hand-offs.
 *
 * <p>Life cycle: construct (loads the newest valid snapshot when a store is configured), then
 * {@link #replay} every journaled command after {@link #lastSequence()} (the journal module's
 * recovery does this), then {@link #start()}, then {@link #submit} from any threads, then
 * {@link #close()} to drain and write the final snapshot.
 */
public final class CommandPipeline implements AutoCloseable {
    /** Price levels per side in {@link Depth}. */
    public static final int DEPTH_LEVELS = 10;

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int STOPPED = 2;

    private final PipelineConfig config;
    private final MatchingEngine engine;
    private final JournalHandler journalHandler;
    private final EngineHandler engineHandler;
    private final Disruptor<CommandSlot> disruptor;
    private final PipelineOutput output;
    private final long snapshotSequence;
    private final CountDownLatch started = new CountDownLatch(2);
    private RingBuffer<CommandSlot> ring;
    private boolean closed;
    private volatile int state = NEW;

    /**
     * Builds the pipeline and its engine: from the newest valid snapshot of
     * {@code config.snapshots(...)} that is not newer than the event journal's last command, when
     * there is one, otherwise empty.
     *
     * @param config settings, validated here
     * @param commandJournal stage 1's journal
     * @param eventJournal where the engine thread records every event
     * @param output where results go (the gateway)
     * @param marketData where depth and tickers go after each batch
     */
    public CommandPipeline(PipelineConfig config, CommandJournal commandJournal, EventJournal eventJournal,
                           PipelineOutput output, MarketDataListener marketData) {
        config.validate();
        this.config = config;
        this.output = output;
        final EventFanOut fanOut = new EventFanOut(eventJournal, output);
        final SnapshotStore.Loaded loaded = config.snapshots() == null ? null
            : config.snapshots().loadNewest(eventJournal.lastSequence(),
                () -> new MatchingEngine(config.rules(), fanOut, config.orderCapacity()),
                rejected -> config.log().accept("unusable snapshot " + rejected));
        this.engine = loaded == null ? new MatchingEngine(config.rules(), fanOut, config.orderCapacity()) : loaded.engine();
        this.snapshotSequence = loaded == null ? 0 : loaded.header().sequence();
        final long journalIndex = loaded == null ? -1 : loaded.header().journalIndex();
        if (loaded != null) {
            config.log().accept("loaded snapshot " + loaded.file() + " at sequence " + snapshotSequence);
        }
        final boolean oneThread = config.placement() == StagePlacement.ONE_THREAD;
        this.journalHandler = new JournalHandler(commandJournal, config.clock(), started);
        this.engineHandler = new EngineHandler(engine, fanOut, eventJournal, output, marketData, config,
            snapshotSequence, journalIndex, started);
        final String[] threadNames = oneThread ? new String[] {"motoo-pipeline"}
            : new String[] {"motoo-journal", "motoo-engine"};
        this.disruptor = new Disruptor<>(CommandSlot::new, config.ringSize(), new NamedThreads(threadNames),
            ProducerType.MULTI, config.waitStrategy());
        disruptor.setDefaultExceptionHandler(new FatalHandler());
        if (oneThread) {
            disruptor.handleEventsWith(
                new CombinedStageHandler(journalHandler, engineHandler, disruptor.getRingBuffer()));
        } else {
            disruptor.handleEventsWith(journalHandler).then(engineHandler);
        }
    }

    /** @return the sequence of the snapshot the engine was loaded from, 0 when it started empty */
    public long snapshotSequence() {
        return snapshotSequence;
    }

    /** @return the sequence of the last command applied (snapshot or replay); engine thread or before start */
    public long lastSequence() {
        return engineHandler.lastSequence();
    }

    /** @return the command-journal position of the last command applied, -1 when unknown */
    public long lastJournalIndex() {
        return engineHandler.lastJournalIndex();
    }

    /**
     * Applies the journaled commands after {@link #lastSequence()} (recovery), with no output; those
     * at or before it (the snapshot reflects them) are skipped. One call for the whole journal, so
     * that the engine's code is compiled once for the replay loop rather than once more for every
     * wrapper a per-command call would go through. Caller's thread, before {@link #start()}.
     *
     * @return how many commands were applied
     */
    public long replay(JournaledCommands journal) {
        if (state != NEW) {
            throw new IllegalStateException("replay only before start");
        }
        return engineHandler.replay(journal);
    }

    /**
     * Starts the pipeline's thread(s) and waits until they run; numbering continues after
     * {@link #lastSequence()}.
     */
    public synchronized void start() {
        if (state != NEW) {
            throw new IllegalStateException("already started");
        }
        engineHandler.endReplay();
        journalHandler.lastSequence(engineHandler.lastSequence());
        ring = disruptor.start();
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the pipeline", e);
        }
        state = RUNNING;
    }

    /**
     * Submits a command from any thread; never blocks. The command is copied, so the caller may
     * reuse it at once. Its result comes later through {@link PipelineOutput} with the same
     * correlation. Allocation-free.
     *
     * @param sessionId the submitter's connection or session id, handed back with the result
     * @param requestId the submitter's request id, handed back with the result
     * @param command the command (sequence and timestamp are set by the pipeline)
     * @return {@link SubmitResult#OK}, or {@link SubmitResult#BUSY} when the ring is full, or
     *         {@link SubmitResult#STOPPED}
     */
    public SubmitResult submit(long sessionId, long requestId, Command command) {
        return publish(CommandSlot.COMMAND, sessionId, requestId, command);
    }

    /**
     * Asks the engine thread to write a snapshot once the commands submitted before are applied.
     * Any thread; never blocks.
     *
     * @return OK, BUSY when the ring is full, STOPPED
     */
    public SubmitResult requestSnapshot() {
        return publish(CommandSlot.SNAPSHOT, 0, 0, null);
    }

    /**
     * Claims a slot without waiting, fills it and publishes it (claim, fill, publish in finally).
     *
     * @param command copied into the slot; null for a slot that carries no command
     */
    private SubmitResult publish(int kind, long sessionId, long requestId, Command command) {
        if (state != RUNNING) {
            return SubmitResult.STOPPED;
        }
        final long sequence;
        try {
            sequence = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return SubmitResult.BUSY;
        }
        try {
            final CommandSlot slot = ring.get(sequence);
            slot.kind = kind;
            slot.sessionId = sessionId;
            slot.requestId = requestId;
            if (command != null) {
                slot.command.copyFrom(command);
            }
        } finally {
            ring.publish(sequence);
        }
        return SubmitResult.OK;
    }

    /** @return free ring entries right now (a hint for producers and metrics) */
    public long remainingCapacity() {
        return state == RUNNING ? ring.remainingCapacity() : 0;
    }

    /**
     * The engine, for reads on the engine thread, before {@link #start()} or after
     * {@link #close()} (tests, tools, the final state hash). Never from another thread while running.
     */
    public MatchingEngine engine() {
        return engine;
    }

    /**
     * Graceful stop: refuses new submissions, lets the threads finish everything already in the
     * ring, writes a final snapshot if anything changed since the last one, and stops the threads.
     * Waits up to 60 seconds for the drain. After a stage fault it only stops the threads.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        final int was = state;
        state = STOPPED;
        if (ring == null || closed) {
            return;
        }
        closed = true;
        if (was != RUNNING) {
            disruptor.halt();
            return;
        }
        try {
            disruptor.shutdown(60, TimeUnit.SECONDS);
            engineHandler.awaitStopped();
        } catch (TimeoutException e) {
            disruptor.halt();
            config.log().accept("pipeline did not drain within 60 s; halted");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names the pipeline's threads in the order they are created; daemon threads. */
    private static final class NamedThreads implements ThreadFactory {
        private final String[] names;
        private int created;

        NamedThreads(String[] names) {
            this.names = names;
        }

        @Override
        public synchronized Thread newThread(Runnable runnable) {
            final Thread thread = new Thread(runnable, names[Math.min(created++, names.length - 1)]);
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * A fault in a stage (the journal cannot write: nothing may be acknowledged any more) stops
     * the pipeline: producers get STOPPED from then on, and the output hears of it, to tell the
     * submitters of the commands it will never answer.
     */
    private final class FatalHandler implements ExceptionHandler<CommandSlot> {
        @Override
        public void handleEventException(Throwable ex, long sequence, CommandSlot event) {
            config.log().accept("pipeline stopped by a fault at ring sequence " + sequence + ": " + ex);
            state = STOPPED;
            output.onPipelineStopped(ex);
            throw new IllegalStateException("pipeline stage failed", ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            config.log().accept("pipeline stage failed to start: " + ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            config.log().accept("pipeline stage failed to stop cleanly: " + ex);
        }
    }
}
