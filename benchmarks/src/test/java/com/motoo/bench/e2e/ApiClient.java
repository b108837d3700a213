package com.motoo.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The public API as a client sees it: JSON REST calls and WebSocket sessions with a message queue. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    /** A REST answer. */
    record Answer(int status, JsonNode body) {
    }

    Answer call(String method, String path, String token, String body) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
            .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    /** Signs up (if needed) and logs in. @return the login answer (accessToken, userId, ...) */
    JsonNode signUpAndLogin(String username) throws IOException, InterruptedException {
        final String credentials = "{\"username\":\"" + username + "\",\"password\":\"password-" + username + "\"}";
        final Answer signUp = call("POST", "/auth/signup", null, credentials);
        if (signUp.status() != 201 && signUp.status() != 409) {
            throw new IllegalStateException("sign-up answered " + signUp.status() + ": " + signUp.body());
        }
        final Answer login = call("POST", "/auth/login", null, credentials);
        if (login.status() != 200) {
            throw new IllegalStateException("login answered " + login.status() + ": " + login.body());
        }
        return login.body();
    }

    /** Opens a WebSocket and authenticates with the first message. */
    Socket connect(String token) throws InterruptedException {
        final Socket socket = new Socket();
        socket.webSocket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), socket).join();
        socket.send("{\"op\":\"auth\",\"token\":\"" + token + "\"}");
        socket.await(m -> "authenticated".equals(m.path("type").asText()), Duration.ofSeconds(10));
        return socket;
    }

    /** One WebSocket session; every message the server sends is queued for {@link #await}. */
    static final class Socket implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket webSocket;

        void send(String text) {
            webSocket.sendText(text, true).join();
        }

        /** @return the first queued message matching, dropping the ones before it */
        JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                final JsonNode message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError("no matching message within " + timeout);
                }
                if (wanted.test(message)) {
                    return message;
                }
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException("server sent invalid JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public void close() {
            webSocket.abort();
        }
    }
}
