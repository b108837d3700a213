package com.motoo.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.journal.Durability;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With a market close configured, the gateway submits the end of day by itself at the close: a
 * DAY order expires (its owner hears it over the WebSocket) and a GTC order stays open.
 */
@Tag("system")
@Timeout(90)
class MarketCloseTest {
    @TempDir
    Path dir;

    @Test
    void shouldExpireDayOrdersAtTheConfiguredClose() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            SchemaMigrations.migrate(database.jdbcUrl(), "public");
            try (HikariDataSource dataSource = ConnectionPools.hikari(database.jdbcUrl(), 4)) {
                final Properties p = LocalGateway.settings(dir);
                p.setProperty(Configuration.MARKET_ZONE, "UTC");
                p.setProperty(Configuration.MARKET_DAYS, "MON-SUN");
                p.setProperty(Configuration.MARKET_CLOSE,
                    LocalTime.now(ZoneOffset.UTC).plusSeconds(6).truncatedTo(ChronoUnit.SECONDS).toString());
                try (GatewayServer server = GatewayServer.start(Configuration.from(p), dir.resolve("journal"),
                    Durability.MMAP, dataSource)) {
                    final TestClient client = new TestClient(server.port());
                    final String admin = client.signUpAndLogin("boss").path("accessToken").asText();
                    assertEquals(200, client.call("POST", "/api/v1/admin/stocks", admin,
                        "{\"symbol\":\"005930\",\"name\":\"Samsung Electronics\",\"basePrice\":71000}").status());
                    final String token = client.signUpAndLogin("dayTrader").path("accessToken").asText();
                    final TestClient.Socket socket = client.connect("?token=" + token);
                    socket.awaitType("authenticated");
                    socket.send("{\"op\":\"place\",\"id\":1,\"symbol\":\"005930\",\"side\":\"BUY\",\"type\":\"LIMIT\","
                        + "\"tif\":\"DAY\",\"price\":70000,\"qty\":2}");
                    final long dayOrder = socket.await(m -> m.path("id").asInt() == 1).path("orderId").asLong();
                    socket.send("{\"op\":\"place\",\"id\":2,\"symbol\":\"005930\",\"side\":\"BUY\",\"type\":\"LIMIT\","
                        + "\"tif\":\"GTC\",\"price\":69000,\"qty\":1}");
                    assertEquals("accepted", socket.await(m -> m.path("id").asInt() == 2).path("event").asText());

                    final JsonNode expired = socket.awaitOrder("expired", dayOrder);
                    assertEquals(2, expired.path("qty").asLong(), expired.toString());
                    final JsonNode book = client.call("GET", "/api/v1/stocks/005930/book", null, null).body();
                    assertEquals("[[69000,1]]", book.path("bids").toString(), "the GTC order is still open");
                    socket.close();
                }
            }
        }
    }
}
