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
            reportTornTail(config, "command", commands.tornTail(), "its commands were never"
                + " acknowledged (in MMAP mode a machine crash can also tear acknowledged ones: then the event journal"
                + " is ahead, and the start is refused below)");
            reportTornTail(config, "event", events.tornTail(), "the replay writes its commands' events again");
            pipeline = new CommandPipeline(config, commands, events, output, marketData);
            replayStarted = System.nanoTime();
            replayed = replay(journalDir, pipeline);
            requireEventsNotAhead(events, pipeline);
        } catch (RuntimeException failure) {
            closeAfter(failure, events);
            closeAfter(failure, commands);
            throw failure;
        }
        final long replayNanos = System.nanoTime() - replayStarted;
        pipeline.start();
        return new EngineProcess(commands, events, pipeline, replayed, System.nanoTime() - started, replayNanos);
    }

    /**
     * Refuses to start when the event journal holds events of commands the command journal does not
     * (possible only after a machine crash in MMAP mode that kept the event file's pages and lost the
     * command file's, or a torn command record declared void): new commands would reuse those
     * sequence numbers, their events would be skipped as already written, and the persisters would
     * keep the events of commands that never were.
     *
     * @throws IllegalStateException naming both sequences
     */
    private static void requireEventsNotAhead(EventJournalWriter events, CommandPipeline pipeline) {
        if (events.lastSequence() > pipeline.lastSequence()) {
            throw new IllegalStateException("the event journal holds events up to command " + events.lastSequence()
                + " but the command journal ends at command " + pipeline.lastSequence() + " (a machine crash lost"
                + " the command journal's tail, or a torn command record was declared void): the read model holds"
                + " events of commands that are gone; restore the journals from a backup, or rebuild the read"
                + " model from an event journal cut at command " + pipeline.lastSequence());
        }
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
