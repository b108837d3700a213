package com.motoo.journal.process;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.command.CommandFormatException;
import com.motoo.engine.reference.RandomCommandStream;
import com.motoo.journal.event.EventJournalReader;
import com.motoo.journal.tool.FullEventTextFormat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A seeded random command file and what a run that never stopped makes of it: the final state
 * hash and the event journal as text ({@code # seq=N} before each command's events, timestamps
 * left out because they come from the wall clock).
 */
final class CommandFileFixture {
    final Path file;
    final long stateHash;
    final String events;
    final int commands;

    private CommandFileFixture(Path file, long stateHash, String events, int commands) {
        this.file = file;
        this.stateHash = stateHash;
        this.events = events;
        this.commands = commands;
    }

    static CommandFileFixture generate(Path file, long seed, int commands) throws IOException {
        final StringBuilder events = new StringBuilder(commands * 64);
        final MatchingEngine engine = new MatchingEngine(new FullEventTextFormat(events));
        final RandomCommandStream stream = new RandomCommandStream(seed, RandomCommandStream.bandOf(engine));
        final Command command = new Command();
        final StringBuilder line = new StringBuilder(128);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int i = 1;
            while (i <= commands) {
                stream.next(command);
                line.setLength(0);
                CommandFormat.append(command, line);
                if (!expressible(line.toString())) {
                    continue;
                }
                out.append(line).append('\n');
                events.append("# seq=").append(i).append('\n');
                engine.process(command);
                i++;
            }
        }
        return new CommandFileFixture(file, engine.stateHash(), events.toString(), commands);
    }

    /** @return whether the command file format can carry the line (the stream also makes ids it cannot) */
    private static boolean expressible(String line) {
        try {
            return CommandFormat.parse(line, 1, new Command());
        } catch (CommandFormatException e) {
            return false;
        }
    }

    /** @return the first {@code count} commands of the file as a file of their own */
    Path prefix(Path target, int count) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            Files.write(target, (Iterable<String>) lines.limit(count)::iterator, StandardCharsets.UTF_8);
        }
        return target;
    }

    /** Reads an event journal into the same text as {@link #events}. */
    static String eventJournalText(Path journalDir) {
        final StringBuilder text = new StringBuilder();
        final FullEventTextFormat format = new FullEventTextFormat(text);
        try (EventJournalReader reader = EventJournalReader.open(journalDir, null)) {
            while (reader.poll((index, sequence, timestamp, count) -> text.append("# seq=").append(sequence).append('\n'),
                format, 1 << 16) > 0) {
                continue;
            }
        }
        return text.toString();
    }
}
