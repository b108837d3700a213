package com.motoo.persister.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** HikariCP pools for the read-model queries (the gateway's and the benchmarks'). */
public final class ConnectionPools {
    /**
     * How long a caller waits for a connection: short, so that while the database is down a request
     * fails within seconds (HikariCP's default is 30 s, during which requests pile up).
     */
    static final long CONNECTION_TIMEOUT_MILLIS = 3_000;

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
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        return new HikariDataSource(config);
    }
}
