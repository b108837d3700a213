package com.motoo.gateway.order;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClosedNamesTest {
    private final ClosedNames names = new ClosedNames(UserOrderIds.closedNamesFor(0));

    @Test
    void shouldHoldEachFingerprintForItsOrderOnly() {
        names.add(11, 1);
        names.add(-5, 2);
        assertEquals(1, names.get(11));
        assertEquals(2, names.get(-5));
        assertEquals(0, names.get(12));
        names.remove(11, 2);
        assertEquals(1, names.get(11), "another order cannot drop it");
        names.remove(11, 1);
        assertEquals(0, names.get(11));
        assertEquals(1, names.size());
    }

    @Test
    void shouldPassTheStateOfTheFreezeWhileChangesMadeMeanwhileAreSeenAndThenFoldedIn() {
        names.add(1, 10);
        names.add(2, 20);
        names.add(3, 30);
        assertEquals(3, names.freeze());

        names.add(4, 40);
        names.remove(1, 10);
        names.add(5, 50);
        names.remove(5, 50);
        names.remove(2, 20);
        names.add(2, 21);
        names.remove(3, 99);

        assertEquals(Map.of(1L, 10L, 2L, 20L, 3L, 30L), frozen(), "the state at the freeze");
        assertEquals(0, names.get(1));
        assertEquals(21, names.get(2));
        assertEquals(30, names.get(3));
        assertEquals(40, names.get(4));
        assertEquals(0, names.get(5));
        assertEquals(3, names.size());

        names.thaw();
        assertEquals(3, names.freeze(), "the changes are in the table now");
        assertEquals(Map.of(2L, 21L, 3L, 30L, 4L, 40L), frozen());
        names.thaw();
        names.add(6, 60);
        assertEquals(60, names.get(6), "writes reach the table again");
        assertEquals(4, names.freeze());
        names.thaw();
    }

    @Test
    void shouldRefuseASecondFreezeUntilThawed() {
        names.add(1, 10);
        names.freeze();
        assertThrows(IllegalStateException.class, names::freeze);
        names.thaw();
        assertEquals(1, names.freeze());
        names.thaw();
    }

    @Test
    void shouldKeepWhatIsBuiltFromASnapshotsTable() {
        final var table = UserOrderIds.closedNamesFor(2);
        table.put(7, 70);
        table.put(8, 80);
        final ClosedNames loaded = new ClosedNames(table);
        assertEquals(2, loaded.size());
        assertEquals(80, loaded.get(8));
    }

    private Map<Long, Long> frozen() {
        final Map<Long, Long> seen = new TreeMap<>();
        names.frozen().forEach(seen::put);
        return seen;
    }
}
