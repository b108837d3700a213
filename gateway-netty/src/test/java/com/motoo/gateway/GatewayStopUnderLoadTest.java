package com.motoo.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.gateway.ws.CloseCodes;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A gateway stopped while its clients are placing orders, each with up to {@value #WINDOW} unanswered,
 * answers every request it took before it closes the connections (1001), loses nothing it acknowledged
 * and leaves no order it cannot name: after the restart every order a client saw {@code accepted} is
 * still open under its client order id and order id, every place the stop left unanswered was never
 * taken, every name whose PLACE was refused is free, and once each trader has cancelled every name it
 * sent, the book is empty (no order the engine kept lost its name in the gateway's order state).
 */
@Tag("system")
@Timeout(120)
class GatewayStopUnderLoadTest {
    private static final String SYMBOL = "900100";
    private static final int TRADERS = 3;
    /** Places each trader sends at most (its cash covers about 100,000 at these prices). */
    private static final int MAX_PLACES = 30_000;
    /** Places a trader has sent and not yet heard about, at most. */
    private static final int WINDOW = 32;
    /** Places all traders together have sent when the stop begins. */
    private static final int PLACES_BEFORE_STOP = 1_500;

    @TempDir
    Path dir;

    private GatewayServer start(HikariDataSource dataSource) throws Exception {
        final Properties p = LocalGateway.settings(dir);
        p.setProperty(Configuration.IO_THREADS, "2");
        p.setProperty(Configuration.WS_RATE_PER_SECOND, "100000");
        p.setProperty(Configuration.WS_RATE_BURST, "100000");
        return GatewayServer.start(Configuration.from(p), dir.resolve("journal"), Durability.MMAP, dataSource);
    }

    /** What one trader sent before the stop and what came back. */
    private static final class Trader {
        final String token;
        final TestClient.Socket socket;
        final List<String> sent = new ArrayList<>();
        final Map<String, Long> accepted = new HashMap<>();
        final Map<String, String> refused = new HashMap<>();
        /** What ended {@link #placeUntilStopped} early, if anything did (its thread's assertion failures). */
        volatile Throwable failure;

        Trader(String token, TestClient.Socket socket) {
            this.token = token;
            this.socket = socket;
        }

        /**
         * Places resting buys, up to {@link #WINDOW} unanswered at a time, and sorts their answers, until the connection
         * closes or {@link #MAX_PLACES} are sent; counts each send in {@code sends}.
         */
        void placeUntilStopped(int number, CountDownLatch sends) throws InterruptedException {
            for (int i = 0; i < MAX_PLACES; i++) {
                while (sent.size() - answered() >= WINDOW) {
                    if (!readAnswer(socket.messages.poll(100, TimeUnit.MILLISECONDS)) && socket.closeCode.isDone()) {
                        return;
                    }
                }
                final String name = "t" + number + "-" + i;
                try {
                    socket.send("{\"op\":\"place\",\"id\":\"" + name + "\",\"clientOrderId\":\"" + name + "\",\"symbol\":\""
                        + SYMBOL + "\",\"side\":\"BUY\",\"price\":" + (75 + i % 25) + ",\"qty\":1}");
                } catch (RuntimeException closed) {
                    break;
                }
                sent.add(name);
                sends.countDown();
            }
        }

        /** Sorts what arrived before the connection closed and was not read yet. */
        void readRest() {
            JsonNode message;
            while ((message = socket.messages.poll()) != null) {
                readAnswer(message);
            }
        }

        private int answered() {
            return accepted.size() + refused.size();
        }

        /** @return whether there was a message (an answer is sorted by its {@code id}; others are skipped) */
        private boolean readAnswer(JsonNode message) {
            if (message == null) {
                return false;
            }
            final String id = message.path("id").asText();
            if (id.isEmpty()) {
                return true;
            }
            if ("accepted".equals(message.path("event").asText())) {
                assertEquals(null, accepted.put(id, message.path("orderId").asLong()), "one answer per request: " + id);
            } else {
                assertEquals(null, refused.put(id, codeOf(message)), "one answer per request: " + id);
            }
            return true;
        }
    }

    @Test
    void shouldKeepEveryAcceptedOrderAndItsNameThroughAStopUnderLoad() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            SchemaMigrations.migrate(database.jdbcUrl(), "public");
            try (HikariDataSource dataSource = ConnectionPools.hikari(database.jdbcUrl(), 4)) {
                final List<Trader> traders = new ArrayList<>();
                try (GatewayServer server = start(dataSource)) {
                    final TestClient client = new TestClient(server.port());
                    final String admin = client.signUpAndLogin("boss").path("accessToken").asText();
                    assertEquals(200, client.call("POST", "/api/v1/admin/stocks", admin,
                        "{\"symbol\":\"" + SYMBOL + "\",\"name\":\"Penny\",\"basePrice\":100}").status());
                    for (int t = 0; t < TRADERS; t++) {
                        final String token = client.signUpAndLogin("trader" + t).path("accessToken").asText();
                        final TestClient.Socket socket = client.connect("?token=" + token);
                        socket.awaitType("authenticated");
                        traders.add(new Trader(token, socket));
                    }
                    final CountDownLatch sends = new CountDownLatch(PLACES_BEFORE_STOP);
                    final List<Thread> senders = new ArrayList<>();
                    for (int t = 0; t < TRADERS; t++) {
                        final Trader trader = traders.get(t);
                        final int number = t;
                        final Thread sender = new Thread(() -> {
                            try {
                                trader.placeUntilStopped(number, sends);
                            } catch (Throwable e) {
                                trader.failure = e;
                            }
                        }, "sender-" + t);
                        sender.start();
                        senders.add(sender);
                    }
                    assertTrue(sends.await(30, TimeUnit.SECONDS), "the traders sent " + PLACES_BEFORE_STOP + " places");
                    server.close(); // while the senders go on
                    for (Thread sender : senders) {
                        sender.join(TimeUnit.SECONDS.toMillis(30));
                        assertFalse(sender.isAlive(), "a sender stopped: its connection got the stop's close frame, or it sent them all");
                    }
                    for (Trader trader : traders) {
                        if (trader.failure != null) {
                            throw new AssertionError("a trader failed", trader.failure);
                        }
                    }
                }
                int acceptedBeforeStop = 0;
                for (Trader trader : traders) {
                    assertEquals(CloseCodes.STOPPING, trader.socket.awaitClose(), "the stop says goodbye");
                    trader.readRest();
                    acceptedBeforeStop += trader.accepted.size();
                }
                assertTrue(acceptedBeforeStop >= PLACES_BEFORE_STOP / 2, "orders were accepted before the stop: "
                    + acceptedBeforeStop);

                try (GatewayServer server = start(dataSource)) {
                    final TestClient client = new TestClient(server.port());
                    for (Trader trader : traders) {
                        cancelEverythingSent(client, trader);
                    }
                    final JsonNode book = client.call("GET", "/api/v1/stocks/" + SYMBOL + "/book", null, null).body();
                    assertEquals("[]", book.path("bids").toString(), "every order the engine kept had a name to cancel it by"
                        + " (" + acceptedBeforeStop + " acknowledged): " + book);
                }
            }
        }
    }

    /**
     * Cancels, by client order id, every place the trader sent before the stop, and checks each answer against
     * what the trader had heard.
     */
    private static void cancelEverythingSent(TestClient client, Trader trader) throws Exception {
        final TestClient.Socket socket = client.connect("?token=" + trader.token);
        socket.awaitType("authenticated");
        for (String name : trader.sent) {
            socket.send("{\"op\":\"cancel\",\"id\":\"" + name + "\",\"clientOrderId\":\"" + name + "\"}");
        }
        final Map<String, JsonNode> answers = new HashMap<>();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answers.size() < trader.sent.size() && System.nanoTime() < deadline) {
            final JsonNode message = socket.messages.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && !message.path("id").asText().isEmpty()) {
                answers.put(message.path("id").asText(), message);
            }
        }
        for (String name : trader.sent) {
            final JsonNode answer = answers.get(name);
            if (answer == null) {
                fail("no answer to the cancel of " + name);
            }
            final boolean canceled = "canceled".equals(answer.path("event").asText());
            final Long acceptedId = trader.accepted.get(name);
            if (acceptedId != null) {
                assertTrue(canceled, "an order acknowledged before the stop is open after it: " + name + " " + answer);
                assertEquals((long) acceptedId, answer.path("orderId").asLong(), "under the order id acknowledged: " + answer);
            } else if (trader.refused.containsKey(name)) {
                assertEquals("UNKNOWN_ORDER", codeOf(answer), "a refused place left nothing: " + name + " "
                    + trader.refused.get(name) + " then " + answer);
            } else {
                assertEquals("UNKNOWN_ORDER", codeOf(answer), "a place the stop left unanswered was not taken: "
                    + name + " " + answer);
            }
        }
        socket.close();
    }

    /** @return the reason of a rejected order event or the code of an error answer */
    private static String codeOf(JsonNode answer) {
        return answer.path("type").asText().equals("error") ? answer.path("code").asText() : answer.path("reason").asText();
    }
}
