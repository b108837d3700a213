package com.motoo.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.pipeline.Depth;
import com.motoo.engine.pipeline.Ticker;
import com.motoo.gateway.Configuration;
import com.motoo.gateway.auth.Role;
import com.motoo.gateway.auth.SignOuts;
import com.motoo.gateway.auth.TokenService;
import com.motoo.gateway.json.Json;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import com.motoo.gateway.order.ClientOrderJournal;
import com.motoo.gateway.order.OrderEntryService;
import com.motoo.gateway.order.OrderEventSink;
import com.motoo.gateway.order.UserSessions;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbound WebSocket handler on an EmbeddedChannel: authentication rules, bad input, floods and
 * the auth timeout. The order service is not attached to a pipeline here, so an order that passes
 * every gateway check is answered BUSY.
 */
@Timeout(10)
class WebSocketFrameHandlerTest {
    private static final byte[] SECRET = "a-test-secret-that-is-long-enough-0123456789".getBytes();

    @TempDir
    Path dir;
    private ClientOrderJournal journal;
    private EmbeddedChannel channel;
    private TokenService tokens;
    private final UserSessions sessions = new UserSessions();
    private final OrderEventOutboxes outboxes = new OrderEventOutboxes();
    private final MarketDataHub hub = new MarketDataHub(0, outboxes::writerOf);

    private Configuration config;
    private OrderEntryService orders;
    private final GatewayMetrics metrics = new GatewayMetrics();

    @BeforeEach
    void open() {
        final Properties p = new Properties();
        p.setProperty(Configuration.WS_AUTH_TIMEOUT_MILLIS, "500");
        p.setProperty(Configuration.WS_RATE_PER_SECOND, "1");
        p.setProperty(Configuration.WS_RATE_BURST, "20");
        p.setProperty(Configuration.WS_RATE_STRIKES, "5");
        p.setProperty(Configuration.WS_TOKEN_EXPIRY_NOTICE_MILLIS, "1000");
        p.setProperty(Configuration.WS_MAX_CONNECTIONS_PER_USER, "2");
        config = Configuration.from(p);
        tokens = new TokenService(SECRET, Duration.ofMinutes(5), System::currentTimeMillis, new SignOuts(user -> { }));
        journal = new ClientOrderJournal(dir);
        hub.addListing("005930", "Samsung Electronics");
        orders = new OrderEntryService(journal, sessions, hub, metrics, config.ringSize());
        channel = connected("/ws");
    }

    /** @return a connection whose handshake to {@code uri} just completed */
    private EmbeddedChannel connected(String uri) {
        final EmbeddedChannel connection = new EmbeddedChannel(new WebSocket13FrameDecoder(true, false, 8192),
            new WebSocketFrameHandler(config, tokens, orders, sessions, hub, metrics, outboxes));
        connection.freezeTime(); // scheduled tasks run only when a test advances the clock, however slow the machine
        connection.pipeline().fireUserEventTriggered(
            new WebSocketServerProtocolHandler.HandshakeComplete(uri, new DefaultHttpHeaders(), null));
        return connection;
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        journal.close();
    }

    private JsonNode exchange(String text) {
        channel.writeInbound(new TextWebSocketFrame(text));
        return next();
    }

    private JsonNode next() {
        return next(channel);
    }

    /** @return the connection's next outbound frame as JSON (a close as {"type":"close","code":...}), released */
    private static JsonNode next(EmbeddedChannel connection) {
        final Object frame = connection.readOutbound();
        try {
            if (frame instanceof CloseWebSocketFrame) {
                return Json.parse("{\"type\":\"close\",\"code\":" + ((CloseWebSocketFrame) frame).statusCode() + "}");
            }
            return frame == null ? null : Json.parse(((TextWebSocketFrame) frame).text());
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void authenticate() {
        final JsonNode answer = exchange("{\"op\":\"auth\",\"id\":\"a\",\"token\":\"" + tokens.issueAccessToken(42, Role.USER, 0) + "\"}");
        assertEquals("authenticated", answer.path("type").asText());
        assertEquals(42, answer.path("userId").asLong());
        assertEquals("a", answer.path("id").asText());
    }

    @Test
    void shouldRefuseOrdersBeforeAuthenticationWithoutClosing() {
        final JsonNode answer = exchange("{\"op\":\"cancel\",\"orderId\":1}");
        assertEquals("NOT_AUTHENTICATED", answer.path("code").asText());
        assertTrue(channel.isOpen());
        authenticate();
        assertEquals(1, sessions.of(42).length);
    }

    @Test
    void shouldRefuseAPingBeforeAuthenticationLikeAnyOtherOp() {
        final JsonNode answer = exchange("{\"op\":\"ping\",\"id\":1}");
        assertEquals("error", answer.path("type").asText(), answer.toString());
        assertEquals("NOT_AUTHENTICATED", answer.path("code").asText());
        assertEquals(1, answer.path("id").asInt());
        assertTrue(channel.isOpen());
        authenticate();
        assertEquals("pong", exchange("{\"op\":\"ping\"}").path("type").asText());
    }

    @Test
    void shouldFlushTheAnswersOfOneReadTogetherAtItsEnd() {
        channel.pipeline().fireChannelRead(new TextWebSocketFrame("{\"op\":\"ping\",\"id\":1}"));
        channel.pipeline().fireChannelRead(new TextWebSocketFrame("{\"op\":\"ping\",\"id\":2}"));
        assertNull(channel.readOutbound(), "nothing flushed while the read goes on");
        channel.pipeline().fireChannelReadComplete();
        assertEquals(1, next().path("id").asInt());
        assertEquals(2, next().path("id").asInt());
    }

    @Test
    void shouldCloseWith4401OnAForgedToken() {
        final String forged = new TokenService("another-secret-that-is-long-enough-98765".getBytes(), Duration.ofMinutes(5),
            System::currentTimeMillis, new SignOuts(user -> { })).issueAccessToken(42, Role.ADMIN, 0);
        assertEquals("NOT_AUTHENTICATED", exchange("{\"op\":\"auth\",\"token\":\"" + forged + "\"}").path("code").asText());
        assertEquals(CloseCodes.BAD_TOKEN, next().path("code").asInt());
        assertEquals(0, sessions.of(42).length);
    }

    @Test
    void shouldRefuseAUsersConnectionBeyondTheLimitAndTakeOneAgainOnceAnotherCloses() {
        authenticate();
        final EmbeddedChannel second = connected("/ws?token=" + tokens.issueAccessToken(42, Role.USER, 0));
        final EmbeddedChannel third = connected("/ws?token=" + tokens.issueAccessToken(42, Role.USER, 0));
        try {
            assertEquals("authenticated", next(second).path("type").asText());
            assertEquals("TOO_MANY_CONNECTIONS", next(third).path("code").asText());
            assertEquals(CloseCodes.POLICY, next(third).path("code").asInt());
            assertEquals(2, sessions.of(42).length);
            second.close();
            final EmbeddedChannel fourth = connected("/ws?token=" + tokens.issueAccessToken(42, Role.USER, 0));
            assertEquals("authenticated", next(fourth).path("type").asText());
            fourth.finishAndReleaseAll();
        } finally {
            second.finishAndReleaseAll();
            third.finishAndReleaseAll();
        }
    }

    @Test
    void shouldCloseWith4401AndSayWhyOnAMalformedHandshakeQueryString() {
        channel.finishAndReleaseAll();
        channel = connected("/ws?token=%zz");
        final JsonNode error = next();
        assertEquals("NOT_AUTHENTICATED", error.path("code").asText());
        assertTrue(error.path("message").asText().startsWith("the handshake's query string is malformed"), error.toString());
        assertEquals(CloseCodes.BAD_TOKEN, next().path("code").asInt());
    }

    @Test
    void shouldCloseWith4401OnAnExpiredToken() {
        final String expired = new TokenService(SECRET, Duration.ofMinutes(5), () -> System.currentTimeMillis() - 600_000, new SignOuts(user -> { }))
            .issueAccessToken(42, Role.USER, 0);
        assertEquals("NOT_AUTHENTICATED", exchange("{\"op\":\"auth\",\"token\":\"" + expired + "\"}").path("code").asText());
        assertEquals(CloseCodes.BAD_TOKEN, next().path("code").asInt());
    }

    @Test
    void shouldCloseWith4401WhenTheTokenExpiresOnAnOpenConnection() {
        final String shortLived = new TokenService(SECRET, Duration.ofSeconds(2), System::currentTimeMillis, new SignOuts(user -> { }))
            .issueAccessToken(42, Role.USER, 0);
        assertEquals("authenticated", exchange("{\"op\":\"auth\",\"token\":\"" + shortLived + "\"}").path("type").asText());
        channel.advanceTimeBy(3, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertEquals("token_expiring", next().path("type").asText());
        final JsonNode expired = next();
        assertEquals("NOT_AUTHENTICATED", expired.path("code").asText());
        assertEquals("the token expired; reconnect with a fresh token", expired.path("message").asText());
        assertEquals(CloseCodes.BAD_TOKEN, next().path("code").asInt());
    }

    /** Advances the channel's clock and runs what fell due; @return the first message written then, or null */
    private JsonNode after(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        return next();
    }

    @Test
    void shouldWarnTheConfiguredTimeBeforeTheTokenExpires() {
        final String token = tokens.issueAccessToken(42, Role.USER, 0);
        final long expiresAt = exchange("{\"op\":\"auth\",\"token\":\"" + token + "\"}").path("expiresAt").asLong();
        assertEquals(tokens.verify(token).expiresAtMillis(), expiresAt, "the answer says when the token expires");
        final long left = expiresAt - System.currentTimeMillis();
        assertNull(after(left - 1500), "not yet: the notice comes 1000 ms before the expiry");
        final JsonNode notice = after(1000);
        assertEquals("token_expiring", notice.path("type").asText(), notice.toString());
        assertEquals(expiresAt, notice.path("expiresAt").asLong());
        assertTrue(channel.isOpen());
    }

    @Test
    void shouldKeepTheConnectionOpenPastTheExpiryAfterAFreshAuth() {
        final String shortLived = new TokenService(SECRET, Duration.ofSeconds(2), System::currentTimeMillis, new SignOuts(user -> { }))
            .issueAccessToken(42, Role.USER, 0);
        final long expiresAt = exchange("{\"op\":\"auth\",\"token\":\"" + shortLived + "\"}").path("expiresAt").asLong();
        final long left = expiresAt - System.currentTimeMillis();
        assertEquals("token_expiring", after(left / 2 + 100).path("type").asText(),
            "half the remaining life (1 to 2 s) of a token that lives less than twice the notice");
        final String otherUser = tokens.issueAccessToken(43, Role.USER, 0);
        assertEquals("FORBIDDEN", exchange("{\"op\":\"auth\",\"token\":\"" + otherUser + "\"}").path("code").asText());
        authenticate();
        assertNull(after(5_000), "no close at the first token's expiry");
        assertEquals("pong", exchange("{\"op\":\"ping\"}").path("type").asText());
        assertTrue(channel.isOpen());
        assertEquals(1, sessions.of(42).length, "still one session");
    }

    @Test
    void shouldCloseWith4408WhenNoAuthArrivesInTime() throws InterruptedException {
        channel.advanceTimeBy(400, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertNull(next(), "not yet");
        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(CloseCodes.AUTH_TIMEOUT, next().path("code").asInt());
    }

    @Test
    void shouldNameWhatIsWrongWithEachBadMessage() {
        authenticate();
        assertTrue(exchange("[1,2").path("message").asText().startsWith("malformed JSON"));
        assertEquals("a message must be a JSON object", exchange("[1,2]").path("message").asText());
        assertEquals("op is required", exchange("{\"id\":3}").path("message").asText());
        assertEquals("op must be a string", exchange("{\"op\":5}").path("message").asText());
        assertEquals("unknown op 'buy'", exchange("{\"op\":\"buy\"}").path("message").asText());
        assertEquals("side must be one of [BUY, SELL]",
            exchange("{\"op\":\"place\",\"symbol\":\"005930\",\"side\":\"LONG\",\"price\":1,\"qty\":1}").path("message").asText());
        assertEquals("qty is out of range (1 to 1000000000)",
            exchange("{\"op\":\"place\",\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":1,\"qty\":0}").path("message").asText());
        assertEquals("price must be absent or 0 for a MARKET order", exchange(
            "{\"op\":\"place\",\"symbol\":\"005930\",\"side\":\"BUY\",\"type\":\"MARKET\",\"price\":5,\"qty\":1}").path("message").asText());
        assertEquals("exactly one of orderId and clientOrderId is required",
            exchange("{\"op\":\"cancel\",\"orderId\":1,\"clientOrderId\":\"a\"}").path("message").asText());
        assertEquals("channels must be a non-empty array of strings",
            exchange("{\"op\":\"subscribe\",\"channels\":\"book.005930\"}").path("message").asText());
        assertTrue(exchange("{\"op\":\"subscribe\",\"channels\":[\"candles.005930\"]}").path("message").asText()
            .startsWith("unknown channel"));
        assertEquals("id must be a string or an integer", exchange("{\"op\":\"ping\",\"id\":{}}").path("message").asText());
        assertEquals("BUSY", exchange("{\"op\":\"place\",\"id\":9,\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":70000,\"qty\":1}")
            .path("code").asText());
        channel.writeInbound(new BinaryWebSocketFrame(channel.alloc().buffer().writeByte(1)));
        assertEquals("INVALID_REQUEST", next().path("code").asText());
        assertTrue(channel.isOpen());
    }

    /** @return the error message answering a valid place (id 1) with one field set to {@code value}, JSON text */
    private String placeError(String field, String value) {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("op", "\"place\"");
        fields.put("id", "1");
        fields.put("symbol", "\"005930\"");
        fields.put("side", "\"BUY\"");
        fields.put("price", "70000");
        fields.put("qty", "1");
        fields.put(field, value);
        final StringJoiner message = new StringJoiner(",", "{", "}");
        fields.forEach((name, json) -> message.add("\"" + name + "\":" + json));
        final JsonNode answer = exchange(message.toString());
        assertEquals(1, answer.path("id").asInt(), answer.toString());
        return answer.path("message").asText();
    }

    @Test
    void shouldRefuseAValueOfAnotherShapeWhereAnIntegerOrAStringIsExpected() {
        authenticate();
        for (String notAnInteger : new String[] {"70000.0", "7e4", "\"70000\"", "{\"v\":70000}", "[70000]", "true"}) {
            assertEquals("price must be an integer", placeError("price", notAnInteger), notAnInteger);
        }
        assertEquals("price is out of range (1 to 1000000000000000)", placeError("price", "123456789012345678901234567890"),
            "an integer beyond a long is out of range, not a non-integer");
        assertEquals("qty is out of range (1 to 1000000000)", placeError("qty", "-9223372036854775809"));
        assertEquals("qty is out of range (1 to 1000000000)", placeError("qty", "9223372036854775807"));
        assertEquals("price is out of range (1 to 1000000000000000)", placeError("price", "-70000"));
        assertEquals("price is required", placeError("price", "null"));
        assertEquals("symbol must be a string", placeError("symbol", "[\"005930\"]"));
        assertEquals("side must be a string", placeError("side", "{\"BUY\":true}"));
        assertEquals("symbol must be 1 to 8 characters of [0-9A-Za-z._-]", placeError("symbol", "\"" + "9".repeat(20_000) + "\""));
        assertEquals("clientOrderId must be 1 to 48 characters of [A-Za-z0-9._:-]",
            placeError("clientOrderId", "\"" + "a".repeat(49) + "\""));
        assertEquals("clientOrderId must be 1 to 48 characters of [A-Za-z0-9._:-]",
            placeError("clientOrderId", "\"\u0661\u0662\""));
        assertEquals("BUSY", exchange("{\"op\":\"place\",\"clientOrderId\":\"" + "a".repeat(48)
            + "\",\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":70000,\"qty\":1}").path("code").asText());
        assertEquals("unknown field 'leverage'", placeError("leverage", "{\"x\":[1,2]}"));
    }

    @Test
    void shouldRefuseAQuantityTheEngineWouldRejectBeforeItReachesTheEngine() {
        authenticate();
        assertEquals("BUSY", exchange("{\"op\":\"place\",\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":70000,"
            + "\"qty\":1000000000}").path("code").asText(), "the engine's largest quantity goes on to the engine");
        final JsonNode place = exchange("{\"op\":\"place\",\"id\":1,\"symbol\":\"005930\",\"side\":\"BUY\","
            + "\"price\":70000,\"qty\":1000000001}");
        assertEquals("error", place.path("type").asText(), place.toString());
        assertEquals("INVALID_REQUEST", place.path("code").asText());
        assertEquals("qty is out of range (1 to 1000000000)", place.path("message").asText());
        assertEquals(1, place.path("id").asInt());
        final JsonNode modify = exchange("{\"op\":\"modify\",\"orderId\":3,\"price\":70000,\"qty\":999999999999999}");
        assertEquals("INVALID_REQUEST", modify.path("code").asText(), modify.toString());
        assertEquals("qty is out of range (1 to 1000000000)", modify.path("message").asText());
    }

    @Test
    void shouldRefuseAFrameWithMoreThanOneJsonValueOrTrailingText() {
        authenticate();
        final JsonNode second = exchange("{\"op\":\"ping\",\"id\":1}{\"op\":\"ping\",\"id\":2}");
        assertEquals("malformed JSON at line 1, column 21: unexpected data after the JSON object", second.path("message").asText());
        assertTrue(second.path("id").isMissingNode(), "nothing of a malformed message is echoed");
        assertNull(next(), "one answer, no pong");
        assertEquals("malformed JSON at line 1, column 14: unexpected data after the JSON object",
            exchange("{\"op\":\"ping\"} x").path("message").asText());
        assertEquals("pong", exchange("{\"op\":\"ping\"} \n").path("type").asText(), "whitespace after the value is fine");
    }

    @Test
    void shouldRefuseDuplicateKeysAndTooDeepNestingAnywhereInTheMessage() {
        authenticate();
        assertEquals("malformed JSON at line 1, column 14: duplicate field 'op'",
            exchange("{\"op\":\"ping\",\"op\":\"ping\"}").path("message").asText());
        assertEquals("malformed JSON at line 1, column 26: duplicate field 'a'",
            exchange("{\"op\":\"ping\",\"x\":[{\"a\":1,\"a\":2}]}").path("message").asText());
        assertEquals("malformed JSON at line 1, column 34: nested more than 16 levels deep",
            exchange("{\"op\":\"ping\",\"x\":" + "[".repeat(16) + "]".repeat(16) + "}").path("message").asText());
        assertEquals("a message must be a JSON object", exchange("\"ping\"").path("message").asText());
        assertEquals("a message must be a JSON object", exchange("null").path("message").asText());
    }

    @Test
    void shouldEchoTheIdAsItCameWhereverItStandsInTheMessage() {
        authenticate();
        final JsonNode textId = exchange("{\"id\":\"q\\\"1\\u00e9\",\"op\":\"ping\"}");
        assertEquals("q\"1\u00e9", textId.path("id").asText());
        assertEquals("123456789012345678901234567890", exchange("{\"op\":\"ping\",\"id\":123456789012345678901234567890}")
            .path("id").bigIntegerValue().toString());
        final JsonNode opLast = exchange("{\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":70000,\"qty\":1,\"id\":5,"
            + "\"op\":\"place\"}");
        assertEquals("BUSY", opLast.path("code").asText(), opLast.toString());
        assertEquals(5, opLast.path("id").asInt());
        assertEquals("id must be a string or an integer", exchange("{\"op\":\"ping\",\"id\":1.0}").path("message").asText());
    }

    @Test
    void shouldSendTheLatestBookAgainToAConnectionThatSubscribesAgain() {
        hub.onDepth(Depth.of(Symbol.encode("005930"), 1, new long[] {70_000}, new long[] {5}, new long[0], new long[0]));
        authenticate();
        for (int i = 0; i < 2; i++) {
            final JsonNode subscribed = exchange("{\"op\":\"subscribe\",\"channels\":[\"book.005930\",\"book.005930\"]}");
            assertEquals("subscribed", subscribed.path("type").asText(), subscribed.toString());
            assertEquals("[\"book.005930\"]", subscribed.path("channels").toString(), "each channel once");
            final JsonNode book = next();
            assertEquals("book", book.path("type").asText(), "the latest book, at every subscribe: " + book);
            assertEquals(70_000, book.path("bids").path(0).path(0).asLong());
            assertNull(next(), "once");
        }
    }

    /**
     * A trades hand-out already waiting on the loop when a batch's order events arrive must not put
     * that batch's trade on the tape first: the engine thread hands over the order events, then the
     * trades, as it does at the end of a ring batch.
     */
    @Test
    void shouldWriteABatchsOrderEventsBeforeItsTradesWhenATradeHandOutIsAlreadyWaiting() {
        authenticate();
        assertEquals("subscribed", exchange("{\"op\":\"subscribe\",\"channels\":[\"trades.005930\"]}").path("type").asText());
        hub.onTrade(Symbol.encode("005930"), 70_000, 1, Side.BUY, 1); // an earlier batch's: its hand-out now waits
        for (OrderEventSink sink : sessions.of(42)) {
            sink.sendOrderEvent("{\"type\":\"order\",\"event\":\"fill\",\"orderId\":7}");
            sink.flushOrderEvents();
        }
        hub.onTrade(Symbol.encode("005930"), 70_100, 2, Side.BUY, 2);
        channel.runPendingTasks();
        assertEquals("fill", next().path("event").asText(), "the order event first");
        assertEquals(70_000, next().path("price").asLong());
        assertEquals(70_100, next().path("price").asLong());
        assertNull(next());
    }

    /**
     * The same for the conflated channels: a book hand-out already waiting when a batch's order events
     * arrive hands out that batch's book only after them, so no book shows a fill its trader has not heard of.
     */
    @Test
    void shouldWriteABatchsOrderEventsBeforeItsBookWhenABookHandOutIsAlreadyWaiting() {
        authenticate();
        assertEquals("subscribed", exchange("{\"op\":\"subscribe\",\"channels\":[\"book.005930\"]}").path("type").asText());
        hub.onDepth(Depth.of(Symbol.encode("005930"), 1, new long[] {70_000}, new long[] {5}, new long[0], new long[0]));
        for (OrderEventSink sink : sessions.of(42)) {
            sink.sendOrderEvent("{\"type\":\"order\",\"event\":\"fill\",\"orderId\":7}");
            sink.flushOrderEvents();
        }
        hub.onDepth(Depth.of(Symbol.encode("005930"), 2, new long[] {70_000}, new long[] {2}, new long[0], new long[0]));
        channel.runPendingTasks();
        assertEquals("fill", next().path("event").asText(), "the order event first");
        assertEquals(2, next().path("bids").path(0).path(1).asLong(), "then the latest book");
        assertNull(next());
    }

    /** {@code ticker.*} and a symbol's ticker overlap: each update reaches the connection once, whichever came first. */
    @Test
    void shouldSendEachTickerUpdateOnceToAConnectionWithBothTickerChannels() {
        authenticate();
        // each step: a (un)subscribe, the ticker volume it sends at once (0: none), then an update, which comes once
        final String[] requests = {"subscribe\",\"channels\":[\"ticker.005930\",\"ticker.*\"]",
            "unsubscribe\",\"channels\":[\"ticker.*\"]", "subscribe\",\"channels\":[\"ticker.*\"]",
            "subscribe\",\"channels\":[\"ticker.005930\"]", "subscribe\",\"channels\":[\"ticker.005930\",\"ticker.*\"]"};
        final long[] sentAtOnce = {0, 1000, 1001, 1002, 1003};
        for (int step = 0; step < requests.length; step++) {
            final String what = "step " + step + ": " + requests[step];
            assertTrue(exchange("{\"op\":\"" + requests[step] + "}").path("type").asText().endsWith("subscribed"), what);
            if (sentAtOnce[step] > 0) {
                assertEquals(sentAtOnce[step], next().path("volume").asLong(), "the latest state at once: " + what);
            }
            assertEquals(1000 + step, tickerAfterUpdate(1000 + step).path("volume").asLong(), what);
            assertNull(next(), "once, not once per channel: " + what);
        }
    }

    /** Publishes a ticker of 005930 with this volume; @return the first message the connection gets after it */
    private JsonNode tickerAfterUpdate(long volume) {
        hub.onTicker(new Ticker(Symbol.encode("005930"), volume, 70_000, 70_000, 70_000, 70_000, 70_000, volume, 0, 0, 0,
            91_000, 49_000, false));
        channel.runPendingTasks();
        return next();
    }

    @Test
    void shouldCountEachChannelOnceTowardTheSubscriptionLimit() {
        authenticate();
        final String same = "\"ticker.005930\",".repeat(300);
        for (int i = 0; i < 3; i++) {
            assertEquals("subscribed", exchange("{\"op\":\"subscribe\",\"channels\":[" + same + "\"ticker.*\"]}")
                .path("type").asText(), "two channels, however often they are named");
        }
        final StringJoiner others = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 254; i++) {
            hub.addListing("S" + i, "Stock " + i);
            others.add("\"trades.S" + i + "\"");
        }
        assertEquals("subscribed", exchange("{\"op\":\"subscribe\",\"channels\":" + others + "}").path("type").asText(),
            "256 in all");
        assertEquals("subscribed", exchange("{\"op\":\"subscribe\",\"channels\":[\"trades.S0\",\"ticker.*\"]}")
            .path("type").asText(), "subscribed already: nothing more counts");
        hub.addListing("S254", "Stock 254");
        assertEquals("at most 256 subscriptions per connection",
            exchange("{\"op\":\"subscribe\",\"channels\":[\"trades.S254\"]}").path("message").asText());
    }

    @Test
    void shouldAnswerRateLimitedThenCloseWith4429() {
        authenticate();
        int limited = 0;
        JsonNode answer = null;
        for (int i = 0; i < 40; i++) {
            answer = exchange("{\"op\":\"ping\",\"id\":\"p" + i + "\"}");
            if (answer.path("code").asText().equals("RATE_LIMITED")) {
                limited++;
                assertEquals("p" + i, answer.path("id").asText(), "the refused request is named: " + answer);
            }
            if (answer.path("type").asText().equals("close")) {
                break;
            }
        }
        assertEquals(4, limited, "strikes before the close");
        assertEquals(CloseCodes.RATE_LIMITED, answer.path("code").asInt());
        assertTrue(channel.isOpen(), "the client may still answer the close frame");
        channel.advanceTimeBy(WebSocketSession.CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen(), "one that does not is dropped");
    }
}
