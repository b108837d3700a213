package com.motoo.gateway;

import com.motoo.journal.Durability;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Runs the gateway with its embedded engine: {@code GatewayMain [journalDir] [jdbcUrl]}. Without a
 * JDBC URL an embedded PostgreSQL is started on {@code data/postgres}. The read-model schema (the
 * URL's {@code currentSchema}, else {@code public}) is migrated first; Flyway makes that safe
 * beside persisters doing the same. Settings come from system
 * properties (see {@link Configuration}); {@code -Dmotoo.durability=SYNC} selects synced journaling.
 * Runs until the process is stopped (SIGTERM closes cleanly).
 */
public final class GatewayMain {
    private GatewayMain() {
    }

    /** @return the {@code currentSchema} of a PostgreSQL JDBC URL, {@code public} when it names none */
    static String schemaOf(String jdbcUrl) {
        final int at = jdbcUrl.indexOf("currentSchema=");
        if (at < 0) {
            return "public";
        }
        final int end = jdbcUrl.indexOf('&', at);
        return jdbcUrl.substring(at + "currentSchema=".length(), end < 0 ? jdbcUrl.length() : end);
    }

    /** @return the durability a {@code motoo.durability} value names, in any case @throws IllegalArgumentException naming the choices */
    static Durability durabilityOf(String value) {
        for (Durability durability : Durability.values()) {
            if (durability.name().equalsIgnoreCase(value.trim())) {
                return durability;
            }
        }
        throw new IllegalArgumentException("motoo.durability must be one of " + Arrays.toString(Durability.values())
            + ", not '" + value + "'");
    }

    /**
     * Fails at start-up, rather than at the first order, when the journal directory cannot be
     * written (a read-only mount, wrong owner): Chronicle would open it read-only with a warning.
     *
     * @throws IllegalArgumentException naming the directory
     */
    static void requireWritable(Path journalDir) {
        Path existing = journalDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isWritable(existing)) {
            throw new IllegalArgumentException("the journal directory " + journalDir.toAbsolutePath()
                + " cannot be written (" + (existing == null ? "no such place" : existing + " is read-only for this user")
                + "); give a writable one");
        }
        if (!existing.equals(journalDir.toAbsolutePath())) {
            return; // not there yet: it will be made inside a writable directory
        }
        try (Stream<Path> files = Files.walk(existing)) {
            files.filter(f -> !Files.isWritable(f)).findFirst().ifPresent(f -> {
                throw new IllegalArgumentException("the journal file " + f + " cannot be written; give a writable journal");
            });
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("the journal directory " + existing + " cannot be read: " + e.getMessage());
        }
    }

    public static void main(String[] args) throws Exception {
        final Configuration config = Configuration.fromSystemProperties();
        final Path journalDir = Path.of(args.length > 0 ? args[0] : "data/journal");
        final Durability durability;
        try {
            durability = durabilityOf(System.getProperty("motoo.durability", "MMAP"));
            requireWritable(journalDir);
        } catch (IllegalArgumentException e) {
            System.err.println("motoo gateway: " + e.getMessage());
            System.exit(64);
            return;
        }
        final EmbeddedDatabase embedded = args.length > 1 ? null : EmbeddedDatabase.start(Path.of("data/postgres"), 0);
        final String jdbcUrl = embedded != null ? embedded.jdbcUrl() : args[1];
        SchemaMigrations.migrate(jdbcUrl, schemaOf(jdbcUrl));
        // a connection for every thread that may hold one at once: the REST and password pools, the
        // lag probe, the client-order-id export and the rankings' reader; a caller waiting for a
        // connection then means the database is not answering, not that the pool is too small
        final HikariDataSource dataSource = ConnectionPools.hikari(jdbcUrl,
            config.workerThreads() + config.passwordThreads() + 3);
        final GatewayServer server = GatewayServer.start(config, journalDir, durability, dataSource);
        System.err.println("motoo gateway listening on port " + server.port() + " (" + server.transport().label() + ")"
            + "; journal " + journalDir.toAbsolutePath() + " (durability " + durability + "); read model " + jdbcUrl);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (RuntimeException e) {
                System.err.println("motoo gateway: did not stop cleanly; stopping the database all the same");
                e.printStackTrace();
            }
            dataSource.close();
            try {
                if (embedded != null) {
                    embedded.close();
                }
            } catch (IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "motoo-gateway-shutdown"));
        stopped.await();
    }
}
