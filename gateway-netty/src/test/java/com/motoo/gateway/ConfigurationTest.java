package com.motoo.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadTheJwtSecretFromAFileBeforeTheProperty() throws Exception {
        final Path file = dir.resolve("jwt-secret");
        Files.writeString(file, "  a-secret-of-at-least-thirty-two-bytes-from-a-file\n");
        final Properties p = new Properties();
        p.setProperty(Configuration.JWT_SECRET, "a-secret-of-at-least-thirty-two-bytes-from-a-property");
        p.setProperty(Configuration.JWT_SECRET_FILE, file.toString());
        assertArrayEquals("a-secret-of-at-least-thirty-two-bytes-from-a-file".getBytes(StandardCharsets.UTF_8),
            Configuration.from(p).jwtSecret());
    }

    @Test
    void shouldRefuseAMissingOrShortSecretFile() throws Exception {
        final Properties p = new Properties();
        p.setProperty(Configuration.JWT_SECRET_FILE, dir.resolve("absent").toString());
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Configuration.from(p));
        assertTrue(missing.getMessage().startsWith(Configuration.JWT_SECRET_FILE + " cannot be read"), missing.getMessage());

        final Path shortFile = dir.resolve("short");
        Files.writeString(shortFile, "too-short");
        p.setProperty(Configuration.JWT_SECRET_FILE, shortFile.toString());
        final IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> Configuration.from(p));
        assertEquals(Configuration.JWT_SECRET + " must be at least 32 bytes", tooShort.getMessage());
    }

    @Test
    void shouldTakeScheduledSnapshotsEveryMinuteByDefault() {
        assertEquals(60_000, Configuration.from(new Properties()).snapshotIntervalMillis());
        final Properties p = new Properties();
        p.setProperty(Configuration.SNAPSHOT_INTERVAL_MILLIS, "0");
        assertEquals(0, Configuration.from(p).snapshotIntervalMillis());
    }
}
