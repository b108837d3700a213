package com.motoo.engine.pipeline;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.engine.reference.RandomCommandStream;
import com.motoo.engine.snapshot.SnapshotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class CommandPipelineTest {
    private static final long SAMSUNG = Symbol.encode("005930");

    @TempDir
    Path dir;

    private CommandPipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @ParameterizedTest
    @EnumSource(StagePlacement.class)
    void shouldJournalEachCommandBeforeItsResultIsReleased(StagePlacement placement) throws Exception {
        final ListJournal journal = new ListJournal();
        final RecordingOutput output = new RecordingOutput(journal);
        final long[] clock = {1_700_000_000_000L};
        pipeline = new CommandPipeline(new PipelineConfig().placement(placement).ringSize(64).clock(() -> clock[0]),
            journal, EventJournal.NONE, output, MarketDataListener.NONE);
        pipeline.start();

        final Command command = new Command();
        assertEquals(SubmitResult.OK, pipeline.submit(7, 1, command.list(SAMSUNG, "Samsung", 71_000)));
        assertEquals(SubmitResult.OK, pipeline.submit(7, 2, command.account(1, 100_000_000)));
        assertEquals(SubmitResult.OK, pipeline.submit(8, 3, command.place(1, 1, SAMSUNG, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, 71_000, 10)));
        assertEquals(SubmitResult.OK, pipeline.submit(8, 4, command.cancel(1, 99)));
        pipeline.close();

        assertEquals(List.of(
            "start 7/1 user=0 LIST seq=1 ts=1700000000000 journaled=true",
            "end 7/1",
            "start 7/2 user=1 ACCOUNT seq=2 ts=1700000000000 journaled=true",
            "end 7/2",
            "start 8/3 user=1 PLACE seq=3 ts=1700000000000 journaled=true",
            "ACCEPTED,1,1",
            "end 8/3",
            "start 8/4 user=1 CANCEL seq=4 ts=1700000000000 journaled=true",
            "REJECTED,1,99,UNKNOWN_ORDER",
            "end 8/4"), output.lines());
        assertEquals(4, journal.commands.size());
        assertEquals(SubmitResult.STOPPED, pipeline.submit(1, 1, command.endOfDay()));
    }

    @ParameterizedTest
    @EnumSource(StagePlacement.class)
    void shouldReleaseNoResultOfABatchBeforeTheWholeBatchIsJournaled(StagePlacement placement) throws Exception {
        final ListJournal journal = new ListJournal();
        final RecordingOutput output = new RecordingOutput(journal);
        pipeline = new CommandPipeline(new PipelineConfig().placement(placement).ringSize(256), journal,
            EventJournal.NONE, output, MarketDataListener.NONE);
        pipeline.start();
        final MatchingEngine generatorView = submitRandom(5, 20_000, -1);
        pipeline.close();

        int started = 0;
        for (String line : output.lines()) {
            if (line.startsWith("start ")) {
                started++;
                assertTrue(line.endsWith("journaled=true"), line);
            }
        }
        assertEquals(20_000, started);
        assertEquals(20_000, journal.commands.size());
        for (int i = 0; i < journal.commands.size(); i++) {
            assertEquals(i + 1, journal.commands.get(i));
        }
        assertEquals(generatorView.stateHash(), pipeline.engine().stateHash());
    }

    @ParameterizedTest
    @EnumSource(StagePlacement.class)
    void shouldAnswerBusyWhenTheRingIsFullWithoutBlocking(StagePlacement placement) throws Exception {
        final ListJournal journal = new ListJournal();
        journal.hold = new CountDownLatch(1);
        pipeline = new CommandPipeline(new PipelineConfig().placement(placement).ringSize(8), journal,
            EventJournal.NONE, new RecordingOutput(journal), MarketDataListener.NONE);
        pipeline.start();
        final Command command = new Command().endOfDay();
        int accepted = 0;
        SubmitResult result;
        while ((result = pipeline.submit(1, accepted, command)) == SubmitResult.OK) {
            accepted++;
        }
        assertEquals(SubmitResult.BUSY, result);
        assertEquals(8, accepted);
        journal.hold.countDown();
        pipeline.close();
        assertEquals(8, journal.commands.size());
    }

    @ParameterizedTest
    @EnumSource(StagePlacement.class)
    void shouldStopAcceptingWhenTheJournalFails(StagePlacement placement) throws Exception {
        final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CommandJournal failing = new CommandJournal() {
            @Override
            public long append(Command command) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void endOfBatch() {
            }
        };
        final RecordingOutput output = new RecordingOutput(new ListJournal());
        pipeline = new CommandPipeline(new PipelineConfig().placement(placement).ringSize(8).log(log::add), failing,
            EventJournal.NONE, output, MarketDataListener.NONE);
        pipeline.start();
        final Command command = new Command().endOfDay();
        assertEquals(SubmitResult.OK, pipeline.submit(1, 1, command));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pipeline.submit(1, 2, command) != SubmitResult.STOPPED && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(SubmitResult.STOPPED, pipeline.submit(1, 3, command));
        pipeline.close();
        assertEquals(List.of(), output.lines(), "nothing is released for a command that was not journaled");
        assertTrue(log.stream().anyMatch(line -> line.contains("disk full")), log.toString());
    }

    @ParameterizedTest
    @EnumSource(StagePlacement.class)
    void shouldPublishDepthAndTickerCopiesForChangedSymbolsAfterEachBatch(StagePlacement placement) throws Exception {
        final ListJournal journal = new ListJournal();
        final ConcurrentLinkedQueue<Object> marketData = new ConcurrentLinkedQueue<>();
        pipeline = new CommandPipeline(new PipelineConfig().placement(placement).ringSize(64), journal,
            EventJournal.NONE, new RecordingOutput(journal), new MarketDataListener() {
                @Override
                public void onDepth(Depth depth) {
                    marketData.add(copy(depth));
                }

                @Override
                public void onTicker(Ticker ticker) {
                    marketData.add(ticker);
                }
            });
        pipeline.start();
        final Command command = new Command();
        pipeline.submit(1, 1, command.list(SAMSUNG, "Samsung", 71_000));
        pipeline.submit(1, 2, command.account(1, 100_000_000));
        pipeline.submit(1, 3, command.account(2, 100_000_000));
        pipeline.submit(1, 4, command.grant(2, SAMSUNG, 100));
        pipeline.submit(1, 5, command.place(2, 1, SAMSUNG, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 71_100, 10));
        pipeline.submit(1, 6, command.place(2, 2, SAMSUNG, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 71_000, 10));
        pipeline.submit(1, 7, command.place(1, 1, SAMSUNG, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 71_000, 4));
        pipeline.submit(1, 8, command.place(1, 2, SAMSUNG, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 70_900, 3));
        pipeline.close();

        DepthCopy depth = null;
        Ticker ticker = null;
        for (Object update : marketData) {
            if (update instanceof DepthCopy d) {
                depth = d;
            } else {
                ticker = (Ticker) update;
            }
        }
        assertEquals(8, depth.sequence());
        assertEquals(List.of(List.of(70_900L, 3L)), depth.levels().get(Side.BUY));
        assertEquals(List.of(List.of(71_000L, 6L), List.of(71_100L, 10L)), depth.levels().get(Side.SELL));
        assertEquals(new Ticker(SAMSUNG, 8, 71_000, 71_000, 71_000, 71_000, 71_000, 4, 284_000, 70_900, 71_000,
            92_300, 49_700, false), ticker);
    }

    @ParameterizedTest
    @EnumSource(StagePlacement.class)
    void shouldSnapshotOnRequestAndAtShutdownAndReplayToTheSameState(StagePlacement placement) throws Exception {
        final SnapshotStore store = new SnapshotStore(dir, 3);
        final ListJournal journal = new ListJournal();
        final StringBuilder events = new StringBuilder();
        pipeline = new CommandPipeline(new PipelineConfig().placement(placement).snapshots(store).log(line -> { }),
            journal, new TextJournal(events), new RecordingOutput(journal), MarketDataListener.NONE);
        pipeline.start();
        final MatchingEngine generatorView = submitRandom(11, 3_000, 1_000);
        pipeline.close();
        final long finalHash = pipeline.engine().stateHash();
        assertEquals(generatorView.stateHash(), finalHash);
        assertEquals(2, store.list().size());
        assertTrue(store.list().get(0).toString().endsWith("snapshot-00000000000000001001.bin"));

        final StringBuilder replayEvents = new StringBuilder();
        final CommandPipeline reopened = new CommandPipeline(
            new PipelineConfig().placement(placement).snapshots(store).log(line -> { }), new ListJournal(),
            new TextJournal(replayEvents), new RecordingOutput(journal), MarketDataListener.NONE);
        assertEquals(3_000, reopened.snapshotSequence());
        assertEquals(finalHash, reopened.engine().stateHash());
        reopened.close();
    }

    /**
     * Submits {@code count} commands of a seeded random stream, asking for a snapshot right after
     * command number {@code snapshotAfter} (-1: never).
     *
     * @return an engine that applied the same commands directly, to compare with
     */
    private MatchingEngine submitRandom(long seed, int count, int snapshotAfter) {
        final MatchingEngine generatorView = new MatchingEngine(new EventTextFormat(new StringBuilder()));
        final RandomCommandStream stream = new RandomCommandStream(seed, RandomCommandStream.bandOf(generatorView));
        final Command command = new Command();
        for (int i = 0; i < count; i++) {
            stream.next(command);
            generatorView.process(command);
            submitWaiting(command, i);
            if (i == snapshotAfter) {
                assertEquals(SubmitResult.OK, pipeline.requestSnapshot());
            }
        }
        return generatorView;
    }

    private void submitWaiting(Command command, long requestId) {
        while (pipeline.submit(1, requestId, command) == SubmitResult.BUSY) {
            Thread.yield();
        }
    }

    /** What a listener keeps of a depth, which the engine thread reuses: the sequence and each side's [price, qty] levels. */
    private record DepthCopy(long sequence, Map<Side, List<List<Long>>> levels) {
    }

    private static DepthCopy copy(Depth depth) {
        final Map<Side, List<List<Long>>> levels = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            final List<List<Long>> copied = new ArrayList<>();
            for (int level = 0; level < depth.levels(side); level++) {
                copied.add(List.of(depth.price(side, level), depth.qty(side, level)));
            }
            levels.put(side, copied);
        }
        return new DepthCopy(depth.sequence(), levels);
    }

    /**
     * Start-up replay applies the journaled commands after the last one applied, in order, to the
     * event journal only, skips those at or before it (a journal read from before a snapshot), and
     * numbering goes on after the last one; once started, the pipeline refuses to replay.
     */
    @ParameterizedTest
    @EnumSource(StagePlacement.class)
    void shouldReplayOnlyTheJournaledCommandsAfterTheLastApplied(StagePlacement placement) throws Exception {
        final ListJournal journal = new ListJournal();
        final RecordingOutput output = new RecordingOutput(journal);
        final StringBuilder events = new StringBuilder();
        pipeline = new CommandPipeline(new PipelineConfig().placement(placement).ringSize(64), journal,
            new TextJournal(events), output, MarketDataListener.NONE);
        final Command[] journaled = {
            new Command().list(SAMSUNG, "Samsung", 71_000).stamp(1, 10),
            new Command().account(1, 100_000_000).stamp(2, 20),
            new Command().place(1, 1, SAMSUNG, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 71_000, 10).stamp(3, 30),
            new Command().cancel(1, 1).stamp(4, 40),
        };
        assertEquals(3, pipeline.replay(new CommandArrayJournal(journaled, 0, 3)));
        assertEquals(3, pipeline.lastSequence());
        assertEquals(2, pipeline.lastJournalIndex());
        assertEquals(1, pipeline.replay(new CommandArrayJournal(journaled, 1, 4)), "2 and 3 were applied already");
        assertEquals(4, pipeline.lastSequence());
        assertEquals(3, pipeline.lastJournalIndex());
        assertEquals("# 1\n# 2\n# 3\nACCEPTED,1,1\n# 4\nCANCELED,1,1,10\n", events.toString(),
            "each journaled command once, in order (the text format shows order events only)");
        assertEquals(List.of(), output.lines(), "the output hears nothing of a replay");

        pipeline.start();
        assertEquals(SubmitResult.OK, pipeline.submit(7, 1, new Command().endOfDay()));
        pipeline.close();
        assertEquals(List.of(5L), journal.commands, "numbering goes on after the replayed commands");
        assertThrows(IllegalStateException.class, () -> pipeline.replay(new CommandArrayJournal(journaled, 0, 4)));
    }

    /** An in-memory command journal that can hold the journal thread to fill the ring. */
    static final class ListJournal implements CommandJournal {
        final List<Long> commands = new ArrayList<>();
        volatile long journaledUpTo;
        volatile CountDownLatch hold;

        @Override
        public long append(Command command) {
            final CountDownLatch latch = hold;
            if (latch != null) {
                try {
                    latch.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            commands.add(command.sequence());
            return commands.size() - 1;
        }

        @Override
        public void endOfBatch() {
            journaledUpTo = commands.isEmpty() ? 0 : commands.get(commands.size() - 1);
        }
    }

    /** Records what the output hears, with whether the command was journaled (end of batch passed) by then. */
    static final class RecordingOutput extends EventTextFormat implements PipelineOutput {
        private final ListJournal journal;
        private final List<String> lines = new ArrayList<>();

        RecordingOutput(ListJournal journal) {
            super(new StringBuilder());
            this.journal = journal;
        }

        @Override
        public void onCommandStart(long sessionId, long requestId, long userId, CommandType type, long sequence,
                                   long timestamp) {
            flushEvents();
            lines.add("start " + sessionId + "/" + requestId + " user=" + userId + " " + type + " seq=" + sequence
                + " ts=" + timestamp + " journaled=" + (journal.journaledUpTo >= sequence));
        }

        @Override
        public void onCommandEnd(long sessionId, long requestId) {
            flushEvents();
            lines.add("end " + sessionId + "/" + requestId);
        }

        @Override
        public void onEndOfBatch() {
        }

        private void flushEvents() {
            for (String line : out().toString().split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            out().setLength(0);
        }

        List<String> lines() {
            return lines;
        }
    }

    /** An event journal that writes the text format with a header per command. */
    static final class TextJournal extends EventTextFormat implements EventJournal {
        TextJournal(StringBuilder out) {
            super(out);
        }

        @Override
        public void beginCommand(long sequence, long timestamp) {
            out().append("# ").append(sequence).append('\n');
        }

        @Override
        public void endCommand() {
        }

        @Override
        public void endOfBatch() {
        }

        @Override
        public long lastSequence() {
            return Long.MAX_VALUE;
        }
    }
}
