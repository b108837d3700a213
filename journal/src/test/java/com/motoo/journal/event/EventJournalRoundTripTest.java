package com.motoo.journal.event;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.engine.pipeline.EventFanOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class EventJournalRoundTripTest {
    private static final String[] COMMANDS = {
        "LIST,005930,Samsung,71000", "ACCOUNT,1,100000000", "ACCOUNT,2,100000000", "GRANT,2,005930,1000",
        "PLACE,2,1,005930,SELL,LIMIT,GTC,71000,10", "PLACE,2,2,005930,SELL,LIMIT,DAY,71100,10",
        "MODIFY,2,1,71000,5", "PLACE,1,1,005930,BUY,LIMIT,IOC,71100,6", "PLACE,1,2,005930,BUY,LIMIT,GTC,71050,1",
        "CANCEL,1,99", "EOD", "HALT,005930", "DEPOSIT,1,500", "RESET,2,7",
    };

    @TempDir
    Path dir;

    @Test
    void shouldReadBackEveryEventWithTheSequenceOfItsCommand() throws Exception {
        final StringBuilder direct = new StringBuilder();
        try (EventJournalWriter writer = EventJournalWriter.open(dir)) {
            runInto(writer, direct, 0);
        }
        final StringBuilder read = new StringBuilder();
        final List<Long> sequences = new ArrayList<>();
        try (EventJournalReader reader = EventJournalReader.open(dir, null)) {
            final int events = reader.poll((index, seq, ts, count) -> {
                sequences.add(seq);
                assertEquals(seq * 1000, ts);
            }, new EventTextFormat(read), Integer.MAX_VALUE);
            assertTrue(events > COMMANDS.length);
            assertEquals(0, reader.poll((i, s, t, c) -> { }, new EventTextFormat(read), 10));
        }
        assertEquals(direct.toString(), read.toString());
        assertEquals(COMMANDS.length, sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            assertEquals(i + 1, sequences.get(i));
        }
    }

    @Test
    void shouldSkipCommandsWhoseEventsAreAlreadyJournaled() throws Exception {
        try (EventJournalWriter writer = EventJournalWriter.open(dir)) {
            runInto(writer, new StringBuilder(), COMMANDS.length - 5);
        }
        try (EventJournalWriter writer = EventJournalWriter.open(dir)) {
            assertEquals(COMMANDS.length - 5, writer.lastSequence());
            runInto(writer, new StringBuilder(), 0);
        }
        final List<Long> sequences = new ArrayList<>();
        try (EventJournalReader reader = EventJournalReader.open(dir, null)) {
            reader.poll((index, seq, ts, count) -> sequences.add(seq), new EventTextFormat(new StringBuilder()), 1 << 20);
        }
        assertEquals(COMMANDS.length, sequences.size());
        assertEquals(COMMANDS.length, sequences.get(sequences.size() - 1));
    }

    @Test
    void shouldResumeWithTheExcerptAfterAStoredIndex() throws Exception {
        try (EventJournalWriter writer = EventJournalWriter.open(dir)) {
            runInto(writer, new StringBuilder(), 0);
        }
        final long[] indexOfThird = new long[1];
        try (EventJournalReader reader = EventJournalReader.open(dir, null)) {
            reader.poll((index, seq, ts, count) -> {
                if (seq == 3) {
                    indexOfThird[0] = index;
                }
            }, new EventTextFormat(new StringBuilder()), 1 << 20);
        }
        final List<Long> sequences = new ArrayList<>();
        try (EventJournalReader reader = EventJournalReader.open(dir, "resume")) {
            assertTrue(reader.moveAfterIndex(indexOfThird[0]));
            reader.poll((index, seq, ts, count) -> sequences.add(seq), new EventTextFormat(new StringBuilder()), 1);
        }
        assertEquals(List.of(5L, 6L, 7L, 8L), sequences, "the next excerpt, whole: commands 5 to 8 of the second batch");
    }

    /** Runs the commands (stopping after {@code limit} when positive), sequences 1.., timestamp = seq * 1000. */
    private static void runInto(EventJournalWriter writer, StringBuilder direct, int limit) throws Exception {
        final EventTextFormat text = new EventTextFormat(direct);
        final MatchingEngine engine = new MatchingEngine(new EventFanOut(writer, text));
        final Command command = new Command();
        final int n = limit > 0 ? limit : COMMANDS.length;
        for (int i = 0; i < n; i++) {
            CommandFormat.parse(COMMANDS[i], i + 1, command);
            writer.beginCommand(i + 1, (i + 1) * 1000L);
            engine.process(command);
            writer.endCommand();
            if (i % 4 == 3) {
                writer.endOfBatch();
            }
        }
        writer.endOfBatch();
    }
}
