package com.motoo.engine.account;

import com.motoo.engine.book.Order;
import com.motoo.engine.book.OrderPool;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class OpenOrdersTest {
    private final Account account = new Account(7, 0);
    private final OrderPool pool = new OrderPool(16);

    @Test
    void shouldFindPutOrdersAndForgetRemovedOnes() {
        final OpenOrders open = new OpenOrders();
        final Order first = order(1);
        final Order second = order(2);
        open.put(first);
        open.put(second);
        assertSame(first, open.get(1));
        assertSame(second, open.get(2));
        assertNull(open.get(3));
        assertSame(first, open.remove(1));
        assertNull(open.get(1));
        assertNull(open.remove(1), "removing twice finds nothing");
        assertSame(second, open.get(2));
        assertEquals(1, open.size());
    }

    @Test
    void shouldKeepEveryOrderReachableWhenIdsShareTheirLowBits() {
        final OpenOrders open = new OpenOrders();
        final long[] ids = {64, 128, 192, 256, 1L << 40, 5, 69, (1L << 40) + 5};
        for (long id : ids) {
            open.put(order(id));
        }
        assertEquals(192, open.get(192).orderId());
        open.remove(128);
        open.remove(1L << 40);
        for (long id : ids) {
            if (id == 128 || id == 1L << 40) {
                assertNull(open.get(id));
            } else {
                assertEquals(id, open.get(id).orderId(), "order " + id + " lost after removals in its probe run");
            }
        }
        assertEquals(ids.length - 2, open.size());
    }

    /** A market maker's account: 10,000 long-lived orders, then 100,000 short-lived ones numbered after them. */
    @Test
    void shouldKeepProbesShortWhenOldOrdersStayOpenAndNewIdsChurn() {
        final OpenOrders open = new OpenOrders();
        for (long id = 1; id <= 10_000; id++) {
            open.put(order(id));
        }
        long probes = 0;
        int longest = 0;
        for (long id = 10_001; id <= 110_000; id++) {
            open.put(order(id));
            final int probe = open.probeLength(id);
            probes += probe;
            longest = Math.max(longest, probe);
            assertEquals(id, open.remove(id).orderId());
        }
        assertTrue(probes / 100_000.0 < 2.0, "mean probe " + probes / 100_000.0);
        assertTrue(longest < 40, "longest probe " + longest);
        assertEquals(10_000, open.size());
    }

    /** A seeded random stream of puts and removes against a HashMap oracle; ids are dense with a long tail and collisions. */
    @Test
    void shouldAgreeWithAHashMapOnARandomStream() {
        for (long seed = 1; seed <= 20; seed++) {
            final SplittableRandom random = new SplittableRandom(seed);
            final OpenOrders open = new OpenOrders();
            final Map<Long, Order> oracle = new HashMap<>();
            final List<Long> ids = new ArrayList<>();
            long nextId = 1;
            for (int step = 0; step < 20_000; step++) {
                final int action = random.nextInt(10);
                if (action < 5 || ids.isEmpty()) {
                    final long id = random.nextInt(20) == 0 ? (nextId++) * 1024 : nextId++;
                    final Order order = order(id);
                    open.put(order);
                    oracle.put(id, order);
                    ids.add(id);
                } else if (action < 9) {
                    final long id = ids.remove(random.nextInt(ids.size()));
                    assertSame(oracle.remove(id), open.remove(id), "seed " + seed + " step " + step);
                } else {
                    final long id = 1 + random.nextLong(nextId * 1024);
                    assertSame(oracle.get(id), open.get(id), "seed " + seed + " step " + step + " id " + id);
                }
                assertEquals(oracle.size(), open.size(), "seed " + seed + " step " + step);
            }
            for (Map.Entry<Long, Order> entry : oracle.entrySet()) {
                assertSame(entry.getValue(), open.get(entry.getKey()), "seed " + seed);
            }
            final TreeSet<Long> visited = new TreeSet<>();
            open.forEach(order -> visited.add(order.orderId()));
            assertEquals(new TreeSet<>(oracle.keySet()), visited, "seed " + seed);
        }
    }

    private Order order(long orderId) {
        return pool.acquire().init(account, null, orderId, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_000, 1_000, 1);
    }
}
