package com.motoo.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.gateway.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** A JDK HttpClient/WebSocket client for the system tests: JSON REST calls and a message queue per socket. */
final class TestClient {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    TestClient(int port) {
        this.port = port;
    }

    /** A REST answer: status, parsed body (null when empty), its text and headers. */
    record Answer(int status, JsonNode body, String text, HttpHeaders headers) {
        /** @return the comma-separated values of a header over all its lines, each trimmed; empty when it is absent */
        List<String> values(String header) {
            final List<String> values = new ArrayList<>();
            for (String line : headers.allValues(header)) {
                for (String value : line.split(",")) {
                    values.add(value.strip());
                }
            }
            return values;
        }
    }

    Answer call(String method, String path, String token, String json) throws Exception {
        return call(method, path, token, json, Map.of());
    }

    /** A REST call with more headers (Origin, Access-Control-Request-Method, ...). */
    Answer call(String method, String path, String token, String json, Map<String, String> headers) throws Exception {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(15))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(builder::header);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        final HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        final String text = response.body();
        final boolean isJson = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        return new Answer(response.statusCode(), isJson && !text.isEmpty() ? Json.MAPPER.readTree(text) : null, text,
            response.headers());
    }

    /** Signs up (if new) and logs in; @return the login answer's body */
    JsonNode signUpAndLogin(String username) throws Exception {
        call("POST", "/api/v1/auth/signup", null, "{\"username\":\"" + username + "\",\"password\":\"secret-pass-1\"}");
        final Answer login = call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"" + username + "\",\"password\":\"secret-pass-1\"}");
        if (login.status() != 200) {
            throw new AssertionError("login failed: " + login.text());
        }
        return login.body();
    }

    Socket connect(String query) throws Exception {
        final Socket socket = new Socket();
        socket.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + (query == null ? "" : query)), socket)
            .get(10, TimeUnit.SECONDS);
        return socket;
    }

    /** One WebSocket connection with every received message queued. */
    static final class Socket implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean reading = true;
        WebSocket ws;

        /** Stops asking the socket for messages: the client stops reading, as a slow consumer does. */
        void pause() {
            reading = false;
        }

        /** Reads again. */
        void resume() {
            reading = true;
            ws.request(1);
        }

        void send(String json) {
            ws.sendText(json, true).join();
        }

        /** @return the next message matching the predicate (others before it are skipped) */
        JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                final JsonNode next = messages.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && match.test(next)) {
                    return next;
                }
            }
            return fail("no matching message within 10 s");
        }

        JsonNode awaitType(String type) throws InterruptedException {
            return await(m -> type.equals(m.path("type").asText()));
        }

        JsonNode awaitOrder(String event, long orderId) throws InterruptedException {
            return await(m -> m.path("type").asText().equals("order") && m.path("event").asText().equals(event)
                && m.path("orderId").asLong() == orderId);
        }

        int awaitClose() throws Exception {
            return closeCode.get(10, TimeUnit.SECONDS);
        }

        void close() {
            ws.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("server sent malformed JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            if (reading || !last) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
