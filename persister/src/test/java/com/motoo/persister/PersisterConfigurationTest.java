package com.motoo.persister;

import com.motoo.persister.apply.PersisterRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class PersisterConfigurationTest {
    @Test
    void shouldApplyDefaults() {
        final PersisterConfiguration config = PersisterConfiguration.parse("--journal", "j", "--db", "jdbc:postgresql://h/db");
        assertEquals(Path.of("j"), config.journalDir());
        assertEquals(PersisterRole.ALL, config.role());
        assertEquals("persister-all", config.tailer());
        assertEquals("public", config.schema());
        assertEquals(PersisterConfiguration.DEFAULT_BATCH_EVENTS, config.batchEvents());
        assertEquals(5, config.reportSeconds());
    }

    @Test
    void shouldReadEveryOption() {
        final PersisterConfiguration config = PersisterConfiguration.parse("--journal", "j", "--embedded-db", "pg",
            "--db-port", "5433", "--schema", "motoo", "--role", "orders", "--tailer", "o1", "--batch", "10",
            "--report-seconds", "2");
        assertEquals(Path.of("j"), config.journalDir());
        assertNull(config.jdbcUrl());
        assertEquals(Path.of("pg"), config.embeddedDataDir());
        assertEquals(5433, config.embeddedPort());
        assertEquals("motoo", config.schema());
        assertEquals(PersisterRole.ORDERS, config.role());
        assertEquals("o1", config.tailer());
        assertEquals(10, config.batchEvents());
        assertEquals(2, config.reportSeconds());
        assertEquals("jdbc:x?currentSchema=motoo", PersisterConfiguration.withSchema("jdbc:x", "motoo"));
        assertEquals("jdbc:x?a=b&currentSchema=motoo", PersisterConfiguration.withSchema("jdbc:x?a=b", "motoo"));
    }

    @Test
    void shouldRefuseBadArguments() {
        assertMessage("--journal DIR is required", "--db", "u");
        assertMessage("exactly one of", "--journal", "j");
        assertMessage("exactly one of", "--journal", "j", "--db", "u", "--embedded-db", "d");
        assertMessage("unknown option --nope", "--nope", "1");
        assertMessage("needs a value", "--journal");
        assertMessage("--batch needs an integer", "--journal", "j", "--db", "u", "--batch", "many");
        assertMessage("--batch must be between", "--journal", "j", "--db", "u", "--batch", "0");
        assertMessage("--role must be", "--journal", "j", "--db", "u", "--role", "everything");
        assertMessage("--schema must be", "--journal", "j", "--db", "u", "--schema", "x; DROP TABLE users");
    }

    private static void assertMessage(String expected, String... args) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PersisterConfiguration.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
