package com.motoo.gateway.order;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import org.agrona.collections.Object2LongHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserOrderIdsTest {
    private final UserOrderIds ids = new UserOrderIds(0);

    @TempDir
    Path dir;

    @Test
    void shouldNameTheOrderThatHoldsAClientOrderId() {
        assertEquals(0, ids.bind("my-1", 1));
        assertEquals(1, ids.bind("my-1", 2));
        assertEquals(1, ids.orderIdOf("my-1"));
        assertEquals(0, ids.orderIdOf("my-2"));
    }

    @Test
    void shouldKeepAClientsChoiceOfItsOwnOrdersServerNameAsABitAsAJournalRebuildDoes() {
        assertEquals(0, ids.bind("auto-3", 3));
        assertEquals(0, ids.bind("auto-5", 4));
        assertEquals(1, ids.clientNamesStored(), "only auto-5, which names another order than its own");
        assertEquals(3, ids.orderIdOf("auto-3"));
        ids.retire("auto-3", 3);
        assertEquals(0, ids.closedNamesStored(), "a bit stays a bit");
        ids.unbind("auto-3", 3);
        assertEquals(0, ids.orderIdOf("auto-3"));
    }

    @Test
    void shouldFreeAClientOrderIdOnlyForTheOrderThatHoldsIt() {
        ids.bind("my-1", 1);
        ids.unbind("my-1", 2);
        assertEquals(1, ids.orderIdOf("my-1"));
        ids.unbind("my-1", 1);
        assertEquals(0, ids.orderIdOf("my-1"));
        assertEquals(0, ids.bind("my-1", 3));
    }

    @Test
    void shouldFreeARejectedPlaceWithoutWaitingForTheMonitorAndBeforeItsOrderIdIsHandedOutAgain() throws Exception {
        final long orderId = ids.nextOrderId();
        assertEquals(0, ids.bind("my-1", orderId));
        final OrderView rejected = new OrderView(7, orderId, "my-1", "005930", Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, 70_000, 1);
        synchronized (ids) {
            CompletableFuture.runAsync(() -> ids.releaseRejected(rejected, false)).get(5, TimeUnit.SECONDS);
        }
        assertEquals(orderId, ids.nextOrderId(), "the order id is handed out again");
        assertEquals(0, ids.bind("my-1", orderId), "a retry with the same client order id gets in");
        assertEquals(orderId, ids.orderIdOf("my-1"));
    }

    @Test
    void shouldNeverHandOutAgainAnOrderIdTheEngineRefusedAsADuplicate() {
        final long orderId = ids.nextOrderId();
        assertEquals(0, ids.bind("my-1", orderId));
        ids.releaseRejected(new OrderView(7, orderId, "my-1", "005930", Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            70_000, 1), true);
        assertEquals(orderId + 1, ids.nextOrderId(), "the engine has used it");
        assertEquals(0, ids.bind("my-1", orderId + 1), "the client order id is free again");
    }

    @Test
    void shouldNameAnUnnamedOrderAfterItsIdWithoutStoringTheName() {
        assertEquals("auto-1", ids.bindServerName(1));
        assertEquals("auto-2", ids.bindServerName(2));
        assertEquals(0, ids.clientNamesStored(), "a bit each, no map entry");
        assertEquals(2, ids.orderIdOf("auto-2"));
        assertEquals(0, ids.orderIdOf("auto-3"));
        assertEquals(0, ids.orderIdOf("auto-02"));
        assertEquals(2, ids.bind("auto-2", 7), "a client cannot take a name the server gave");
        ids.unbind("auto-2", 2);
        assertEquals(0, ids.orderIdOf("auto-2"), "freed with its rejected PLACE");
    }

    @Test
    void shouldNameAnUnnamedOrderAroundANameAClientTook() {
        assertEquals(0, ids.bind("auto-3", 1));
        assertEquals("auto-3.1", ids.bindServerName(3));
        assertEquals(1, ids.orderIdOf("auto-3"));
        assertEquals(3, ids.orderIdOf("auto-3.1"));
        ids.rebind("auto-4", 4);
        assertEquals(4, ids.orderIdOf("auto-4"), "a journal record of a server name is a bit again");
        assertEquals(2, ids.clientNamesStored());
    }

    @Test
    void shouldKeepAClosedOrdersNameAsAFingerprintThatStillHoldsIt() {
        assertEquals(0, ids.bind("my-1", 1));
        ids.retire("my-1", 1);
        assertEquals(0, ids.clientNamesStored());
        assertEquals(1, ids.closedNamesStored());
        assertEquals(1, ids.orderIdOf("my-1"));
        assertEquals(1, ids.bind("my-1", 2), "still taken");
        assertEquals(0, ids.orderIdOf("my-2"));
        ids.retire("my-1", 1);
        assertEquals(1, ids.closedNamesStored(), "retiring twice changes nothing");
    }

    @Test
    void shouldRetireOnlyTheNameOfTheOrderThatHoldsIt() {
        assertEquals(0, ids.bind("my-1", 1));
        ids.retire("my-1", 2);
        ids.retire("my-2", 1);
        assertEquals(1, ids.clientNamesStored(), "neither names order 1 as my-1");
        assertEquals(0, ids.closedNamesStored());
        assertEquals("auto-3", ids.bindServerName(3));
        ids.retire("auto-3", 3);
        assertEquals(0, ids.closedNamesStored(), "a server name stays a bit");
        assertEquals(3, ids.orderIdOf("auto-3"));
    }

    @Test
    void shouldFreeARetiredNameForTheOrderThatHeldIt() {
        ids.bind("my-1", 1);
        ids.retire("my-1", 1);
        ids.unbind("my-1", 2);
        assertEquals(1, ids.orderIdOf("my-1"), "another order cannot free it");
        ids.unbind("my-1", 1);
        assertEquals(0, ids.orderIdOf("my-1"), "superseded by a later journal record of order 1 (restore)");
        assertEquals(0, ids.closedNamesStored());
    }

    @Test
    void shouldNotGiveAnUnnamedOrderTheNameOfAClosedOne() {
        ids.bind("auto-5", 1);
        ids.retire("auto-5", 1);
        assertEquals("auto-5.1", ids.bindServerName(5));
        assertEquals(1, ids.orderIdOf("auto-5"));
        assertEquals(5, ids.orderIdOf("auto-5.1"));
    }

    @Test
    void shouldLetTheUsersOrderEntryGoOnWhileASnapshotReadsItsClosedNames() throws Exception {
        ids.bind("closed-1", 1);
        ids.retire("closed-1", 1);
        ids.bind("closed-2", 2);
        ids.retire("closed-2", 2);
        ids.bind("open-3", 3);
        final List<String> handed = new ArrayList<>();
        final Map<Long, Long> frozenOrders = new TreeMap<>();
        ids.snapshotInto(new ClientOrderSnapshot.UserSink() {
            @Override
            public void user(long userId, long lastOrderId, BitSet serverNamed, Object2LongHashMap<String> openNames) {
                assertTrue(Thread.holdsLock(ids), "the open names are handed over under the monitor");
                handed.add("user " + userId + " open " + openNames);
            }

            @Override
            public void closedNames(int count, ClosedNames.Frozen frozen) {
                assertFalse(Thread.holdsLock(ids), "the closed names are not");
                handed.add("closed " + count);
                final CompletableFuture<Void> otherThread = CompletableFuture.runAsync(() -> {
                    assertEquals(0, ids.bind("new-4", 4));
                    ids.retire("open-3", 3);
                    assertEquals(1, ids.orderIdOf("closed-1"));
                    ids.unbind("closed-2", 2);
                    assertEquals(0, ids.orderIdOf("closed-2"));
                });
                try {
                    otherThread.get(10, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("another thread's binds, retires and look-ups waited for the snapshot", e);
                } catch (InterruptedException | ExecutionException e) {
                    throw new AssertionError(e);
                }
                frozen.forEach(frozenOrders::put);
            }
        }, 7);
        assertEquals(List.of("user 7 open {open-3=3}", "closed 2"), handed);
        assertEquals(List.of(1L, 2L), List.copyOf(new TreeSet<>(frozenOrders.values())),
            "the closed names as they stood when the open ones were handed over");

        assertState(ids);
        final ClientOrderSnapshot.Loaded next = snapshotOfUser7("after.bin");
        assertEquals(3, next.names(), "new-4 open, closed-1 and open-3 closed");
        assertState(next.users().get(7));
    }

    @Test
    void shouldThawTheClosedNamesWhenASnapshotFailsWhileReadingThem() throws Exception {
        ids.bind("closed-1", 1);
        ids.retire("closed-1", 1);
        final IllegalStateException failure = new IllegalStateException("the snapshot's file is gone");
        final IllegalStateException thrown = assertThrows(IllegalStateException.class,
            () -> ids.snapshotInto(new ClientOrderSnapshot.UserSink() {
                @Override
                public void user(long userId, long lastOrderId, BitSet serverNamed, Object2LongHashMap<String> openNames) {
                }

                @Override
                public void closedNames(int count, ClosedNames.Frozen frozen) {
                    ids.bind("closed-2", 2);
                    ids.retire("closed-2", 2);
                    throw failure;
                }
            }, 7));
        assertSame(failure, thrown);
        ids.bind("closed-3", 3);
        ids.retire("closed-3", 3);
        final UserOrderIds next = snapshotOfUser7("next.bin").users().get(7);
        assertEquals(3, next.closedNamesStored(), "the next snapshot froze again and holds every closed name");
        assertEquals(2, next.orderIdOf("closed-2"));
        assertEquals(3, next.orderIdOf("closed-3"));
    }

    /** @return {@link #ids} as user 7, written to a snapshot file and read back */
    private ClientOrderSnapshot.Loaded snapshotOfUser7(String file) throws Exception {
        try (FileChannel channel = FileChannel.open(dir.resolve(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            final ClientOrderSnapshot.Writer writer = new ClientOrderSnapshot.Writer(channel, JournalPosition.START, 0);
            ids.snapshotInto(writer, 7);
            writer.drain();
            writer.finish();
        }
        return ClientOrderSnapshot.decode(ByteBuffer.wrap(Files.readAllBytes(dir.resolve(file))), dir);
    }

    /** The state after the changes made during the snapshot: they were folded in, and the next snapshot holds them. */
    private static void assertState(UserOrderIds state) {
        assertEquals(1, state.orderIdOf("closed-1"));
        assertEquals(0, state.orderIdOf("closed-2"));
        assertEquals(3, state.orderIdOf("open-3"));
        assertEquals(4, state.orderIdOf("new-4"));
        assertEquals(2, state.closedNamesStored(), "closed-1 and open-3");
        assertEquals(1, state.clientNamesStored(), "new-4");
    }
}
