package com.motoo.journal.process;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the engine in a child JVM over a long random command file, kills it with SIGKILL several
 * times at random moments (right after it acknowledged a random point of the file, while the
 * pipeline is still busy journaling and matching what follows), restarts it each time (it resumes after the last journaled command), and
 * finally compares the state hash and the whole event journal with a run that never stopped.
 * Every restart must have recovered at least up to the last result the killed process released.
 * Runs with both stage placements (journal and engine on one thread, or on two).
 */
@Tag("system")
@Timeout(300)
class CrashRecoverySystemTest {
    private static final int COMMANDS = 400_000;
    private static final int KILLS = 5;
    private static final String END_OF_OUTPUT = "<eof>";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"one", "two"})
    void shouldLoseNothingAcknowledgedAndDuplicateNothingAcrossKills(String placement) throws Exception {
        final long seed = System.nanoTime();
        final String context = "placement " + placement + ", seed " + seed;
        final SplittableRandom random = new SplittableRandom(seed);
        final CommandFileFixture fixture = CommandFileFixture.generate(tmp.resolve("commands.csv"), seed, COMMANDS);
        final Path dir = tmp.resolve("journal");

        long lastAcked = 0;
        int kills = 0;
        while (kills < KILLS) {
            final Child child = Child.start(dir, fixture.file, placement);
            final long recovered = child.awaitRecovered();
            assertTrue(recovered >= lastAcked, context + ": recovered " + recovered + " < acknowledged " + lastAcked);
            final long target = recovered + random.nextLong(1, Math.max(2, (COMMANDS - recovered) / 2));
            child.awaitAckAtLeast(target);
            Thread.sleep(random.nextInt(0, 5));
            final boolean killed = child.kill();
            lastAcked = Math.max(lastAcked, child.lastAcked());
            if (!killed) {
                break;
            }
            kills++;
        }
        final Child last = Child.start(dir, fixture.file, placement);
        final long recovered = last.awaitRecovered();
        assertTrue(recovered >= lastAcked, context + ": recovered " + recovered + " < acknowledged " + lastAcked);
        assertEquals(0, last.awaitExit(), context);
        assertEquals("sequence=" + COMMANDS + " stateHash=" + Long.toHexString(fixture.stateHash), last.finalLine(), context);
        assertEquals(fixture.events, CommandFileFixture.eventJournalText(dir), context);
        assertEquals(KILLS, kills, context + ": the feed finished before every kill landed");
    }

    /** One engine child JVM and the lines it prints. */
    private static final class Child {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        private Child(Process process) {
            this.process = process;
            final Thread pump = new Thread(this::pump, "child-stdout");
            pump.setDaemon(true);
            pump.start();
        }

        static Child start(Path dir, Path file, String placement) throws IOException {
            final List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle") || argument.startsWith("-Dagrona")
                    || argument.startsWith("-Dorg.slf4j") || argument.startsWith("-Dslf4j")) {
                    command.add(argument);
                }
            }
            command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
                EngineMain.class.getName(), "--dir", dir.toString(), "--snapshot-ms", "250", "--placement", placement,
                "feed", file.toString()));
            return new Child(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        private void pump() {
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("pump failed: " + e);
            }
            lines.add(END_OF_OUTPUT);
        }

        long awaitRecovered() throws InterruptedException {
            final String line = next(60);
            assertNotNull(line, "child printed nothing within 60 s");
            assertTrue(line.startsWith("recovered sequence="), line);
            return Long.parseLong(line.substring("recovered sequence=".length(), line.indexOf(' ', 19)));
        }

        /** Kills the child with SIGKILL. @return false if it had already finished on its own */
        boolean kill() throws InterruptedException {
            if (!process.isAlive()) {
                process.waitFor();
                drain();
                return false;
            }
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            drain();
            return true;
        }

        int awaitExit() throws InterruptedException {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child did not finish within 120 s");
            drain();
            return process.exitValue();
        }

        /** Waits (up to 60 s) until the child acknowledged {@code sequence} or stopped printing. */
        void awaitAckAtLeast(long sequence) throws InterruptedException {
            String line;
            while ((line = next(60)) != null && !END_OF_OUTPUT.equals(line)) {
                seen.add(line);
                if (line.startsWith("acked ") && Long.parseLong(line.substring(6)) >= sequence) {
                    return;
                }
            }
            if (line != null) {
                lines.add(END_OF_OUTPUT);
            }
        }

        long lastAcked() {
            long acked = 0;
            for (String line : seen) {
                if (line.startsWith("acked ")) {
                    acked = Math.max(acked, Long.parseLong(line.substring(6)));
                }
            }
            return acked;
        }

        String finalLine() {
            return seen.isEmpty() ? "" : seen.get(seen.size() - 1);
        }

        private void drain() throws InterruptedException {
            String line;
            while ((line = next(30)) != null && !END_OF_OUTPUT.equals(line)) {
                seen.add(line);
            }
        }

        private String next(int seconds) throws InterruptedException {
            return lines.poll(seconds, TimeUnit.SECONDS);
        }
    }
}
