package com.motoo.engine.snapshot;

import com.motoo.engine.EngineInvariants;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.engine.reference.RandomCommandStream;
import com.motoo.engine.rules.MarketRules;
import com.motoo.engine.rules.TickTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class SnapshotCodecTest {
    @TempDir
    Path dir;

    @Test
    void shouldRestoreTheSameStateAndBehaveTheSameAfterwards() {
        for (long seed = 1; seed <= 5; seed++) {
            final StringBuilder original = new StringBuilder();
            final MatchingEngine engine = new MatchingEngine(new EventTextFormat(original));
            final RandomCommandStream stream = new RandomCommandStream(seed, RandomCommandStream.bandOf(engine));
            generate(engine, stream, 20_000);

            final byte[] snapshot = SnapshotCodec.encode(engine, 20_000, 77);
            final StringBuilder restoredEvents = new StringBuilder();
            final MatchingEngine restored = new MatchingEngine(new EventTextFormat(restoredEvents));
            final SnapshotHeader header = SnapshotCodec.decodeInto(snapshot, restored);

            assertEquals(new SnapshotHeader(20_000, 77), header, "seed " + seed);
            assertEquals(engine.stateHash(), restored.stateHash(), "seed " + seed);
            assertEquals(0, restoredEvents.length(), "loading reports no events, seed " + seed);
            EngineInvariants.validate(restored);
            assertArrayEquals(snapshot, SnapshotCodec.encode(restored, 20_000, 77), "seed " + seed);

            original.setLength(0);
            final List<Command> more = generate(engine, stream, 5_000);
            for (Command command : more) {
                restored.process(command);
            }
            assertEquals(original.toString(), restoredEvents.toString(), "seed " + seed);
            assertEquals(engine.stateHash(), restored.stateHash(), "seed " + seed);
        }
    }

    @Test
    void shouldRefuseCorruptTruncatedAndForeignSnapshots() {
        final MatchingEngine engine = new MatchingEngine(new EventTextFormat(new StringBuilder()));
        generate(engine, new RandomCommandStream(9, RandomCommandStream.bandOf(engine)), 2_000);
        final byte[] snapshot = SnapshotCodec.encode(engine, 2_000, 5);

        final byte[] flipped = snapshot.clone();
        flipped[flipped.length / 2] ^= 0x10;
        assertThrows(SnapshotException.class, () -> SnapshotCodec.verify(flipped));
        final byte[] truncated = java.util.Arrays.copyOf(snapshot, snapshot.length - 100);
        assertThrows(SnapshotException.class, () -> SnapshotCodec.verify(truncated));
        assertThrows(SnapshotException.class, () -> SnapshotCodec.verify(new byte[3]));

        final MatchingEngine otherRules = new MatchingEngine(new MarketRules(TickTable.krx(), 150_000, 150, 2_000),
            new EventTextFormat(new StringBuilder()), 16);
        assertThrows(SnapshotException.class, () -> SnapshotCodec.decodeInto(snapshot, otherRules));
    }

    @Test
    void shouldFallBackToTheLastIntactSnapshotFile() throws IOException {
        final SnapshotStore store = new SnapshotStore(dir, 3);
        final MatchingEngine engine = new MatchingEngine(new EventTextFormat(new StringBuilder()));
        final RandomCommandStream stream = new RandomCommandStream(3, RandomCommandStream.bandOf(engine));
        generate(engine, stream, 3_000);
        store.write(SnapshotCodec.encode(engine, 3_000, 1));
        final long goodHash = engine.stateHash();
        generate(engine, stream, 3_000);
        final Path newest = store.write(SnapshotCodec.encode(engine, 6_000, 2));
        final byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.writeString(dir.resolve("snapshot-00000000000000009000.bin.tmp"), "half-written");

        final List<String> rejected = new ArrayList<>();
        final SnapshotStore.Loaded loaded = store.loadNewest(Long.MAX_VALUE,
            () -> new MatchingEngine(new EventTextFormat(new StringBuilder())), rejected::add);

        assertNotNull(loaded);
        assertEquals(3_000, loaded.header().sequence());
        assertEquals(goodHash, loaded.engine().stateHash());
        assertEquals(1, rejected.size());
        assertTrue(rejected.get(0).contains(newest.getFileName().toString()));
    }

    @Test
    void shouldSkipSnapshotsNewerThanTheGivenSequence() {
        final SnapshotStore store = new SnapshotStore(dir, 3);
        final MatchingEngine engine = new MatchingEngine(new EventTextFormat(new StringBuilder()));
        store.write(SnapshotCodec.encode(engine, 10, 1));
        store.write(SnapshotCodec.encode(engine, 20, 2));
        final List<String> rejected = new ArrayList<>();
        final SnapshotStore.Loaded loaded = store.loadNewest(15,
            () -> new MatchingEngine(new EventTextFormat(new StringBuilder())), rejected::add);
        assertEquals(10, loaded.header().sequence());
        assertEquals(1, rejected.size());
        assertNull(store.loadNewest(9, () -> new MatchingEngine(new EventTextFormat(new StringBuilder())), r -> { }));
    }

    @Test
    void shouldKeepOnlyTheNewestFilesAndLoadNothingFromAnEmptyDirectory() {
        final SnapshotStore store = new SnapshotStore(dir, 2);
        assertNull(store.loadNewest(Long.MAX_VALUE, () -> new MatchingEngine(new EventTextFormat(new StringBuilder())), r -> { }));
        final MatchingEngine engine = new MatchingEngine(new EventTextFormat(new StringBuilder()));
        for (long sequence = 1; sequence <= 4; sequence++) {
            store.write(SnapshotCodec.encode(engine, sequence, sequence));
        }
        assertEquals(List.of(dir.resolve("snapshot-00000000000000000003.bin"),
            dir.resolve("snapshot-00000000000000000004.bin")), store.list());
    }

    private static List<Command> generate(MatchingEngine engine, RandomCommandStream stream, int count) {
        final List<Command> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final Command command = new Command();
            stream.next(command);
            engine.process(command);
            commands.add(command);
        }
        return commands;
    }
}
