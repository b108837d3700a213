package com.motoo.persister;

import com.motoo.engine.command.Command;
import com.motoo.engine.reference.RandomCommandStream;
import com.motoo.engine.rules.MarketRules;
import com.motoo.journal.JournalQueues;
import com.motoo.persister.apply.PersisterRole;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes away under a running persister and comes back on the same persistent data
 * directory: the persister retries, resumes from its stored offset and ends equal to the engine.
 * Also shows that {@link EmbeddedDatabase} keeps its data across restarts.
 */
@Tag("system")
@Timeout(120)
class DatabaseOutageTest {
    @TempDir
    Path dir;

    @Test
    void shouldRetryAndResumeWhenPostgresRestarts() throws Exception {
        final Path journal = dir.resolve("journal");
        final Path data = dir.resolve("pgdata");
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        EmbeddedDatabase database = EmbeddedDatabase.start(data, 0);
        final int port = database.port();
        final String url = database.jdbcUrl();
        SchemaMigrations.migrate(url, "public");
        final PersisterAgent agent = new PersisterAgent(journal, url, PersisterRole.ALL, "outage", 1_000, 1,
            MarketRules.krxDefaults(), new PrintStream(log, true, StandardCharsets.UTF_8));
        final Thread thread = new Thread(agent, "outage-persister");
        try (JournalDriver driver = new JournalDriver(journal, 1_764_000_000_000L)) {
            final RandomCommandStream stream = new RandomCommandStream(7, RandomCommandStream.bandOf(driver.engine()));
            final Command command = new Command();
            append(driver, stream, command, 3_000);
            thread.start();
            awaitApplied(agent, journal);

            database.close();
            append(driver, stream, command, 3_000);
            Thread.sleep(1_500);
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("database error, retrying"), log.toString());
            assertTrue(agent.lag().events() > 0, "lag while the database is down: " + agent.lag());
            database = EmbeddedDatabase.start(data, port);
            awaitApplied(agent, journal);
            while (agent.lag().events() != 0) {
                Thread.sleep(50);
            }
            assertEquals(0, agent.lag().millis());

            final PGSimpleDataSource db = new PGSimpleDataSource();
            db.setURL(url);
            EngineStateCheck.assertAccountsMatch(driver.engine(), db);
            EngineStateCheck.assertOpenOrdersMatch(driver.engine(), db);
        } finally {
            agent.stop();
            thread.join();
            database.close();
        }
    }

    private static void append(JournalDriver driver, RandomCommandStream stream, Command command, int commands) {
        for (int i = 0; i < commands; i++) {
            stream.next(command);
            driver.advance(700).process(command);
        }
    }

    private static void awaitApplied(PersisterAgent agent, Path journal) throws InterruptedException {
        try (SingleChronicleQueue queue = JournalQueues.events(journal)) {
            final long head = queue.lastIndex();
            while (agent.appliedIndex() != head) {
                Thread.sleep(10);
            }
        }
    }
}
