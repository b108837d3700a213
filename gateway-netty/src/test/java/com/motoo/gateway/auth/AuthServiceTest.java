package com.motoo.gateway.auth;

import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.CommandJournal;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.EventJournal;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import com.motoo.gateway.order.ClientOrderJournal;
import com.motoo.gateway.order.OrderEntryService;
import com.motoo.gateway.order.RequestException;
import com.motoo.gateway.order.UserSessions;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.motoo.persister.user.UserStore;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-up on a real engine pipeline (no command journal) and an embedded read-model database: a
 * sign-up that meets a stopped pipeline gives up at once, saying the exchange is stopping, instead of
 * retrying as it does while the ring is full.
 */
@Tag("system")
@Timeout(60)
class AuthServiceTest {
    private static final byte[] SECRET = "a-test-secret-that-is-long-enough-12345".getBytes(StandardCharsets.UTF_8);
    private static final CommandJournal NO_JOURNAL = new CommandJournal() {
        @Override
        public long append(Command command) {
            return -1;
        }

        @Override
        public void endOfBatch() {
        }
    };

    @TempDir
    Path dir;

    @Test
    void shouldGiveUpOpeningTheAccountAtOnceWhenTheExchangeIsStopping() throws Exception {
        final GatewayMetrics metrics = new GatewayMetrics();
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            SchemaMigrations.migrate(database.jdbcUrl(), "public");
            try (HikariDataSource dataSource = ConnectionPools.hikari(database.jdbcUrl(), 2)) {
                final ClientOrderJournal journal = new ClientOrderJournal(dir.resolve("client-orders"));
                try {
                    final OrderEntryService orders = new OrderEntryService(journal, new UserSessions(),
                        new MarketDataHub(0, loop -> () -> { }), metrics, 64);
                    final CommandPipeline pipeline = new CommandPipeline(new PipelineConfig().ringSize(64), NO_JOURNAL,
                        EventJournal.NONE, orders.output(), MarketDataListener.NONE);
                    final SignOuts signOuts = new SignOuts(user -> { });
                    final AuthService auth = new AuthService(new UserStore(dataSource), new PasswordHasher(4),
                        new TokenService(SECRET, Duration.ofMinutes(5), System::currentTimeMillis, signOuts), orders,
                        new RefreshPolicy(Duration.ofDays(1), Duration.ofSeconds(10)), signOuts, 1_000_000, Set.of());
                    pipeline.start();
                    orders.attach(pipeline);
                    auth.signUp("early", "a good password", null, false);
                    pipeline.close();

                    final RequestException refused = assertThrows(RequestException.class,
                        () -> auth.signUp("late", "a good password", null, false));

                    assertTrue(metrics.scrape().contains("motoo_orders_busy_total 1.0"),
                        "one submission, not retried:\n" + metrics.scrape());
                    assertEquals("BUSY", refused.code());
                    assertTrue(refused.exchangeStopping(), refused.getMessage());
                    assertTrue(refused.getMessage().contains("was saved but its account could not be opened"),
                        refused.getMessage());
                } finally {
                    journal.close();
                }
            }
        }
    }
}
