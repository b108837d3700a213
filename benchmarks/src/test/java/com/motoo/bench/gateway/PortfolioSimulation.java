package com.motoo.bench.gateway;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Gatling load scenario for the REST read path: {@code GET /api/v1/portfolio} at a constant
 * arrival rate (an open model: each arrival is one request), with one user's access token taken in
 * {@link #before()}; arrivals share a pool of keep-alive connections. Needs a running gateway and
 * a persister applying its journal (the portfolio comes from PostgreSQL). System properties: {@code gateway} (http://127.0.0.1:8080),
 * {@code requestsPerSecond} (2000), {@code seconds} (30), {@code user} (portfolio-reader).
 */
public class PortfolioSimulation extends Simulation {
    private static final String GATEWAY = System.getProperty("gateway", "http://127.0.0.1:8080");
    private static final int RATE = Integer.getInteger("requestsPerSecond", 2000);
    private static final int SECONDS = Integer.getInteger("seconds", 30);
    private static final String USER = System.getProperty("user", "portfolio-reader");
    private static final String PASSWORD = "load-test-password";
    private static volatile String token;

    private final HttpProtocolBuilder protocol = http.baseUrl(GATEWAY).acceptHeader("application/json").shareConnections();

    private final ScenarioBuilder reader = scenario("portfolio")
        .exec(http("portfolio").get("/api/v1/portfolio").header("Authorization", session -> "Bearer " + token)
            .check(status().is(200), jsonPath("$.cash").exists()));

    {
        setUp(reader.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
            .protocols(protocol)
            .assertions(global().failedRequests().percent().lt(1.0));
    }

    /** Signs the reader up (if new), logs in and waits until the persister has its account. */
    @Override
    public void before() {
        final GatewayRest rest = new GatewayRest(GATEWAY);
        try {
            token = rest.signUpAndLogIn(USER, PASSWORD);
            for (int i = 0; i < 100; i++) {
                if (rest.getStatus("/api/v1/portfolio", token) == 200) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("the portfolio never became readable: is a persister running?");
        } catch (Exception e) {
            throw new IllegalStateException("portfolio load test set-up failed", e);
        }
    }
}
