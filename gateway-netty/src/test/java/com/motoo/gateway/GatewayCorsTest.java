package com.motoo.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CORS with a restricted list of origins, through a started server's real pipeline: browser pages of
 * a listed origin are answered with that origin allowed, pages of any other origin are answered
 * without it (so the browser keeps the answer from them), on preflights and on the requests
 * themselves, errors included: the body-limit 413, a 404 and the sign-in throttle's 429 (its burst
 * is 3 here; no other test signs in); and WebSocket handshakes, which browsers send without CORS.
 */
@Tag("system")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GatewayCorsTest {
    private static final String LISTED = "https://motoo.example";
    private static final String OTHER = "https://elsewhere.example";

    private RunningGateway gateway;
    private TestClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        final Properties p = LocalGateway.settings(dir);
        p.setProperty(Configuration.HTTP_CORS_ORIGINS, "http://localhost:5173," + LISTED);
        p.setProperty(Configuration.HTTP_AUTH_RATE_PER_SECOND, "1");
        p.setProperty(Configuration.HTTP_AUTH_RATE_BURST, "3");
        gateway = RunningGateway.start(dir, p, 2);
        client = new TestClient(gateway.server().port());
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private TestClient.Answer preflight(String origin) throws Exception {
        return client.call("OPTIONS", "/api/v1/orders", null, null, Map.of("Origin", origin,
            "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
    }

    /** @return the status line of a WebSocket handshake sent with this Origin (none when null) */
    private String handshake(String origin) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.server().port())) {
            socket.setSoTimeout(10_000);
            final String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** Browsers apply no CORS to WebSockets, so the server checks the Origin of a handshake itself. */
    @Test
    void shouldOpenWebSocketsOnlyToListedOriginsAndToClientsThatAreNotBrowsers() throws Exception {
        assertEquals("HTTP/1.1 101 Switching Protocols", handshake(LISTED));
        assertEquals("HTTP/1.1 101 Switching Protocols", handshake(null), "a bot sends no Origin");
        assertEquals("HTTP/1.1 403 Forbidden", handshake(OTHER));
    }

    @Test
    void shouldAllowAListedOriginByNameInAPreflight() throws Exception {
        final TestClient.Answer allowed = preflight(LISTED);
        assertEquals(200, allowed.status(), allowed.text());
        assertEquals(List.of(LISTED), allowed.values("Access-Control-Allow-Origin"));
        assertTrue(allowed.values("Vary").stream().anyMatch("Origin"::equalsIgnoreCase), "caches keep one answer per origin: "
            + allowed.headers());
        assertTrue(allowed.values("Access-Control-Allow-Methods").contains("POST"), allowed.headers().toString());
    }

    @Test
    void shouldNotAllowAnOriginOffTheListInAPreflight() throws Exception {
        final TestClient.Answer refused = preflight(OTHER);
        assertEquals(200, refused.status(), refused.text());
        assertTrue(refused.values("Access-Control-Allow-Origin").isEmpty(), "the browser refuses the request: " + refused.headers());
        assertTrue(refused.values("Access-Control-Allow-Methods").isEmpty(), refused.headers().toString());
    }

    @Test
    void shouldLetOnlyAListedOriginReadAnAnswer() throws Exception {
        final TestClient.Answer listed = client.call("GET", "/api/v1/stocks", null, null, Map.of("Origin", LISTED));
        assertEquals(200, listed.status(), listed.text());
        assertEquals(List.of(LISTED), listed.values("Access-Control-Allow-Origin"));
        final TestClient.Answer other = client.call("GET", "/api/v1/stocks", null, null, Map.of("Origin", OTHER));
        assertEquals(200, other.status(), "answered, but the browser keeps the answer from the page: " + other.text());
        assertTrue(other.values("Access-Control-Allow-Origin").isEmpty(), other.headers().toString());
    }

    @Test
    void shouldLetAListedOriginReadA413() throws Exception {
        final TestClient.Answer big = client.call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"" + "x".repeat(70_000) + "\",\"password\":\"p\"}", Map.of("Origin", LISTED));
        assertEquals(413, big.status(), big.text());
        assertEquals(List.of(LISTED), big.values("Access-Control-Allow-Origin"), "the body limit is checked behind CORS");
    }

    @Test
    void shouldLetAListedOriginReadA404() throws Exception {
        final TestClient.Answer missing = client.call("GET", "/api/v1/stocks/005930/news", null, null, Map.of("Origin", LISTED));
        assertEquals(404, missing.status(), missing.text());
        assertEquals("NOT_FOUND", missing.body().path("code").asText());
        assertEquals(List.of(LISTED), missing.values("Access-Control-Allow-Origin"));
    }

    @Test
    void shouldLetAListedOriginReadA429AndWhenToRetry() throws Exception {
        TestClient.Answer answer = null;
        for (int i = 0; i < 10 && (answer == null || answer.status() != 429); i++) {
            answer = client.call("POST", "/api/v1/auth/login", null, "[]", Map.of("Origin", LISTED));
        }
        assertEquals(429, answer.status(), "a burst of 3 sign-in calls, then a second's wait: " + answer.text());
        assertEquals("RATE_LIMITED", answer.body().path("code").asText());
        assertEquals(List.of(LISTED), answer.values("Access-Control-Allow-Origin"));
        assertTrue(answer.values("Access-Control-Expose-Headers").stream().anyMatch("Retry-After"::equalsIgnoreCase),
            answer.headers().toString());
        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.headers().toString());
    }
}
