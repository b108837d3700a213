package com.motoo.gateway;

import com.motoo.journal.Durability;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.zaxxer.hikari.HikariDataSource;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

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

    public static void main(String[] args) throws Exception {
        final Configuration config = Configuration.fromSystemProperties();
        final Path journalDir = Path.of(args.length > 0 ? args[0] : "data/journal");
        final EmbeddedDatabase embedded = args.length > 1 ? null : EmbeddedDatabase.start(Path.of("data/postgres"), 0);
        final String jdbcUrl = embedded != null ? embedded.jdbcUrl() : args[1];
        SchemaMigrations.migrate(jdbcUrl, schemaOf(jdbcUrl));
        final HikariDataSource dataSource = ConnectionPools.hikari(jdbcUrl, config.workerThreads() + 2);
        final Durability durability = Durability.valueOf(System.getProperty("motoo.durability", "MMAP"));
        final GatewayServer server = GatewayServer.start(config, journalDir, durability, dataSource);
        System.err.println("motoo gateway listening on port " + server.port() + (server.usesEpoll() ? " (epoll)" : " (nio)")
            + "; journal " + journalDir.toAbsolutePath() + "; read model " + jdbcUrl);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            dataSource.close();
            try {
                if (embedded != null) {
                    embedded.close();
                }
            } catch (java.io.IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "motoo-gateway-shutdown"));
        stopped.await();
    }
}
