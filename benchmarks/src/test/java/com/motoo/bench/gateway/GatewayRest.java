package com.motoo.bench.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The few REST calls the load scenarios make in their set-up, before Gatling takes over: plain
 * {@link HttpClient} requests against one gateway. Thread-safe as its client; allocates per call.
 */
final class GatewayRest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String gateway;

    /** @param gateway the gateway's base URL, e.g. {@code http://127.0.0.1:8080} */
    GatewayRest(String gateway) {
        this.gateway = gateway;
    }

    /**
     * Signs the user up (an answer that the name is taken is fine) and logs in.
     *
     * @return the access token
     * @throws IllegalStateException if the log-in answer holds no token
     */
    String signUpAndLogIn(String user, String password) throws Exception {
        final String credentials = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
        post("/api/v1/auth/signup", null, credentials);
        final String login = post("/api/v1/auth/login", null, credentials);
        if (!login.contains("\"accessToken\"")) {
            throw new IllegalStateException("log-in as " + user + " failed: " + login);
        }
        return login.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    /**
     * POSTs a JSON body, whatever the status.
     *
     * @param token the bearer token, or null for none
     * @return the response body
     */
    String post(String path, String token, String body) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** @return the body of a GET with the bearer token, whatever the status */
    String get(String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token)
            .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
