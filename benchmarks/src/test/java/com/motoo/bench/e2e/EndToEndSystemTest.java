package com.motoo.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.gateway.GatewayMain;
import com.motoo.persister.PersisterMain;
import com.motoo.persister.db.DatabaseMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Motoo end to end, every component its own OS process as the launcher runs them: embedded
 * PostgreSQL, the exchange (gateway + engine + journals) and two persisters. A user signs up,
 * watches a book, buys into a resting ask over WebSocket, gets the fill pushed, sees position
 * and cash in the REST portfolio within a second, cancels a resting order; then the exchange and
 * the persisters are SIGKILLed and restarted, and portfolio and open orders are the same.
 */
@Tag("system")
@Timeout(300)
class EndToEndSystemTest {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<ChildProcess> processes = new ArrayList<>();
    private String jdbcUrl;
    private int port;
    private int starts;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    @Test
    void shouldTradeOverTheApiAndKeepPortfolioAndOpenOrdersAcrossAKill() throws Exception {
        final ChildProcess database = start(ChildProcess.start("db", dir, List.of(), DatabaseMain.class.getName(),
            "--data", dir.resolve("pg").toString(), "--port", Integer.toString(freePort())));
        jdbcUrl = database.awaitLine("database: ready ", START).substring("database: ready ".length()).trim();
        port = freePort();
        ChildProcess exchange = startExchange();
        List<ChildProcess> persisters = startPersisters();

        final ApiClient api = new ApiClient(port);
        final String admin = api.signUpAndLogin("admin").path("accessToken").asText();
        assertEquals(200, api.call("POST", "/admin/stocks", admin,
            "{\"symbol\":\"005930\",\"name\":\"Samsung\",\"basePrice\":71000}").status());
        final JsonNode sellerLogin = api.signUpAndLogin("seller");
        assertEquals(200, api.call("POST", "/admin/users/" + sellerLogin.path("userId").asLong() + "/shares", admin,
            "{\"symbol\":\"005930\",\"qty\":100}").status());
        final ApiClient.Answer ask = api.call("POST", "/orders", sellerLogin.path("accessToken").asText(),
            "{\"clientOrderId\":\"ask-1\",\"symbol\":\"005930\",\"side\":\"SELL\",\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":71000,\"qty\":10}");
        assertEquals(201, ask.status(), String.valueOf(ask.body()));
        awaitOpenOrders(api, sellerLogin.path("accessToken").asText(), 1);

        final String token = api.signUpAndLogin("newcomer").path("accessToken").asText();
        final long filledAt;
        long keptOrderId;
        try (ApiClient.Socket socket = api.connect(token)) {
            socket.send("{\"op\":\"subscribe\",\"channels\":[\"book.005930\"]}");
            final JsonNode book = socket.await(type("book"), ANSWER);
            assertEquals(71000, book.path("asks").path(0).path(0).asLong(), book.toString());

            socket.send(place("buy-1", 71000, 5));
            assertEquals("accepted", socket.await(order("buy-1"), ANSWER).path("event").asText());
            final JsonNode fill = socket.await(order("buy-1"), ANSWER);
            filledAt = System.nanoTime();
            assertEquals("fill", fill.path("event").asText(), fill.toString());
            assertEquals(5, fill.path("filledQty").asLong());
            assertEquals(0, fill.path("leavesQty").asLong());
            assertEquals(71000, fill.path("lastFillPrice").asLong());

            // 10,000,000 - 5 x 71,000 - commission floor(355,000 x 0.015%) = 53
            final JsonNode portfolio = awaitPortfolio(api, token, p -> p.path("cash").asLong() == 9_644_947L
                && qty(p, "005930") == 5, Duration.ofSeconds(1));
            assertTrue(System.nanoTime() - filledAt <= Duration.ofSeconds(1).toNanos(), "read model within a second");
            assertEquals(71000, portfolio.path("positions").path(0).path("lastPrice").asLong(), portfolio.toString());

            socket.send(place("rest-1", 70000, 2));
            assertEquals("accepted", socket.await(order("rest-1"), ANSWER).path("event").asText());
            socket.send("{\"op\":\"cancel\",\"clientOrderId\":\"rest-1\"}");
            final JsonNode canceled = socket.await(order("rest-1"), ANSWER);
            assertEquals("canceled", canceled.path("event").asText(), canceled.toString());

            socket.send(place("keep-1", 69000, 3));
            final JsonNode kept = socket.await(order("keep-1"), ANSWER);
            assertEquals("accepted", kept.path("event").asText());
            keptOrderId = kept.path("orderId").asLong();
        }
        // reserved for keep-1: 3 x 69,000 + commission floor(207,000 x 0.015%) = 31
        final JsonNode before = awaitPortfolio(api, token, p -> p.path("reservedCash").asLong() == 207_031L, ANSWER);
        final JsonNode openBefore = awaitRead(api, token, "/orders?status=open",
            body -> "keep-1".equals(body.path("orders").path(0).path("clientOrderId").asText()), ANSWER).path("orders");
        assertEquals(1, openBefore.size(), openBefore.toString());

        exchange.kill();
        for (ChildProcess persister : persisters) {
            persister.kill();
        }
        exchange = startExchange();
        persisters = startPersisters();

        final String again = api.signUpAndLogin("newcomer").path("accessToken").asText();
        final JsonNode after = awaitPortfolio(api, again, p -> p.path("cash").asLong() == 9_644_947L, ANSWER);
        assertEquals(before.path("cash"), after.path("cash"));
        assertEquals(before.path("reservedCash"), after.path("reservedCash"));
        assertEquals(before.path("positions"), after.path("positions"));
        final JsonNode openAfter = openOrders(api, again);
        assertEquals(1, openAfter.size(), openAfter.toString());
        assertEquals(keptOrderId, openAfter.path(0).path("orderId").asLong(), openAfter.toString());
        assertEquals(3, openAfter.path(0).path("openQty").asLong(), openAfter.toString());
        assertEquals(3, openAfter.path(0).path("leavesQty").asLong(), openAfter.toString());
        assertEquals(openBefore, openAfter);

        try (ApiClient.Socket socket = api.connect(again)) {
            socket.send("{\"op\":\"cancel\",\"clientOrderId\":\"keep-1\"}");
            assertEquals("canceled", socket.await(order("keep-1"), ANSWER).path("event").asText(),
                "the restarted exchange still knows the open order");
        }
        exchange.assertAlive();
    }

    private ChildProcess startExchange() throws IOException, InterruptedException {
        starts++;
        final ChildProcess exchange = start(ChildProcess.start("exchange-" + starts, dir, List.of(
                "-Dmotoo.gateway.port=" + port, "-Dmotoo.gateway.host=127.0.0.1", "-Dmotoo.gateway.bcryptCost=4",
                "-Dmotoo.gateway.dataDir=" + dir.resolve("gateway")),
            GatewayMain.class.getName(), dir.resolve("journal").toString(), jdbcUrl));
        exchange.awaitLine("listening on port", START);
        return exchange;
    }

    private List<ChildProcess> startPersisters() throws IOException {
        final List<ChildProcess> started = new ArrayList<>();
        for (String role : List.of("accounts", "orders")) {
            started.add(start(ChildProcess.start("persister-" + role + "-" + starts, dir, List.of(), PersisterMain.class.getName(),
                "--journal", dir.resolve("journal").toString(), "--db", jdbcUrl, "--role", role, "--tailer", role)));
        }
        return started;
    }

    private ChildProcess start(ChildProcess process) {
        processes.add(process);
        return process;
    }

    private static JsonNode awaitPortfolio(ApiClient api, String token, Predicate<JsonNode> wanted, Duration timeout)
        throws Exception {
        return awaitRead(api, token, "/portfolio", wanted, timeout);
    }

    /** GETs a read-model resource until it answers 200 with a body as wanted (the persisters lag a little). */
    private static JsonNode awaitRead(ApiClient api, String token, String path, Predicate<JsonNode> wanted,
                                      Duration timeout) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            final ApiClient.Answer answer = api.call("GET", path, token, null);
            last = answer.body();
            if (answer.status() == 200 && wanted.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(path + " not as expected within " + timeout + ": " + last);
    }

    /** Waits until the read model (so both persisters) has caught up with a user's open orders. */
    private static void awaitOpenOrders(ApiClient api, String token, int count) throws Exception {
        final long deadline = System.nanoTime() + START.toNanos();
        while (openOrders(api, token).size() != count) {
            assertTrue(System.nanoTime() < deadline, "the read model never showed " + count + " open orders");
            Thread.sleep(50);
        }
    }

    private static JsonNode openOrders(ApiClient api, String token) throws Exception {
        final ApiClient.Answer answer = api.call("GET", "/orders?status=open", token, null);
        assertEquals(200, answer.status(), String.valueOf(answer.body()));
        return answer.body().path("orders");
    }

    private static long qty(JsonNode portfolio, String symbol) {
        for (JsonNode position : portfolio.path("positions")) {
            if (symbol.equals(position.path("symbol").asText())) {
                return position.path("qty").asLong();
            }
        }
        return 0;
    }

    private static String place(String clientOrderId, long price, long qty) {
        return "{\"op\":\"place\",\"clientOrderId\":\"" + clientOrderId + "\",\"symbol\":\"005930\",\"side\":\"BUY\","
            + "\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":" + price + ",\"qty\":" + qty + "}";
    }

    private static Predicate<JsonNode> type(String type) {
        return message -> type.equals(message.path("type").asText());
    }

    private static Predicate<JsonNode> order(String clientOrderId) {
        return message -> "order".equals(message.path("type").asText())
            && clientOrderId.equals(message.path("clientOrderId").asText());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
