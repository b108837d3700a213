package com.motoo.gateway.order;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.persister.PersisterConfiguration;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export against a real PostgreSQL: copies once, continues after a restart, rides out a missing table. */
@Tag("system")
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientOrderIdExportTest {
    private EmbeddedDatabase database;

    @BeforeAll
    void startDatabase() throws Exception {
        database = EmbeddedDatabase.startTemporary();
    }

    @AfterAll
    void stopDatabase() throws Exception {
        database.close();
    }

    private static OrderView order(long userId, long orderId, String clientOrderId) {
        return new OrderView(userId, orderId, clientOrderId, "005930", Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            71_000, 10);
    }

    private static List<String> rows(HikariDataSource dataSource) throws SQLException {
        final List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_id, order_id, client_order_id FROM order_client_ids"
                 + " ORDER BY user_id, order_id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getString(3));
            }
        }
        return rows;
    }

    private HikariDataSource pool(String schema) {
        return ConnectionPools.hikari(PersisterConfiguration.withSchema(database.jdbcUrl(), schema), 2);
    }

    @Test
    void shouldCopyEachRecordOnceAndContinueAfterARestart(@TempDir Path dir) throws Exception {
        SchemaMigrations.migrate(database.jdbcUrl(), "restart");
        try (HikariDataSource dataSource = pool("restart"); ClientOrderJournal journal = new ClientOrderJournal(dir)) {
            journal.append(order(1, 1, "my-1"));
            journal.append(order(2, 1, "auto-1"));
            final List<String> log = new CopyOnWriteArrayList<>();
            try (ClientOrderIdExport export = new ClientOrderIdExport(journal, dataSource, log::add)) {
                export.run();
                export.run();
            }
            assertEquals(List.of("1/1/my-1", "2/1/auto-1"), rows(dataSource));

            journal.append(order(1, 2, "my-2"));
            try (ClientOrderIdExport restarted = new ClientOrderIdExport(journal, dataSource, log::add)) {
                restarted.run();
            }
            assertEquals(List.of("1/1/my-1", "1/2/my-2", "2/1/auto-1"), rows(dataSource));
            assertEquals(List.of(), log);
        }
    }

    @Test
    void shouldKeepTheClientOrderIdOfTheLastPlaceOfAnOrderId(@TempDir Path dir) throws Exception {
        SchemaMigrations.migrate(database.jdbcUrl(), "reused");
        try (HikariDataSource dataSource = pool("reused"); ClientOrderJournal journal = new ClientOrderJournal(dir)) {
            journal.append(order(1, 10, "t-7"));
            journal.append(order(1, 10, "t-11"));
            journal.append(order(1, 11, "t-12"));
            final List<String> log = new CopyOnWriteArrayList<>();
            try (ClientOrderIdExport export = new ClientOrderIdExport(journal, dataSource, log::add)) {
                export.run();
                assertEquals(List.of("1/10/t-11", "1/11/t-12"), rows(dataSource), "order 10 was rejected as t-7, then placed as t-11");

                journal.append(order(1, 11, "t-7"));
                export.run();
            }
            assertEquals(List.of("1/10/t-11", "1/11/t-7"), rows(dataSource), "in a later batch too");
            assertEquals(List.of(), log);
        }
    }

    @Test
    void shouldLogOnceAndCatchUpWhenTheTableAppears(@TempDir Path dir) throws Exception {
        try (HikariDataSource admin = ConnectionPools.hikari(database.jdbcUrl(), 1);
             Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA outage");
        }
        final int records = ClientOrderIdExport.BATCH + 3;
        try (HikariDataSource dataSource = pool("outage"); ClientOrderJournal journal = new ClientOrderJournal(dir)) {
            for (int i = 1; i <= records; i++) {
                journal.append(order(7, i, "c-" + i));
            }
            final List<String> log = new CopyOnWriteArrayList<>();
            try (ClientOrderIdExport export = new ClientOrderIdExport(journal, dataSource, log::add)) {
                export.run();
                export.run();
                assertEquals(1, log.size(), "one line per outage: " + log);
                assertTrue(log.get(0).startsWith("client order id export failed, will retry"), log.get(0));
                SchemaMigrations.migrate(database.jdbcUrl(), "outage");
                export.run();
            }
            final List<String> rows = rows(dataSource);
            assertEquals(records, rows.size(), "more than one batch, all in one run");
            assertTrue(rows.contains("7/" + records + "/c-" + records), rows.get(rows.size() - 1));
        }
    }
}
