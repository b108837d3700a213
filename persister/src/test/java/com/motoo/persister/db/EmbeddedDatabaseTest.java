package com.motoo.persister.db;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The persistent embedded server after its owner died: a server left running on the data
 * directory with no owner (as after a SIGKILL of the gateway that started it) is stopped and the
 * directory started again with its data; a server whose owner still runs is not touched.
 */
@Tag("system")
@Timeout(120)
class EmbeddedDatabaseTest {
    @TempDir
    Path dir;

    private static long serverPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    private static void execute(EmbeddedDatabase database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void shouldStopAServerLeftRunningByAKilledOwnerAndStartOnItsData() throws Exception {
        final Path data = dir.resolve("pgdata");
        final Process owner = databaseProcess(data);
        final String url;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            final String line = readyLine(out);
            url = line.substring("database: ready ".length());
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
            }
            owner.destroyForcibly().waitFor();
        }
        final ProcessHandle left = ProcessHandle.of(serverPid(data)).orElseThrow();
        try {
            assertTrue(left.isAlive(), "PostgreSQL outlives its killed owner");
            try (EmbeddedDatabase restarted = EmbeddedDatabase.start(data, 0)) {
                assertFalse(left.isAlive(), "the server left running was stopped");
                try (Connection c = DriverManager.getConnection(restarted.jdbcUrl()); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT n FROM kept")) {
                    assertTrue(rs.next());
                    assertEquals(7, rs.getInt(1), "the data survived");
                }
            }
        } finally {
            left.destroy(); // a no-op once it is gone; else the test failed and must not leave it running
        }
    }

    /** @return a {@code scripts/motoo db} process (DatabaseMain in a JVM of its own) on a data directory */
    private static Process databaseProcess(Path data) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), DatabaseMain.class.getName(), "--data", data.toString(),
            "--port", Integer.toString(freePort())).redirectErrorStream(true).start();
    }

    /** @return its "database: ready" line, after checking it came */
    private static String readyLine(BufferedReader out) throws IOException {
        String line = out.readLine();
        while (line != null && !line.startsWith("database: ready ")) {
            line = out.readLine();
        }
        assertTrue(line != null, "the database process started");
        return line;
    }

    @Test
    void shouldEndTheDatabaseProcessWhenItsPostgresDies() throws Exception {
        final Path data = dir.resolve("pgdata");
        final Process owner = databaseProcess(data);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            readyLine(out);
            ProcessHandle.of(serverPid(data)).orElseThrow().destroyForcibly();
            assertTrue(owner.waitFor(30, TimeUnit.SECONDS), "the db process ended with its PostgreSQL");
            assertEquals(1, owner.exitValue());
        } finally {
            owner.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldRefuseToStartOnADirectoryWhoseServerIsOwnedByARunningProcess() throws Exception {
        final Path data = dir.resolve("pgdata");
        try (EmbeddedDatabase running = EmbeddedDatabase.start(data, 0)) {
            final long pid = serverPid(data);
            final IOException refused = assertThrows(IOException.class, () -> EmbeddedDatabase.start(data, 0));
            assertTrue(refused.getMessage().contains("already runs"), refused.getMessage());
            assertFalse(ProcessHandle.of(pid).orElseThrow().onExit().isDone(), "left alone");
            execute(running, "SELECT 1");
        }
    }
}
