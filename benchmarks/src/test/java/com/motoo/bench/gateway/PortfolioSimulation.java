package com.motoo.bench.gateway;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Gatling load scenario for the REST read path: many users, each on its own keep-alive
 * connection, reading their own {@code GET /api/v1/portfolio} (or, with {@code -Dread}, their
 * {@code /api/v1/transactions} or {@code /api/v1/orders?status=all}) while traders keep filling
 * orders between those same users, so the persister is applying and portfolios change during the
 * run.
 *
 * <p>Set-up ({@link #before()}, plain REST): the admin lists {@code symbols} stocks (base price
 * 70,000), {@code users} users sign up and log in, each is granted 100 shares of every symbol, and
 * for every symbol each user sells 10 to the next user (a resting sell crossed by a buy), so every
 * portfolio holds every symbol at a cost basis and a last price of its own; the run starts once the
 * persister shows all of them.
 *
 * <p>Run: readers ramp in over 5 s; each loops {@code warmupSeconds} on the request named
 * "warm-up" (JIT and pools warm, not reported as the result), then {@code seconds} on the request
 * named after {@code read}, paced so that all readers together offer {@code requestsPerSecond}.
 * Meanwhile 10 traders make {@code tradesPerSecond} crossing pairs (a 1-share sell of one user at
 * the last price, then a buy of the next user at that price), each a fill the persister applies.
 * A closed model: a reader whose answer is late sends its next request late, so compare the
 * achieved rate with the offered one.
 *
 * <p>System properties: {@code gateway} (http://127.0.0.1:8080), {@code admin} (loadadmin, one of
 * the gateway's {@code motoo.gateway.adminUsers}), {@code users} (500), {@code symbols} (4),
 * {@code read} (portfolio | transactions | orders), {@code requestsPerSecond} (2000),
 * {@code warmupSeconds} (20), {@code seconds} (30), {@code tradesPerSecond} (50),
 * {@code userPrefix} (reader).
 */
public class PortfolioSimulation extends Simulation {
    private static final String GATEWAY = System.getProperty("gateway", "http://127.0.0.1:8080");
    private static final String ADMIN = System.getProperty("admin", "loadadmin");
    private static final int USERS = Integer.getInteger("users", 500);
    private static final int SYMBOLS = Integer.getInteger("symbols", 4);
    private static final String READ = System.getProperty("read", "portfolio");
    private static final int RATE = Integer.getInteger("requestsPerSecond", 2000);
    private static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 20);
    private static final int SECONDS = Integer.getInteger("seconds", 30);
    private static final int TRADES_PER_SECOND = Integer.getInteger("tradesPerSecond", 50);
    private static final String PREFIX = System.getProperty("userPrefix", "reader");
    private static final int TRADERS = 10;
    private static final int RAMP_SECONDS = 5;
    private static final long BASE_PRICE = 70_000;
    private static final long TICK = 100;
    private static final String PASSWORD = "load-test-password";

    private static final AtomicInteger NEXT_READER = new AtomicInteger();
    private static final AtomicInteger NEXT_TRADE = new AtomicInteger();
    private static volatile String[] tokens;

    private final HttpProtocolBuilder protocol = http.baseUrl(GATEWAY).acceptHeader("application/json")
        .contentTypeHeader("application/json");

    private final ChainBuilder read = readRequest("warm-up", WARMUP_SECONDS).exec(readRequest(READ, SECONDS));

    private final ScenarioBuilder readers = scenario("readers")
        .exec(session -> session.set("token", tokens[NEXT_READER.getAndIncrement() % USERS]))
        .exec(read);

    private final ScenarioBuilder traders = scenario("traders")
        .during(Duration.ofSeconds(WARMUP_SECONDS + SECONDS)).on(
            exec(session -> {
                final int n = NEXT_TRADE.getAndIncrement();
                return session.set("seller", tokens[n % USERS]).set("buyer", tokens[(n + 1) % USERS])
                    .set("symbol", symbol(n / USERS % SYMBOLS)).set("price", BASE_PRICE + TICK * (n % 21 - 10));
            })
                .pace(Duration.ofMillis(1000L * TRADERS / Math.max(1, TRADES_PER_SECOND)))
                .exec(order("trade sell", "#{seller}", "SELL", "#{symbol}", "#{price}", 1))
                .exec(order("trade buy", "#{buyer}", "BUY", "#{symbol}", "#{price}", 1)));

    {
        final List<io.gatling.javaapi.core.PopulationBuilder> population = new ArrayList<>();
        population.add(readers.injectOpen(rampUsers(USERS).during(RAMP_SECONDS)));
        if (TRADES_PER_SECOND > 0) {
            population.add(traders.injectOpen(rampUsers(TRADERS).during(RAMP_SECONDS)));
        }
        setUp(population).protocols(protocol)
            .assertions(details(READ).failedRequests().percent().lt(1.0));
    }

    /** A reader's loop of one request name for a while, paced to its share of the rate. */
    private static ChainBuilder readRequest(String name, int seconds) {
        final String path = switch (READ) {
            case "portfolio" -> "/api/v1/portfolio";
            case "transactions" -> "/api/v1/transactions";
            case "orders" -> "/api/v1/orders?status=all";
            default -> throw new IllegalArgumentException("read must be portfolio, transactions or orders, not " + READ);
        };
        final String field = switch (READ) {
            case "portfolio" -> "$.positions";
            case "transactions" -> "$.transactions";
            default -> "$.orders";
        };
        return during(Duration.ofSeconds(seconds)).on(
            pace(Duration.ofNanos(1_000_000_000L * USERS / RATE))
                .exec(http(name).get(path).header("Authorization", "Bearer #{token}")
                    .check(status().is(200), jsonPath(field).exists())));
    }

    private static io.gatling.javaapi.http.HttpRequestActionBuilder order(String name, String token, String side,
                                                                         String symbol, String price, int qty) {
        return http(name).post("/api/v1/orders").header("Authorization", "Bearer " + token)
            .body(StringBody("{\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"type\":\"LIMIT\",\"tif\":\"GTC\","
                + "\"price\":" + price + ",\"qty\":" + qty + "}"))
            .check(status().is(201));
    }

    private static String symbol(int i) {
        return "9" + String.format("%05d", i + 1);
    }

    /** Lists the symbols, signs the users up, gives them positions by crossing orders, waits for the persister. */
    @Override
    public void before() {
        final GatewayRest rest = new GatewayRest(GATEWAY);
        final ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            final String admin = rest.signUpAndLogIn(ADMIN, PASSWORD);
            for (int s = 0; s < SYMBOLS; s++) {
                final String listed = rest.post("/api/v1/admin/stocks", admin, "{\"symbol\":\"" + symbol(s)
                    + "\",\"name\":\"Read path stock " + s + "\",\"basePrice\":" + BASE_PRICE + "}");
                if (!listed.contains("\"symbol\"") && !listed.contains("DUPLICATE_SYMBOL")) {
                    throw new IllegalStateException("could not list " + symbol(s) + ": " + listed);
                }
            }
            final String[] signedIn = new String[USERS];
            forEachUser(pool, i -> {
                signedIn[i] = rest.signUpAndLogIn(PREFIX + i, PASSWORD);
                for (int s = 0; s < SYMBOLS; s++) {
                    expect(rest.post("/api/v1/admin/users/" + userId(signedIn[i]) + "/shares", admin,
                        "{\"symbol\":\"" + symbol(s) + "\",\"qty\":100}"), "\"qty\"");
                }
                return null;
            });
            tokens = signedIn;
            forEachUser(pool, i -> {
                for (int s = 0; s < SYMBOLS; s++) {
                    final String price = Long.toString(BASE_PRICE + TICK * (i % 21 - 10));
                    expect(rest.post("/api/v1/orders", signedIn[i], orderBody(symbol(s), "SELL", price, 10)), "\"orderId\"");
                    expect(rest.post("/api/v1/orders", signedIn[(i + 1) % USERS], orderBody(symbol(s), "BUY", price, 10)),
                        "\"orderId\"");
                }
                return null;
            });
            forEachUser(pool, i -> {
                for (int tries = 0; tries < 300; tries++) {
                    if (rest.get("/api/v1/portfolio", signedIn[i]).split("\"symbol\"", -1).length - 1 == SYMBOLS) {
                        return null;
                    }
                    Thread.sleep(100);
                }
                throw new IllegalStateException(PREFIX + i + "'s portfolio never showed its positions: is a persister running?");
            });
        } catch (Exception e) {
            throw new IllegalStateException("read path load test set-up failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String orderBody(String symbol, String side, String price, int qty) {
        return "{\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":"
            + price + ",\"qty\":" + qty + "}";
    }

    private static void expect(String answer, String mark) {
        if (!answer.contains(mark) || answer.contains("\"code\":")) {
            throw new IllegalStateException("unexpected answer: " + answer);
        }
    }

    /** @return the user id in an access token's {@code sub} claim */
    private static long userId(String token) {
        final String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Long.parseLong(claims.replaceAll(".*\"sub\":\"(\\d+)\".*", "$1"));
    }

    /** Runs a step for every user index on the pool and waits for all; the first failure is thrown. */
    private static void forEachUser(ExecutorService pool, UserStep step) throws Exception {
        final List<Future<Void>> done = new ArrayList<>(USERS);
        for (int i = 0; i < USERS; i++) {
            final int user = i;
            final Callable<Void> call = () -> step.run(user);
            done.add(pool.submit(call));
        }
        for (Future<Void> f : done) {
            f.get();
        }
    }

    /** One set-up step for one user. */
    @FunctionalInterface
    private interface UserStep {
        Void run(int user) throws Exception;
    }
}
