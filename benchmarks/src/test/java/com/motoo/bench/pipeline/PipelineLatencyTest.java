package com.motoo.bench.pipeline;

import com.motoo.bench.commands.CommandGenerator;
import com.motoo.bench.commands.GeneratorOptions;
import com.motoo.bench.throughput.EngineThroughput;
import com.motoo.engine.command.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency harness on a small generated file: through the durable pipeline and through the empty
 * ring of {@code --floor}, every command after the warm-up fifth is recorded once, the hot threads
 * are reported (where Linux's {@code /proc} tells), and the pipeline's journal directory is gone afterwards.
 */
@Timeout(60)
class PipelineLatencyTest {
    private static final int COMMANDS = 2_000;
    private static final long RATE = 20_000;

    @TempDir
    Path dir;

    @Test
    void shouldRecordEveryCommandAfterTheWarmUpThroughTheDurablePipeline() throws Exception {
        final Command[] all = commands();
        final PipelineLatency.Result result = PipelineLatency.run(all, RATE, options());
        assertEquals(afterWarmUp(all), result.histogram().getTotalCount());
        assertTrue(result.histogram().getMinValue() >= 0);
        if (ThreadStats.available()) {
            assertTrue(result.threads().contains("motoo-pipeline"), result.threads());
        }
        assertFalse(Files.exists(dir.resolve("latency")), "the run's journal directory is deleted");
    }

    @Test
    void shouldRecordEveryCommandAfterTheWarmUpThroughAnEmptyRing() throws Exception {
        final Command[] all = commands();
        final PipelineLatency.Result result = PipelineLatency.run(all, RATE, options("--floor"));
        assertEquals(afterWarmUp(all), result.histogram().getTotalCount());
        if (ThreadStats.available()) {
            assertTrue(result.threads().contains("motoo-floor"), result.threads());
        }
        assertFalse(result.threads().contains("motoo-pipeline"), "no pipeline runs: " + result.threads());
        assertFalse(Files.exists(dir.resolve("latency")), "no journal is written");
    }

    @Test
    void shouldNameTheFloorInItsDescription() {
        assertTrue(options("--floor").describe().startsWith("an empty ring (--floor) wait=sleeping"));
        assertTrue(options().describe().startsWith("durability=MMAP placement=ONE_THREAD wait=sleeping"));
    }

    /** @return how many commands a one-second run at {@link #RATE} records: all it offers but the first fifth */
    private static long afterWarmUp(Command[] all) {
        final int offered = (int) Math.min(all.length, RATE);
        return offered - offered / 5;
    }

    private Command[] commands() throws Exception {
        final StringBuilder text = new StringBuilder();
        new CommandGenerator(new GeneratorOptions(COMMANDS, 2, 30, 4), text).generate();
        final Path file = dir.resolve("mix.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        final Command[] all = EngineThroughput.load(file);
        assertTrue(all.length >= COMMANDS, "the generator's file holds at least the commands asked for");
        return all;
    }

    private PipelineOptions options(String... extra) {
        final String[] args = new String[3 + extra.length];
        args[0] = dir.resolve("mix.csv").toString();
        args[1] = "--dir";
        args[2] = dir.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        final PipelineOptions options = PipelineOptions.parse(args);
        options.seconds = 1;
        return options;
    }
}
