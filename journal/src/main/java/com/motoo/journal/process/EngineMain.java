package com.motoo.journal.process;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.command.CommandFormatException;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.CompletionOnlyOutput;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.engine.pipeline.StagePlacement;
import com.motoo.engine.pipeline.SubmitResult;
import com.motoo.journal.Durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engine as its own process ({@code scripts/motoo engine ...}), also the child JVM of the
 * crash-recovery test:
 * <pre>
 * EngineMain --dir DIR [--sync] [--snapshot-ms N] [--placement one|two] feed FILE
 *     recover, then submit the commands of FILE after the ones already journaled (the journal
 *     must have been fed from the same file), then stop gracefully (final snapshot)
 * EngineMain --dir DIR [--sync] recover
 *     recover, write a snapshot if anything was replayed, and stop
 * </pre>
 * Both print {@code recovered sequence=<n> snapshot=<n> replayed=<n> recoveryMs=<ms>} once
 * recovered, {@code acked <sequence>} every {@value #ACK_EVERY} results released, and {@code sequence=<last> stateHash=<hex>} at the end. Exit status 0 on success, 2 for
 * bad arguments or a malformed command file, 1 for I/O errors.
 */
public final class EngineMain {
    /** How often (in released results) feed mode reports the last acknowledged sequence. */
    static final int ACK_EVERY = 4096;

    private EngineMain() {
    }

    /** Runs the command line; see the class comment. */
    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out));
        } catch (IllegalArgumentException | CommandFormatException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: EngineMain --dir DIR [--sync] [--snapshot-ms N] [--placement one|two]"
                + " (feed FILE | recover)");
            System.exit(2);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args, PrintStream out) throws IOException, CommandFormatException {
        Path dir = null;
        Durability durability = Durability.MMAP;
        long snapshotMillis = 0;
        StagePlacement placement = StagePlacement.ONE_THREAD;
        String mode = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--sync" -> durability = Durability.SYNC;
                case "--snapshot-ms" -> snapshotMillis = Long.parseLong(value(args, ++i, "--snapshot-ms"));
                case "--placement" -> placement = switch (value(args, ++i, "--placement")) {
                    case "one" -> StagePlacement.ONE_THREAD;
                    case "two" -> StagePlacement.TWO_THREADS;
                    default -> throw new IllegalArgumentException("--placement must be one or two");
                };
                case "feed" -> {
                    mode = "feed";
                    file = Path.of(value(args, ++i, "feed"));
                }
                case "recover" -> mode = "recover";
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        if (dir == null || mode == null) {
            throw new IllegalArgumentException("--dir and a mode are required");
        }
        final PipelineConfig config = new PipelineConfig().snapshotIntervalMillis(snapshotMillis).placement(placement);
        final EngineProcess process = EngineProcess.open(dir, durability, config, new AckReporter(out),
            MarketDataListener.NONE);
        try {
            out.println("recovered sequence=" + process.pipeline().lastSequence() + " snapshot="
                + process.pipeline().snapshotSequence() + " replayed=" + process.replayedCommands()
                + " recoveryMs=" + process.recoveryNanos() / 1_000_000);
            out.flush();
            if (file != null) {
                feed(process.pipeline(), file);
            }
        } finally {
            process.close();
        }
        final MatchingEngine engine = process.pipeline().engine();
        out.println("sequence=" + process.pipeline().lastSequence() + " stateHash=" + Long.toHexString(engine.stateHash()));
        out.flush();
        return 0;
    }

    /** Submits the commands of the file after the first {@code lastSequence} ones; waits (yielding) while BUSY. */
    private static void feed(CommandPipeline pipeline, Path file) throws IOException, CommandFormatException {
        final long alreadyJournaled = pipeline.lastSequence();
        final Command command = new Command();
        long lineNumber = 0;
        long commands = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!CommandFormat.parse(line, lineNumber, command) || ++commands <= alreadyJournaled) {
                    continue;
                }
                SubmitResult result;
                while ((result = pipeline.submit(0, commands, command)) == SubmitResult.BUSY) {
                    Thread.yield();
                }
                if (result != SubmitResult.OK) {
                    throw new IllegalStateException("pipeline refused command " + commands + ": " + result);
                }
            }
        }
    }

    /** Prints {@code acked <sequence>} every {@link #ACK_EVERY} results. Engine thread. */
    private static final class AckReporter extends CompletionOnlyOutput {
        private final PrintStream out;
        private long lastSequence;
        private long reported;

        AckReporter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onCommandStart(long sessionId, long requestId, long userId, CommandType type, long sequence,
                                   long timestamp) {
            lastSequence = sequence;
        }

        @Override
        public void onCommandEnd(long sessionId, long requestId) {
            if (lastSequence - reported >= ACK_EVERY) {
                report();
            }
        }

        private void report() {
            reported = lastSequence;
            out.println("acked " + lastSequence);
            out.flush();
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
