package com.motoo.bench.persister;

import com.motoo.bench.commands.CommandGenerator;
import com.motoo.bench.commands.GeneratorOptions;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.command.CommandFormatException;
import com.motoo.journal.event.EventJournalWriter;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a real event journal for the persister benchmarks: the gen-commands mix goes through
 * the real engine, whose events go to a real {@link EventJournalWriter}, each command stamped with
 * the next sequence and a timestamp {@code stepMs} after the previous one, {@value #COMMANDS_PER_EXCERPT}
 * commands per excerpt.
 */
final class JournalFixture {
    /** Commands per excerpt, like a ring batch under load. */
    private static final int COMMANDS_PER_EXCERPT = 64;

    private JournalFixture() {
    }

    /** @return how many commands were journaled */
    static long build(GeneratorOptions options, Path journalDir, long startMs, long stepMs)
        throws IOException, CommandFormatException {
        final Path commands = Files.createTempFile("motoo-bench-commands", ".csv");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(commands, StandardCharsets.UTF_8)) {
                new CommandGenerator(options, out).generate();
            }
            long sequence = 0;
            try (EventJournalWriter writer = EventJournalWriter.open(journalDir);
                 BufferedReader in = Files.newBufferedReader(commands, StandardCharsets.UTF_8)) {
                final MatchingEngine engine = new MatchingEngine(writer);
                final Command command = new Command();
                String line;
                long lineNumber = 0;
                while ((line = in.readLine()) != null) {
                    if (CommandFormat.parse(line, ++lineNumber, command)) {
                        sequence++;
                        final long timestamp = startMs + sequence * stepMs;
                        command.stamp(sequence, timestamp);
                        writer.beginCommand(sequence, timestamp);
                        engine.process(command);
                        writer.endCommand();
                        if (sequence % COMMANDS_PER_EXCERPT == 0) {
                            writer.endOfBatch();
                        }
                    }
                }
                writer.endOfBatch();
            }
            return sequence;
        } finally {
            Files.deleteIfExists(commands);
        }
    }
}
