package com.motoo.bench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One bot's WebSocket session on the public API: authenticates with its token, sends requests
 * (one at a time, as java.net.http.WebSocket requires) and hands every server message to a
 * consumer on the WebSocket's receiving thread.
 */
final class BotConnection implements WebSocket.Listener, AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final Consumer<JsonNode> onMessage;
    private final CountDownLatch authenticated = new CountDownLatch(1);
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private volatile String closeReason;

    private BotConnection(Consumer<JsonNode> onMessage) {
        this.onMessage = onMessage;
    }

    /**
     * Connects and authenticates; blocks until the server says {@code authenticated}.
     *
     * @param onMessage receives every message after authentication, on the receiving thread
     */
    static BotConnection open(HttpClient http, URI uri, String token, Consumer<JsonNode> onMessage)
        throws IOException, InterruptedException {
        final BotConnection connection = new BotConnection(onMessage);
        connection.socket = http.newWebSocketBuilder().buildAsync(uri, connection).join();
        connection.send(connection.json.createObjectNode().put("op", "auth").put("token", token));
        if (!connection.authenticated.await(10, TimeUnit.SECONDS)) {
            connection.close();
            throw new IOException("no 'authenticated' from " + uri + (connection.closeReason == null ? "" : ": " + connection.closeReason));
        }
        return connection;
    }

    /** @return a new request object to fill and {@link #send} */
    ObjectNode request(String op) {
        return json.createObjectNode().put("op", op);
    }

    /** Sends one request and waits until it is handed to the socket. */
    void send(ObjectNode request) throws IOException {
        try {
            socket.sendText(json.writeValueAsString(request), true).join();
        } catch (RuntimeException e) {
            throw new IOException("send failed" + (closeReason == null ? "" : " (" + closeReason + ")"), e);
        }
    }

    /** @return why the server closed the connection, or null while it is open */
    String closeReason() {
        return closeReason;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            final String text = partial.toString();
            partial.setLength(0);
            try {
                final JsonNode message = json.readTree(text);
                if ("authenticated".equals(message.path("type").asText())) {
                    authenticated.countDown();
                } else {
                    onMessage.accept(message);
                }
            } catch (IOException e) {
                System.err.println("simulator: unreadable message: " + text);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = statusCode + " " + reason;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason = "error: " + error;
    }

    @Override
    public void close() {
        if (socket != null && closeReason == null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
