package com.motoo.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two admin listings sent at once over real sockets to a started gateway (two I/O threads, so the
 * two requests are checked side by side): of two symbols that differ only in case exactly one is
 * listed, and of an exact duplicate the engine lists one and refuses the other, as ever.
 */
@Tag("system")
@Timeout(60)
class GatewayAdminListingTest {
    /** Pairs sent, each pair at once: the more, the likelier a check that is not atomic lets both through. */
    private static final int PAIRS = 12;

    @TempDir
    Path dir;

    @Test
    void shouldListExactlyOneOfTwoSymbolsThatDifferOnlyInCaseListedAtOnce() throws Exception {
        final Properties p = LocalGateway.settings(dir);
        p.setProperty(Configuration.IO_THREADS, "2");
        final ExecutorService admins = Executors.newFixedThreadPool(2);
        try (RunningGateway gateway = RunningGateway.start(dir, p, 2)) {
            final TestClient client = new TestClient(gateway.server().port());
            final String admin = client.signUpAndLogin("boss").path("accessToken").asText();
            final Set<String> listed = new HashSet<>();
            for (int i = 0; i < PAIRS; i++) {
                final List<TestClient.Answer> answers = listAtOnce(admins, client, admin, "qa-y" + i, "QA-Y" + i);
                final TestClient.Answer first = answers.get(0);
                final TestClient.Answer second = answers.get(1);
                assertEquals(1, (first.status() == 200 ? 1 : 0) + (second.status() == 200 ? 1 : 0),
                    "exactly one is listed: " + first.text() + " / " + second.text());
                final TestClient.Answer refused = first.status() == 200 ? second : first;
                assertEquals(409, refused.status(), refused.text());
                assertEquals("DUPLICATE_SYMBOL", refused.body().path("code").asText());
                assertTrue(refused.body().path("message").asText().endsWith(" only in case"), refused.text());
                listed.add((first.status() == 200 ? first : second).body().path("symbol").asText());
            }
            final List<TestClient.Answer> duplicates = listAtOnce(admins, client, admin, "qa-z", "qa-z");
            final TestClient.Answer refused = duplicates.get(0).status() == 200 ? duplicates.get(1) : duplicates.get(0);
            final TestClient.Answer accepted = refused == duplicates.get(0) ? duplicates.get(1) : duplicates.get(0);
            assertEquals(200, accepted.status(), "the engine lists one of an exact duplicate: " + accepted.text());
            assertEquals(409, refused.status(), "an exact duplicate is refused by the engine: " + refused.text());
            assertEquals("rejected by the engine: DUPLICATE_SYMBOL", refused.body().path("message").asText());
            listed.add("qa-z");

            final Set<String> served = new HashSet<>();
            for (JsonNode stock : client.call("GET", "/api/v1/stocks", null, null).body()) {
                served.add(stock.path("symbol").asText());
            }
            assertEquals(listed, served, "the listing holds the symbols answered 200, and only those");
        } finally {
            admins.shutdownNow();
            assertTrue(admins.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /** @return the answers to two listings sent together, both callers released by one latch */
    private static List<TestClient.Answer> listAtOnce(ExecutorService admins, TestClient client, String admin,
                                                      String first, String second) throws Exception {
        final CountDownLatch go = new CountDownLatch(1);
        final Future<TestClient.Answer> firstAnswer = admins.submit(() -> list(go, client, admin, first));
        final Future<TestClient.Answer> secondAnswer = admins.submit(() -> list(go, client, admin, second));
        go.countDown();
        return List.of(firstAnswer.get(), secondAnswer.get());
    }

    private static TestClient.Answer list(CountDownLatch go, TestClient client, String admin, String symbol)
        throws Exception {
        go.await();
        return client.call("POST", "/api/v1/admin/stocks", admin,
            "{\"symbol\":\"" + symbol + "\",\"name\":\"look-alike\",\"basePrice\":1000}");
    }
}
