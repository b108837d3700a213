package com.motoo.journal.tool;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.CompletionOnlyOutput;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.engine.pipeline.SubmitResult;
import com.motoo.journal.Durability;
import com.motoo.journal.process.EngineProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(60)
class JournalDumpTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheWalkthroughAsItsCommandFileAndItsExpectedEvents() throws Exception {
        final List<String> commands = commandLines(resource("/golden/walkthrough.csv"));
        try (EngineProcess process = EngineProcess.open(dir, Durability.MMAP, new PipelineConfig().log(l -> { }),
            new CompletionOnlyOutput() {
                @Override
                public void onCommandEnd(long sessionId, long requestId) {
                }
            }, MarketDataListener.NONE)) {
            final CommandPipeline pipeline = process.pipeline();
            final Command command = new Command();
            for (int i = 0; i < commands.size(); i++) {
                CommandFormat.parse(commands.get(i), i + 1, command);
                while (pipeline.submit(0, i, command) == SubmitResult.BUSY) {
                    Thread.yield();
                }
            }
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final JournalDump dump = new JournalDump(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        dump.dumpCommands(dir);
        final List<String> dumpedCommands = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            dumpedCommands.add(line.substring(0, line.indexOf(" # seq=")));
        }
        assertEquals(commands, dumpedCommands);

        bytes.reset();
        dump.dumpEvents(dir);
        final List<String> orderEvents = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.matches("(ACCEPTED|REJECTED|TRADE|CANCELED|MODIFIED|EXPIRED),.*")) {
                orderEvents.add(line);
            }
        }
        final List<String> expected = new ArrayList<>();
        for (String line : resource("/golden/walkthrough.out").split("\n")) {
            if (!line.startsWith("BALANCE") && !line.startsWith("POSITION") && !line.isBlank()) {
                expected.add(line);
            }
        }
        assertEquals(expected, orderEvents);
    }

    private static List<String> commandLines(String text) throws Exception {
        final List<String> lines = new ArrayList<>();
        final Command command = new Command();
        for (String line : text.split("\n")) {
            if (CommandFormat.parse(line, 1, command)) {
                lines.add(command.toString());
            }
        }
        return lines;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = JournalDumpTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
