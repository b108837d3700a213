package com.motoo.gateway;

import com.motoo.journal.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The start-up checks of the exchange process: the durability setting and a journal it can write. */
class GatewayMainTest {
    @Test
    void shouldTakeTheDurabilityInAnyCaseAndNameTheChoicesOtherwise() {
        assertEquals(Durability.SYNC, GatewayMain.durabilityOf("sync"));
        assertEquals(Durability.MMAP, GatewayMain.durabilityOf(" Mmap "));
        assertEquals("motoo.durability must be one of [MMAP, SYNC], not 'fast'",
            assertThrows(IllegalArgumentException.class, () -> GatewayMain.durabilityOf("fast")).getMessage());
    }

    @Test
    void shouldRefuseAJournalItCannotWriteBeforeOpeningIt(@TempDir Path dir) {
        GatewayMain.requireWritable(dir);
        GatewayMain.requireWritable(dir.resolve("new/journal"));
        final Path readOnly = Path.of("/proc/self/motoo-journal"); // procfs refuses writes even to root
        final String message = assertThrows(IllegalArgumentException.class, () -> GatewayMain.requireWritable(readOnly))
            .getMessage();
        assertEquals("the journal directory /proc/self/motoo-journal cannot be written (/proc/self is read-only for"
            + " this user); give a writable one", message);
    }
}
