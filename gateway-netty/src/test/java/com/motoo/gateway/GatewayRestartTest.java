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
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A gateway stopped and started again on the same journal and data directories still knows its
 * users' client order ids and open orders, and never hands out a used order id again.
 */
@Tag("system")
@Timeout(90)
class GatewayRestartTest {
    @TempDir
    Path dir;

    private GatewayServer start(HikariDataSource dataSource) throws Exception {
        final Properties p = LocalGateway.settings(dir);
        return GatewayServer.start(Configuration.from(p), dir.resolve("journal"), Durability.MMAP, dataSource);
    }

    @Test
    void shouldKeepClientOrderIdsAndOpenOrdersAcrossARestart() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            SchemaMigrations.migrate(database.jdbcUrl(), "public");
            try (HikariDataSource dataSource = ConnectionPools.hikari(database.jdbcUrl(), 4)) {
                long orderId;
                String token;
                try (GatewayServer server = start(dataSource)) {
                    final TestClient client = new TestClient(server.port());
                    final String admin = client.signUpAndLogin("boss").path("accessToken").asText();
                    assertEquals(200, client.call("POST", "/api/v1/admin/stocks", admin,
                        "{\"symbol\":\"000660\",\"name\":\"SK hynix\",\"basePrice\":150000}").status());
                    token = client.signUpAndLogin("keeper").path("accessToken").asText();
                    final TestClient.Answer placed = client.call("POST", "/api/v1/orders", token,
                        "{\"clientOrderId\":\"keep-1\",\"symbol\":\"000660\",\"side\":\"BUY\",\"price\":140000,\"qty\":3}");
                    assertEquals(201, placed.status(), placed.text());
                    orderId = placed.body().path("orderId").asLong();
                    final TestClient.Socket socket = client.connect("?token=" + token);
                    socket.awaitType("authenticated");
                    socket.send("{\"op\":\"modify\",\"id\":1,\"clientOrderId\":\"keep-1\",\"price\":141000,\"qty\":3}");
                    assertEquals("modified", socket.await(m -> m.path("id").asInt() == 1).path("event").asText());
                    socket.close();
                }
                try (GatewayServer server = start(dataSource)) {
                    final TestClient client = new TestClient(server.port());
                    final JsonNode book = client.call("GET", "/api/v1/stocks/000660/book", null, null).body();
                    assertEquals("[[141000,3]]", book.path("bids").toString(), "the book is served before any new order");
                    final JsonNode quote = client.call("GET", "/api/v1/stocks/000660", null, null).body();
                    assertEquals(150000, quote.path("base").asLong());
                    assertEquals(195000, quote.path("upperLimit").asLong());
                    final TestClient.Socket socket = client.connect("?token=" + token);
                    socket.awaitType("authenticated");
                    socket.send("{\"op\":\"cancel\",\"id\":2,\"clientOrderId\":\"keep-1\"}");
                    final JsonNode canceled = socket.await(m -> m.path("id").asInt() == 2);
                    assertEquals("canceled", canceled.path("event").asText(), canceled.toString());
                    assertEquals(orderId, canceled.path("orderId").asLong());
                    assertEquals("keep-1", canceled.path("clientOrderId").asText());
                    assertEquals(3, canceled.path("canceledQty").asLong());
                    assertEquals(141000, canceled.path("price").asLong(), "the modified price, from the recovered engine");
                    socket.send("{\"op\":\"place\",\"id\":3,\"symbol\":\"000660\",\"side\":\"BUY\",\"price\":140000,\"qty\":1}");
                    final JsonNode next = socket.await(m -> m.path("id").asInt() == 3);
                    assertEquals("accepted", next.path("event").asText(), next.toString());
                    assertEquals(orderId + 1, next.path("orderId").asLong(), "numbering continues after a restart");
                    final JsonNode stocks = client.call("GET", "/api/v1/stocks", null, null).body();
                    assertEquals("000660", stocks.get(0).path("symbol").asText(), "listing recovered from the engine");
                    socket.close();
                }
            }
        }
    }
}
