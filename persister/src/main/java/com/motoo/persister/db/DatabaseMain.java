package com.motoo.persister.db;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code scripts/motoo db --data DIR [--port N]}: the launcher's embedded PostgreSQL as its own
 * process. Starts the server on a persistent data directory (created on first use), prints
 * {@code database: ready <jdbcUrl>} once it accepts connections, and runs until SIGTERM/SIGINT,
 * when it shuts PostgreSQL down cleanly. Exit status 64 for bad arguments, 1 if the server cannot
 * start.
 */
public final class DatabaseMain {
    /** The port the launcher uses unless told otherwise. */
    public static final int DEFAULT_PORT = 54_329;

    private DatabaseMain() {
    }

    /**
     * Ends this process (status 1) when its PostgreSQL dies under it (killed, crashed), unless this
     * process is stopping it: the launcher then sees the db stopped and starts it again, instead of
     * a process that looks alive around a dead server.
     */
    private static void watch(EmbeddedDatabase database, AtomicBoolean stopping) {
        final ProcessHandle server;
        try {
            server = database.server().orElse(null);
        } catch (IOException e) {
            System.err.println("db: cannot watch PostgreSQL: " + e.getMessage());
            return;
        }
        if (server == null) {
            return;
        }
        server.onExit().thenRun(() -> {
            if (!stopping.get()) {
                System.err.println("db: PostgreSQL (pid " + server.pid() + ") exited; stopping");
                Runtime.getRuntime().halt(1);
            }
        });
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws InterruptedException {
        Path data = null;
        int port = DEFAULT_PORT;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--data" -> data = Path.of(args[i + 1]);
                    case "--port" -> port = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (data == null) {
                throw new IllegalArgumentException("--data DIR is required");
            }
            if (port <= 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 1 to 65535");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("db: " + e.getMessage());
            System.err.println("usage: db --data DIR [--port N]");
            System.exit(64);
            return;
        }
        final EmbeddedDatabase database;
        try {
            database = EmbeddedDatabase.start(data, port);
        } catch (IOException e) {
            System.err.println("db: PostgreSQL did not start on " + data + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        final AtomicBoolean stopping = new AtomicBoolean();
        watch(database, stopping);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                database.close();
                System.out.println("database: stopped");
            } catch (IOException e) {
                System.err.println("db: unclean shutdown: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "db-shutdown"));
        System.out.println("database: ready " + database.jdbcUrl());
        stopped.await();
    }
}
