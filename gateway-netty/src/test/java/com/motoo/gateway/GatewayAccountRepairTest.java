package com.motoo.gateway;

import com.motoo.gateway.auth.PasswordHasher;
import com.motoo.journal.Durability;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.motoo.persister.user.User;
import com.motoo.persister.user.UserStore;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A user the read model has and the engine lacks (a sign-up a stop or a crash interrupted after the
 * user was saved and before its account was opened) gets its account, with the starting cash, when
 * the gateway starts; a later start leaves the opened account as it is.
 */
@Tag("system")
@Timeout(90)
class GatewayAccountRepairTest {
    @TempDir
    Path dir;

    private GatewayServer start(HikariDataSource dataSource) throws Exception {
        return GatewayServer.start(Configuration.from(LocalGateway.settings(dir)), dir.resolve("journal"), Durability.MMAP,
            dataSource);
    }

    @Test
    void shouldOpenTheAccountOfAUserSavedWithoutOneAtTheNextStart() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            SchemaMigrations.migrate(database.jdbcUrl(), "public");
            try (HikariDataSource dataSource = ConnectionPools.hikari(database.jdbcUrl(), 4)) {
                new UserStore(dataSource).create("halfway", new PasswordHasher(4).hash("secret-pass-1"), "Halfway",
                    User.Role.USER).orElseThrow();
                final String order = "{\"symbol\":\"000660\",\"side\":\"BUY\",\"price\":150000,\"qty\":60}";
                try (GatewayServer server = start(dataSource)) {
                    final TestClient client = new TestClient(server.port());
                    final String admin = client.signUpAndLogin("boss").path("accessToken").asText();
                    assertEquals(200, client.call("POST", "/api/v1/admin/stocks", admin,
                        "{\"symbol\":\"000660\",\"name\":\"SK hynix\",\"basePrice\":150000}").status());
                    final String token = client.signUpAndLogin("halfway").path("accessToken").asText();
                    final TestClient.Answer placed = client.call("POST", "/api/v1/orders", token, order);
                    assertEquals(201, placed.status(), "9,000,000 KRW of the starting 10,000,000 reserved: " + placed.text());
                }
                try (GatewayServer server = start(dataSource)) {
                    final TestClient client = new TestClient(server.port());
                    final String token = client.signUpAndLogin("halfway").path("accessToken").asText();
                    final TestClient.Answer again = client.call("POST", "/api/v1/orders", token, order);
                    assertEquals("INSUFFICIENT_CASH", again.body().path("code").asText(),
                        "the account was not opened a second time with fresh cash: " + again.text());
                }
            }
        }
    }
}
