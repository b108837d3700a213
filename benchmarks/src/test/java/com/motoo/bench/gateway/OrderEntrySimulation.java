package com.motoo.bench.gateway;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.WsFrameCheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * Gatling load scenario for the gateway (run against a started {@code scripts/motoo gateway}):
 * N users log in (a failed login is tried again, {@link #LOGIN_TRIES}), open a WebSocket,
 * subscribe to a book, then place a resting LIMIT buy and
 * cancel it (by its client order id), again and again, paced to a target rate; each answer is
 * found by its {@code id} echo alone (a substring, no JSON or regex parsing) and checked to say
 * {@code accepted} or {@code canceled}. Users are signed up (and the symbol listed) in
 * {@link #before()} through REST.
 *
 * <p>Phases, timed from the first user's start: the users arrive evenly over {@code rampSeconds}
 * and trade at once; until {@code rampSeconds + warmupSeconds} their requests are reported under
 * names ending in {@value #WARM_UP} (the JVMs on both sides compile, the gateway's first
 * collections run); then for {@code seconds} under the plain names ({@code place ack},
 * {@code cancel ack}: the figures to quote); then for {@code cooldownSeconds} under names ending in
 * {@value #COOL_DOWN}; then every user closes its WebSocket. No user is replaced, so no login,
 * connect or close falls into the measured window as long as the last user has logged in and
 * subscribed before the warm-up ends (with {@code warmupSeconds} 0 the last arrivals' first
 * requests are measured).
 *
 * <p>System properties: {@code gateway} (http://127.0.0.1:8080), {@code admin} (loadadmin: a user
 * name in the gateway's {@code motoo.gateway.adminUsers}), {@code users} (100),
 * {@code rampSeconds} (10), {@code warmupSeconds} (10), {@code seconds} (60), {@code cooldownSeconds} (2),
 * {@code ordersPerSecond} total target (2000),
 * {@code symbol} (005930), {@code userPrefix} (load), {@code subscribe} (true: each user subscribes
 * to the symbol's book), {@code pipeline} (1: place and cancel are sent back to back and both
 * answers awaited; N: N such pairs back to back; 0: the cancel is sent after the place's answer).
 * Place and cancel each count as one order command. See BENCHMARKS.md for the commands and the figures.
 */
public class OrderEntrySimulation extends Simulation {
    private static final String GATEWAY = System.getProperty("gateway", "http://127.0.0.1:8080");
    private static final int USERS = Integer.getInteger("users", 100);
    private static final int RAMP_SECONDS = Integer.getInteger("rampSeconds", 10);
    private static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 10);
    private static final int SECONDS = Integer.getInteger("seconds", 60);
    private static final int COOLDOWN_SECONDS = Integer.getInteger("cooldownSeconds", 2);
    private static final int ORDERS_PER_SECOND = Integer.getInteger("ordersPerSecond", 2000);
    private static final String SYMBOL = System.getProperty("symbol", "005930");
    private static final String PREFIX = System.getProperty("userPrefix", "load");
    private static final String ADMIN = System.getProperty("admin", "loadadmin");
    private static final boolean SUBSCRIBE = Boolean.parseBoolean(System.getProperty("subscribe", "true"));
    private static final int PIPELINE = Integer.getInteger("pipeline", 1);
    private static final String PASSWORD = "load-test-password";
    /**
     * A login that fails is tried again after a pause, up to this many times in all; what fails in
     * practice is the gateway's 503 BUSY ("too many sign-ins at once; try again in a moment") when
     * hundreds of users log in within seconds and its password threads' queue is full. A user who
     * still could not log in, or connect, stops there rather than trading without a connection.
     */
    private static final int LOGIN_TRIES = 20;
    private static final Duration LOGIN_RETRY_PAUSE = Duration.ofMillis(250);
    private static final String WARM_UP = " (warm-up)";
    private static final String COOL_DOWN = " (cool-down)";
    private static final AtomicInteger NEXT_USER = new AtomicInteger();
    /** When the first user started (epoch ms): the phases are timed from it. */
    private static final AtomicLong FIRST_START = new AtomicLong();

    /** One user's loop is place + cancel, PIPELINE times over (once when 0): 2 or 2 x PIPELINE commands per pace interval. */
    private static final Duration PACE = Duration.ofNanos(Math.max(1,
        2L * Math.max(1, PIPELINE) * USERS * 1_000_000_000L / ORDERS_PER_SECOND));

    private final HttpProtocolBuilder protocol = http.baseUrl(GATEWAY)
        .wsBaseUrl(GATEWAY.replaceFirst("^http", "ws"))
        .contentTypeHeader("application/json")
        .shareConnections();

    private final ScenarioBuilder trader = scenario("place and cancel over WebSocket")
        .exec(session -> {
            final int vu = NEXT_USER.getAndIncrement();
            FIRST_START.compareAndSet(0, System.currentTimeMillis());
            return session.set("user", PREFIX + (vu % USERS)).set("vu", vu).set("n", 0);
        })
        .tryMax(LOGIN_TRIES, "loginTry").on(
            doIf(session -> session.getInt("loginTry") > 0).then(pause(LOGIN_RETRY_PAUSE)),
            exec(http("login").post("/api/v1/auth/login")
                .body(StringBody("{\"username\":\"#{user}\",\"password\":\"" + PASSWORD + "\"}"))
                .check(status().is(200), jsonPath("$.accessToken").saveAs("token"))))
        .exitHereIfFailed()
        .exec(ws("connect").connect("/ws?token=#{token}")
            .await(10).on(ws.checkTextMessage("authenticated").check(substring("\"authenticated\""))))
        .exitHereIfFailed()
        .doIf(session -> SUBSCRIBE).then(
            exec(ws("subscribe").sendText("{\"op\":\"subscribe\",\"id\":\"s\",\"channels\":[\"book." + SYMBOL + "\"]}")
                .await(10).on(ws.checkTextMessage("subscribed").matching(substring("\"subscribed\"")).check(substring("book.")))))
        .asLongAs(session -> System.currentTimeMillis() < phaseEnd(RAMP_SECONDS + WARMUP_SECONDS + SECONDS + COOLDOWN_SECONDS))
        .on(exec(session -> {
            final int n = session.getInt("n") + 1;
            return session.set("n", n).set("price", 60000 + 100 * (n % 50));
        })
            .pace(PACE)
            .exec(session -> session.set("phase", phaseSuffix(System.currentTimeMillis())))
            .exec(PIPELINE == 0 ? placeThenCancel() : placeAndCancelPipelined()))
        .exec(ws("close").close());

    /** @return when the phase that ends {@code seconds} after the first user's start ends (epoch ms) */
    private static long phaseEnd(int seconds) {
        return FIRST_START.get() + seconds * 1000L;
    }

    /** @return the suffix of the names of requests sent at {@code now} (epoch ms): the phase they belong to */
    private static String phaseSuffix(long now) {
        if (now < phaseEnd(RAMP_SECONDS + WARMUP_SECONDS)) {
            return WARM_UP;
        }
        return now < phaseEnd(RAMP_SECONDS + WARMUP_SECONDS + SECONDS) ? "" : COOL_DOWN;
    }

    private static String place(int pair) {
        return "{\"op\":\"place\",\"id\":\"p#{n}-" + pair + "\",\"clientOrderId\":\"o#{vu}-#{n}-" + pair
            + "\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"price\":#{price},\"qty\":1}";
    }

    private static String cancel(int pair) {
        return "{\"op\":\"cancel\",\"id\":\"c#{n}-" + pair + "\",\"clientOrderId\":\"o#{vu}-#{n}-" + pair + "\"}";
    }

    /** The place's answer: found by its {@code id} echo among book updates, then checked to be an acceptance. */
    private static WsFrameCheck.Text placeAck(int pair) {
        return ws.checkTextMessage("place ack#{phase}").matching(substring("\"id\":\"p#{n}-" + pair + "\""))
            .check(substring("\"accepted\""));
    }

    private static WsFrameCheck.Text cancelAck(int pair) {
        return ws.checkTextMessage("cancel ack#{phase}").matching(substring("\"id\":\"c#{n}-" + pair + "\""))
            .check(substring("\"canceled\""));
    }

    /** Place, wait for its answer, cancel (by client order id), wait for that answer. */
    private static ChainBuilder placeThenCancel() {
        return exec(ws("place#{phase}").sendText(place(0)).await(10).on(placeAck(0)))
            .exec(ws("cancel#{phase}").sendText(cancel(0)).await(10).on(cancelAck(0)));
    }

    /**
     * PIPELINE place and cancel pairs sent back to back, then all their answers awaited, in order:
     * several requests in flight, as the protocol allows (the gateway binds a client order id
     * before it reads the cancel, and the engine runs commands in order). Every answer is timed
     * from the last send, which follows the first by microseconds on the same thread.
     */
    private static ChainBuilder placeAndCancelPipelined() {
        ChainBuilder chain = exec(ws("place#{phase}").sendText(place(0)));
        final List<WsFrameCheck> answers = new ArrayList<>();
        for (int pair = 0; pair < PIPELINE; pair++) {
            if (pair > 0) {
                chain = chain.exec(ws("place#{phase}").sendText(place(pair)));
            }
            answers.add(placeAck(pair));
            answers.add(cancelAck(pair));
            if (pair < PIPELINE - 1) {
                chain = chain.exec(ws("cancel#{phase}").sendText(cancel(pair)));
            }
        }
        return chain.exec(ws("cancel#{phase}").sendText(cancel(PIPELINE - 1)).await(10).on(answers));
    }

    {
        setUp(trader.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(RAMP_SECONDS))))
            .protocols(protocol)
            .assertions(global().failedRequests().percent().lt(1.0));
    }

    /** Lists the symbol (as the admin user) and signs up every load user, in parallel. */
    @Override
    public void before() {
        final GatewayRest rest = new GatewayRest(GATEWAY);
        try {
            final String admin = rest.signUpAndLogIn(ADMIN, PASSWORD);
            final String listed = rest.post("/api/v1/admin/stocks", admin,
                "{\"symbol\":\"" + SYMBOL + "\",\"name\":\"Load test stock\",\"basePrice\":70000}");
            if (!listed.contains("\"symbol\"") && !listed.contains("DUPLICATE_SYMBOL")) {
                throw new IllegalStateException("could not list " + SYMBOL + " as " + ADMIN + ": " + listed);
            }
            final ExecutorService pool = Executors.newFixedThreadPool(16);
            final List<Future<String>> signups = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                final String body = "{\"username\":\"" + PREFIX + i + "\",\"password\":\"" + PASSWORD + "\"}";
                signups.add(pool.submit(() -> rest.post("/api/v1/auth/signup", null, body)));
            }
            for (Future<String> signup : signups) {
                signup.get();
            }
            pool.shutdown();
        } catch (Exception e) {
            throw new IllegalStateException("load test set-up failed", e);
        }
    }
}
