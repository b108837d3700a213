package com.motoo.bench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The REST calls the simulator makes on the public API (PROTOCOL.md): sign-up, login, the stock
 * listing and the admin endpoints that fund the bots. Blocking; used from the simulator's set-up
 * and its single trading thread.
 */
final class ExchangeClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI baseUrl;

    ExchangeClient(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A listed stock as the simulator needs it. */
    static final class Listing {
        final String symbol;
        final long basePrice;
        final long lastPrice;
        final long lowerLimit;
        final long upperLimit;

        Listing(String symbol, long basePrice, long lastPrice, long lowerLimit, long upperLimit) {
            this.symbol = symbol;
            this.basePrice = basePrice;
            this.lastPrice = lastPrice;
            this.lowerLimit = lowerLimit;
            this.upperLimit = upperLimit;
        }
    }

    /** The exchange answered 5xx (busy, its database down, starting): worth trying again later, unlike a refusal. */
    static final class Unavailable extends IOException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** A logged-in user: the access token, the user id the login answered with, and whether the sign-up just created it. */
    static final class Session {
        final String token;
        final long userId;
        final boolean created;

        Session(String token, long userId, boolean created) {
            this.token = token;
            this.userId = userId;
            this.created = created;
        }
    }

    /** Logs a user in, first signing it up when it does not exist yet (a 409 then means another start just did). */
    Session signUpOrLogin(String username, String password) throws IOException, InterruptedException {
        final ObjectNode credentials = json.createObjectNode().put("username", username).put("password", password);
        final HttpResponse<String> known = post("/api/v1/auth/login", credentials, null);
        if (known.statusCode() == 200) {
            // logging in first: a sign-up refused as taken would still use up a user id in the database
            final JsonNode answer = json.readTree(known.body());
            return new Session(answer.path("accessToken").asText(), answer.path("userId").asLong(), false);
        }
        final ObjectNode body = credentials.deepCopy().put("displayName", username);
        final HttpResponse<String> signUp = post("/api/v1/auth/signup", body, null);
        if (signUp.statusCode() != 201 && signUp.statusCode() != 409) {
            throw new IOException("sign-up of " + username + " failed: " + signUp.statusCode() + " " + signUp.body());
        }
        final Session session = login(username, password);
        return new Session(session.token, session.userId, signUp.statusCode() == 201);
    }

    /** Logs in with a user name and password. */
    Session login(String username, String password) throws IOException, InterruptedException {
        final ObjectNode body = json.createObjectNode().put("username", username).put("password", password);
        final JsonNode answer = expect(post("/api/v1/auth/login", body, null), 200);
        return new Session(answer.path("accessToken").asText(), answer.path("userId").asLong(), false);
    }

    /** Admin: adds cash to a user's account. */
    void grantCash(String adminToken, long userId, long amount) throws IOException, InterruptedException {
        final ObjectNode body = json.createObjectNode().put("amount", amount);
        expect(post("/api/v1/admin/users/" + userId + "/cash", body, adminToken), 200);
    }

    /** Admin: gives a user shares of a symbol (an extension of PROTOCOL.md's admin endpoints). */
    void grantShares(String adminToken, long userId, String symbol, long qty) throws IOException, InterruptedException {
        final ObjectNode body = json.createObjectNode().put("symbol", symbol).put("qty", qty);
        expect(post("/api/v1/admin/users/" + userId + "/shares", body, adminToken), 200);
    }

    /** @return every listed stock with its band for today (the listing, then each stock's quote) */
    List<Listing> listings(String token) throws IOException, InterruptedException {
        final JsonNode root = expect(get("/api/v1/stocks", token), 200);
        final List<Listing> listings = new ArrayList<>();
        for (JsonNode item : root.isArray() ? root : root.path("stocks")) {
            final String symbol = item.path("symbol").asText();
            final JsonNode quote = expect(get("/api/v1/stocks/" + symbol, token), 200);
            listings.add(new Listing(symbol, quote.path("base").asLong(), quote.path("last").asLong(),
                quote.path("lowerLimit").asLong(), quote.path("upperLimit").asLong()));
        }
        return listings;
    }

    /**
     * Cancels the user's open orders as the read model lists them (a page of up to 500 at a time,
     * until a page brings nothing new to cancel); an order that closed meanwhile is skipped.
     *
     * @return how many cancels the exchange accepted
     */
    int cancelOpenOrders(String token) throws IOException, InterruptedException {
        int canceled = 0;
        final Set<Long> tried = new HashSet<>();
        while (true) {
            final JsonNode open = expect(get("/api/v1/orders?status=open&limit=500", token), 200).path("orders");
            boolean anyNew = false;
            for (JsonNode order : open) {
                final long orderId = order.path("orderId").asLong();
                if (tried.add(orderId)) {
                    anyNew = true;
                    if (delete("/api/v1/orders/" + orderId, token).statusCode() == 200) {
                        canceled++;
                    }
                }
            }
            if (!anyNew) {
                return canceled;
            }
        }
    }

    /** @return the WebSocket URI of the gateway */
    URI webSocketUri() {
        final String scheme = "https".equals(baseUrl.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + baseUrl.getAuthority() + "/ws");
    }

    HttpClient http() {
        return http;
    }

    private HttpResponse<String> post(String path, JsonNode body, String token) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return withoutBody("GET", path, token);
    }

    private HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        return withoutBody("DELETE", path, token);
    }

    private HttpResponse<String> withoutBody(String method, String path, String token)
        throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() / 100 != status / 100) {
            final String what = response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body();
            throw response.statusCode() >= 500 ? new Unavailable(what) : new IOException(what);
        }
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }
}
