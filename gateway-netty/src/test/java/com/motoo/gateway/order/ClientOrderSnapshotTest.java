package com.motoo.gateway.order;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.pipeline.CommandJournal;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.EventJournal;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Order-state snapshots on a real engine pipeline and a real client-order journal: restoring from a
 * snapshot and the journal after it gives what reading the whole journal gives, after random
 * histories (names bound, rejected, freed, closed and server-given before and after the snapshot,
 * PLACEs in flight while it is taken); a torn, corrupt or foreign snapshot is passed over; a
 * snapshot taken while orders are entered, canceled and retired misses nothing and holds each user's names briefly.
 */
@Timeout(120)
class ClientOrderSnapshotTest {
    private static final int USERS = 3;
    private static final int RING_SIZE = 64;
    private static final String SYMBOL = "005930";
    private static final long NOW = 1_700_000_000_000L;
    private static final long ON_TICK_LOW = 69_000;
    private static final long OFF_TICK = 70_050;

    @TempDir
    Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();
    /** Every client order id a PLACE named, per user (index = user id), to compare what restores resolve. */
    private final List<Set<String>> named = new ArrayList<>();
    /** While closed, PLACEs submitted stay in flight. */
    private final PipelineGate gate = new PipelineGate();
    private final CommandJournal commandJournal = new CommandJournal() {
        @Override
        public long append(Command command) {
            gate.pass();
            return -1;
        }

        @Override
        public void endOfBatch() {
        }
    };
    private ClientOrderJournal journal;
    private OrderEntryService orders;
    private CommandPipeline pipeline;
    /** Where tests take their own snapshots. */
    private ClientOrderSnapshots store;
    /** Where random histories take theirs (each also copied aside). */
    private ClientOrderSnapshots historyStore;
    private int nextName;

    @BeforeEach
    void start() throws Exception {
        journal = new ClientOrderJournal(dir.resolve("client-orders"));
        store = new ClientOrderSnapshots(dir.resolve("snapshots"));
        historyStore = new ClientOrderSnapshots(dir.resolve("history-snapshots"));
        orders = service(journal);
        pipeline = new CommandPipeline(new PipelineConfig().ringSize(RING_SIZE).clock(() -> NOW), commandJournal,
            EventJournal.NONE, orders.output(), MarketDataListener.NONE);
        pipeline.start();
        orders.attach(pipeline);
        admin(orders.command().list(Symbol.encode(SYMBOL), "Samsung Electronics", 70_000));
        for (int user = 0; user <= USERS; user++) {
            named.add(new ConcurrentSkipListSet<>());
            if (user > 0) {
                admin(orders.command().account(user, 1_000_000_000L));
                admin(orders.command().grant(user, Symbol.encode(SYMBOL), 1_000_000));
            }
        }
    }

    @AfterEach
    void stop() {
        gate.open();
        pipeline.close();
        journal.close();
    }

    private OrderEntryService service(ClientOrderJournal clientOrders) {
        return new OrderEntryService(clientOrders, new UserSessions(), new MarketDataHub(0, loop -> () -> { }),
            new GatewayMetrics(), RING_SIZE);
    }

    private void admin(Command command) throws Exception {
        final EngineCall call = new EngineCall();
        orders.submitAdmin(command, call);
        assertNull(call.future().get(10, TimeUnit.SECONDS).reason());
    }

    @RepeatedTest(4)
    void shouldRestoreFromASnapshotAndTheJournalAfterItWhatTheWholeJournalGives() throws Exception {
        final long seed = Long.getLong("motoo.test.seed", System.nanoTime());
        final String replay = "seed " + seed + " (replay with -Dmotoo.test.seed=" + seed + ")";
        final List<Path> taken = new ArrayList<>();
        try {
            randomHistory(new Random(seed), 500, taken);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(replay + ": " + e, e);
        }
        pipeline.close();
        assertFalse(taken.isEmpty(), replay);
        assertRestoresAlike(taken, replay, true);
    }

    @Test
    void shouldFallBackToThePreviousSnapshotWhenTheNewestIsTornOrCorruptAndToTheJournalWhenBothAre() throws Exception {
        final List<Path> taken = new ArrayList<>();
        randomHistory(new Random(7), 150, taken);
        final Path older = orders.snapshot(store).file();
        randomHistory(new Random(8), 150, taken);
        final Path newer = orders.snapshot(store).file();
        pipeline.close();
        assertEquals(List.of(older, newer), store.list(), "the newest two are kept");
        final byte[] whole = Files.readAllBytes(newer);

        final byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 0x10;
        Files.write(newer, flipped);
        assertSameState(restored(null), restoredFromStore(older), "one byte of the newest flipped");
        assertTrue(log.stream().anyMatch(line -> line.contains(newer.getFileName().toString())
            && line.contains("checksum mismatch")), log.toString());

        Files.write(newer, java.util.Arrays.copyOf(whole, whole.length - 13));
        assertSameState(restored(null), restoredFromStore(older), "the newest cut short");
        Files.write(newer, java.util.Arrays.copyOf(whole, 20));
        assertSameState(restored(null), restoredFromStore(older), "the newest cut to its first bytes");
        assertTrue(log.stream().anyMatch(line -> line.contains("truncated: 20 bytes")), log.toString());

        Files.write(older, new byte[0]);
        final OrderEntryService fromJournal = service(journal);
        final ClientOrderRestoreReport report = fromJournal.restore(pipeline.engine(), store, log::add);
        assertNull(report.snapshot(), "no snapshot usable: the whole journal is read");
        assertEquals(journalRecords(), report.records());
        assertSameState(restored(null), fromJournal, "both snapshots unusable");
    }

    @Test
    void shouldSetAsideASnapshotWhoseJournalPositionTheJournalDoesNotHold() throws Exception {
        randomHistory(new Random(11), 120, new ArrayList<>());
        final Path snapshot = orders.snapshot(store).file();
        final byte[] bytes = Files.readAllBytes(snapshot);
        pipeline.close();
        final long records = journalRecords();

        try (ClientOrderJournal replaced = new ClientOrderJournal(dir.resolve("replaced"))) {
            for (long i = 1; i <= records; i++) {
                replaced.append(new OrderView(USERS + 1, i, "other-" + i, SYMBOL, Side.BUY, OrderType.LIMIT,
                    TimeInForce.GTC, 70_000, 1));
            }
            assertEquals(records, countRecords(replaced), "the same index, another record there");
            final ClientOrderRestoreReport report = service(replaced).restore(pipeline.engine(), store, log::add);
            assertNull(report.snapshot(), "a snapshot of another journal is not used");
            assertEquals(records, report.records());
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("which the journal does not hold")), log.toString());
        assertEquals(List.of(), store.list(), "set aside, so that no later journal reaching its index takes it");
        assertTrue(Files.exists(snapshot.resolveSibling(snapshot.getFileName() + ".refused")));

        Files.write(snapshot, bytes);
        try (ClientOrderJournal lost = new ClientOrderJournal(dir.resolve("lost"))) {
            final OrderEntryService restarted = service(lost);
            final ClientOrderRestoreReport report = restarted.restore(pipeline.engine(), store, log::add);
            assertNull(report.snapshot(), "the journal was lost: the snapshot is set aside, not trusted");
            assertEquals(0, report.records());
            final long[] sparse = pipeline.engine().account(1).orderIds().sparseIdsSorted();
            final long highestUsed = sparse.length > 0 ? sparse[sparse.length - 1]
                : pipeline.engine().account(1).orderIds().contiguousUpTo();
            assertTrue(restarted.orderIdsOf(1).lastOrderId() >= highestUsed, "numbering still continues after what the engine used");
        }
    }

    @Test
    void shouldSnapshotWhileOrdersAreEnteredAndClosedMissingNothingAndHoldingEachUserBriefly() throws Exception {
        final List<Path> taken = new ArrayList<>();
        final List<Thread> entering = new ArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger snapshots = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            final int thread = t;
            entering.add(new Thread(() -> {
                try {
                    final Random random = new Random(thread);
                    for (int i = 0; i < 3_000 || snapshots.get() < 5; i++) {
                        final long user = 1 + thread % 2;
                        final String name = random.nextInt(5) == 0 ? null : "t" + thread + "-" + i;
                        place(user, name, random.nextInt(10) == 0 ? OFF_TICK : price(random), random, true);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "entry-" + t));
        }
        final Thread closing = new Thread(() -> {
            try {
                final Random random = new Random(99);
                while (entering.stream().anyMatch(Thread::isAlive)) {
                    final long user = 1 + random.nextInt(2);
                    cancel(user, 1 + random.nextInt((int) Math.max(1, orders.orderIdsOf(user).lastOrderId())));
                    orders.retireClosedNames();
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "closing");
        entering.forEach(Thread::start);
        closing.start();
        long longestHold = 0;
        long longestSnapshot = 0;
        while (entering.stream().anyMatch(Thread::isAlive)) {
            final ClientOrderSnapshots.Written written = orders.snapshot(store);
            if (written != null) {
                taken.add(copyAside(written.file(), taken.size()));
                snapshots.incrementAndGet();
                longestHold = Math.max(longestHold, written.longestHoldNanos());
                longestSnapshot = Math.max(longestSnapshot, written.nanos());
            }
            Thread.sleep(3);
        }
        for (Thread thread : entering) {
            thread.join();
        }
        closing.join();
        assertEquals(List.of(), failures);
        pipeline.close();
        System.out.printf("%d snapshots taken during order entry, cancels and retires; longest %d us, longest hold of a user's names %d us%n",
            taken.size(), TimeUnit.NANOSECONDS.toMicros(longestSnapshot), TimeUnit.NANOSECONDS.toMicros(longestHold));
        assertTrue(taken.size() >= 5, "snapshots taken: " + taken.size());
        assertRestoresAlike(taken, "snapshots taken during order entry", false);
    }

    @Test
    void shouldSnapshotOnScheduleOnceTheJournalGrewEnoughOrStartUpReadATail() throws Exception {
        final List<String> written = new CopyOnWriteArrayList<>();
        final ClientOrderSnapshotter bySize = new ClientOrderSnapshotter(orders, journal, store, 0, 3, 0, written::add);
        bySize.run();
        final Random random = new Random(3);
        place(1, "s-1", price(random), random, true);
        place(1, "s-2", price(random), random, true);
        bySize.run();
        assertEquals(List.of(), written, "two records, three due");
        place(1, null, price(random), random, true);
        bySize.run();
        bySize.run();
        assertEquals(1, written.size(), written.toString());
        assertTrue(written.get(0).startsWith("client-order snapshot scheduled: client-orders-"), written.get(0));

        final ClientOrderSnapshotter afterRestart = new ClientOrderSnapshotter(orders, journal, store, 0, 3, 5, written::add);
        afterRestart.run();
        assertEquals(2, written.size(), "the tail start-up read counts: " + written);
        afterRestart.snapshotNow();
        assertTrue(written.get(2).startsWith("client-order snapshot at shutdown: "), written.toString());
    }

    @Test
    void shouldRoundTripAUserWithAMillionClosedNames() throws Exception {
        final UserOrderIds ids = new UserOrderIds(0);
        final int names = 1_000_000;
        for (int i = 1; i <= names; i++) {
            final String name = "close-" + i;
            ids.bind(name, i);
            ids.retire(name, i);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            try (FileChannel channel = FileChannel.open(dir.resolve("one-user.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                final ClientOrderSnapshot.Writer writer = new ClientOrderSnapshot.Writer(channel, JournalPosition.START, NOW);
                writer.reserve(ids.snapshotBytesEstimate()); // as ClientOrderSnapshots does, before the monitor
                best = Math.min(best, ids.snapshotInto(writer, 1));
                writer.drain();
                writer.finish();
            }
        }
        System.out.printf("one user's %,d closed names snapshotted; its monitor held %.3f ms (least of five)%n",
            names, best / 1e6);
        final ClientOrderSnapshot.Loaded loaded = ClientOrderSnapshot.decode(
            java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve("one-user.bin"))), dir);
        assertEquals(names, loaded.names());
        assertEquals(names, loaded.users().get(1).closedNamesStored());
        assertEquals(777, loaded.users().get(1).orderIdOf("close-777"));
    }

    /**
     * Random operations by random users: named, server-named and rejected PLACEs, retries of rejected
     * names, duplicates, names that take a coming server name, cancels, shrinking closed names, and
     * snapshots (some while PLACEs are in flight, some while the ring is full), copied aside into {@code taken}.
     */
    private void randomHistory(Random random, int steps, List<Path> taken) throws Exception {
        final List<List<String>> rejected = new ArrayList<>();
        for (int user = 0; user <= USERS; user++) {
            rejected.add(new ArrayList<>());
        }
        for (int step = 0; step < steps; step++) {
            final long user = 1 + random.nextInt(USERS);
            final List<String> free = rejected.get((int) user);
            final int op = random.nextInt(100);
            if (op < 30) {
                place(user, "n-" + nextName++, price(random), random, true);
            } else if (op < 40) {
                place(user, null, price(random), random, true);
            } else if (op < 47) {
                final String name = "r-" + nextName++;
                place(user, name, OFF_TICK, random, true);
                free.add(name);
            } else if (op < 52 && !free.isEmpty()) {
                place(user, free.remove(random.nextInt(free.size())), price(random), random, true);
            } else if (op < 56 && !named.get((int) user).isEmpty()) {
                place(user, named.get((int) user).iterator().next(), price(random), random, true);
            } else if (op < 59) {
                place(user, UserOrderIds.serverName(orders.orderIdsOf(user).lastOrderId() + 1 + random.nextInt(3)),
                    price(random), random, true);
            } else if (op < 75) {
                cancel(user, 1 + random.nextInt((int) Math.max(1, orders.orderIdsOf(user).lastOrderId())));
            } else if (op < 85) {
                orders.retireClosedNames();
            } else if (op < 92) {
                inFlight(random, 3 + random.nextInt(8), taken);
            } else if (op < 93) {
                inFlight(random, RING_SIZE + 8, taken);
            } else {
                final ClientOrderSnapshots.Written written = orders.snapshot(historyStore);
                if (written != null) {
                    taken.add(copyAside(written.file(), taken.size()));
                }
            }
        }
    }

    /** Places {@code count} orders while the pipeline waits, snapshots, then lets them through. */
    private void inFlight(Random random, int count, List<Path> taken) throws Exception {
        gate.close();
        final List<EngineCall> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final long user = 1 + random.nextInt(USERS);
            final String name = random.nextInt(4) == 0 ? null : "f-" + nextName++;
            final EngineCall call = place(user, name, random.nextInt(3) == 0 ? OFF_TICK : price(random), random, false);
            if (call != null) {
                calls.add(call);
            }
        }
        final ClientOrderSnapshots.Written written = orders.snapshot(historyStore);
        taken.add(copyAside(written.file(), taken.size()));
        gate.open();
        for (EngineCall call : calls) {
            call.future().get(10, TimeUnit.SECONDS);
        }
    }

    /** @return the call, or null when the PLACE was refused (a duplicate, BUSY) */
    private EngineCall place(long user, String name, long price, Random random, boolean await) throws Exception {
        if (name != null) {
            named.get((int) user).add(name);
        }
        final EngineCall call = new EngineCall();
        final TimeInForce tif = TimeInForce.values()[random.nextInt(3)];
        try {
            orders.place(user, new PlaceRequest(name, SYMBOL, random.nextBoolean() ? Side.BUY : Side.SELL, OrderType.LIMIT,
                tif, price, 1 + random.nextInt(5)), null, null, call);
        } catch (RequestException refused) {
            return null;
        }
        if (await) {
            call.future().get(10, TimeUnit.SECONDS);
        }
        return call;
    }

    /** Cancels an order and waits for the answer; one refused BUSY (the ring not yet freed after a full one) is let be. */
    private void cancel(long user, long orderId) throws Exception {
        final EngineCall call = new EngineCall();
        try {
            orders.cancel(user, new OrderTarget(orderId, null), null, null, call);
        } catch (RequestException busy) {
            return;
        }
        call.future().get(10, TimeUnit.SECONDS);
    }

    private static long price(Random random) {
        return ON_TICK_LOW + 100L * random.nextInt(21);
    }

    private Path copyAside(Path snapshot, int n) throws Exception {
        final Path aside = Files.createDirectories(dir.resolve("taken-" + n)).resolve(snapshot.getFileName());
        Files.copy(snapshot, aside);
        return aside;
    }

    /**
     * Restores from the whole journal and from each snapshot, and compares. With {@code sameTables}, each
     * user keeps as many names: as strings at most as many (a full read keeps as a string a closed name
     * whose fingerprint a superseded record of another order still held when it came by; the live
     * gateway, and so a snapshot, freed that one first).
     */
    private void assertRestoresAlike(List<Path> taken, String context, boolean sameTables) {
        for (Path snapshot : taken) {
            final OrderEntryService full = restored(null);
            final OrderEntryService fromSnapshot = restoredFrom(snapshot);
            final String what = context + ", from " + snapshot;
            assertSameState(full, fromSnapshot, what);
            if (sameTables) {
                for (long user = 1; user <= USERS; user++) {
                    final UserOrderIds expected = full.orderIdsOf(user);
                    final UserOrderIds actual = fromSnapshot.orderIdsOf(user);
                    assertEquals(expected.clientNamesStored() + expected.closedNamesStored(),
                        actual.clientNamesStored() + actual.closedNamesStored(), what + ": names kept, user " + user);
                    assertTrue(actual.clientNamesStored() <= expected.clientNamesStored(), what + ": strings, user " + user);
                }
            }
        }
    }

    private OrderEntryService restored(ClientOrderSnapshots snapshots) {
        final OrderEntryService service = service(journal);
        final ClientOrderRestoreReport report = service.restore(pipeline.engine(), snapshots, log::add);
        assertEquals(snapshots == null, report.snapshot() == null, report.summary() + "; " + log);
        return service;
    }

    /** @return a service restored from the tests' snapshot directory, after checking it used {@code expected} */
    private OrderEntryService restoredFromStore(Path expected) {
        final OrderEntryService service = service(journal);
        assertEquals(expected, service.restore(pipeline.engine(), store, log::add).snapshot(), log.toString());
        return service;
    }

    /** @return a service restored from the snapshot, its own file copied into a directory of its own, and the journal */
    private OrderEntryService restoredFrom(Path snapshot) {
        try {
            final Path only = Files.createTempDirectory(dir, "restore");
            Files.copy(snapshot, only.resolve(snapshot.getFileName()));
            final OrderEntryService service = service(journal);
            final ClientOrderRestoreReport report = service.restore(pipeline.engine(), new ClientOrderSnapshots(only), log::add);
            assertNotNull(report.snapshot(), "the snapshot was used: " + log);
            return service;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The same state: every name ever placed, and every server name up to past the last order id,
     * resolves alike; the same order ids are handed out next (both hand them out: compare once);
     * every open order is described alike.
     */
    private void assertSameState(OrderEntryService expected, OrderEntryService actual, String what) {
        final MatchingEngine engine = pipeline.engine();
        for (long user = 1; user <= USERS; user++) {
            final Set<String> names = new TreeSet<>(named.get((int) user));
            final long last = Math.max(expected.orderIdsOf(user).lastOrderId(), actual.orderIdsOf(user).lastOrderId());
            for (long id = 1; id <= last + 3; id++) {
                names.add(UserOrderIds.serverName(id));
                names.add(UserOrderIds.serverName(id) + ".1");
            }
            for (String name : names) {
                assertEquals(expected.orderIdOf(user, name), actual.orderIdOf(user, name), what + ": user " + user + " '" + name + "'");
            }
            final long u = user;
            engine.account(user).openOrders().forEach(open -> assertEquals(
                view(expected, u, open.orderId()), view(actual, u, open.orderId()), what + ": open order " + open.orderId()));
            final StringBuilder expectedIds = new StringBuilder();
            final StringBuilder actualIds = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                expectedIds.append(expected.orderIdsOf(user).nextOrderId()).append(' ');
                actualIds.append(actual.orderIdsOf(user).nextOrderId()).append(' ');
            }
            assertEquals(expectedIds.toString(), actualIds.toString(), what + ": next order ids of user " + user);
        }
    }

    private static String view(OrderEntryService service, long userId, long orderId) {
        final OrderView view = ((ExecutionReportPublisher) service.output()).openView(userId, orderId);
        return view == null ? "none" : String.join(",", view.clientOrderId, view.symbol, view.side.name(),
            view.orderType.name(), view.tif.name(), Long.toString(view.price), Long.toString(view.qty),
            Long.toString(view.filledQty), Long.toString(view.fillNotional), Long.toString(view.leavesQty));
    }

    private long journalRecords() {
        return countRecords(journal);
    }

    private static long countRecords(ClientOrderJournal clientOrders) {
        long records = 0;
        try (ClientOrderJournal.Reader reader = clientOrders.reader(-1)) {
            while (reader.next() != null) {
                records++;
            }
        }
        return records;
    }
}
