package com.motoo.persister.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** HikariCP pools for the read-model queries (the gateway's and the benchmarks'). */
public final class ConnectionPools {
    private ConnectionPools() {
    }

    /**
     * @param jdbcUrl the database, with {@code currentSchema} if not {@code public}
     * @param maxSize most connections
     * @return a started pool; the caller closes it
     */
    public static HikariDataSource hikari(String jdbcUrl, int maxSize) {
        final HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(Math.min(2, maxSize));
        config.setPoolName("motoo-read-model");
        return new HikariDataSource(config);
    }
}
