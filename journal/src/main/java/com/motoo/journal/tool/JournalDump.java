package com.motoo.journal.tool;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.journal.ExcerptReader;
import com.motoo.journal.codec.JournalFormatException;
import com.motoo.journal.command.CommandJournalReader;
import com.motoo.journal.event.EventJournalReader;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code scripts/motoo journal dump DIR [--commands | --events]}: prints the command journal in
 * the command-file format (each line followed by {@code # seq=<n> ts=<millis>}, so the output is
 * itself a valid command file) and then the event journal, each command's events after a
 * {@code # seq=<n> ts=<millis> index=<journal index> events=<count>} line, in the DESIGN.md event
 * format plus the lines of {@link FullEventTextFormat}. A journal that ends in a torn record (a
 * write that failed) is printed up to it, then a {@code # torn record at index <i> ...} line. Exit status 0, 2 for bad arguments or a
 * missing directory, 1 for an unreadable journal.
 */
public final class JournalDump {
    private final PrintStream out;
    private final StringBuilder text = new StringBuilder(1 << 12);

    /** @param out where the dump goes */
    public JournalDump(PrintStream out) {
        this.out = out;
    }

    /** Prints every command of the command journal of {@code dir}. */
    public void dumpCommands(Path dir) {
        final Command command = new Command();
        try (CommandJournalReader reader = new CommandJournalReader(dir)) {
            while (reader.next(command)) {
                CommandFormat.append(command, text);
                text.append(" # seq=").append(command.sequence()).append(" ts=").append(command.timestamp()).append('\n');
                flushIfLarge();
            }
            noteTornTail(reader.tornTail());
        }
        flush();
    }

    /** Prints every event of the event journal of {@code dir}, grouped by command. */
    public void dumpEvents(Path dir) {
        final FullEventTextFormat events = new FullEventTextFormat(text);
        try (EventJournalReader reader = EventJournalReader.open(dir, null)) {
            while (reader.poll((index, sequence, timestamp, count) -> {
                text.append("# seq=").append(sequence).append(" ts=").append(timestamp)
                    .append(" index=").append(index).append(" events=").append(count).append('\n');
                flushIfLarge();
            }, events, 1024) > 0 || text.length() > 0) {
                flush();
            }
            noteTornTail(reader.tornTail());
        }
        flush();
    }

    private void noteTornTail(long index) {
        if (index != ExcerptReader.NO_TORN_TAIL) {
            text.append("# torn record at index ").append(index)
                .append(" ends the journal (a write that failed, e.g. on a full disk): not printed;")
                .append(" the engine declares it void at its next start\n");
        }
    }

    private void flushIfLarge() {
        if (text.length() > 1 << 16) {
            flush();
        }
    }

    private void flush() {
        out.print(text);
        text.setLength(0);
        out.flush();
    }

    /** See the class comment. */
    public static void main(String[] args) {
        final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].matches("--commands|--events"))) {
            System.err.println("usage: journal dump DIR [--commands | --events]");
            System.exit(2);
        }
        final Path dir = Path.of(args[0]);
        if (!Files.isDirectory(dir.resolve("commands")) && !Files.isDirectory(dir.resolve("events"))) {
            System.err.println("error: " + dir + " holds no journal (no commands/ or events/ directory)");
            System.exit(2);
        }
        final JournalDump dump = new JournalDump(out);
        try {
            if ((args.length == 1 || "--commands".equals(args[1])) && Files.isDirectory(dir.resolve("commands"))) {
                dump.dumpCommands(dir);
            }
            if ((args.length == 1 || "--events".equals(args[1])) && Files.isDirectory(dir.resolve("events"))) {
                dump.dumpEvents(dir);
            }
        } catch (JournalFormatException e) {
            out.flush();
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
