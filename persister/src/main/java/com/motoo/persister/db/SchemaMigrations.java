package com.motoo.persister.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database schema up to the read model's current version with Flyway, from the SQL
 * migrations in {@code db/migration} of this module. Safe to run from several processes at once:
 * Flyway takes a lock and applies each migration once.
 */
public final class SchemaMigrations {
    private SchemaMigrations() {
    }

    /**
     * Applies every pending migration.
     *
     * @param jdbcUrl the database; its {@code currentSchema} parameter, if any, is ignored
     * @param schema the schema to create (if missing) and migrate, e.g. {@code public}
     * @return how many migrations were applied now
     */
    public static int migrate(String jdbcUrl, String schema) {
        final MigrateResult result = Flyway.configure()
            .dataSource(jdbcUrl, null, null)
            .schemas(schema)
            .defaultSchema(schema)
            .locations("classpath:db/migration")
            .load()
            .migrate();
        return result.migrationsExecuted;
    }
}
