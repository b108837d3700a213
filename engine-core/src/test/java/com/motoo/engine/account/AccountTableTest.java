package com.motoo.engine.account;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountTableTest {
    /** Ids on both sides of the array's first size and of the dense limit, and ids only a command file would use. */
    private static final long[] IDS = {1, 1023, 1024, 5_000, AccountTable.DENSE_LIMIT - 1, AccountTable.DENSE_LIMIT,
        Long.MAX_VALUE, -5, 0};

    @Test
    void shouldFindEveryAccountByItsIdWhereverTheIdLies() {
        final AccountTable table = new AccountTable();
        final List<Account> added = new ArrayList<>();
        for (long id : IDS) {
            final Account account = new Account(id, 100);
            table.add(account);
            added.add(account);
        }
        for (int i = 0; i < IDS.length; i++) {
            assertSame(added.get(i), table.get(IDS[i]), "id " + IDS[i]);
            assertTrue(table.contains(IDS[i]), "id " + IDS[i]);
        }
        for (long missing : new long[] {2, 1025, 999_999, AccountTable.DENSE_LIMIT + 1, Long.MIN_VALUE, -4}) {
            assertNull(table.get(missing), "id " + missing);
            assertFalse(table.contains(missing), "id " + missing);
        }
        assertEquals(IDS.length, table.size());
        assertArrayEquals(new long[] {-5, 0, 1, 1023, 1024, 5_000, AccountTable.DENSE_LIMIT - 1, AccountTable.DENSE_LIMIT,
            Long.MAX_VALUE}, table.userIdsAscending());
        final List<Long> visited = new ArrayList<>();
        table.forEach(account -> visited.add(account.userId()));
        assertEquals(IDS.length, visited.size());
        assertTrue(visited.containsAll(List.of(1L, 1023L, 1024L, 5_000L, Long.MAX_VALUE, -5L, 0L)), visited.toString());
    }

    /** The array grows step by step as ever larger ids come, up to the dense limit, and keeps what it held. */
    @Test
    void shouldKeepEveryAccountAsTheArrayGrows() {
        final AccountTable table = new AccountTable();
        final long[] ids = {1, 3_000, 70_000, 300_000, 600_000, AccountTable.DENSE_LIMIT - 1};
        for (long id : ids) {
            table.add(new Account(id, id));
            for (long earlier : ids) {
                if (earlier > id) {
                    break;
                }
                assertEquals(earlier, table.get(earlier).cash(), "id " + earlier + " after adding " + id);
            }
        }
        assertArrayEquals(ids, table.userIdsAscending());
    }

    @Test
    void shouldRefuseASecondAccountForAUser() {
        final AccountTable table = new AccountTable();
        table.add(new Account(7, 1));
        assertThrows(IllegalArgumentException.class, () -> table.add(new Account(7, 2)));
        table.add(new Account(Long.MAX_VALUE, 1));
        assertThrows(IllegalArgumentException.class, () -> table.add(new Account(Long.MAX_VALUE, 2)));
        assertEquals(2, table.size());
    }
}
