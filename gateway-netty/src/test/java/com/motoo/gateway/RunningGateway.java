package com.motoo.gateway;

import com.motoo.journal.Durability;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.zaxxer.hikari.HikariDataSource;

import java.nio.file.Path;
import java.util.Properties;

/**
 * A gateway started for the tests of one class: an embedded PostgreSQL holding the read-model
 * schema, a connection pool to it and the server, its journals under a test directory. Closing it
 * stops the server, then the pool, then the database. The managing test thread only.
 */
final class RunningGateway implements AutoCloseable {
    private EmbeddedDatabase database;
    private HikariDataSource dataSource;
    private GatewayServer server;

    private RunningGateway() {
    }

    /**
     * @param dir the test's directory: the journals go to {@code dir/journal}
     * @param settings the gateway's settings ({@link LocalGateway#settings} and the test's own)
     * @param connections the pool's size
     * @return the started gateway; what had started is closed again when a part fails to start
     */
    static RunningGateway start(Path dir, Properties settings, int connections) throws Exception {
        final RunningGateway gateway = new RunningGateway();
        try {
            gateway.database = EmbeddedDatabase.startTemporary();
            SchemaMigrations.migrate(gateway.database.jdbcUrl(), "public");
            gateway.dataSource = ConnectionPools.hikari(gateway.database.jdbcUrl(), connections);
            gateway.server = GatewayServer.start(Configuration.from(settings), dir.resolve("journal"), Durability.MMAP,
                gateway.dataSource);
            return gateway;
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
    }

    /** @return the started server */
    GatewayServer server() {
        return server;
    }

    /** @return the read-model database's JDBC URL */
    String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** Stops the read-model database under the running server (an outage); {@link #close} then skips it. */
    void stopDatabase() throws Exception {
        database.close();
        database = null;
    }

    /** Stops the server, the pool and the database, each even when the one before failed to stop. */
    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                if (dataSource != null) {
                    dataSource.close();
                }
            } finally {
                if (database != null) {
                    database.close();
                }
            }
        }
    }
}
