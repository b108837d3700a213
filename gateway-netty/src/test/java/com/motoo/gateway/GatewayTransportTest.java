package com.motoo.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gateway serves HTTP and WebSocket alike on every transport this machine can run; the ones it
 * cannot run are skipped, with the reason.
 */
@Tag("system")
@Timeout(90)
class GatewayTransportTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(GatewayTransport.class)
    void shouldServeHttpAndWebSocketOnEachAvailableTransport(GatewayTransport transport) throws Exception {
        assumeTrue(transport.isAvailable(), () -> transport.label() + " is not available here: "
            + transport.unavailabilityCause());
        final Properties settings = LocalGateway.settings(dir);
        settings.setProperty(Configuration.TRANSPORT, transport.label());
        try (RunningGateway gateway = RunningGateway.start(dir, settings, 2)) {
            assertEquals(transport, gateway.server().transport());
            final TestClient client = new TestClient(gateway.server().port());
            assertEquals(200, client.call("GET", "/health", null, null).status());
            final String token = client.signUpAndLogin("carrier").path("accessToken").asText();
            final TestClient.Socket socket = client.connect("?token=" + token);
            socket.awaitType("authenticated");
            socket.send("{\"op\":\"ping\"}");
            socket.awaitType("pong");
            socket.send("{\"op\":\"place\",\"id\":7,\"symbol\":\"NONE\",\"side\":\"BUY\",\"price\":1000,\"qty\":1}");
            final JsonNode reject = socket.await(m -> m.path("id").asInt() == 7);
            assertEquals("rejected", reject.path("event").asText(), reject.toString());
            assertEquals("UNKNOWN_SYMBOL", reject.path("reason").asText(), reject.toString());
            socket.close();
        }
    }
}
