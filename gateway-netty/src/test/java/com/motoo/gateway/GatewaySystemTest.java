package com.motoo.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.motoo.engine.rules.MarketRules;
import com.motoo.gateway.auth.Role;
import com.motoo.gateway.auth.SignOuts;
import com.motoo.gateway.auth.TokenService;
import com.motoo.persister.PersisterAgent;
import com.motoo.persister.apply.PersisterRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway over real sockets: a started server (random port) with its embedded pipeline and
 * Chronicle journals, a real PostgreSQL (embedded) and the persister agent applying the event
 * journal, driven by the JDK HTTP and WebSocket clients.
 */
@Tag("system")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GatewaySystemTest {
    /** The one listed stock. Tests share its book, so each uses prices no other test's orders can cross. */
    private static final String SYMBOL = "005930";
    private static final AtomicInteger USERS = new AtomicInteger();

    private RunningGateway gateway;
    private GatewayServer server;
    private PersisterAgent persister;
    private Thread persisterThread;
    private TestClient client;
    private String adminToken;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        final Properties p = LocalGateway.settings(dir);
        p.setProperty(Configuration.IO_THREADS, "2");
        p.setProperty(Configuration.WS_AUTH_TIMEOUT_MILLIS, "1500");
        p.setProperty(Configuration.WS_RATE_PER_SECOND, "50");
        p.setProperty(Configuration.WS_RATE_BURST, "60");
        p.setProperty(Configuration.WS_RATE_STRIKES, "20");
        p.setProperty(Configuration.WS_MAX_FRAME_BYTES, "4096");
        p.setProperty(Configuration.HTTP_RATE_PER_SECOND, "20");
        p.setProperty(Configuration.HTTP_RATE_BURST, "40");
        p.setProperty(Configuration.REFRESH_REUSE_GRACE_MILLIS, "0");
        gateway = RunningGateway.start(dir, p, 6);
        server = gateway.server();
        persister = new PersisterAgent(dir.resolve("journal"), gateway.jdbcUrl(), PersisterRole.ALL, "gateway-test", 1000,
            3600, MarketRules.krxDefaults(), System.err);
        persisterThread = new Thread(persister, "test-persister");
        persisterThread.start();
        client = new TestClient(server.port());
        adminToken = client.signUpAndLogin("boss").path("accessToken").asText();
        final TestClient.Answer listed = client.call("POST", "/api/v1/admin/stocks", adminToken,
            "{\"symbol\":\"" + SYMBOL + "\",\"name\":\"Samsung Electronics\",\"basePrice\":70000}");
        assertEquals(200, listed.status(), listed.text());
    }

    @AfterAll
    void stop() throws Exception {
        if (persister != null) {
            persister.stop();
            persisterThread.join(10_000);
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private String newUser() throws Exception {
        return client.signUpAndLogin("user" + USERS.incrementAndGet()).path("accessToken").asText();
    }

    private long userIdOf(String token) throws Exception {
        final TestClient.Socket socket = client.connect("?token=" + token);
        final long id = socket.awaitType("authenticated").path("userId").asLong();
        socket.close();
        return id;
    }

    private void grant(String token, long qty) throws Exception {
        final TestClient.Answer granted = client.call("POST", "/api/v1/admin/users/" + userIdOf(token) + "/shares",
            adminToken, "{\"symbol\":\"" + SYMBOL + "\",\"qty\":" + qty + "}");
        assertEquals(200, granted.status(), granted.text());
    }

    @Test
    void shouldSignUpLogInRefreshAndLogOut() throws Exception {
        final TestClient.Answer signup = client.call("POST", "/api/v1/auth/signup", null,
            "{\"username\":\"alice\",\"password\":\"correct horse\",\"displayName\":\"Alice\"}");
        assertEquals(201, signup.status(), signup.text());
        assertTrue(signup.body().path("userId").asLong() > 0);
        assertEquals(409, client.call("POST", "/api/v1/auth/signup", null,
            "{\"username\":\"alice\",\"password\":\"another one\"}").status());
        final TestClient.Answer otherCase = client.call("POST", "/api/v1/auth/signup", null,
            "{\"username\":\"ALICE\",\"password\":\"another one\"}");
        assertEquals(409, otherCase.status(), "names are told apart without regard to case");
        assertEquals("DUPLICATE_USERNAME", otherCase.body().path("code").asText());
        assertEquals(200, client.call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"Alice\",\"password\":\"correct horse\"}").status(), "a name typed in another case logs in");
        final TestClient.Answer wrong = client.call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"alice\",\"password\":\"wrong password\"}");
        assertEquals(401, wrong.status());
        assertEquals("NOT_AUTHENTICATED", wrong.body().path("code").asText());

        final JsonNode tokens = client.call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"alice\",\"password\":\"correct horse\"}").body();
        final String refresh = tokens.path("refreshToken").asText();
        final TestClient.Answer refreshed = client.call("POST", "/api/v1/auth/refresh", null,
            "{\"refreshToken\":\"" + refresh + "\"}");
        assertEquals(200, refreshed.status(), refreshed.text());
        final String newRefresh = refreshed.body().path("refreshToken").asText();
        assertNotEquals(refresh, newRefresh);
        final TestClient.Answer reused = client.call("POST", "/api/v1/auth/refresh", null,
            "{\"refreshToken\":\"" + refresh + "\"}");
        assertEquals(401, reused.status(), "a used refresh token is revoked");
        assertTrue(reused.body().path("message").asText().contains("every session of this user is now signed out"),
            reused.text());
        assertEquals(401, client.call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + newRefresh + "\"}")
            .status(), "its reuse revoked the token it had been traded for too (it may be the thief's)");
        assertEquals(401, client.call("DELETE", "/api/v1/orders/999999", tokens.path("accessToken").asText(), null)
            .status(), "and the access tokens issued before it");
        assertEquals(401, client.call("DELETE", "/api/v1/orders/999999", refreshed.body().path("accessToken").asText(),
            null).status(), "the thief's too");
        final String again = client.call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"alice\",\"password\":\"correct horse\"}").body().path("refreshToken").asText();
        final JsonNode other = client.call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"alice\",\"password\":\"correct horse\"}").body();
        assertEquals(204, client.call("POST", "/api/v1/auth/logout", null, "{\"refreshToken\":\"" + again + "\"}").status());
        final TestClient.Answer loggedOut = client.call("POST", "/api/v1/auth/refresh", null,
            "{\"refreshToken\":\"" + again + "\"}");
        assertEquals(401, loggedOut.status());
        assertFalse(loggedOut.body().path("message").asText().contains("signed out"),
            "a token a logout revoked is only refused: " + loggedOut.text());
        assertEquals(200, client.call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\""
            + other.path("refreshToken").asText() + "\"}").status(), "the other session lives on");
        assertEquals(400, client.call("POST", "/api/v1/auth/signup", null, "{\"username\":\"bob\"").status());
        assertEquals(400, client.call("POST", "/api/v1/auth/signup", null,
            "{\"username\":\"bob\",\"password\":\"long enough\",\"admin\":true}").status());
    }

    @Test
    void shouldPlaceModifyCancelOverWebSocketAndPushFillsToBothSides() throws Exception {
        final String seller = newUser();
        final String buyer = newUser();
        grant(seller, 100);
        final TestClient.Socket sell = client.connect(null);
        sell.send("{\"op\":\"auth\",\"token\":\"" + seller + "\"}");
        sell.awaitType("authenticated");
        final TestClient.Socket buy = client.connect("?token=" + buyer);
        buy.awaitType("authenticated");

        sell.send("{\"op\":\"place\",\"id\":\"s1\",\"clientOrderId\":\"ask-1\",\"symbol\":\"" + SYMBOL
            + "\",\"side\":\"SELL\",\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":70000,\"qty\":10}");
        final JsonNode accepted = sell.await(m -> m.path("id").asText().equals("s1"));
        assertEquals("accepted", accepted.path("event").asText(), accepted.toString());
        assertEquals("ask-1", accepted.path("clientOrderId").asText());
        assertEquals(10, accepted.path("leavesQty").asLong());
        final long askId = accepted.path("orderId").asLong();

        buy.send("{\"op\":\"place\",\"id\":7,\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":70000,\"qty\":4}");
        final JsonNode buyAck = buy.await(m -> m.path("id").asLong() == 7);
        assertEquals("accepted", buyAck.path("event").asText(), buyAck.toString());
        final JsonNode buyFill = buy.awaitOrder("fill", buyAck.path("orderId").asLong());
        assertEquals(4, buyFill.path("filledQty").asLong());
        assertEquals(0, buyFill.path("leavesQty").asLong());
        assertEquals(70000, buyFill.path("avgFillPrice").asLong());
        assertEquals(42, buyFill.path("fee").asLong(), "0.015% of 280,000 KRW");

        final JsonNode sellFill = sell.awaitOrder("partial_fill", askId);
        assertEquals(4, sellFill.path("lastFillQty").asLong());
        assertEquals(4, sellFill.path("filledQty").asLong());
        assertEquals(6, sellFill.path("leavesQty").asLong());
        assertEquals(560, sellFill.path("tax").asLong(), "0.20% of 280,000 KRW");

        sell.send("{\"op\":\"modify\",\"id\":\"m\",\"clientOrderId\":\"ask-1\",\"price\":70100,\"qty\":5}");
        final JsonNode modified = sell.await(m -> m.path("id").asText().equals("m"));
        assertEquals("modified", modified.path("event").asText(), modified.toString());
        assertEquals(70100, modified.path("price").asLong());
        assertEquals(5, modified.path("leavesQty").asLong());
        assertEquals(9, modified.path("qty").asLong());

        buy.send("{\"op\":\"cancel\",\"id\":\"x\",\"orderId\":" + askId + "}");
        final JsonNode notMine = buy.await(m -> m.path("id").asText().equals("x"));
        assertEquals("rejected", notMine.path("event").asText(), notMine.toString());
        assertEquals("UNKNOWN_ORDER", notMine.path("reason").asText());

        sell.send("{\"op\":\"cancel\",\"id\":\"c\",\"orderId\":" + askId + "}");
        final JsonNode canceled = sell.await(m -> m.path("id").asText().equals("c"));
        assertEquals("canceled", canceled.path("event").asText(), canceled.toString());
        assertEquals(0, canceled.path("leavesQty").asLong());

        sell.send("{\"op\":\"cancel\",\"id\":\"c2\",\"clientOrderId\":\"ask-1\"}");
        final ObjectNode goneByClientId = (ObjectNode) sell.await(m -> m.path("id").asText().equals("c2"));
        sell.send("{\"op\":\"cancel\",\"id\":\"c3\",\"orderId\":" + askId + "}");
        final ObjectNode goneById = (ObjectNode) sell.await(m -> m.path("id").asText().equals("c3"));
        assertEquals("UNKNOWN_ORDER", goneByClientId.path("reason").asText(), goneByClientId.toString());
        assertEquals(goneById.remove(List.of("id", "ts")), goneByClientId.remove(List.of("id", "ts")),
            "a closed order's client order id is answered as its order id is");
        sell.send("{\"op\":\"place\",\"id\":\"s2\",\"clientOrderId\":\"ask-1\",\"symbol\":\"" + SYMBOL
            + "\",\"side\":\"SELL\",\"price\":70000,\"qty\":1}");
        final JsonNode reused = sell.await(m -> m.path("id").asText().equals("s2"));
        assertEquals("DUPLICATE_ORDER_ID", reused.path("code").asText(), reused.toString());
        assertEquals(askId, reused.path("orderId").asLong(), "the error names the order that used the id");
        sell.close();
        buy.close();
    }

    @Test
    void shouldAnswerBadInputWithClearErrorsAndStayOpen() throws Exception {
        final TestClient.Socket socket = client.connect(null);
        socket.send("{\"op\":\"place\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":70000,\"qty\":1}");
        assertEquals("NOT_AUTHENTICATED", socket.awaitType("error").path("code").asText());
        socket.send("{\"op\":\"auth\",\"token\":\"" + newUser() + "\"}");
        socket.awaitType("authenticated");
        socket.send("{not json");
        assertTrue(socket.awaitType("error").path("message").asText().startsWith("malformed JSON"));
        socket.send("{\"op\":\"teleport\",\"id\":1}");
        final JsonNode unknownOp = socket.awaitType("error");
        assertEquals("INVALID_REQUEST", unknownOp.path("code").asText());
        assertEquals(1, unknownOp.path("id").asLong());
        socket.send("{\"op\":\"place\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":70000,\"qty\":1,\"leverage\":5}");
        assertEquals("unknown field 'leverage'", socket.awaitType("error").path("message").asText());
        socket.send("{\"op\":\"place\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":\"70000\",\"qty\":1}");
        assertEquals("price must be an integer", socket.awaitType("error").path("message").asText());
        socket.send("{\"op\":\"place\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":70000.5,\"qty\":1}");
        assertEquals("price must be an integer", socket.awaitType("error").path("message").asText());
        socket.send("{\"op\":\"place\",\"clientOrderId\":\"bad id!\",\"symbol\":\"" + SYMBOL
            + "\",\"side\":\"BUY\",\"price\":70000,\"qty\":1}");
        assertTrue(socket.awaitType("error").path("message").asText().startsWith("clientOrderId"));
        socket.send("{\"op\":\"subscribe\",\"channels\":[\"book.NOPE\"]}");
        assertEquals("UNKNOWN_SYMBOL", socket.awaitType("error").path("code").asText());
        socket.send("{\"op\":\"place\",\"id\":\"r\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":70050,\"qty\":1}");
        final JsonNode offTick = socket.await(m -> m.path("id").asText().equals("r"));
        assertEquals("rejected", offTick.path("event").asText());
        assertEquals("INVALID_TICK", offTick.path("reason").asText());
        assertEquals(1, offTick.path("qty").asLong());
        assertEquals(0, offTick.path("leavesQty").asLong(), "a rejected order leaves nothing open: " + offTick);
        socket.send("{\"op\":\"ping\",\"id\":\"p\"}");
        assertEquals("p", socket.awaitType("pong").path("id").asText());
        assertFalse(socket.closeCode.isDone());
        socket.close();
    }

    @Test
    void shouldCloseOversizedFramesWith1009() throws Exception {
        final TestClient.Socket socket = client.connect("?token=" + newUser());
        socket.awaitType("authenticated");
        socket.send("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(5000) + "\"}");
        assertEquals(1009, socket.awaitClose());
    }

    @Test
    void shouldCloseBadTokensWith4401() throws Exception {
        final TestClient.Socket socket = client.connect(null);
        socket.send("{\"op\":\"auth\",\"token\":\"eyJhbGciOiJIUzI1NiJ9.e30.forged\"}");
        assertEquals("NOT_AUTHENTICATED", socket.awaitType("error").path("code").asText());
        assertEquals(4401, socket.awaitClose());
    }

    @Test
    void shouldCloseUnauthenticatedConnectionsWith4408() throws Exception {
        final TestClient.Socket socket = client.connect(null);
        assertEquals(4408, socket.awaitClose());
    }

    @Test
    void shouldRateLimitFloodsThenCloseWith4429() throws Exception {
        final TestClient.Socket socket = client.connect("?token=" + newUser());
        socket.awaitType("authenticated");
        for (int i = 0; i < 200 && !socket.closeCode.isDone(); i++) {
            try {
                socket.send("{\"op\":\"ping\"}");
            } catch (java.util.concurrent.CompletionException closed) {
                break;
            }
        }
        assertEquals("RATE_LIMITED", socket.awaitType("error").path("code").asText());
        assertEquals(4429, socket.awaitClose());
    }

    /**
     * A client that floods with orders gets its 4429 close only after the answers of the requests the
     * gateway had already taken: every order the engine holds for it was acknowledged on that connection.
     */
    @Test
    void shouldAnswerEveryTakenOrderBeforeAFloodClosesTheConnection() throws Exception {
        final String token = newUser();
        final TestClient.Socket socket = client.connect("?token=" + token);
        socket.awaitType("authenticated");
        final int sent = 100; // a burst of 60 is taken, then 20 strikes close the connection
        for (int i = 0; i < sent && !socket.closeCode.isDone(); i++) {
            try {
                socket.send("{\"op\":\"place\",\"id\":\"f" + i + "\",\"clientOrderId\":\"f" + i + "\",\"symbol\":\""
                    + SYMBOL + "\",\"side\":\"BUY\",\"price\":49100,\"qty\":1}");
            } catch (java.util.concurrent.CompletionException closed) {
                break;
            }
        }
        assertEquals(4429, socket.awaitClose());
        final java.util.Set<String> acknowledged = new java.util.HashSet<>();
        for (JsonNode message : socket.messages) {
            if ("accepted".equals(message.path("event").asText())) {
                acknowledged.add(message.path("clientOrderId").asText());
            }
        }
        final TestClient.Socket again = client.connect("?token=" + token);
        again.awaitType("authenticated");
        int held = 0;
        for (int i = 0; i < sent; i++) {
            Thread.sleep(25); // within the connection's rate limit
            again.send("{\"op\":\"cancel\",\"id\":\"c" + i + "\",\"clientOrderId\":\"f" + i + "\"}");
            final String id = "c" + i;
            final JsonNode answer = again.await(m -> m.path("id").asText().equals(id));
            if ("canceled".equals(answer.path("event").asText())) {
                held++;
                assertTrue(acknowledged.contains("f" + i), "the engine held f" + i + ", unacknowledged before the close");
            } else {
                assertEquals("UNKNOWN_ORDER", answer.path("code").asText(), answer.toString());
            }
        }
        assertEquals(acknowledged.size(), held, "every acknowledged order was held");
        assertTrue(held > 0, "the burst was taken");
        again.close();
    }

    @Test
    void shouldStreamBookAndTickerToSubscribers() throws Exception {
        final String trader = newUser();
        final TestClient.Socket socket = client.connect("?token=" + trader);
        socket.awaitType("authenticated");
        socket.send("{\"op\":\"subscribe\",\"id\":1,\"channels\":[\"book." + SYMBOL + "\",\"ticker.*\"]}");
        assertEquals(1, socket.awaitType("subscribed").path("id").asLong());
        final JsonNode quoteBefore = client.call("GET", "/api/v1/stocks/" + SYMBOL, null, null).body();
        final long placedAfter = System.currentTimeMillis();
        socket.send("{\"op\":\"place\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":60000,\"qty\":3}");
        final JsonNode book = socket.await(m -> m.path("type").asText().equals("book")
            && m.path("bids").toString().contains("[60000,"));
        assertEquals(SYMBOL, book.path("symbol").asText());
        final JsonNode ticker = socket.await(m -> m.path("type").asText().equals("ticker")
            && m.path("symbol").asText().equals(SYMBOL) && m.path("sequence").asLong() > quoteBefore.path("sequence").asLong());
        assertEquals(70000, ticker.path("base").asLong());
        assertEquals(91000, ticker.path("upperLimit").asLong());
        final long ts = ticker.path("ts").asLong();
        assertTrue(ts >= placedAfter - 1_000 && ts <= System.currentTimeMillis() + 1_000,
            "published when the order went in (a second's slack for the wall clock): " + ticker);
        final JsonNode quoteAfter = client.call("GET", "/api/v1/stocks/" + SYMBOL, null, null).body();
        assertTrue(quoteAfter.path("sequence").asLong() >= ticker.path("sequence").asLong(), quoteAfter.toString());
        assertTrue(quoteAfter.path("ts").asLong() >= ts, "the quote is the latest ticker, with its time: " + quoteAfter);
        socket.close();
    }

    @Test
    void shouldGiveASlowReaderTheLatestBookWithoutSlowingOthers() throws Exception {
        final String seller = newUser();
        grant(seller, 1000);
        final TestClient.Socket reader = client.connect("?token=" + newUser());
        reader.awaitType("authenticated");
        reader.send("{\"op\":\"subscribe\",\"channels\":[\"book." + SYMBOL + "\"]}");
        reader.awaitType("subscribed");
        reader.pause();

        final TestClient.Socket trader = client.connect("?token=" + seller);
        trader.awaitType("authenticated");
        final int orders = 50; // within this server's WebSocket burst of 60 messages
        for (int i = 0; i < orders; i++) {
            trader.send("{\"op\":\"place\",\"id\":" + i + ",\"symbol\":\"" + SYMBOL
                + "\",\"side\":\"SELL\",\"price\":" + (89_900 - 100 * i) + ",\"qty\":1}");
        }
        for (int i = 0; i < orders; i++) {
            final int id = i;
            assertEquals("accepted", trader.await(m -> m.path("id").asInt(-1) == id).path("event").asText(),
                "every ack arrives while another connection does not read");
        }
        Thread.sleep(300);
        reader.resume();
        final JsonNode latest = reader.await(m -> m.path("type").asText().equals("book")
            && m.path("asks").path(0).path(0).asLong() == 85_000);
        assertEquals(1, latest.path("asks").path(0).path(1).asLong());
        int books = 1;
        JsonNode next;
        while ((next = reader.messages.poll()) != null) {
            books += next.path("type").asText().equals("book") ? 1 : 0;
        }
        assertTrue(books <= orders / 5, "book states conflated for the slow reader: " + books + " messages for "
            + orders + " changes");
        reader.close();
        trader.close();
    }

    @Test
    void shouldServeRestOrdersOnlyToTheirOwner() throws Exception {
        final String owner = newUser();
        final String other = newUser();
        final TestClient.Answer placed = buy(owner, "rest-1", 65000, 2);
        assertEquals(201, placed.status(), placed.text());
        final long orderId = placed.body().path("orderId").asLong();
        assertEquals("accepted", placed.body().path("event").asText());

        final TestClient.Answer offBand = client.call("POST", "/api/v1/orders", owner,
            "{\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":95000,\"qty\":2}");
        assertEquals(422, offBand.status());
        assertEquals("OUT_OF_PRICE_BAND", offBand.body().path("code").asText());
        final TestClient.Answer duplicate = buy(owner, "rest-1", 65000, 2);
        assertEquals(409, duplicate.status());
        assertEquals(orderId, duplicate.body().path("orderId").asLong(), duplicate.text());

        assertEquals(404, client.call("DELETE", "/api/v1/orders/" + (orderId + 1000), other, null).status());
        assertEquals(403, client.call("POST", "/api/v1/admin/stocks/" + SYMBOL + "/halt", other, null).status());
        assertEquals(401, client.call("GET", "/api/v1/portfolio", null, null).status());
        assertEquals(401, client.call("GET", "/api/v1/portfolio", "not-a-token", null).status());

        final TestClient.Answer modified = client.call("PATCH", "/api/v1/orders/" + orderId, owner,
            "{\"price\":66000,\"qty\":1}");
        assertEquals(200, modified.status(), modified.text());
        assertEquals("modified", modified.body().path("event").asText());

        final JsonNode mine = awaitRead("/api/v1/orders/" + orderId, owner);
        assertEquals(orderId, mine.path("orderId").asLong());
        assertTrue(mine.path("leavesQty").isIntegralNumber(), mine.toString());
        assertEquals(mine.path("openQty"), mine.path("leavesQty"), "REST says leavesQty as the WebSocket does");
        assertTrue(mine.path("avgFillPrice").isIntegralNumber(), "whole KRW, as over the WebSocket: " + mine);
        assertEquals(404, client.call("GET", "/api/v1/orders/" + orderId, other, null).status(), "another user's order");
        assertEquals("rest-1", awaitClientOrderId("/api/v1/orders/" + orderId, owner),
            "REST orders carry the client order id, copied from the gateway's journal");

        final TestClient.Answer canceled = client.call("DELETE", "/api/v1/orders/" + orderId, owner, null);
        assertEquals(200, canceled.status(), canceled.text());
        assertEquals("canceled", canceled.body().path("event").asText());
        final TestClient.Answer modifyCanceled = client.call("PATCH", "/api/v1/orders/" + orderId, owner,
            "{\"price\":50000,\"qty\":1}");
        assertEquals(404, modifyCanceled.status(), modifyCanceled.text());
        assertEquals("UNKNOWN_ORDER", modifyCanceled.body().path("code").asText());
        assertTrue(modifyCanceled.body().path("message").asText().contains("filled, canceled or expired"),
            "says why an order the user can see is unknown: " + modifyCanceled.text());

        final JsonNode account = awaitRead("/api/v1/account", owner);
        assertEquals(10_000_000L, account.path("cash").asLong());
        final JsonNode portfolio = awaitRead("/api/v1/portfolio", owner);
        assertEquals(10_000_000L, portfolio.path("cash").asLong());
        final JsonNode rankings = awaitRead("/api/v1/rankings", owner).path("rankings");
        assertTrue(rankings.size() >= 2, rankings.toString());
        assertEquals(1, rankings.get(0).path("rank").asInt());
        boolean me = false;
        for (JsonNode rank : rankings) {
            me |= rank.path("you").asBoolean();
            assertTrue(rank.path("displayName").isNull(), "nobody here opted in: " + rank);
        }
        assertTrue(me, "the caller is in the list");
        final JsonNode firstOnly = awaitRead("/api/v1/rankings?limit=1", owner);
        assertEquals(1, firstOnly.path("rankings").size());
        assertTrue(firstOnly.path("ranked").asInt() >= 2, firstOnly.toString());
        final JsonNode own = firstOnly.path("yourPlace");
        assertTrue(own.path("rank").asInt() >= 1, "the caller's own place, wherever it is: " + firstOnly);
        assertEquals(10_000_000L, own.path("equity").asLong());
        assertTrue(firstOnly.path("asOf").asLong() > 0);
    }

    @Test
    void shouldFindAnOwnOrderByClientOrderIdWhateverItsStatus() throws Exception {
        final String owner = newUser();
        final String other = newUser();
        final long orderId = orderIdOf(buy(owner, "look-1", 64000, 1));
        assertEquals(200, client.call("DELETE", "/api/v1/orders/" + orderId, owner, null).status());
        final JsonNode found = awaitOnlyOrder("/api/v1/orders?clientOrderId=look-1", owner,
            order -> order.path("status").asText().equals("CANCELED") && order.hasNonNull("clientOrderId"));
        assertEquals(orderId, found.path("orderId").asLong());
        assertEquals("look-1", found.path("clientOrderId").asText());

        assertEquals(0, ordersAt("/api/v1/orders?clientOrderId=look-1", other).size(), "another user's client order id");
        final long theirs = orderIdOf(buy(other, "look-1", 63000, 1));
        assertEquals(63000, awaitOnlyOrder("/api/v1/orders?clientOrderId=look-1", other,
            order -> order.path("status").asText().equals("ACCEPTED")).path("price").asLong(), "each user sees their own");
        assertEquals(200, client.call("DELETE", "/api/v1/orders/" + theirs, other, null).status());

        final TestClient.Answer offBand = buy(owner, "look-2", 95000, 1);
        assertEquals(422, offBand.status(), offBand.text());
        assertEquals(0, ordersAt("/api/v1/orders?clientOrderId=look-2", owner).size(), "a rejected PLACE names no order");
        assertEquals(0, ordersAt("/api/v1/orders?clientOrderId=never-1", owner).size());
        assertEquals(400, client.call("GET", "/api/v1/orders?clientOrderId=bad%21", owner, null).status());
    }

    /** POSTs a GTC limit buy named {@code clientOrderId}; @return the answer */
    private TestClient.Answer buy(String token, String clientOrderId, long price, long qty) throws Exception {
        return client.call("POST", "/api/v1/orders", token, "{\"clientOrderId\":\"" + clientOrderId + "\",\"symbol\":\""
            + SYMBOL + "\",\"side\":\"BUY\",\"price\":" + price + ",\"qty\":" + qty + "}");
    }

    /** @return the order id of an accepted order (the answer must be a 201) */
    private static long orderIdOf(TestClient.Answer placed) {
        assertEquals(201, placed.status(), placed.text());
        return placed.body().path("orderId").asLong();
    }

    /** @return the orders a GET of an order list answers */
    private JsonNode ordersAt(String path, String token) throws Exception {
        final TestClient.Answer answer = client.call("GET", path, token, null);
        assertEquals(200, answer.status(), answer.text());
        return answer.body().path("orders");
    }

    /** GETs an order list until it is one order that matches (the persister catches up); @return that order */
    private JsonNode awaitOnlyOrder(String path, String token, Predicate<JsonNode> match) throws Exception {
        JsonNode orders = null;
        for (int i = 0; i < 100; i++) {
            orders = ordersAt(path, token);
            if (orders.size() == 1 && match.test(orders.get(0))) {
                return orders.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no matching order at " + path + ": " + orders);
    }

    @Test
    void shouldHaltResumeAndGrantCashAsAdminOnly() throws Exception {
        final String user = newUser();
        final long userId = userIdOf(user);
        assertEquals(200, client.call("POST", "/api/v1/admin/stocks/" + SYMBOL + "/halt", adminToken, null).status());
        try {
            final TestClient.Answer halted = client.call("POST", "/api/v1/orders", user,
                "{\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":50000,\"qty\":1}");
            assertEquals(422, halted.status());
            assertEquals("SYMBOL_HALTED", halted.body().path("code").asText());
        } finally {
            assertEquals(200, client.call("POST", "/api/v1/admin/stocks/" + SYMBOL + "/resume", adminToken, null).status());
        }
        assertEquals(201, client.call("POST", "/api/v1/orders", user,
            "{\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":50000,\"qty\":1}").status());

        assertEquals(403, client.call("POST", "/api/v1/admin/users/" + userId + "/cash", user, "{\"amount\":5}").status());
        assertEquals(200, client.call("POST", "/api/v1/admin/users/" + userId + "/cash", adminToken,
            "{\"amount\":1000000}").status());
        assertEquals(404, client.call("POST", "/api/v1/admin/users/999999/cash", adminToken, "{\"amount\":1}").status());
        assertEquals(400, client.call("POST", "/api/v1/admin/users/" + userId + "/cash", adminToken,
            "{\"amount\":\"lots\"}").status());
        assertEquals(409, client.call("POST", "/api/v1/admin/stocks", adminToken,
            "{\"symbol\":\"" + SYMBOL + "\",\"name\":\"again\",\"basePrice\":70000}").status());
        final TestClient.Answer sameButCase = client.call("POST", "/api/v1/admin/stocks", adminToken,
            "{\"symbol\":\"" + SYMBOL + "x\",\"name\":\"x\",\"basePrice\":1000}");
        assertEquals(200, sameButCase.status(), "another symbol");
        final TestClient.Answer caseOnly = client.call("POST", "/api/v1/admin/stocks", adminToken,
            "{\"symbol\":\"" + SYMBOL + "X\",\"name\":\"look-alike\",\"basePrice\":1000}");
        assertEquals(409, caseOnly.status(), "differs from a listed symbol only in case");
        assertEquals("DUPLICATE_SYMBOL", caseOnly.body().path("code").asText());
        assertEquals(400, client.call("POST", "/api/v1/admin/users/" + userId + "/shares", adminToken,
            "{\"symbol\":\"no such symbol!\",\"qty\":1}").status(), "a malformed symbol, as in an order");
        final TestClient.Answer tooDear = client.call("POST", "/api/v1/admin/stocks", adminToken,
            "{\"symbol\":\"DEAR\",\"name\":\"too dear\",\"basePrice\":100000001}");
        assertEquals(400, tooDear.status(), "refused by the gateway, not rejected by the engine");
        assertEquals("basePrice is out of range (1 to 100000000)", tooDear.body().path("message").asText());
        JsonNode account = awaitRead("/api/v1/account", user);
        for (int i = 0; i < 100 && account.path("cash").asLong() != 11_000_000L; i++) {
            Thread.sleep(100);
            account = awaitRead("/api/v1/account", user);
        }
        assertEquals(11_000_000L, account.path("cash").asLong(), account.toString());
    }

    @Test
    void shouldExpireDayOrdersAtTheEndOfTheDay() throws Exception {
        final String user = newUser();
        final TestClient.Socket socket = client.connect("?token=" + user);
        socket.awaitType("authenticated");
        socket.send("{\"op\":\"place\",\"id\":1,\"symbol\":\"" + SYMBOL
            + "\",\"side\":\"BUY\",\"tif\":\"DAY\",\"price\":52000,\"qty\":2}");
        final long orderId = socket.await(m -> m.path("id").asInt() == 1).path("orderId").asLong();
        assertEquals(403, client.call("POST", "/api/v1/admin/eod", user, null).status());
        assertEquals(200, client.call("POST", "/api/v1/admin/eod", adminToken, null).status());
        final JsonNode expired = socket.awaitOrder("expired", orderId);
        assertEquals("DAY", expired.path("tif").asText());
        assertEquals(2, expired.path("canceledQty").asLong());
        assertEquals(0, expired.path("leavesQty").asLong());
        socket.close();
    }

    @Test
    void shouldResetAnAccountAndKeepItsHistory() throws Exception {
        final String user = newUser();
        final TestClient.Socket socket = client.connect("?token=" + user);
        socket.awaitType("authenticated");
        final TestClient.Answer placed = client.call("POST", "/api/v1/orders", user,
            "{\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":61000,\"qty\":10}");
        assertEquals(201, placed.status(), placed.text());
        final long orderId = placed.body().path("orderId").asLong();
        awaitRead("/api/v1/orders/" + orderId, user);

        final TestClient.Answer reset = client.call("POST", "/api/v1/account/reset", user, null);
        assertEquals(200, reset.status(), reset.text());
        assertEquals(10, socket.awaitOrder("canceled", orderId).path("canceledQty").asLong(),
            "the reset cancels open orders and says so");
        socket.close();

        JsonNode account = null;
        for (int i = 0; i < 100; i++) {
            account = awaitRead("/api/v1/account", user);
            if (account.path("epoch").asInt() == 1) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(1, account.path("epoch").asInt(), account.toString());
        assertEquals(10_000_000L, account.path("cash").asLong());
        assertEquals(0, account.path("reserved").asLong());
        final JsonNode history = awaitRead("/api/v1/orders?status=all", user).path("orders");
        assertEquals(1, history.size(), history.toString());
        assertEquals(orderId, history.get(0).path("orderId").asLong(), "the old epoch's order stays readable");
    }

    @Test
    void shouldTakeAResetWithoutABodyOrWithAnEmptyObjectOnly() throws Exception {
        final String user = newUser();
        assertInvalid("unknown field 'cash'", client.call("POST", "/api/v1/account/reset", user, "{\"cash\":99000000}"));
        final TestClient.Answer empty = client.call("POST", "/api/v1/account/reset", user, "{}");
        assertEquals(200, empty.status(), empty.text());
        assertEquals(10_000_000L, empty.body().path("cash").asLong());
    }

    @Test
    void shouldTakeACancelWithoutABodyOrWithAnEmptyObjectOnly() throws Exception {
        final String user = newUser();
        final TestClient.Answer placed = place(user, SYMBOL, "BUY", 52500, 10);
        assertEquals(201, placed.status(), placed.text());
        final String order = "/api/v1/orders/" + placed.body().path("orderId").asLong();
        assertInvalid("unknown field 'qty'", client.call("DELETE", order, user, "{\"qty\":5}"));
        final TestClient.Answer canceled = client.call("DELETE", order, user, "{}");
        assertEquals(200, canceled.status(), "the order was still open: " + canceled.text());
        assertEquals("canceled", canceled.body().path("event").asText());
        assertEquals(10, canceled.body().path("canceledQty").asLong(), canceled.text());
    }

    @Test
    void shouldRefuseMoreSharesThanTheEngineTakesBeforeTheEngine() throws Exception {
        final String user = newUser();
        assertInvalid("qty is out of range (1 to 1000000000)", place(user, SYMBOL, "BUY", 50000, 1_000_000_001L));
        final TestClient.Answer most = place(user, SYMBOL, "BUY", 50000, 1_000_000_000L);
        assertEquals(422, most.status(), "the engine's largest quantity reaches the engine: " + most.text());
        assertEquals("INSUFFICIENT_CASH", most.body().path("code").asText());

        final TestClient.Socket socket = client.connect("?token=" + user);
        socket.awaitType("authenticated");
        socket.send("{\"op\":\"place\",\"id\":\"q\",\"symbol\":\"" + SYMBOL
            + "\",\"side\":\"BUY\",\"price\":50000,\"qty\":1000000001}");
        final JsonNode error = socket.await(m -> m.path("id").asText().equals("q"));
        assertEquals("error", error.path("type").asText(), "an error, not a rejected order event: " + error);
        assertEquals("INVALID_REQUEST", error.path("code").asText());
        socket.close();
    }

    /** Asserts a 400 INVALID_REQUEST with that message: a request refused before the engine. */
    private static void assertInvalid(String message, TestClient.Answer answer) {
        assertEquals(400, answer.status(), answer.text());
        assertEquals("INVALID_REQUEST", answer.body().path("code").asText(), answer.text());
        assertEquals(message, answer.body().path("message").asText());
    }

    @Test
    void shouldAnswer429WhenOneUserFloodsTheRestApi() throws Exception {
        final String user = newUser();
        int limited = 0;
        for (int i = 0; i < 80; i++) {
            final TestClient.Answer answer = client.call("GET", "/api/v1/orders/1", user, null);
            if (answer.status() == 429) {
                assertEquals("RATE_LIMITED", answer.body().path("code").asText());
                limited++;
            }
        }
        assertTrue(limited > 0, "80 requests at once exceed a burst of 40");
        assertEquals(200, client.call("GET", "/health", null, null).status(), "other callers are not affected");
    }

    @Test
    void shouldServeHealthMetricsAndOpenApi() throws Exception {
        assertEquals(200, client.call("GET", "/health", null, null).status());
        final TestClient.Answer head = client.call("HEAD", "/health", null, null);
        assertEquals(200, head.status(), "HEAD, as load balancers' checks send it");
        assertEquals("", head.text(), "a HEAD answer has no body");
        assertEquals(405, client.call("POST", "/health", null, null).status());
        final TestClient.Answer metrics = client.call("GET", "/metrics", null, null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.text().contains("motoo_ack_latency_seconds_bucket"), metrics.text());
        assertTrue(metrics.text().contains("motoo_ring_occupancy"));
        assertTrue(metrics.text().contains("motoo_persister_lag_commands"));
        assertTrue(metrics.text().contains("motoo_orders_submitted_total"));
        assertTrue(metrics.text().contains("motoo_ws_connections"));
        final TestClient.Answer api = client.call("GET", "/openapi.yaml", null, null);
        assertTrue(api.text().startsWith("openapi: 3"));
        assertEquals(404, client.call("GET", "/nothing", null, null).status());
        assertEquals(401, client.call("GET", "/api/v1/nothing", null, null).status(), "authentication comes first");
        final TestClient.Answer unknown = client.call("GET", "/api/v1/nothing", newUser(), null);
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.body().path("code").asText());
    }

    /** GETs an order until its clientOrderId is in the read model (the gateway copies it every 200 ms). */
    private String awaitClientOrderId(String path, String token) throws Exception {
        for (int i = 0; i < 100; i++) {
            final JsonNode order = awaitRead(path, token);
            if (order.hasNonNull("clientOrderId")) {
                return order.path("clientOrderId").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no clientOrderId in " + path);
    }

    /** GETs a read-model resource, retrying while the persister catches up. */
    private JsonNode awaitRead(String path, String token) throws Exception {
        TestClient.Answer answer = null;
        for (int i = 0; i < 100; i++) {
            answer = client.call("GET", path, token, null);
            if (answer.status() == 200) {
                return answer.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never readable: " + path + " -> " + answer.text());
    }

    @Test
    void shouldShowTheCashAfterEachFillInTheTransactions() throws Exception {
        final Trade trade = trade("000100", 70000, 77000, 2, 2);
        final String seller = trade.seller();
        final String buyer = trade.buyer();
        // 154,000 KRW: commission floor(0.015%) = 23 each side, tax floor(0.20%) = 308 on the sell
        final JsonNode bought = awaitReadMatching("/api/v1/transactions", buyer,
            page -> page.path("transactions").path(0).path("kind").asText().equals("BUY")).path("transactions").get(0);
        assertEquals(-154_023, bought.path("amount").asLong(), bought.toString());
        assertEquals(10_000_000 - 154_023, bought.path("balance").asLong(), bought.toString());
        final JsonNode sold = awaitReadMatching("/api/v1/transactions", seller,
            page -> page.path("transactions").path(0).path("kind").asText().equals("SELL")).path("transactions").get(0);
        assertEquals(10_000_000 + 153_669, sold.path("balance").asLong(), sold.toString());
    }

    @Test
    void shouldListGrantedSharesAndTheSharesAResetRemovedInTheTransactions() throws Exception {
        list("066570", 50000);
        final String user = newUser();
        grant(user, "066570", 30);
        final JsonNode granted = awaitReadMatching("/api/v1/transactions", user,
            page -> page.path("transactions").path(0).path("kind").asText().equals("SHARE_GRANT")).path("transactions").get(0);
        assertEquals("066570", granted.path("symbol").asText(), granted.toString());
        assertEquals(30, granted.path("qty").asLong(), granted.toString());
        assertEquals(50_000, granted.path("price").asLong(), "valued at the base price: " + granted);
        assertEquals(0, granted.path("amount").asLong(), granted.toString());
        assertEquals(10_000_000, granted.path("balance").asLong(), granted.toString());

        assertEquals(200, client.call("POST", "/api/v1/account/reset", user, null).status());
        final JsonNode history = awaitReadMatching("/api/v1/transactions", user,
            page -> page.path("transactions").path(0).path("kind").asText().equals("RESET")).path("transactions");
        assertEquals(List.of("RESET", "POSITION_CLOSED_BY_RESET", "SHARE_GRANT", "ACCOUNT_OPENED"), kinds(history));
        final JsonNode closed = history.get(1);
        assertEquals(List.of("066570", "30", "0", "-1"), List.of(closed.path("symbol").asText(), closed.path("qty").asText(),
            closed.path("epoch").asText(), closed.path("eventNo").asText()), closed.toString());
        assertEquals(history.get(0).path("seq").asLong(), closed.path("seq").asLong(), "the reset's own line");

        final JsonNode first = awaitRead("/api/v1/transactions?limit=2", user);
        final String next = first.path("next").asText();
        assertTrue(next.endsWith(".-1"), "the cursor after the closed line: " + first);
        assertEquals(List.of("SHARE_GRANT", "ACCOUNT_OPENED"),
            kinds(awaitRead("/api/v1/transactions?limit=2&cursor=" + next, user).path("transactions")));
        assertEquals(List.of("POSITION_CLOSED_BY_RESET", "SHARE_GRANT"),
            kinds(awaitRead("/api/v1/transactions?symbol=066570", user).path("transactions")));
    }

    @Test
    void shouldLetAUserChangeTheirDisplayNameAndRankingsOptInAfterSignUp() throws Exception {
        final String user = newUser();
        final long userId = userIdOf(user);
        awaitReadMatching("/api/v1/rankings?limit=1", user, board -> !board.path("yourPlace").isMissingNode()
            && !board.path("yourPlace").isNull());

        final TestClient.Answer optedIn = client.call("PATCH", "/api/v1/account", user,
            "{\"displayName\":\"  Ace of Spades \",\"rankingsOptIn\":true}");
        assertEquals(200, optedIn.status(), optedIn.text());
        assertEquals(userId, optedIn.body().path("userId").asLong());
        assertEquals("Ace of Spades", optedIn.body().path("displayName").asText(), "stripped");
        assertTrue(optedIn.body().path("rankingsOptIn").asBoolean());
        awaitReadMatching("/api/v1/rankings?limit=500", user,
            board -> board.path("yourPlace").path("displayName").asText().equals("Ace of Spades"));

        final TestClient.Answer optedOut = client.call("PATCH", "/api/v1/account", user, "{\"rankingsOptIn\":false}");
        assertEquals(200, optedOut.status(), optedOut.text());
        assertEquals("Ace of Spades", optedOut.body().path("displayName").asText(), "a field left out is kept");
        assertFalse(optedOut.body().path("rankingsOptIn").asBoolean());
        awaitReadMatching("/api/v1/rankings?limit=500", user, board -> board.path("yourPlace").path("displayName").isNull());

        final TestClient.Answer tooLong = client.call("PATCH", "/api/v1/account", user, "{\"displayName\":\"" + "x".repeat(33) + "\"}");
        assertEquals(400, tooLong.status(), tooLong.text());
        assertEquals("displayName must be 1 to 32 characters", tooLong.body().path("message").asText());
    }

    private static List<String> kinds(JsonNode transactions) {
        final List<String> kinds = new java.util.ArrayList<>();
        transactions.forEach(t -> kinds.add(t.path("kind").asText()));
        return kinds;
    }

    @Test
    void shouldPageOpenOrdersAndFilterASymbolBeforePaging() throws Exception {
        list("035720", 50000);
        list("035420", 50000);
        final String user = newUser();
        final List<Long> ids = new java.util.ArrayList<>();
        for (String symbol : List.of("035720", "035420", "035720", "035420", "035720")) {
            final TestClient.Answer placed = place(user, symbol, "BUY", 40000, 1);
            assertEquals(201, placed.status(), placed.text());
            ids.add(0, placed.body().path("orderId").asLong());
        }
        awaitReadMatching("/api/v1/orders?status=open", user, page -> page.path("orders").size() == 5);
        assertEquals(List.of(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 5)),
            orderPages("/api/v1/orders?status=open&limit=2", user));
        assertEquals(List.of(List.of(ids.get(0), ids.get(2)), List.of(ids.get(4))),
            orderPages("/api/v1/orders?status=all&symbol=035720&limit=2", user));
        assertEquals(List.of(List.of(ids.get(1)), List.of(ids.get(3))),
            orderPages("/api/v1/orders?symbol=035420&limit=1", user));
    }

    /** @return the order ids of each page of an order list, following next to the last page */
    private List<List<Long>> orderPages(String path, String token) throws Exception {
        final List<List<Long>> pages = new java.util.ArrayList<>();
        String cursor = null;
        do {
            final TestClient.Answer answer = client.call("GET", path + (cursor == null ? "" : "&cursor=" + cursor), token, null);
            assertEquals(200, answer.status(), answer.text());
            final List<Long> page = new java.util.ArrayList<>();
            answer.body().path("orders").forEach(order -> page.add(order.path("orderId").asLong()));
            pages.add(page);
            cursor = answer.body().path("next").isNull() ? null : answer.body().path("next").asText();
        } while (cursor != null);
        return pages;
    }

    @Test
    void shouldNotCountGrantedCashOrSharesAsReturn() throws Exception {
        list("005380", 200000);
        final String user = newUser();
        final String buyer = newUser();
        assertEquals(200, client.call("POST", "/api/v1/admin/users/" + userIdOf(user) + "/cash", adminToken,
            "{\"amount\":500000}").status());
        grant(user, "005380", 1000);
        // contributed: 10,000,000 + 500,000 + 1,000 × 200,000 (the base price)
        final JsonNode granted = awaitReadMatching("/api/v1/account", user,
            account -> account.path("equity").asLong() == 210_500_000L);
        assertEquals(210_500_000L, granted.path("contributed").asLong(), granted.toString());
        assertEquals(0.0, granted.path("totalReturn").asDouble(), granted.toString());

        assertEquals(201, place(user, "005380", "SELL", 220000, 10).status());
        assertEquals(201, place(buyer, "005380", "BUY", 220000, 10).status());
        // 10,500,000 + 2,200,000 - 330 commission - 4,400 tax + 990 × 220,000 = 230,495,270: +9.4989...%
        final JsonNode traded = awaitReadMatching("/api/v1/account", user,
            account -> account.path("equity").asLong() == 230_495_270L);
        assertEquals(9.5, traded.path("totalReturn").asDouble(), traded.toString());
        final JsonNode board = awaitReadMatching("/api/v1/rankings?limit=500", user,
            rankings -> rankings.path("yourPlace").path("equity").asLong() == 230_495_270L);
        assertEquals(9.5, board.path("yourPlace").path("totalReturn").asDouble(), board.toString());
        double previous = Double.MAX_VALUE;
        for (JsonNode place : board.path("rankings")) {
            assertTrue(place.path("totalReturn").asDouble() <= previous, "ranked by total return: " + board);
            previous = place.path("totalReturn").asDouble();
        }
    }

    /** GETs a read-model resource until its answer matches (the persister catches up); @return that answer */
    private JsonNode awaitReadMatching(String path, String token, Predicate<JsonNode> match) throws Exception {
        JsonNode body = null;
        for (int i = 0; i < 100; i++) {
            body = awaitRead(path, token);
            if (match.test(body)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no matching answer at " + path + ": " + body);
    }

    @Test
    void shouldNameTheTimeOfEveryRestAnswerTsBesideItsOldName() throws Exception {
        final Trade trade = trade("000270", 100000, 101000, 5, 2);
        final String seller = trade.seller();
        final long askId = trade.askId();
        final TestClient.Answer modified = client.call("PATCH", "/api/v1/orders/" + askId, seller, "{\"price\":102000,\"qty\":3}");
        assertEquals(200, modified.status(), modified.text());
        final JsonNode order = awaitReadMatching("/api/v1/orders/" + askId, seller,
            o -> o.path("price").asLong() == 102000);
        assertEquals(modified.body().path("ts").asLong(), order.path("ts").asLong(),
            "an order's ts is its latest event's, as the WebSocket order event says it: " + order);
        assertEquals(order.path("updatedMs"), order.path("ts"), order.toString());
        assertTrue(order.path("acceptedMs").asLong() <= order.path("ts").asLong(), order.toString());
        final JsonNode listed = ordersAt("/api/v1/orders?status=all&symbol=000270", seller).get(0);
        assertEquals(order.path("ts"), listed.path("ts"), "the same in the order list: " + listed);

        final JsonNode transactions = awaitReadMatching("/api/v1/transactions", seller,
            page -> page.path("transactions").path(0).path("kind").asText().equals("SELL")).path("transactions");
        for (JsonNode transaction : transactions) {
            assertTrue(transaction.path("ts").isIntegralNumber(), transaction.toString());
            assertEquals(transaction.path("tsMs"), transaction.path("ts"), transaction.toString());
        }

        final JsonNode candle = awaitReadMatching("/api/v1/stocks/000270/candles", null,
            candles -> candles.path("candles").size() == 1).path("candles").get(0);
        assertEquals(candle.path("minuteMs"), candle.path("ts"), candle.toString());
        assertEquals(0, candle.path("ts").asLong() % 60_000, "a candle's ts is its minute's start: " + candle);

        final JsonNode rankings = awaitRead("/api/v1/rankings?limit=1", seller);
        assertEquals(rankings.path("asOf"), rankings.path("ts"), rankings.toString());
        final TestClient.Answer book = client.call("GET", "/api/v1/stocks/000270/book", null, null);
        assertTrue(book.body().path("ts").asLong() >= order.path("ts").asLong(), book.text());
    }

    /** Two new users who traded, and the seller's ask. */
    private record Trade(String seller, String buyer, long askId) {
    }

    /**
     * Lists a stock for one test, grants a new seller {@code asked} shares of it, which the seller
     * asks for at {@code price}, and has a new buyer take {@code bought} of them.
     */
    private Trade trade(String symbol, long basePrice, long price, long asked, long bought) throws Exception {
        list(symbol, basePrice);
        final String seller = newUser();
        final String buyer = newUser();
        grant(seller, symbol, asked);
        final long askId = orderIdOf(place(seller, symbol, "SELL", price, asked));
        assertEquals(201, place(buyer, symbol, "BUY", price, bought).status());
        return new Trade(seller, buyer, askId);
    }

    /** Lists a stock for one test alone, so that its orders and trades move no other test's book or prices. */
    private void list(String symbol, long basePrice) throws Exception {
        final TestClient.Answer listed = client.call("POST", "/api/v1/admin/stocks", adminToken,
            "{\"symbol\":\"" + symbol + "\",\"name\":\"" + symbol + "\",\"basePrice\":" + basePrice + "}");
        assertEquals(200, listed.status(), listed.text());
    }

    private void grant(String token, String symbol, long qty) throws Exception {
        final TestClient.Answer granted = client.call("POST", "/api/v1/admin/users/" + userIdOf(token) + "/shares",
            adminToken, "{\"symbol\":\"" + symbol + "\",\"qty\":" + qty + "}");
        assertEquals(200, granted.status(), granted.text());
    }

    /** POSTs a GTC limit order; @return the answer */
    private TestClient.Answer place(String token, String symbol, String side, long price, long qty) throws Exception {
        return client.call("POST", "/api/v1/orders", token, "{\"symbol\":\"" + symbol + "\",\"side\":\"" + side
            + "\",\"price\":" + price + ",\"qty\":" + qty + "}");
    }

    /**
     * A logout everywhere ends every session: the refresh tokens, the access tokens issued so far (REST refuses them, and
     * a WebSocket cannot authenticate with them) and the open connections (told why, then closed with 4401). A new
     * login works at once.
     */
    @Test
    void shouldEndAccessTokensAndConnectionsOnALogoutEverywhere() throws Exception {
        list("SOUT1", 10_000);
        final String username = "user" + USERS.incrementAndGet();
        final JsonNode login = client.signUpAndLogin(username);
        final String access = login.path("accessToken").asText();
        final TestClient.Socket socket = client.connect("?token=" + access);
        socket.awaitType("authenticated");
        final String order = "{\"symbol\":\"SOUT1\",\"side\":\"BUY\",\"price\":10000,\"qty\":1}";
        assertEquals(201, client.call("POST", "/api/v1/orders", access, order).status());
        assertEquals(400, client.call("POST", "/api/v1/auth/logout", null, "{\"refreshToken\":\""
            + login.path("refreshToken").asText() + "\",\"everywhere\":\"yes\"}").status(), "a boolean or nothing");
        final JsonNode thief = client.call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\""
            + login.path("refreshToken").asText() + "\"}").body(); // a thief rotated the owner's refresh token first
        assertEquals(204, client.call("POST", "/api/v1/auth/logout", null, "{\"refreshToken\":\""
            + login.path("refreshToken").asText() + "\",\"everywhere\":true}").status(), "with the owner's revoked token");
        assertEquals(401, client.call("POST", "/api/v1/orders", thief.path("accessToken").asText(), order).status(),
            "the thief's access token ended too");
        assertEquals(401, client.call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\""
            + thief.path("refreshToken").asText() + "\"}").status(), "and the thief's refresh token");

        final JsonNode told = socket.awaitType("error");
        assertEquals("NOT_AUTHENTICATED", told.path("code").asText());
        assertTrue(told.path("message").asText().contains("signed out"), told.toString());
        assertEquals(4401, socket.awaitClose());
        final TestClient.Answer refused = client.call("POST", "/api/v1/orders", access, order);
        assertEquals(401, refused.status(), refused.text());
        assertEquals(4401, client.connect("?token=" + access).awaitClose(), "nor can a connection authenticate with it");

        final String fresh = client.call("POST", "/api/v1/auth/login", null, "{\"username\":\"" + username
            + "\",\"password\":\"secret-pass-1\"}").body().path("accessToken").asText();
        assertEquals(201, client.call("POST", "/api/v1/orders", fresh, order).status(), "a new login works");
    }

    /** A trader subscribed to the tape hears of their own fill before the same trade on it. */
    @Test
    void shouldTellATraderOfTheirFillBeforeTheTapeShowsTheTrade() throws Exception {
        list("TAPE1", 10_000);
        final String seller = newUser();
        grant(seller, "TAPE1", 1);
        assertEquals(201, place(seller, "TAPE1", "SELL", 10_000, 1).status());
        final TestClient.Socket buyer = client.connect("?token=" + newUser());
        buyer.awaitType("authenticated");
        buyer.send("{\"op\":\"subscribe\",\"id\":1,\"channels\":[\"trades.TAPE1\"]}");
        assertEquals(1, buyer.awaitType("subscribed").path("id").asInt());
        buyer.send("{\"op\":\"place\",\"id\":2,\"symbol\":\"TAPE1\",\"side\":\"BUY\",\"price\":10000,\"qty\":1}");
        final JsonNode first = buyer.await(m -> m.path("type").asText().equals("trade")
            || m.path("event").asText().equals("fill"));
        assertEquals("fill", first.path("event").asText(), "own fill first: " + first);
        assertEquals("TAPE1", buyer.awaitType("trade").path("symbol").asText());
        buyer.close();
    }

    @Test
    void shouldWarnBeforeATokenExpiresAndKeepTheConnectionOnAFreshAuth() throws Exception {
        final String token = newUser();
        final long userId = userIdOf(token);
        final TokenService shortLived = new TokenService(Configuration.JWT_SECRET_DEFAULT.getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(10), System::currentTimeMillis, new SignOuts(user -> { })); // notice at half its life: ~5 s for the fresh auth, even on a busy machine
        final TestClient.Socket renewed = client.connect("?token=" + shortLived.issueAccessToken(userId, Role.USER, 0));
        final TestClient.Socket lapsed = client.connect("?token=" + shortLived.issueAccessToken(userId, Role.USER, 0));
        final long expiresAt = renewed.awaitType("authenticated").path("expiresAt").asLong();
        lapsed.awaitType("authenticated");
        assertEquals(expiresAt, renewed.awaitType("token_expiring").path("expiresAt").asLong());
        assertTrue(System.currentTimeMillis() < expiresAt, "the notice comes before the expiry");
        renewed.send("{\"op\":\"auth\",\"id\":\"again\",\"token\":\"" + token + "\"}");
        assertEquals("again", renewed.awaitType("authenticated").path("id").asText());

        lapsed.awaitType("token_expiring");
        final JsonNode expired = lapsed.awaitType("error");
        assertEquals("NOT_AUTHENTICATED", expired.path("code").asText());
        assertTrue(expired.path("message").asText().contains("reconnect with a fresh token"), expired.toString());
        assertEquals(4401, lapsed.awaitClose());
        assertTrue(System.currentTimeMillis() >= expiresAt);
        renewed.send("{\"op\":\"ping\",\"id\":\"after\"}");
        assertEquals("after", renewed.awaitType("pong").path("id").asText());
        assertFalse(renewed.closeCode.isDone(), "a fresh auth keeps the connection past the first token's expiry");
        renewed.close();
    }

    @Test
    void shouldAnswerABodyOverTheLimitWith413AndTheErrorBody() throws Exception {
        final TestClient.Answer big = client.call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"" + "x".repeat(70_000) + "\",\"password\":\"p\"}");
        assertEquals(413, big.status(), big.text());
        assertEquals("INVALID_REQUEST", big.body().path("code").asText());
        assertEquals("the request body is larger than the limit of 65536 bytes", big.body().path("message").asText());
        assertEquals(200, client.call("GET", "/health", null, null).status());
    }

    @Test
    void shouldAnswerAWrongMethodOnAKnownPathWith405() throws Exception {
        final String user = newUser();
        final TestClient.Answer put = client.call("PUT", "/api/v1/orders/1", user, "{\"price\":1,\"qty\":1}");
        assertEquals(405, put.status(), put.text());
        assertEquals("METHOD_NOT_ALLOWED", put.body().path("code").asText());
        assertEquals("GET, PATCH, DELETE", put.headers().firstValue("Allow").orElse(null));
        final TestClient.Answer getLogin = client.call("GET", "/api/v1/auth/login", null, null);
        assertEquals(405, getLogin.status(), getLogin.text());
        assertEquals("POST", getLogin.headers().firstValue("Allow").orElse(null));
        assertEquals(404, client.call("PUT", "/api/v1/nothing", user, null).status(), "an unknown path is still 404");
    }

    @Test
    void shouldLetAPageOfAnyOriginCallTheApiWithABearerTokenByDefault() throws Exception {
        final String user = newUser();
        final Map<String, String> page = Map.of("Origin", "https://student-app.example");
        final TestClient.Answer preflight = client.call("OPTIONS", "/api/v1/orders/1", null, null, Map.of(
            "Origin", "https://student-app.example", "Access-Control-Request-Method", "PATCH",
            "Access-Control-Request-Headers", "authorization,content-type"));
        assertEquals(200, preflight.status(), "a preflight is answered, not refused as an unknown method: " + preflight.text());
        assertEquals(List.of("*"), preflight.values("Access-Control-Allow-Origin"));
        assertEquals(Set.of("GET", "POST", "PATCH", "DELETE", "OPTIONS"),
            Set.copyOf(preflight.values("Access-Control-Allow-Methods")));
        assertEquals(Set.of("authorization", "content-type"), preflight.values("Access-Control-Allow-Headers").stream()
            .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
        assertTrue(preflight.values("Access-Control-Allow-Credentials").isEmpty(), "tokens are headers, not cookies");
        assertEquals(List.of("600"), preflight.values("Access-Control-Max-Age"));

        final TestClient.Answer placed = client.call("POST", "/api/v1/orders", user,
            "{\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":51000,\"qty\":1}", page);
        assertEquals(201, placed.status(), placed.text());
        assertEquals(List.of("*"), placed.values("Access-Control-Allow-Origin"));
        assertTrue(placed.values("Access-Control-Expose-Headers").stream().anyMatch(name -> name.equalsIgnoreCase("Retry-After")),
            "a page can read when to retry: " + placed.headers());
        final TestClient.Answer refused = client.call("GET", "/api/v1/account", null, null, page);
        assertEquals(401, refused.status());
        assertEquals(List.of("*"), refused.values("Access-Control-Allow-Origin"), "a page can read why it was refused");
        assertTrue(client.call("GET", "/api/v1/stocks", null, null).values("Access-Control-Allow-Origin").isEmpty(),
            "no CORS headers for a caller that is not a page of another origin");
    }

    @Test
    void shouldKeepHealthMetricsAndTheRootOpenApiFromPagesOfOtherOrigins() throws Exception {
        final String origin = "https://student-app.example";
        for (String path : List.of("/metrics", "/health", "/openapi.yaml")) {
            final TestClient.Answer read = client.call("GET", path, null, null, Map.of("Origin", origin));
            assertEquals(200, read.status(), path);
            assertTrue(read.values("Access-Control-Allow-Origin").isEmpty(), path + " is answered, but the browser keeps"
                + " it from the page: " + read.headers());
            final TestClient.Answer preflight = client.call("OPTIONS", path, null, null, Map.of("Origin", origin,
                "Access-Control-Request-Method", "GET"));
            assertTrue(preflight.values("Access-Control-Allow-Origin").isEmpty()
                && preflight.values("Access-Control-Allow-Methods").isEmpty(), path + ": the preflight is not approved: "
                + preflight.headers());
        }
        for (String path : List.of("/api/v1/stocks", "/api/v1/openapi.yaml")) {
            final TestClient.Answer read = client.call("GET", path, null, null, Map.of("Origin", origin));
            assertEquals(200, read.status(), path);
            assertEquals(List.of("*"), read.values("Access-Control-Allow-Origin"), path);
            final TestClient.Answer preflight = client.call("OPTIONS", path, null, null, Map.of("Origin", origin,
                "Access-Control-Request-Method", "GET"));
            assertEquals(List.of("*"), preflight.values("Access-Control-Allow-Origin"), path);
            assertTrue(preflight.values("Access-Control-Allow-Methods").contains("GET"), path + ": " + preflight.headers());
        }
    }

    /** @return motoo_http_connections as GET /metrics says it now */
    private double httpConnections() throws Exception {
        for (String line : client.call("GET", "/metrics", null, null).text().split("\n")) {
            if (line.startsWith("motoo_http_connections ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        throw new AssertionError("no motoo_http_connections in /metrics");
    }

    @Test
    void shouldCountOpenHttpConnectionsInTheMetrics() throws Exception {
        assertTrue(httpConnections() >= 1, "at least the connection that asks");
        final List<java.net.Socket> idle = new java.util.ArrayList<>();
        final double withIdle;
        try {
            for (int i = 0; i < 3; i++) {
                idle.add(new java.net.Socket("127.0.0.1", server.port()));
            }
            double open = httpConnections();
            for (int i = 0; i < 100 && open < 4; i++) {
                Thread.sleep(50);
                open = httpConnections();
            }
            withIdle = open;
            assertTrue(withIdle >= 4, "three idle connections and the one that asks: " + withIdle);
        } finally {
            for (java.net.Socket socket : idle) {
                socket.close();
            }
        }
        double open = httpConnections();
        for (int i = 0; i < 100 && open > withIdle - 3; i++) {
            Thread.sleep(50);
            open = httpConnections();
        }
        assertTrue(open <= withIdle - 3, "closed connections are not counted: " + open + " after " + withIdle);
    }
}
