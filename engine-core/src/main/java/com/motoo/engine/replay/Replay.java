package com.motoo.engine.replay;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.command.CommandFormatException;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.engine.event.RejectReason;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The replay tool ({@code scripts/motoo replay FILE}): runs a command file through a fresh engine
 * with the default KRX rules and prints its events, then the final balances, in the format of
 * DESIGN.md. A rejected set-up command's line number goes to stderr. A malformed line stops the
 * run with its line number and exit status 2; nothing is skipped silently.
 */
public final class Replay {
    private final StringBuilder out = new StringBuilder(1 << 16);
    private final MatchingEngine engine;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private long lineNumber;

    /** @param stdout where events and balances go; @param stderr where diagnostics go */
    public Replay(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.engine = new MatchingEngine(new EventTextFormat(out) {
            @Override
            public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
                super.onRejected(userId, orderId, command, reason);
                if (userId == 0) {
                    Replay.this.stderr.println("line " + lineNumber + ": " + command + " rejected: " + reason);
                }
            }
        });
    }

    /**
     * Runs every command of the reader, then prints the final state.
     *
     * @throws CommandFormatException at the first malformed line (events before it are printed)
     */
    public void run(Reader input) throws IOException, CommandFormatException {
        final Command command = new Command();
        try (BufferedReader reader = new BufferedReader(input)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (CommandFormat.parse(line, lineNumber, command)) {
                    engine.process(command);
                    flush();
                }
            }
        } finally {
            flush();
        }
        FinalState.append(engine, out);
        flush();
    }

    /** @return the engine, for tests that look at its state after a run */
    public MatchingEngine engine() {
        return engine;
    }

    private void flush() {
        if (out.length() > 0) {
            stdout.print(out);
            out.setLength(0);
        }
        stdout.flush();
    }

    /**
     * {@code Replay [FILE|-]}: reads FILE, or standard input when it is absent or "-".
     * Exit status: 0 on success, 2 for a malformed line, 1 for an unreadable file.
     */
    public static void main(String[] args) {
        final PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        final Replay replay = new Replay(stdout, System.err);
        try (Reader input = args.length == 0 || "-".equals(args[0])
            ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
            : Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            replay.run(input);
        } catch (CommandFormatException e) {
            stdout.flush();
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (NoSuchFileException e) {
            System.err.println("error: no such file: " + e.getFile());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("error: cannot read " + (args.length == 0 || "-".equals(args[0]) ? "standard input" : args[0])
                + ": " + e);
            System.exit(1);
        }
    }
}
