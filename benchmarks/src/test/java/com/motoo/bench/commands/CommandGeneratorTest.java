package com.motoo.bench.commands;

import com.motoo.bench.EventSink;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.command.CommandFormatException;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.rules.MarketRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class CommandGeneratorTest {
    private static String generate(GeneratorOptions options) throws IOException {
        final StringBuilder out = new StringBuilder();
        new CommandGenerator(options, out).generate();
        return out.toString();
    }

    @Test
    void shouldWriteAMixThatParsesAndTheEngineAcceptsWithBooksKeptNearTheirSize() throws Exception {
        final GeneratorOptions options = new GeneratorOptions(20_000, 3, 200, 5);
        final String text = generate(options);
        final EventSink sink = new EventSink();
        final MatchingEngine engine = new MatchingEngine(MarketRules.krxDefaults(), sink, 1 << 14);
        final Map<CommandType, Integer> counts = new EnumMap<>(CommandType.class);
        final Command command = new Command();
        int iocs = 0;
        long lineNumber = 0;
        for (String line : text.split("\n")) {
            if (CommandFormat.parse(line, ++lineNumber, command)) {
                counts.merge(command.type(), 1, Integer::sum);
                if (command.type() == CommandType.PLACE && command.tif() == TimeInForce.IOC) {
                    iocs++;
                }
                engine.process(command);
            }
        }
        assertEquals(0, sink.rejected(), "rejected commands");
        assertEquals(3, counts.get(CommandType.LIST));
        assertEquals(200, counts.get(CommandType.ACCOUNT));
        assertEquals(600, counts.get(CommandType.GRANT));
        final int initial = 3 * CommandGenerator.RESTING_PER_BOOK;
        final int mix = counts.get(CommandType.PLACE) + counts.get(CommandType.CANCEL) + counts.get(CommandType.MODIFY)
            - initial;
        assertEquals(20_000, mix);
        assertTrue(counts.get(CommandType.MODIFY) > 0.70 * mix && counts.get(CommandType.MODIFY) < 0.85 * mix,
            "modify share " + counts.get(CommandType.MODIFY));
        assertTrue(counts.get(CommandType.CANCEL) > 0.05 * mix && counts.get(CommandType.CANCEL) < 0.09 * mix,
            "cancel share " + counts.get(CommandType.CANCEL));
        assertTrue(iocs > 0.01 * mix && iocs < 0.03 * mix, "IOC share " + iocs);
        assertTrue(sink.trades() > 0, "the mix trades");
        for (OrderBook book : engine.books()) {
            final int open = book.bids().orderCount() + book.asks().orderCount();
            assertTrue(open > 900 && open < 1100, book.name() + " holds " + open + " orders");
        }
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSeedAndOthersForAnother() throws Exception {
        final String first = generate(new GeneratorOptions(3_000, 2, 50, 9));
        assertEquals(first, generate(new GeneratorOptions(3_000, 2, 50, 9)));
        assertNotEquals(first, generate(new GeneratorOptions(3_000, 2, 50, 10)));
    }

    @Test
    void shouldParseOptionsAndRefuseBadOnes() {
        assertEquals(new GeneratorOptions(5, 2, 10, 7),
            GeneratorOptions.parse(new String[] {"--commands", "5", "--symbols", "2", "--users", "10", "--seed", "7"}));
        assertEquals(new GeneratorOptions(1_000_000, 8, 1_000, 1), GeneratorOptions.parse(new String[0]));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse(new String[] {"--commands", "lots"}));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse(new String[] {"--speed", "1"}));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse(new String[] {"--users"}));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse(new String[] {"--symbols", "0"}));
    }

    @Test
    void shouldWriteOnlyLinesTheFormatRoundTrips() throws Exception {
        final Command command = new Command();
        final StringBuilder again = new StringBuilder();
        long lineNumber = 0;
        for (String line : generate(new GeneratorOptions(2_000, 2, 20, 3)).split("\n")) {
            if (CommandFormat.parse(line, ++lineNumber, command)) {
                again.setLength(0);
                CommandFormat.append(command, again);
                assertEquals(line, again.toString());
            } else if (!line.startsWith("#")) {
                throw new CommandFormatException(lineNumber, "unexpected blank line");
            }
        }
    }
}
