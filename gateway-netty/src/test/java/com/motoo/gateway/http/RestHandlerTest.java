package com.motoo.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.gateway.auth.Role;
import com.motoo.gateway.auth.SignOuts;
import com.motoo.gateway.auth.TokenService;
import com.motoo.gateway.json.Json;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import com.motoo.gateway.throttle.RestThrottles;
import com.motoo.gateway.throttle.UserRateLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST handler on an EmbeddedChannel for what it decides before any service is needed:
 * routing, authentication, bad bodies, sign-in throttling. The services it would call next are
 * absent (null) on purpose: reaching one would fail the test.
 */
@Timeout(10)
class RestHandlerTest {
    private static final HealthChecks HEALTHY = new HealthChecks(() -> true, () -> true);
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final TokenService tokens = new TokenService(
        "a-test-secret-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5),
        System::currentTimeMillis, new SignOuts(user -> { }));
    private final EmbeddedChannel channel = new EmbeddedChannel(handler(null, new RestExecutors(null, null),
        "openapi: 3.0.3\n", HEALTHY, new RestThrottles(new UserRateLimits(100, 100), new UserRateLimits(1, 3),
        new UserRateLimits(5, 5))));

    /** @return a handler with no engine, read model or sign-in service behind it, only what the test gives */
    private RestHandler handler(MarketDataHub hub, RestExecutors executors, String openApi, HealthChecks health,
                                RestThrottles throttles) {
        return new RestHandler(tokens, null, null, hub, null, metrics, executors, openApi, 10_000_000L, health, throttles);
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    /** @return status and body of the answer to one request (buffers released) */
    private JsonNode call(HttpMethod method, String uri, String body, int expectedStatus) {
        return call(method, uri, null, body, expectedStatus);
    }

    /** @return the answer to one request with an Authorization header (or none when null) */
    private JsonNode call(HttpMethod method, String uri, String authorization, String body, int expectedStatus) {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
            Unpooled.copiedBuffer(body == null ? "" : body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.headers().set("Authorization", authorization);
        }
        channel.writeInbound(request);
        final FullHttpResponse response = channel.readOutbound();
        try {
            assertEquals(expectedStatus, response.status().code(), response.content().toString(StandardCharsets.UTF_8));
            final String text = response.content().toString(StandardCharsets.UTF_8);
            return text.startsWith("{") ? Json.parse(text) : null;
        } finally {
            response.release();
        }
    }

    @Test
    void shouldAnswerErrorsWithACodeAndAMessage() {
        assertEquals("NOT_FOUND", call(HttpMethod.GET, "/nowhere", null, 404).path("code").asText());
        final JsonNode noToken = call(HttpMethod.GET, "/api/v1/portfolio", null, 401);
        assertEquals("NOT_AUTHENTICATED", noToken.path("code").asText());
        assertTrue(noToken.path("message").asText().contains("Bearer"));
        assertTrue(call(HttpMethod.POST, "/api/v1/auth/login", "{\"username\":", 400).path("message").asText()
            .startsWith("malformed JSON"));
        assertEquals("unknown field 'otp'", call(HttpMethod.POST, "/api/v1/auth/login",
            "{\"username\":\"a\",\"password\":\"b\",\"otp\":1}", 400).path("message").asText());
        assertEquals("username must be a string", call(HttpMethod.POST, "/api/v1/auth/login",
            "{\"username\":5,\"password\":\"b\"}", 400).path("message").asText());
        assertEquals("UP", call(HttpMethod.GET, "/health", null, 200).path("status").asText());
        assertEquals("UP", call(HttpMethod.GET, "/health", null, 200).path("readModel").asText());
    }

    /**
     * Sign-ins wait for password hashing on their own bounded pool; when it is full they are refused
     * at once, and nothing else waits behind them (the database pool is not involved: null here).
     */
    @Test
    void shouldRefuseSignInsAtOnceWhenThePasswordPoolIsFullAndReportAReadModelThatIsDown() throws Exception {
        final ThreadPoolExecutor passwords = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(1));
        final CountDownLatch release = new CountDownLatch(1);
        passwords.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        passwords.execute(() -> { });
        final EmbeddedChannel busy = new EmbeddedChannel(handler(null, new RestExecutors(null, passwords), "",
            new HealthChecks(() -> true, () -> false), new RestThrottles(new UserRateLimits(100, 100), new UserRateLimits(100, 100), new UserRateLimits(5, 5))));
        try {
            for (String call : new String[] {"login", "signup"}) {
                busy.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/v1/auth/" + call,
                    Unpooled.copiedBuffer("{\"username\":\"jimin\",\"password\":\"a-long-password\"}",
                        StandardCharsets.UTF_8)));
                final FullHttpResponse refused = busy.readOutbound();
                try {
                    assertEquals(503, refused.status().code());
                    final JsonNode error = Json.parse(refused.content().toString(StandardCharsets.UTF_8));
                    assertEquals("BUSY", error.path("code").asText());
                    assertEquals("too many sign-ins at once; try again in a moment", error.path("message").asText());
                } finally {
                    refused.release();
                }
            }
            busy.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health"));
            final FullHttpResponse health = busy.readOutbound();
            try {
                assertEquals(200, health.status().code(), "orders still go through");
                assertEquals("DOWN", Json.parse(health.content().toString(StandardCharsets.UTF_8)).path("readModel").asText());
            } finally {
                health.release();
            }
        } finally {
            release.countDown();
            passwords.shutdown();
            busy.finishAndReleaseAll();
        }
    }

    @Test
    void shouldCheckAProfileChangeBeforeItReachesTheDatabase() {
        final String token = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        assertEquals("nothing to change: give displayName, rankingsOptIn or both",
            call(HttpMethod.PATCH, "/api/v1/account", token, "{}", 400).path("message").asText());
        assertEquals("unknown field 'username'", call(HttpMethod.PATCH, "/api/v1/account", token,
            "{\"username\":\"x\"}", 400).path("message").asText());
        assertEquals("rankingsOptIn must be true or false", call(HttpMethod.PATCH, "/api/v1/account", token,
            "{\"rankingsOptIn\":\"yes\"}", 400).path("message").asText());
        assertEquals("displayName must be a string", call(HttpMethod.PATCH, "/api/v1/account", token,
            "{\"displayName\":7}", 400).path("message").asText());
        assertEquals("NOT_AUTHENTICATED", call(HttpMethod.PATCH, "/api/v1/account", null,
            "{\"rankingsOptIn\":true}", 401).path("code").asText());
        assertMethodNotAllowed(respond(HttpMethod.DELETE, "/api/v1/account", token, ""), "GET, PATCH");
    }

    @Test
    void shouldCheckOrderBodiesBeforeTheyReachTheOrderService() {
        final String token = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        assertEquals("the request must be a JSON object", call(HttpMethod.POST, "/api/v1/orders", token, "[]", 400)
            .path("message").asText());
        assertEquals("unknown field 'leverage'", call(HttpMethod.POST, "/api/v1/orders", token,
            "{\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":70000,\"qty\":1,\"leverage\":5}", 400).path("message").asText());
        assertEquals("price must be an integer", call(HttpMethod.POST, "/api/v1/orders", token,
            "{\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":70000.0,\"qty\":1}", 400).path("message").asText());
        assertEquals("malformed JSON at line 1, column 55: unexpected data after the JSON object", call(HttpMethod.POST,
            "/api/v1/orders", token, "{\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":70000,\"qty\":1}{}", 400)
            .path("message").asText());
        assertEquals("unknown field 'orderId'", call(HttpMethod.PATCH, "/api/v1/orders/3", token,
            "{\"price\":70000,\"qty\":1,\"orderId\":3}", 400).path("message").asText());
        assertEquals("qty is out of range (1 to 1000000000)", call(HttpMethod.PATCH, "/api/v1/orders/3", token,
            "{\"price\":70000,\"qty\":0}", 400).path("message").asText());
        assertEquals("qty is out of range (1 to 1000000000)", call(HttpMethod.PATCH, "/api/v1/orders/3", token,
            "{\"price\":70000,\"qty\":-5}", 400).path("message").asText(), "zero and below alike");
    }

    /** A misspelt filter is an error, not silently the default (open orders instead of all of them). */
    @Test
    void shouldRefuseQueryParametersACallDoesNotTake() {
        final String token = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        assertEquals("unknown query parameter 'stauts'; this call takes status, symbol, clientOrderId, cursor, limit",
            call(HttpMethod.GET, "/api/v1/orders?stauts=all", token, "", 400).path("message").asText());
        assertEquals("unknown query parameter 'limit'; this call takes none",
            call(HttpMethod.GET, "/api/v1/portfolio?limit=5", token, "", 400).path("message").asText());
        assertEquals("unknown query parameter 'depth'; this call takes none",
            call(HttpMethod.GET, "/api/v1/stocks/005930/book?depth=5", null, "", 400).path("message").asText());
        assertEquals("INVALID_REQUEST",
            call(HttpMethod.DELETE, "/api/v1/orders/3?force=true", token, "", 400).path("code").asText());
    }

    @Test
    void shouldRefuseAQuantityTheEngineWouldRejectBeforeItReachesTheEngine() {
        final String token = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        final String tooMany = "qty is out of range (1 to 1000000000)";
        final JsonNode place = call(HttpMethod.POST, "/api/v1/orders", token,
            "{\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":70000,\"qty\":1000000001}", 400);
        assertEquals("INVALID_REQUEST", place.path("code").asText());
        assertEquals(tooMany, place.path("message").asText());
        assertEquals(tooMany, call(HttpMethod.PATCH, "/api/v1/orders/3", token, "{\"price\":70000,\"qty\":1000000000000000}", 400)
            .path("message").asText());
        final String admin = "Bearer " + tokens.issueAccessToken(1, Role.ADMIN, 0);
        assertEquals(tooMany, call(HttpMethod.POST, "/api/v1/admin/users/7/shares", admin,
            "{\"symbol\":\"005930\",\"qty\":1000000001}", 400).path("message").asText());
    }

    @Test
    void shouldRefuseAnythingInTheBodyOfACallThatTakesNone() {
        final String token = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        final JsonNode reset = call(HttpMethod.POST, "/api/v1/account/reset", token, "{\"cash\":99000000}", 400);
        assertEquals("INVALID_REQUEST", reset.path("code").asText());
        assertEquals("unknown field 'cash'", reset.path("message").asText());
        assertEquals("the request must be a JSON object", call(HttpMethod.POST, "/api/v1/account/reset", token, "[]", 400)
            .path("message").asText());
        assertTrue(call(HttpMethod.POST, "/api/v1/account/reset", token, "{", 400).path("message").asText()
            .startsWith("malformed JSON"));
        assertEquals("unknown field 'qty'", call(HttpMethod.DELETE, "/api/v1/orders/3", token, "{\"qty\":5}", 400)
            .path("message").asText());
        final String admin = "Bearer " + tokens.issueAccessToken(1, Role.ADMIN, 0);
        assertEquals("unknown field 'at'", call(HttpMethod.POST, "/api/v1/admin/eod", admin, "{\"at\":\"15:30\"}", 400)
            .path("message").asText());
        assertEquals("unknown field 'reason'", call(HttpMethod.POST, "/api/v1/admin/stocks/005930/halt", admin,
            "{\"reason\":\"news\"}", 400).path("message").asText());
    }

    /** PostgreSQL text cannot hold a NUL: a stock name with one wedged the persister that stores the listing. */
    @Test
    void shouldRefuseAStockNameWithAControlCharacterOrALoneSurrogate() {
        final String admin = "Bearer " + tokens.issueAccessToken(1, Role.ADMIN, 0);
        for (String name : List.of("a\\u0000b", "a\\tb", "a\\u007fb", "a\\ud800b")) {
            final JsonNode refused = call(HttpMethod.POST, "/api/v1/admin/stocks", admin,
                "{\"symbol\":\"Q1\",\"name\":\"" + name + "\",\"basePrice\":1000}", 400);
            assertEquals("INVALID_REQUEST", refused.path("code").asText(), name);
            assertEquals("name must not hold control characters (U+0000 to U+001F, U+007F) or lone surrogates",
                refused.path("message").asText(), name);
        }
    }

    /** A malformed escape is the client's mistake: a 400 that says so, on a connection that stays open. */
    @Test
    void shouldAnswerMalformedPercentEncodingWith400AndKeepTheConnection() {
        for (String uri : List.of("/api/v1/stocks/%zz", "/api/v1/stocks?a=%zz", "/api/v1/stocks?%", "/api/v1/stocks/%E0%A4%A",
            "/health?%")) {
            final FullHttpResponse response = respond(HttpMethod.GET, uri, null, "");
            assertNotNull(response, uri + " got no answer");
            try {
                assertEquals(400, response.status().code(), uri);
                assertEquals("keep-alive", response.headers().get(HttpHeaderNames.CONNECTION), uri);
                final JsonNode error = Json.parse(response.content().toString(StandardCharsets.UTF_8));
                assertEquals("INVALID_REQUEST", error.path("code").asText(), uri);
                assertTrue(error.path("message").asText().startsWith("malformed percent-encoding in the URL: "), error.toString());
            } finally {
                response.release();
            }
            assertTrue(channel.isOpen(), uri);
        }
    }

    @Test
    void shouldLogAnUnexpectedErrorBeforeClosingTheConnection() {
        final PrintStream err = System.err;
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            channel.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));
        } finally {
            System.setErr(err);
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("motoo gateway: closing the connection of "
            + channel.remoteAddress() + " after an unexpected error: java.lang.IllegalStateException: a bug"), log.toString());
        assertFalse(channel.isOpen());
    }

    /** RFC 7235: the scheme of an Authorization header is told without regard to case. */
    @Test
    void shouldTakeTheBearerSchemeInAnyCase() {
        final String token = tokens.issueAccessToken(7, Role.USER, 0);
        for (String scheme : List.of("Bearer ", "bearer ", "BEARER ", "bEaReR ")) {
            assertEquals("nothing to change: give displayName, rankingsOptIn or both",
                call(HttpMethod.PATCH, "/api/v1/account", scheme + token, "{}", 400).path("message").asText(), scheme);
        }
        assertEquals("NOT_AUTHENTICATED", call(HttpMethod.PATCH, "/api/v1/account", "Basic " + token, "{}", 401)
            .path("code").asText());
    }

    /** Every query parameter takes one value: which of two counts would be a guess. */
    @Test
    void shouldRefuseAQueryParameterGivenTwiceOnEveryRoute() {
        final String token = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        assertEquals("query parameter 'status' is given 2 times; it takes one value",
            call(HttpMethod.GET, "/api/v1/orders?status=open&status=all", token, "", 400).path("message").asText());
        assertEquals("query parameter 'from' is given 3 times; it takes one value",
            call(HttpMethod.GET, "/api/v1/transactions?from=1&from=2&from=3", token, "", 400).path("message").asText());
        assertEquals("query parameter 'to' is given 2 times; it takes one value",
            call(HttpMethod.GET, "/api/v1/stocks/005930/candles?to=1&to=1", null, "", 400).path("message").asText());
        assertEquals("query parameter 'limit' is given 2 times; it takes one value",
            call(HttpMethod.GET, "/api/v1/rankings?limit=1&limit=2", token, "", 400).path("message").asText());
    }

    /** What many JSON writers emit for a field they have no value for: an optional field given as null is absent. */
    @Test
    void shouldTakeAnOptionalProfileFieldGivenAsNullAsAbsent() {
        final String token = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        assertEquals("nothing to change: give displayName, rankingsOptIn or both", call(HttpMethod.PATCH, "/api/v1/account",
            token, "{\"displayName\":null,\"rankingsOptIn\":null}", 400).path("message").asText());
        assertEquals("username is required", call(HttpMethod.POST, "/api/v1/auth/login",
            "{\"username\":null,\"password\":\"b\"}", 400).path("message").asText(), "a required one is missing");
    }

    @Test
    void shouldThrottleSignInCallsPerClientAddress() {
        for (int i = 0; i < 3; i++) {
            call(HttpMethod.POST, "/api/v1/auth/login", "[]", 400);
        }
        assertEquals("RATE_LIMITED", call(HttpMethod.POST, "/api/v1/auth/login", "[]", 429).path("code").asText());
    }

    /** A client that polls the public market data instead of subscribing cannot take the gateway from others. */
    @Test
    void shouldThrottlePublicMarketDataPerClientAddress() {
        final EmbeddedChannel market = new EmbeddedChannel(handler(new MarketDataHub(0, loop -> () -> { }),
            new RestExecutors(null, null), "", HEALTHY, new RestThrottles(new UserRateLimits(100, 100), new UserRateLimits(1, 3), new UserRateLimits(1, 5))));
        try {
            for (int i = 0; i < 5; i++) {
                market.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    i == 0 ? "/api/v1/stocks?_=1700000000000" : "/api/v1/stocks")); // a browser's cache buster passes
                final FullHttpResponse listing = market.readOutbound();
                assertEquals(200, listing.status().code());
                listing.release();
            }
            market.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/stocks"));
            final FullHttpResponse limited = market.readOutbound();
            assertEquals("too many market data requests from this address; slow down",
                Json.parse(limited.content().toString(StandardCharsets.UTF_8)).path("message").asText());
            assertRetryAfterOneSecond(limited);
        } finally {
            market.finishAndReleaseAll();
        }
    }

    /** @return the response to one request (the caller releases it) */
    private FullHttpResponse respond(HttpMethod method, String uri, String authorization, String body) {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.headers().set("Authorization", authorization);
        }
        channel.writeInbound(request);
        return channel.readOutbound();
    }

    /** Asserts a 429 with the error body and a Retry-After of one second (the limits here refill a token within one). */
    private static void assertRetryAfterOneSecond(FullHttpResponse response) {
        try {
            assertEquals(429, response.status().code());
            assertEquals("1", response.headers().get(HttpHeaderNames.RETRY_AFTER));
            assertEquals("RATE_LIMITED", Json.parse(response.content().toString(StandardCharsets.UTF_8)).path("code").asText());
        } finally {
            response.release();
        }
    }

    @Test
    void shouldSayWhenToRetryInEveryRateLimitedAnswer() {
        for (int i = 0; i < 3; i++) {
            call(HttpMethod.POST, "/api/v1/auth/login", "[]", 400);
        }
        assertRetryAfterOneSecond(respond(HttpMethod.POST, "/api/v1/auth/login", null, "[]"));
        final String token = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        FullHttpResponse response = respond(HttpMethod.POST, "/api/v1/orders", token, "[]");
        for (int i = 0; i < 10_000 && response.status().code() == 400; i++) {
            response.release();
            response = respond(HttpMethod.POST, "/api/v1/orders", token, "[]");
        }
        assertRetryAfterOneSecond(response);
    }

    @Test
    void shouldAnswerAWrongMethodOnAKnownPathWith405AndTheMethodsItTakes() {
        final String token = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        assertMethodNotAllowed(respond(HttpMethod.PUT, "/api/v1/orders/42", token, ""), "GET, PATCH, DELETE");
        assertMethodNotAllowed(respond(HttpMethod.DELETE, "/api/v1/portfolio", token, ""), "GET");
        assertMethodNotAllowed(respond(HttpMethod.GET, "/api/v1/auth/login", null, ""), "POST");
        assertMethodNotAllowed(respond(HttpMethod.POST, "/api/v1/stocks/005930/book", null, ""), "GET");
        assertMethodNotAllowed(respond(HttpMethod.GET, "/api/v1/admin/stocks/005930/halt", token, ""), "POST");
        assertEquals("NOT_FOUND", call(HttpMethod.PUT, "/api/v1/orders/42/fills", token, "", 404).path("code").asText(),
            "an unknown path stays 404");
        assertMethodNotAllowed(respond(HttpMethod.POST, "/health", null, ""), "GET, HEAD");
        assertMethodNotAllowed(respond(HttpMethod.DELETE, "/metrics", null, ""), "GET, HEAD");
        assertMethodNotAllowed(respond(HttpMethod.PUT, "/openapi.yaml", null, ""), "GET, HEAD");
        assertMethodNotAllowed(respond(HttpMethod.POST, "/api/v1/openapi.yaml", token, "{}"), "GET, HEAD");
        final FullHttpResponse head = respond(HttpMethod.HEAD, "/health", null, "");
        try {
            assertEquals(200, head.status().code(), "HEAD is answered wherever GET is");
        } finally {
            head.release();
        }
    }

    @Test
    void shouldRefuseAnUnknownPathAsThePathsBesideItAreRefused() {
        final String user = "Bearer " + tokens.issueAccessToken(7, Role.USER, 0);
        final String admin = "Bearer " + tokens.issueAccessToken(1, Role.ADMIN, 0);
        assertEquals("NOT_FOUND", call(HttpMethod.POST, "/api/v1/auth/session", null, "{}", 404).path("code").asText(),
            "the sign-in calls are open to anyone, so is learning that one does not exist");
        assertEquals("NOT_FOUND", call(HttpMethod.GET, "/api/v1/stocks/005930/trades", null, null, 404).path("code").asText(),
            "so are the stocks");
        assertEquals("NOT_AUTHENTICATED", call(HttpMethod.GET, "/api/v1/positions", null, null, 401).path("code").asText());
        assertEquals("NOT_FOUND", call(HttpMethod.GET, "/api/v1/positions", user, null, 404).path("code").asText());
        assertEquals("FORBIDDEN", call(HttpMethod.POST, "/api/v1/admin/users/3/bonus", user, "{}", 403).path("code").asText());
        assertEquals("NOT_FOUND", call(HttpMethod.POST, "/api/v1/admin/users/3/bonus", admin, "{}", 404).path("code").asText());
        assertEquals("NOT_FOUND", call(HttpMethod.GET, "/api/v1", null, null, 404).path("code").asText(), "not under /api/v1/");
    }

    private static void assertMethodNotAllowed(FullHttpResponse response, String allow) {
        try {
            assertEquals(405, response.status().code());
            assertEquals(allow, response.headers().get(HttpHeaderNames.ALLOW));
            final JsonNode error = Json.parse(response.content().toString(StandardCharsets.UTF_8));
            assertEquals("METHOD_NOT_ALLOWED", error.path("code").asText(), error.toString());
            assertTrue(error.path("message").asText().endsWith("; use " + allow), error.toString());
        } finally {
            response.release();
        }
    }

    @Test
    void shouldTimeTheEmptyBookOfASymbolListedBeforeItsFirstDepth() {
        final MarketDataHub hub = new MarketDataHub(0, loop -> () -> { });
        hub.addListing("005930", "Samsung Electronics");
        final EmbeddedChannel listed = new EmbeddedChannel(handler(hub, new RestExecutors(null, null), "", HEALTHY,
            new RestThrottles(new UserRateLimits(100, 100), new UserRateLimits(1, 3), new UserRateLimits(5, 5))));
        try {
            final long before = System.currentTimeMillis();
            listed.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/stocks/005930/book"));
            final FullHttpResponse response = listed.readOutbound();
            final JsonNode book;
            try {
                book = Json.parse(response.content().toString(StandardCharsets.UTF_8));
            } finally {
                response.release();
            }
            assertEquals(0, book.path("bids").size(), book.toString());
            assertTrue(book.path("ts").asLong() >= before, "an empty book as of now: " + book);
        } finally {
            listed.finishAndReleaseAll();
        }
    }

    @Test
    void shouldServeTheOpenApiFile() {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/openapi.yaml");
        channel.writeInbound(request);
        final FullHttpResponse response = channel.readOutbound();
        try {
            assertEquals(200, response.status().code());
            assertEquals("openapi: 3.0.3\n", response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }
}
