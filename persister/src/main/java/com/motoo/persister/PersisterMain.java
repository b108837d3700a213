package com.motoo.persister;

import com.motoo.engine.rules.MarketRules;
import com.motoo.journal.JournalWriteException;
import com.motoo.persister.db.DatabaseErrors;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/motoo persister --journal DIR (--db URL | --embedded-db DIR) [options]}: one
 * persister process (see {@link PersisterConfiguration} for the options). Migrates the schema,
 * then runs a {@link PersisterAgent} until SIGTERM/SIGINT, when it flushes and exits 0.
 * Exit status 64 for bad arguments, 1 for a fatal error.
 */
public final class PersisterMain {
    private static final int MIGRATE_ATTEMPTS = 30;
    private static final int MIGRATE_RETRY_SECONDS = 2;

    private PersisterMain() {
    }

    /**
     * Migrates the schema, trying again every {@value #MIGRATE_RETRY_SECONDS} s, up to
     * {@value #MIGRATE_ATTEMPTS} times, while the database cannot be reached (restarting, say); any
     * other failure ends the start at once.
     */
    private static void migrateWhenReachable(String url, String schema) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                SchemaMigrations.migrate(url, schema);
                return;
            } catch (RuntimeException e) {
                if (attempt == MIGRATE_ATTEMPTS || !DatabaseErrors.unreachable(e)) {
                    throw e;
                }
                System.out.println("persister: the database cannot be reached (" + e.getMessage() + "); trying again in "
                    + MIGRATE_RETRY_SECONDS + " s");
                TimeUnit.SECONDS.sleep(MIGRATE_RETRY_SECONDS);
            }
        }
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException, InterruptedException {
        final PersisterConfiguration config;
        try {
            config = PersisterConfiguration.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("persister: " + e.getMessage());
            System.exit(64);
            return;
        }
        final EmbeddedDatabase embedded = config.embeddedDataDir() == null ? null
            : EmbeddedDatabase.start(config.embeddedDataDir(), config.embeddedPort());
        final String baseUrl = embedded == null ? config.jdbcUrl() : embedded.jdbcUrl();
        if (embedded != null) {
            System.out.println("persister: embedded PostgreSQL at " + baseUrl);
        }
        migrateWhenReachable(baseUrl, config.schema());
        final PersisterAgent agent = new PersisterAgent(config.journalDir(),
            PersisterConfiguration.withSchema(baseUrl, config.schema()), config.role(), config.tailer(),
            config.batchEvents(), config.reportSeconds(), MarketRules.krxDefaults(), System.out);
        final Thread worker = new Thread(agent, "persister-" + config.tailer());
        final int[] status = {0};
        worker.setUncaughtExceptionHandler((thread, error) -> {
            status[0] = 1;
            System.err.println("persister " + config.tailer() + " stopped: " + (error instanceof InternalError
                ? JournalWriteException.mappedWriteFailed(config.journalDir(), error).getMessage()
                + " (its named tailer's position is kept in a memory-mapped file of the journal: free space and"
                + " start the persister again; it resumes where it stopped)" : error));
            error.printStackTrace();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            try {
                worker.join();
                if (embedded != null) {
                    embedded.close();
                }
            } catch (InterruptedException | IOException e) {
                System.err.println("persister: unclean shutdown: " + e);
            }
        }, "persister-shutdown"));
        worker.start();
        worker.join();
        if (status[0] != 0) {
            System.exit(status[0]);
        }
    }
}
