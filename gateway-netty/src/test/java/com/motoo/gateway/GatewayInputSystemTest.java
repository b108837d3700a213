package com.motoo.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.gateway.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed input a client can send, through a started server's real pipeline and database: text
 * PostgreSQL cannot hold (a NUL) refused before it reaches the database, filters and ranges checked
 * as everywhere else, a malformed escape in the URL answered on a connection that stays open.
 */
@Tag("system")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GatewayInputSystemTest {
    private static final String CONTROL = " must not hold control characters (U+0000 to U+001F, U+007F) or lone surrogates";
    private static final String BAD_SYMBOL = "symbol must be 1 to 8 characters of [0-9A-Za-z._-]";

    private RunningGateway gateway;
    private TestClient client;
    private String token;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        gateway = RunningGateway.start(dir, LocalGateway.settings(dir), 2);
        client = new TestClient(gateway.server().port());
        token = client.signUpAndLogin("trader").path("accessToken").asText();
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** @return the message of an error answer, after checking its status and code */
    private static String refusal(TestClient.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.text());
        assertEquals(code, answer.body().path("code").asText(), answer.text());
        return answer.body().path("message").asText();
    }

    @Test
    void shouldRefuseADisplayNameWithANulAt400() throws Exception {
        assertEquals("displayName" + CONTROL, refusal(client.call("POST", "/api/v1/auth/signup", null,
            "{\"username\":\"nul1\",\"password\":\"secret-pass-1\",\"displayName\":\"a\\u0000b\"}"), 400, "INVALID_REQUEST"));
        assertEquals("displayName" + CONTROL, refusal(client.call("PATCH", "/api/v1/account", token,
            "{\"displayName\":\"a\\u0000b\"}"), 400, "INVALID_REQUEST"));
    }

    @Test
    void shouldRefuseAPasswordOfOnlySpaces() throws Exception {
        assertEquals("password must not be only spaces", refusal(client.call("POST", "/api/v1/auth/signup", null,
            "{\"username\":\"spaces1\",\"password\":\"        \"}"), 400, "INVALID_REQUEST"));
        assertEquals("password must not be only spaces", refusal(client.call("POST", "/api/v1/auth/signup", null,
            "{\"username\":\"spaces3\",\"password\":\"\\u00a0\\u00a0\\u00a0\\u00a0\\u3000\\u3000\\t\\u202f\"}"), 400,
            "INVALID_REQUEST"), "no-break, ideographic and other spaces");
        assertEquals(201, client.call("POST", "/api/v1/auth/signup", null,
            "{\"username\":\"spaces2\",\"password\":\"  a  b  c  \"}").status(), "spaces around other characters are fine");
    }

    @Test
    void shouldSignUpWithADisplayNameGivenAsNullAsWithoutOne() throws Exception {
        final TestClient.Answer signUp = client.call("POST", "/api/v1/auth/signup", null,
            "{\"username\":\"nullname\",\"password\":\"secret-pass-1\",\"displayName\":null,\"rankingsOptIn\":null}");
        assertEquals(201, signUp.status(), signUp.text());
    }

    /** A client retrying a refresh whose answer it lost (within the grace, 10 s by default) is refused, nobody signed out. */
    @Test
    void shouldOnlyRefuseARefreshTokenPresentedAgainRightAfterItsUse() throws Exception {
        final String refresh = client.signUpAndLogin("retrier").path("refreshToken").asText();
        final TestClient.Answer rotated = client.call("POST", "/api/v1/auth/refresh", null,
            "{\"refreshToken\":\"" + refresh + "\"}");
        assertEquals(200, rotated.status(), rotated.text());
        final String retried = refusal(client.call("POST", "/api/v1/auth/refresh", null,
            "{\"refreshToken\":\"" + refresh + "\"}"), 401, "NOT_AUTHENTICATED");
        assertEquals("the refresh token is invalid, expired or revoked", retried);
        assertEquals(200, client.call("POST", "/api/v1/auth/refresh", null,
            "{\"refreshToken\":\"" + rotated.body().path("refreshToken").asText() + "\"}").status(),
            "the session the first refresh gave is still alive");
    }

    /** A name no sign-up takes is a wrong name like any other, not a database error. */
    @Test
    void shouldAnswerALoginWithANameThatCannotExistAsAWrongName() throws Exception {
        assertEquals("wrong username or password", refusal(client.call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"trader\\u0000\",\"password\":\"secret-pass-1\"}"), 401, "NOT_AUTHENTICATED"));
    }

    @Test
    void shouldCheckTheSymbolFilterAsTheWebSocketChecksSymbols() throws Exception {
        for (String path : new String[] {"/api/v1/orders", "/api/v1/transactions"}) {
            assertEquals(BAD_SYMBOL, refusal(client.call("GET", path + "?symbol=%00", token, null), 400, "INVALID_REQUEST"));
            assertEquals(BAD_SYMBOL, refusal(client.call("GET", path + "?symbol=005930%20", token, null), 400,
                "INVALID_REQUEST"));
            assertEquals(200, client.call("GET", path + "?symbol=005930", token, null).status(), path);
        }
    }

    /** The same range check as candles: from and to are epoch ms, and from is not after to. */
    @Test
    void shouldCheckTheRangeOfTransactionsAsCandlesDo() throws Exception {
        assertEquals("from must not be after to", refusal(client.call("GET", "/api/v1/transactions?from=10&to=5", token, null),
            400, "INVALID_REQUEST"));
        assertEquals("from must be between 0 and " + Long.MAX_VALUE, refusal(client.call("GET",
            "/api/v1/transactions?from=-1", token, null), 400, "INVALID_REQUEST"));
        assertEquals(200, client.call("GET", "/api/v1/transactions?from=5&to=10", token, null).status());
    }

    @Test
    void shouldAnswerMalformedPercentEncodingWith400OnAConnectionThatStaysOpen() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.server().port())) {
            socket.setSoTimeout(10_000);
            for (String target : new String[] {"/api/v1/stocks/%zz", "/api/v1/stocks?a=%zz", "/api/v1/stocks?%",
                "/api/v1/stocks/%E0%A4%A"}) {
                final JsonNode error = Json.parse(get(socket, target, 400));
                assertEquals("INVALID_REQUEST", error.path("code").asText(), target);
                assertTrue(error.path("message").asText().startsWith("malformed percent-encoding in the URL: "), error.toString());
            }
            assertTrue(get(socket, "/health", 200).contains("UP"), "the same connection still serves");
        }
    }

    /** Sends a GET on a kept-alive connection; @return the answer's body, after checking its status */
    private static String get(Socket socket, String target, int status) throws IOException {
        socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        final InputStream in = socket.getInputStream();
        final String statusLine = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).strip());
            }
        }
        final String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        assertTrue(statusLine.startsWith("HTTP/1.1 " + status + " "), target + ": " + statusLine + " " + body);
        return body;
    }

    /** @return one line of the answer's head, without its CRLF @throws EOFException when the server closed instead */
    private static String line(InputStream in) throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection without an answer");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).stripTrailing();
    }
}
