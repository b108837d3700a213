package com.motoo.persister;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.command.CommandFormatException;
import com.motoo.journal.event.EventJournalWriter;

import java.nio.file.Path;

/**
 * Runs commands through a real {@link MatchingEngine} whose events go to a real event journal,
 * stamping each with the next sequence and a timestamp the test chooses; the test also chooses
 * which commands share an excerpt (a ring batch). Test code.
 */
public final class JournalDriver implements AutoCloseable {
    private final EventJournalWriter writer;
    private final MatchingEngine engine;
    private long sequence;
    private long timestampMs;

    /** @param journalDir the engine journal directory; @param startMs the first command's timestamp */
    public JournalDriver(Path journalDir, long startMs) {
        this.writer = EventJournalWriter.open(journalDir);
        this.engine = new MatchingEngine(writer);
        this.timestampMs = startMs;
    }

    /** @return the engine, to compare its state with the read model */
    public MatchingEngine engine() {
        return engine;
    }

    /** Moves the clock forward. */
    public JournalDriver advance(long millis) {
        timestampMs += millis;
        return this;
    }

    /** @return the sequence of the last command processed */
    public long sequence() {
        return sequence;
    }

    /** @return the timestamp the next command gets */
    public long now() {
        return timestampMs;
    }

    /** Processes one command at the current time as an excerpt of its own. */
    public void process(Command command) {
        processInBatch(command);
        endOfBatch();
    }

    /** Processes one command at the current time, its events going into the open excerpt (ring batch). */
    public void processInBatch(Command command) {
        sequence++;
        command.stamp(sequence, timestampMs);
        writer.beginCommand(sequence, timestampMs);
        engine.process(command);
        writer.endCommand();
    }

    /** Writes the commands processed since the last batch end as one excerpt. */
    public void endOfBatch() {
        writer.endOfBatch();
    }

    /** Processes command-file lines at the current time. */
    public JournalDriver run(String... lines) {
        final Command command = new Command();
        for (String line : lines) {
            try {
                if (CommandFormat.parse(line, 1, command)) {
                    process(command);
                }
            } catch (CommandFormatException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return this;
    }

    @Override
    public void close() {
        writer.close();
    }
}
