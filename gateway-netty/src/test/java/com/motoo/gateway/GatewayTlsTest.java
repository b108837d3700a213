package com.motoo.gateway;

import com.motoo.gateway.json.Json;
import com.motoo.journal.Durability;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * TLS with a self-signed development certificate made by the JDK's keytool: HTTPS and WSS on the
 * one port, the client trusting exactly that certificate.
 */
@Tag("system")
@Timeout(90)
class GatewayTlsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private Path selfSignedKeyStore() throws Exception {
        final Path store = dir.resolve("dev-tls.p12");
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "motoo", "-keyalg", "EC",
            "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
            "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD)
            .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return store;
    }

    private static SSLContext trusting(Path store) throws Exception {
        final KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void shouldServeHttpsAndWssWithASelfSignedCertificate() throws Exception {
        final Path store = selfSignedKeyStore();
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            SchemaMigrations.migrate(database.jdbcUrl(), "public");
            final Properties p = new Properties();
            p.setProperty(Configuration.PORT, "0");
            p.setProperty(Configuration.HOST, "127.0.0.1");
            p.setProperty(Configuration.IO_THREADS, "1");
            p.setProperty(Configuration.TLS_KEYSTORE, store.toString());
            p.setProperty(Configuration.TLS_KEYSTORE_PASSWORD, PASSWORD);
            p.setProperty(Configuration.DATA_DIR, dir.resolve("gateway").toString());
            try (HikariDataSource dataSource = ConnectionPools.hikari(database.jdbcUrl(), 2);
                 GatewayServer server = GatewayServer.start(Configuration.from(p), dir.resolve("journal"), Durability.MMAP,
                     dataSource)) {
                final HttpClient client = HttpClient.newBuilder().sslContext(trusting(store)).build();
                final HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());

                final CompletableFuture<String> answer = new CompletableFuture<>();
                final WebSocket ws = client.newWebSocketBuilder()
                    .buildAsync(URI.create("wss://localhost:" + server.port() + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            answer.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
                ws.sendText("{\"op\":\"ping\"}", true).join();
                assertEquals("NOT_AUTHENTICATED", Json.parse(answer.get(10, TimeUnit.SECONDS)).path("code").asText(),
                    "a ping before auth is answered, over TLS, like any other op");
                ws.abort();
            }
        }
    }
}
