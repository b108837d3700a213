package com.motoo.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The read-model database goes down under a running gateway: reads and sign-ins are answered 503
 * DATABASE_UNAVAILABLE within the pool's few seconds (not a 500 after half a minute), orders still
 * go through the engine, and {@code /health} says the read model is down while the exchange is up.
 */
@Tag("system")
@Timeout(90)
class GatewayDatabaseOutageTest {
    @TempDir
    Path dir;
    private RunningGateway gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldAnswerReadsAndSignInsWithAClearErrorAndKeepTakingOrdersWhileTheDatabaseIsDown() throws Exception {
        gateway = RunningGateway.start(dir, LocalGateway.settings(dir), 2);
        final TestClient client = new TestClient(gateway.server().port());
        final String admin = client.signUpAndLogin("boss").path("accessToken").asText();
        assertEquals(200, client.call("POST", "/api/v1/admin/stocks", admin,
            "{\"symbol\":\"OUT1\",\"name\":\"Outage\",\"basePrice\":10000}").status());
        final String token = client.signUpAndLogin("trader").path("accessToken").asText();

        gateway.stopDatabase();
        for (String read : new String[] {"/api/v1/account", "/api/v1/portfolio", "/api/v1/orders"}) {
            final TestClient.Answer down = client.call("GET", read, token, null);
            assertEquals(503, down.status(), read + ": " + down.text());
            assertEquals("DATABASE_UNAVAILABLE", down.body().path("code").asText(), down.text());
        }
        final TestClient.Answer login = client.call("POST", "/api/v1/auth/login", null,
            "{\"username\":\"trader\",\"password\":\"secret-pass-1\"}");
        assertEquals(503, login.status(), login.text());
        assertEquals("DATABASE_UNAVAILABLE", login.body().path("code").asText());

        final TestClient.Answer placed = client.call("POST", "/api/v1/orders", token,
            "{\"symbol\":\"OUT1\",\"side\":\"BUY\",\"price\":10000,\"qty\":1}");
        assertEquals(201, placed.status(), placed.text());

        JsonNode health = client.call("GET", "/health", null, null).body();
        for (int i = 0; i < 100 && !health.path("readModel").asText().equals("DOWN"); i++) {
            Thread.sleep(100);
            health = client.call("GET", "/health", null, null).body();
        }
        assertEquals("DOWN", health.path("readModel").asText(), health.toString());
        assertEquals("UP", health.path("status").asText(), "the exchange itself is up");
    }
}
