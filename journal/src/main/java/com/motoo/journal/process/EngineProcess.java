package com.motoo.journal.process;

import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.engine.pipeline.PipelineOutput;
import com.motoo.engine.snapshot.SnapshotStore;
import com.motoo.journal.Durability;
import com.motoo.journal.TornTail;
import com.motoo.journal.command.ChronicleCommandJournal;
import com.motoo.journal.command.CommandJournalReader;
import com.motoo.journal.event.EventJournalWriter;

import java.nio.file.Path;

/**
 * A durable engine on one journal directory: the Chronicle command and event journals, the
 * snapshot directory ({@code DIR/snapshots}) and a running {@link CommandPipeline}. Opening it
 * recovers: newest valid snapshot, then replay of the command journal after it (events that are
 * already in the event journal are not written again), then the pipeline starts and numbering
 * continues after the last journaled command. A journal that ends in torn excerpts (a write that
 * failed, as on a full disk) has them declared void first, which the log reports. The engine
 * process ({@link EngineMain}) and the gateway both use it.
 *
 * <p>{@link #open} and {@link #close} from one managing thread; {@link #pipeline()} is what
 * producers use.
 */
public final class EngineProcess implements AutoCloseable {
    /** Snapshots kept on disk. */
    public static final int SNAPSHOTS_KEPT = 3;
    /** Sub-directory of the snapshots. */
    public static final String SNAPSHOTS = "snapshots";

    private final ChronicleCommandJournal commandJournal;
    private final EventJournalWriter eventJournal;
    private final CommandPipeline pipeline;
    private final long replayed;
    private final long recoveryNanos;
    private final long replayNanos;

    private EngineProcess(ChronicleCommandJournal commandJournal, EventJournalWriter eventJournal,
                          CommandPipeline pipeline, long replayed, long recoveryNanos, long replayNanos) {
        this.commandJournal = commandJournal;
        this.eventJournal = eventJournal;
        this.pipeline = pipeline;
        this.replayed = replayed;
        this.recoveryNanos = recoveryNanos;
        this.replayNanos = replayNanos;
    }

    /**
     * Recovers the engine of {@code journalDir} and starts its pipeline.
     *
     * @param journalDir holds {@code commands/}, {@code events/} and {@code snapshots/} (created if missing)
     * @param durability how far each batch is made safe before results are released
     * @param config pipeline settings; a snapshot store on {@code journalDir/snapshots} is set here
     * @param output where results go
     * @param marketData where market data goes
     * @throws com.motoo.journal.codec.JournalFormatException when a journal cannot be read; as after
     *         any failure to open, the journals opened are closed again and nothing has started
     */
    public static EngineProcess open(Path journalDir, Durability durability, PipelineConfig config,
                                     PipelineOutput output, MarketDataListener marketData) {
        final long started = System.nanoTime();
        config.snapshots(new SnapshotStore(journalDir.resolve(SNAPSHOTS), SNAPSHOTS_KEPT));
        final EventJournalWriter events = EventJournalWriter.open(journalDir);
        ChronicleCommandJournal commands = null;
        final CommandPipeline pipeline;
        final long replayStarted;
        final long replayed;
        try {
            commands = new ChronicleCommandJournal(journalDir, durability);
            reportTornTail(config, "command", commands.tornTail(), "its commands were never acknowledged");
            reportTornTail(config, "event", events.tornTail(), "the replay writes its commands' events again");
            pipeline = new CommandPipeline(config, commands, events, output, marketData);
            replayStarted = System.nanoTime();
            replayed = replay(journalDir, pipeline);
        } catch (RuntimeException failure) {
            closeAfter(failure, events);
            closeAfter(failure, commands);
            throw failure;
        }
        final long replayNanos = System.nanoTime() - replayStarted;
        pipeline.start();
        return new EngineProcess(commands, events, pipeline, replayed, System.nanoTime() - started, replayNanos);
    }

    private static void reportTornTail(PipelineConfig config, String journal, long tornTail, String consequence) {
        if (tornTail != TornTail.NONE) {
            config.log().accept("the " + journal + " journal ended in a torn record at index " + tornTail
                + " (a write that failed, e.g. on a full disk): declared void; " + consequence);
        }
    }

    /** Closes a journal opened before {@code failure}, keeping a failure to close as suppressed. */
    private static void closeAfter(RuntimeException failure, AutoCloseable journal) {
        if (journal == null) {
            return;
        }
        try {
            journal.close();
        } catch (Exception closing) {
            failure.addSuppressed(closing);
        }
    }

    private static long replay(Path journalDir, CommandPipeline pipeline) {
        try (CommandJournalReader reader = new CommandJournalReader(journalDir)) {
            reader.moveToIndex(pipeline.lastJournalIndex());
            return pipeline.replay(reader);
        }
    }

    /** @return the running pipeline: submit commands here */
    public CommandPipeline pipeline() {
        return pipeline;
    }

    /** @return how many journaled commands were replayed after the snapshot at start-up */
    public long replayedCommands() {
        return replayed;
    }

    /** @return how long {@link #open} took, snapshot load and replay included */
    public long recoveryNanos() {
        return recoveryNanos;
    }

    /** @return how long the replay of the command journal took within {@link #open} */
    public long replayNanos() {
        return replayNanos;
    }

    /** Drains the pipeline, writes the final snapshot and closes the journals. */
    @Override
    public void close() {
        pipeline.close();
        eventJournal.close();
        commandJournal.close();
    }
}
