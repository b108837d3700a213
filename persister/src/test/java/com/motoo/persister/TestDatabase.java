package com.motoo.persister;

import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL for the whole test run (started on first use, stopped when JUnit
 * closes its root store), and a fresh migrated schema per test that the test drops.
 */
public final class TestDatabase implements BeforeAllCallback {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static volatile String serverUrl;

    @Override
    public void beforeAll(ExtensionContext context) {
        final ServerResource server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(ServerResource.class, key -> new ServerResource(), ServerResource.class);
        serverUrl = server.database.jdbcUrl();
    }

    /** @return the JDBC URL of the test server (no schema) */
    public static String serverUrl() {
        return serverUrl;
    }

    /** Creates and migrates a new schema; close it to drop it. */
    public static Schema newSchema() {
        final String name = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        SchemaMigrations.migrate(serverUrl, name);
        return new Schema(name, PersisterConfiguration.withSchema(serverUrl, name));
    }

    /** A migrated schema of the test server. */
    public record Schema(String name, String url) implements AutoCloseable {
        /** @return a non-pooled data source on this schema */
        public PGSimpleDataSource dataSource() {
            final PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            return dataSource;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + name + " CASCADE");
            }
        }
    }

    private static final class ServerResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final EmbeddedDatabase database;

        ServerResource() {
            try {
                database = EmbeddedDatabase.startTemporary();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            database.close();
        }
    }
}
