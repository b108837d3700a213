package com.motoo.engine;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.command.CommandFormatException;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.engine.reference.RandomCommandStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Same commands, same events and state, byte for byte: the random stream is run twice through
 * fresh engines and the event text, the state hash at checkpoints and the final state compared.
 * Rerun with another seed: {@code -Dmotoo.seed=<seed>}.
 */
@Timeout(60)
class DeterminismTest {
    private static final int COMMANDS = 200_000;
    private static final int CHECKPOINT = 10_000;

    /** What one run leaves behind. */
    private static final class Run {
        final StringBuilder events = new StringBuilder();
        final List<Long> hashes = new ArrayList<>();
        String finalState;
    }

    @Test
    void shouldProduceIdenticalEventsAndStateHashesForTheSameStream() {
        final long seed = Long.getLong("motoo.seed", 20_260_125L);
        final Run first = run(seed);
        final Run second = run(seed);
        assertTrue(first.events.length() > 1_000_000, "the stream should do something");
        assertEquals(first.hashes, second.hashes, "state hashes at checkpoints, seed " + seed);
        assertEquals(first.finalState, second.finalState, "seed " + seed);
        assertTrue(first.events.toString().contentEquals(second.events), "event text, seed " + seed);
    }

    @Test
    void shouldGiveDifferentStateHashesForDifferentStreams() {
        final Run one = run(1);
        final Run other = run(2);
        assertNotEquals(one.hashes.get(one.hashes.size() - 1), other.hashes.get(other.hashes.size() - 1));
    }

    @Test
    void shouldWriteEveryCommandSoThatItParsesBackUnlessItCarriesANonPositiveId() throws CommandFormatException {
        final MatchingEngine engine = new MatchingEngine(new EventTextFormat(new StringBuilder()));
        final RandomCommandStream stream = new RandomCommandStream(3, RandomCommandStream.bandOf(engine));
        final Command command = new Command();
        final Command parsed = new Command();
        int unwritable = 0;
        for (int i = 1; i <= 50_000; i++) {
            stream.next(command);
            final String line = command.toString();
            if (hasNonPositiveId(command)) {
                unwritable++;
            } else {
                assertTrue(CommandFormat.parse(line, i, parsed), line);
                assertEquals(line, parsed.toString());
            }
            engine.process(command);
        }
        assertTrue(unwritable > 0, "the stream should carry some invalid ids");
    }

    private static boolean hasNonPositiveId(Command command) {
        final CommandType type = command.type();
        final boolean hasUser = type != CommandType.LIST && type != CommandType.EOD
            && type != CommandType.HALT && type != CommandType.RESUME;
        final boolean hasOrder = type == CommandType.PLACE || type == CommandType.CANCEL || type == CommandType.MODIFY;
        return (hasUser && command.userId() <= 0) || (hasOrder && command.orderId() <= 0);
    }

    private static Run run(long seed) {
        final Run run = new Run();
        final MatchingEngine engine = new MatchingEngine(new EventTextFormat(run.events));
        final RandomCommandStream stream = new RandomCommandStream(seed, RandomCommandStream.bandOf(engine));
        final Command command = new Command();
        for (int i = 1; i <= COMMANDS; i++) {
            stream.next(command);
            engine.process(command);
            if (i % CHECKPOINT == 0) {
                run.hashes.add(engine.stateHash());
            }
        }
        run.finalState = EngineStateDump.of(engine);
        return run;
    }
}
