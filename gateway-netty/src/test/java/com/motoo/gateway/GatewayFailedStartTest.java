package com.motoo.gateway;

import com.motoo.journal.Durability;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway whose start fails after it has opened its journals, recovered the engine and started
 * its pipeline and housekeeping: its TLS key store cannot be read, or its port, the last step, is
 * taken (its event loops are started by then). The start fails with that error, closes all it
 * opened (no thread of it runs, no file of its journals stays mapped), and the next start on the
 * same directories finds the exchange as it was.
 */
@Tag("system")
@Timeout(90)
class GatewayFailedStartTest {
    /** How long a thread of the failed start may take to end once it has been stopped. */
    private static final long THREAD_END_MILLIS = 10_000;
    /** How long the journal files may stay mapped once closed (Chronicle may unmap them on a background thread). */
    private static final long UNMAP_MILLIS = 10_000;

    @TempDir
    Path dir;

    private GatewayServer start(Properties settings, HikariDataSource dataSource) throws Exception {
        return GatewayServer.start(Configuration.from(settings), dir.resolve("journal"), Durability.MMAP, dataSource);
    }

    @Test
    void shouldCloseWhatAFailedStartOpenedAndLetTheNextStartUseTheSameDirectories() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            SchemaMigrations.migrate(database.jdbcUrl(), "public");
            try (HikariDataSource dataSource = ConnectionPools.hikari(database.jdbcUrl(), 2)) {
                try (GatewayServer first = start(LocalGateway.settings(dir), dataSource)) {
                    final TestClient client = new TestClient(first.port());
                    final String admin = client.signUpAndLogin("boss").path("accessToken").asText();
                    assertEquals(200, client.call("POST", "/api/v1/admin/stocks", admin,
                        "{\"symbol\":\"005930\",\"name\":\"Samsung Electronics\",\"basePrice\":71000}").status());
                }

                try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                    final Properties onTakenPort = LocalGateway.settings(dir);
                    onTakenPort.setProperty(Configuration.PORT, Integer.toString(taken.getLocalPort()));
                    assertFailsAndClosesAll(onTakenPort, dataSource, "Address already in use");
                }
                final Properties withoutKeyStore = LocalGateway.settings(dir);
                withoutKeyStore.setProperty(Configuration.TLS_KEYSTORE, dir.resolve("no-such-store.p12").toString());
                withoutKeyStore.setProperty(Configuration.TLS_KEYSTORE_PASSWORD, "changeit");
                assertFailsAndClosesAll(withoutKeyStore, dataSource, "no-such-store.p12");

                try (GatewayServer again = start(LocalGateway.settings(dir), dataSource)) {
                    final TestClient client = new TestClient(again.port());
                    assertEquals("005930", client.call("GET", "/api/v1/stocks", null, null).body().path(0).path("symbol")
                        .asText(), "the journals the failed start had open are whole and free");
                    final String admin = client.signUpAndLogin("boss").path("accessToken").asText();
                    assertEquals(200, client.call("POST", "/api/v1/admin/stocks", admin,
                        "{\"symbol\":\"000660\",\"name\":\"SK hynix\",\"basePrice\":150000}").status());
                }
            }
        }
    }

    /** Starts a gateway that fails with an I/O error naming {@code cause}, then checks that none of its threads runs. */
    private void assertFailsAndClosesAll(Properties settings, HikariDataSource dataSource, String cause) throws Exception {
        final Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        final IOException failure = assertThrows(IOException.class, () -> start(settings, dataSource));
        assertTrue(String.valueOf(failure.getMessage()).contains(cause), "the failure itself: " + failure);
        assertEquals(List.of(), threadsStillRunning(before), "threads the failed start left running");
        assertEquals(List.of(), filesStillMapped(), "journal files the failed start left open");
    }

    /**
     * @return the lines of {@code /proc/self/maps} that still map a file under the test's journal or
     *         data directory once given time to be unmapped: a journal left open keeps its files mapped
     *         (reopening its directory in this JVM would not tell)
     */
    private List<String> filesStillMapped() throws IOException, InterruptedException {
        final String journals = dir.toRealPath().resolve("journal").toString();
        final String data = dir.toRealPath().resolve("gateway").toString();
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UNMAP_MILLIS);
        List<String> mapped;
        while (!(mapped = mappedFiles(journals, data)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return mapped;
    }

    /** @return the lines of {@code /proc/self/maps} naming a file under one of {@code dirs} */
    private static List<String> mappedFiles(String... dirs) throws IOException {
        final List<String> mapped = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            for (String under : dirs) {
                if (line.contains(under + "/")) {
                    mapped.add(line);
                }
            }
        }
        return mapped;
    }

    /** @return the names of the Motoo threads started since {@code before} that do not end once given time to */
    private static List<String> threadsStillRunning(Set<Thread> before) throws InterruptedException {
        final List<String> running = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && thread.getName().startsWith("motoo-")) {
                thread.join(THREAD_END_MILLIS);
                if (thread.isAlive()) {
                    running.add(thread.getName());
                }
            }
        }
        return running;
    }
}
