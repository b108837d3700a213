package com.motoo.bench.throughput;

import com.motoo.bench.commands.CommandGenerator;
import com.motoo.bench.commands.GeneratorOptions;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class EngineThroughputTest {
    @TempDir
    Path dir;

    @Test
    void shouldLoadAGeneratedFileAndRunEveryPassToTheSameEvents() throws Exception {
        final StringBuilder text = new StringBuilder();
        new CommandGenerator(new GeneratorOptions(2_000, 2, 30, 4), text).generate();
        final Path file = dir.resolve("mix.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);

        final Command[] commands = EngineThroughput.load(file);
        assertEquals(text.toString().lines().filter(line -> !line.startsWith("#")).count(), commands.length);

        final EngineThroughput harness = new EngineThroughput(commands);
        final EngineThroughput.Pass first = harness.run();
        final EngineThroughput.Pass second = harness.run();
        assertEquals(first.checksum(), second.checksum());
        assertEquals(first.events(), second.events());
        assertTrue(first.events() >= commands.length, "every command reports at least one event");

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final double median = harness.measure(1, 2, new PrintStream(out, true, StandardCharsets.UTF_8));
        final String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(median > 0);
        assertTrue(report.contains("warmup  1:"), report);
        assertTrue(report.contains("pass    2:"), report);
        assertTrue(report.contains("median of 2 passes"), report);
    }

    @Test
    void shouldReportTheLineNumberOfAMalformedCommand() throws Exception {
        final Path file = dir.resolve("bad.csv");
        Files.writeString(file, "# comment\nACCOUNT,1,1000\nPLACE,1,1,005930,BUY\n", StandardCharsets.UTF_8);
        final CommandFormatException error =
            assertThrows(CommandFormatException.class, () -> EngineThroughput.load(file));
        assertEquals(3, error.lineNumber(), error.getMessage());
    }
}
