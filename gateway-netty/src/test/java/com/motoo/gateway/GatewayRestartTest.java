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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway stopped and started again on the same journal and data directories still knows its
 * users' client order ids (used for ever once accepted, free again after a rejected PLACE) and
 * open orders, and never hands out a used order id again; the restart restores them from the
 * order-state snapshot the clean stop wrote.
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

    private static TestClient.Answer place(TestClient client, String token, String clientOrderId, String side, long price)
        throws Exception {
        return client.call("POST", "/api/v1/orders", token, "{" + (clientOrderId == null ? ""
            : "\"clientOrderId\":\"" + clientOrderId + "\",") + "\"symbol\":\"000660\",\"side\":\"" + side
            + "\",\"price\":" + price + ",\"qty\":3}");
    }

    @Test
    void shouldKeepClientOrderIdsAndOpenOrdersAcrossARestart() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            SchemaMigrations.migrate(database.jdbcUrl(), "public");
            try (HikariDataSource dataSource = ConnectionPools.hikari(database.jdbcUrl(), 4)) {
                long orderId;
                long filledId;
                long canceledId;
                long rejectedId;
                String token;
                try (GatewayServer server = start(dataSource)) {
                    final TestClient client = new TestClient(server.port());
                    final String admin = client.signUpAndLogin("boss").path("accessToken").asText();
                    assertEquals(200, client.call("POST", "/api/v1/admin/stocks", admin,
                        "{\"symbol\":\"000660\",\"name\":\"SK hynix\",\"basePrice\":150000}").status());
                    token = client.signUpAndLogin("keeper").path("accessToken").asText();
                    final TestClient.Answer placed = place(client, token, "keep-1", "BUY", 140000);
                    assertEquals(201, placed.status(), placed.text());
                    orderId = placed.body().path("orderId").asLong();
                    final TestClient.Socket socket = client.connect("?token=" + token);
                    socket.awaitType("authenticated");
                    socket.send("{\"op\":\"modify\",\"id\":1,\"clientOrderId\":\"keep-1\",\"price\":141000,\"qty\":3}");
                    assertEquals("modified", socket.await(m -> m.path("id").asInt() == 1).path("event").asText());

                    final JsonNode seller = client.signUpAndLogin("seller");
                    assertEquals(200, client.call("POST", "/api/v1/admin/users/" + seller.path("userId").asLong() + "/shares",
                        admin, "{\"symbol\":\"000660\",\"qty\":3}").status());
                    assertEquals(201, place(client, seller.path("accessToken").asText(), null, "SELL", 150000).status());
                    filledId = place(client, token, "done-1", "BUY", 150000).body().path("orderId").asLong();
                    socket.awaitOrder("fill", filledId);
                    canceledId = place(client, token, "gone-1", "BUY", 130000).body().path("orderId").asLong();
                    assertEquals(200, client.call("DELETE", "/api/v1/orders/" + canceledId, token, null).status());
                    final TestClient.Answer offTick = place(client, token, "bad-1", "BUY", 130050);
                    assertEquals("INVALID_TICK", offTick.body().path("code").asText(), offTick.text());
                    rejectedId = offTick.body().path("order").path("orderId").asLong();
                    socket.close();
                }
                try (Stream<Path> snapshots = Files.list(dir.resolve("gateway/client-order-snapshots"))) {
                    assertEquals(1, snapshots.filter(f -> f.toString().endsWith(".bin")).count(),
                        "a clean stop writes the order-state snapshot the restart below restores from");
                }
                try (GatewayServer server = start(dataSource)) {
                    final TestClient client = new TestClient(server.port());
                    final JsonNode book = client.call("GET", "/api/v1/stocks/000660/book", null, null).body();
                    assertEquals("[[141000,3]]", book.path("bids").toString(), "the book is served before any new order");
                    final JsonNode quote = client.call("GET", "/api/v1/stocks/000660", null, null).body();
                    assertEquals(150000, quote.path("base").asLong());
                    assertEquals(195000, quote.path("upperLimit").asLong());
                    assertTrue(quote.path("sequence").asLong() > 5, "the last command the recovered engine applied: " + quote);
                    assertEquals(quote.path("sequence").asLong(), book.path("sequence").asLong(), book.toString());
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
                    assertEquals(rejectedId, next.path("orderId").asLong(), "the rejected PLACE's order id is handed out again");
                    final JsonNode stocks = client.call("GET", "/api/v1/stocks", null, null).body();
                    assertEquals("000660", stocks.get(0).path("symbol").asText(), "listing recovered from the engine");

                    final TestClient.Answer filledAgain = place(client, token, "done-1", "BUY", 140000);
                    assertEquals(409, filledAgain.status(), filledAgain.text());
                    assertEquals("DUPLICATE_ORDER_ID", filledAgain.body().path("code").asText());
                    assertEquals(filledId, filledAgain.body().path("orderId").asLong(), "the filled order keeps its client order id");
                    socket.send("{\"op\":\"place\",\"id\":4,\"clientOrderId\":\"gone-1\",\"symbol\":\"000660\","
                        + "\"side\":\"BUY\",\"price\":140000,\"qty\":1}");
                    final JsonNode canceledAgain = socket.await(m -> m.path("id").asInt() == 4);
                    assertEquals("DUPLICATE_ORDER_ID", canceledAgain.path("code").asText(), canceledAgain.toString());
                    assertEquals(canceledId, canceledAgain.path("orderId").asLong(), "the canceled order keeps its client order id");
                    final TestClient.Answer retried = place(client, token, "bad-1", "BUY", 130000);
                    assertEquals(201, retried.status(), "a rejected PLACE left its client order id free: " + retried.text());
                    assertEquals("bad-1", retried.body().path("clientOrderId").asText());
                    socket.close();
                }
            }
        }
    }
}
