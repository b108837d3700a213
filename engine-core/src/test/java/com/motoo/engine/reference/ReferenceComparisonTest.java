package com.motoo.engine.reference;

import com.motoo.engine.EngineInvariants;
import com.motoo.engine.EngineStateDump;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.engine.event.RejectReason;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine against the naive {@link ReferenceExchange}: a seeded random stream of every kind
 * of command goes to both, events are compared line by line after every command, and the whole
 * state (books, accounts, fees) every {@value #STATE_EVERY} commands and at the end.
 *
 * <p>Rerun a failure with its seed: {@code mvn -pl engine-core test -Dtest=ReferenceComparisonTest
 * -Dmotoo.seed=<seed>}; {@code -Dmotoo.commands=<n>} changes the length of the long run.
 */
class ReferenceComparisonTest {
    private static final int STATE_EVERY = 1_000;
    private static final long DEFAULT_SEED = 0x6D6F746F6FL;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldMatchTheReferenceAndKeepEveryInvariantAfterEveryCommand() {
        run(Long.getLong("motoo.seed", DEFAULT_SEED + 1), 50_000, 1);
    }

    @Test
    @Tag("slow")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldMatchTheReferenceOverAMillionCommands() {
        run(Long.getLong("motoo.seed", DEFAULT_SEED), Long.getLong("motoo.commands", 1_000_000L), STATE_EVERY);
    }

    private static void run(long seed, long commands, int invariantsEvery) {
        final StringBuilder engineEvents = new StringBuilder();
        final StringBuilder referenceEvents = new StringBuilder();
        final MatchingEngine engine = new MatchingEngine(new EventTextFormat(engineEvents));
        final ReferenceExchange reference = new ReferenceExchange();
        final RandomCommandStream stream = new RandomCommandStream(seed, RandomCommandStream.bandOf(reference));
        final Command command = new Command();
        final TreeMap<String, Long> seen = new TreeMap<>();
        for (long i = 1; i <= commands; i++) {
            stream.next(command);
            engineEvents.setLength(0);
            referenceEvents.setLength(0);
            engine.process(command);
            reference.process(command, referenceEvents);
            if (CharSequence.compare(engineEvents, referenceEvents) != 0) {
                fail(failure(seed, i, command, "events differ", referenceEvents.toString(), engineEvents.toString()));
            }
            tally(referenceEvents, seen);
            if (i % invariantsEvery == 0) {
                validate(engine, seed, i, command);
            }
            if (i % STATE_EVERY == 0 || i == commands) {
                compareState(engine, reference, seed, i, command);
            }
        }
        System.out.println("seed " + seed + ", " + commands + " commands, events seen: " + seen);
        assertCoversEveryEventAndReason(seen, seed);
    }

    /** Counts events by kind, and rejections by reason. */
    private static void tally(CharSequence events, TreeMap<String, Long> seen) {
        int start = 0;
        for (int end = 0; end < events.length(); end++) {
            if (events.charAt(end) == '\n') {
                final String line = events.subSequence(start, end).toString();
                final String key = line.startsWith("REJECTED") ? line.substring(line.lastIndexOf(',') + 1)
                    : line.substring(0, line.indexOf(','));
                seen.merge(key, 1L, Long::sum);
                start = end + 1;
            }
        }
    }

    /** A stream that never produced some event or reason would let bugs there go unseen. */
    private static void assertCoversEveryEventAndReason(TreeMap<String, Long> seen, long seed) {
        final Set<String> missing = new TreeSet<>();
        for (String kind : new String[] {"ACCEPTED", "TRADE", "CANCELED", "MODIFIED", "EXPIRED"}) {
            if (!seen.containsKey(kind)) {
                missing.add(kind);
            }
        }
        for (RejectReason reason : EnumSet.complementOf(EnumSet.of(RejectReason.INTERNAL_ERROR))) {
            if (!seen.containsKey(reason.name())) {
                missing.add(reason.name());
            }
        }
        assertEquals(Set.of(), missing, "seed " + seed + ": the random stream never produced these");
    }

    private static void validate(MatchingEngine engine, long seed, long i, Command command) {
        try {
            EngineInvariants.validate(engine);
        } catch (AssertionError e) {
            throw new AssertionError(failure(seed, i, command, e.getMessage(), "", ""), e);
        }
    }

    private static void compareState(MatchingEngine engine, ReferenceExchange reference, long seed, long i,
                                     Command command) {
        final StringBuilder expected = new StringBuilder();
        reference.appendState(expected);
        final String actual = EngineStateDump.of(engine);
        if (!actual.contentEquals(expected)) {
            fail(failure(seed, i, command, "state differs", expected.toString(), actual));
        }
    }

    private static String failure(long seed, long i, Command command, String what, String expected, String actual) {
        return what + " after command #" + i + " (" + command + ") with seed " + seed
            + "; rerun: mvn -pl engine-core test -Dtest=ReferenceComparisonTest -Dmotoo.seed=" + seed
            + (expected.isEmpty() && actual.isEmpty() ? "" : "\n" + firstDifference(expected, actual));
    }

    /** @return the first line where the texts differ, with the lines around it */
    static String firstDifference(String expected, String actual) {
        final String[] e = expected.split("\n", -1);
        final String[] a = actual.split("\n", -1);
        int line = 0;
        while (line < e.length && line < a.length && e[line].equals(a[line])) {
            line++;
        }
        final StringBuilder text = new StringBuilder("first difference at line ").append(line + 1).append('\n');
        for (int k = Math.max(0, line - 3); k < Math.min(e.length, line + 4); k++) {
            text.append(k == line ? "reference> " : "reference  ").append(e[k]).append('\n');
        }
        for (int k = Math.max(0, line - 3); k < Math.min(a.length, line + 4); k++) {
            text.append(k == line ? "engine   > " : "engine     ").append(a[k]).append('\n');
        }
        return text.toString();
    }
}
