package com.motoo.bench.simulator;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator's start against an exchange that cannot serve yet: a 503 (its database restarting)
 * is tried again, a refused admin login ends the start at once with where the password comes from.
 * The exchange is a stub that answers the admin login with the statuses given.
 */
@Timeout(30)
class MarketSimulatorSetUpTest {
    private HttpServer exchange;
    private final AtomicInteger logins = new AtomicInteger();

    @AfterEach
    void stop() {
        if (exchange != null) {
            exchange.stop(0);
        }
    }

    private MarketSimulator simulatorFacing(List<Integer> loginStatuses) throws IOException {
        final Iterator<Integer> statuses = loginStatuses.iterator();
        exchange = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exchange.createContext("/api/v1/auth/login", call -> {
            logins.incrementAndGet();
            final int status = statuses.hasNext() ? statuses.next() : 401;
            final byte[] body = ("{\"code\":\"" + (status == 401 ? "NOT_AUTHENTICATED" : "DATABASE_UNAVAILABLE") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
            call.sendResponseHeaders(status, body.length);
            call.getResponseBody().write(body);
            call.close();
        });
        exchange.start();
        return new MarketSimulator(SimulatorConfig.parse(new String[] {
            "--url", "http://127.0.0.1:" + exchange.getAddress().getPort(), "--admin-password", "wrong"}));
    }

    @Test
    void shouldTryAgainWhileTheExchangeCannotServeAndStopAtARefusal() throws Exception {
        final MarketSimulator simulator = simulatorFacing(List.of(503, 401));
        final IOException refused = assertThrows(IOException.class, simulator::setUp);
        assertEquals(2, logins.get(), "the 503 was tried again, the 401 was not");
        assertTrue(refused.getMessage().startsWith("cannot log in as the admin 'admin'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--admin-password"), refused.getMessage());
    }
}
