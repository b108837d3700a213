package com.motoo.engine.replay;

import com.motoo.engine.EngineInvariants;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.engine.reference.ReferenceExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files: each {@code golden/<rule>.csv} command file, run through {@link Replay}, must print
 * exactly {@code golden/<rule>.out}. The expected outputs were worked out by hand from DESIGN.md
 * (the arithmetic is in the .csv comments). The same files also go through the reference exchange,
 * and through the engine with {@link EngineInvariants} checked after every command.
 */
@Timeout(30)
class GoldenFileTest {
    static Stream<String> goldenFiles() throws IOException, URISyntaxException {
        final Path dir = goldenDir();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                .map(n -> n.substring(0, n.length() - 4)).sorted().collect(Collectors.toList()).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void shouldReplayEachGoldenFileToItsExactExpectedOutput(String rule) throws Exception {
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final Replay replay = new Replay(new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
        replay.run(new StringReader(read(rule + ".csv")));
        assertEquals(read(rule + ".out"), stdout.toString(StandardCharsets.UTF_8), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void shouldGiveTheSameOutputFromTheReferenceExchange(String rule) throws Exception {
        final ReferenceExchange reference = new ReferenceExchange();
        final StringBuilder out = new StringBuilder();
        final Command command = new Command();
        final List<String> lines = read(rule + ".csv").lines().collect(Collectors.toList());
        for (int i = 0; i < lines.size(); i++) {
            if (CommandFormat.parse(lines.get(i), i + 1, command)) {
                reference.process(command, out);
            }
        }
        reference.appendFinalState(out);
        assertEquals(read(rule + ".out"), out.toString(), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void shouldKeepEveryInvariantAfterEachCommandOfAGoldenFile(String rule) throws Exception {
        final MatchingEngine engine = new MatchingEngine(new EventTextFormat(new StringBuilder()));
        final Command command = new Command();
        final List<String> lines = read(rule + ".csv").lines().collect(Collectors.toList());
        for (int i = 0; i < lines.size(); i++) {
            if (CommandFormat.parse(lines.get(i), i + 1, command)) {
                engine.process(command);
                EngineInvariants.validate(engine);
            }
        }
    }

    @Test
    void shouldHaveAnExpectedOutputForEveryRule() throws Exception {
        final List<String> rules = goldenFiles().collect(Collectors.toList());
        assertTrue(rules.size() >= 15, "golden files: " + rules);
        for (String rule : rules) {
            assertTrue(Files.exists(goldenDir().resolve(rule + ".out")), rule + ".out is missing");
        }
    }

    private static Path goldenDir() throws URISyntaxException {
        return Path.of(GoldenFileTest.class.getResource("/golden").toURI());
    }

    private static String read(String name) throws IOException, URISyntaxException {
        return Files.readString(goldenDir().resolve(name), StandardCharsets.UTF_8);
    }
}
