package com.motoo.engine.replay;

import com.motoo.engine.EngineInvariants;
import com.motoo.engine.command.CommandFormatException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay tool: what it prints, where it stops, what exit status its main gives. */
@Timeout(60)
class ReplayTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Replay replay = new Replay(new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));

    @Test
    void shouldStopAtTheFirstMalformedLineAfterPrintingTheEventsBeforeIt() {
        final String input = String.join("\n",
            "LIST,A,Alpha,1000",
            "ACCOUNT,1,100000",
            "PLACE,1,1,A,BUY,LIMIT,GTC,900,1",
            "PLACE,1,2,A,BUY,LIMIT,GTX,900,1",
            "PLACE,1,3,A,BUY,LIMIT,GTC,900,1",
            "NONSENSE");
        final CommandFormatException e = assertThrows(CommandFormatException.class,
            () -> replay.run(new StringReader(input)));
        assertEquals(4, e.lineNumber());
        assertEquals("ACCEPTED,1,1\n", out());
        assertEquals(1, replay.engine().account(1).openOrders().size(), "line 5 must not run");
        EngineInvariants.validate(replay.engine());
    }

    @Test
    void shouldCountCommentAndBlankLinesInTheLineNumber() {
        final String input = "# header\n\nLIST,A,Alpha,1000\n   \n# more\nLIST,B,Beta\n";
        final CommandFormatException e = assertThrows(CommandFormatException.class,
            () -> replay.run(new StringReader(input)));
        assertEquals(6, e.lineNumber());
        assertEquals("", out());
    }

    @Test
    void shouldReportTheLineNumberOfARejectedSetUpCommandOnStderr() throws Exception {
        replay.run(new StringReader("LIST,A,Alpha,1000\n# again\nLIST,A,Alpha,1000\nACCOUNT,1,-5\n"));
        assertEquals("REJECTED,0,0,DUPLICATE_SYMBOL\nREJECTED,0,0,INVALID_AMOUNT\n", out());
        final String errors = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("line 3: LIST rejected: DUPLICATE_SYMBOL"), errors);
        assertTrue(errors.contains("line 4: ACCOUNT rejected: INVALID_AMOUNT"), errors);
    }

    @Test
    void shouldPrintNothingForAnEmptyScriptAndBalancesInAscendingUserOrder() throws Exception {
        replay.run(new StringReader("# nothing\n"));
        assertEquals("", out());
        replay.run(new StringReader("ACCOUNT,2,5\nACCOUNT,1,7\n"));
        assertEquals("BALANCE,1,7,0\nBALANCE,2,5,0\n", out());
    }

    @Test
    void shouldReplayAFileAsMainDoes(@TempDir Path dir) throws Exception {
        final Path file = dir.resolve("walkthrough.csv");
        Files.copy(golden("walkthrough.csv"), file);
        try (Reader input = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            replay.run(input);
        }
        assertEquals(Files.readString(golden("walkthrough.out")), out());
    }

    @Test
    @Tag("system")
    void shouldExitZeroAndPrintTheExpectedOutputFromMain(@TempDir Path dir) throws Exception {
        final Path out = dir.resolve("out.txt");
        final Path err = dir.resolve("err.txt");
        final int status = runMain(List.of(golden("walkthrough.csv").toString()), out, err);
        assertEquals(0, status, Files.readString(err));
        assertEquals(Files.readString(golden("walkthrough.out")), Files.readString(out));
    }

    @Test
    @Tag("system")
    void shouldExitTwoWithTheLineNumberForAMalformedFile(@TempDir Path dir) throws Exception {
        final Path script = dir.resolve("bad.csv");
        Files.writeString(script, "LIST,A,Alpha,1000\nACCOUNT,1,100\nPLACE,1,1,A,BUY,LIMIT,GTC,100\n");
        final Path out = dir.resolve("out.txt");
        final Path err = dir.resolve("err.txt");
        assertEquals(2, runMain(List.of(script.toString()), out, err));
        assertTrue(Files.readString(err).contains("line 3:"), Files.readString(err));
        assertEquals("", Files.readString(out));
    }

    @Test
    @Tag("system")
    void shouldExitOneForAMissingFile(@TempDir Path dir) throws Exception {
        final Path out = dir.resolve("out.txt");
        final Path err = dir.resolve("err.txt");
        assertEquals(1, runMain(List.of(dir.resolve("missing.csv").toString()), out, err));
        assertEquals("error: no such file: " + dir.resolve("missing.csv") + "\n", Files.readString(err));
    }

    /** Runs {@code Replay.main} in a child JVM with the test class path, as scripts/motoo does. */
    private static int runMain(List<String> args, Path out, Path err) throws IOException, InterruptedException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = new ArrayList<>(List.of(java, "-cp",
            System.getProperty("java.class.path"), Replay.class.getName()));
        command.addAll(args);
        final Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
            .redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Replay.main did not finish");
        }
        return process.exitValue();
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(ReplayTest.class.getResource("/golden/" + name).toURI());
    }

    private String out() {
        final String text = stdout.toString(StandardCharsets.UTF_8);
        stdout.reset();
        return text;
    }
}
