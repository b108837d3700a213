package com.motoo.bench.persister;

import com.motoo.bench.commands.GeneratorOptions;
import com.motoo.engine.rules.MarketRules;
import com.motoo.journal.JournalQueues;
import com.motoo.persister.PersisterAgent;
import com.motoo.persister.PersisterConfiguration;
import com.motoo.persister.apply.PersisterRole;
import com.motoo.persister.db.ConnectionPools;
import com.motoo.persister.db.EmbeddedDatabase;
import com.motoo.persister.db.SchemaMigrations;
import com.motoo.persister.query.HistoryCursor;
import com.motoo.persister.query.HistoryFilter;
import com.motoo.persister.query.ReadModelQueries;
import com.zaxxer.hikari.HikariDataSource;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.HdrHistogram.Histogram;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/motoo bench-persister [options]}: the persister's two figures in BENCHMARKS.md.
 * <ol>
 * <li>Apply rate: builds an event journal from the gen-commands mix through the real engine,
 * then times a real {@link PersisterAgent} applying it into a fresh PostgreSQL schema (events/s,
 * from start to caught-up, including the final commits).</li>
 * <li>Query latency: {@code --clients} threads on a HikariCP pool call
 * {@link ReadModelQueries#portfolio} and a first {@link ReadModelQueries#history} page of 50
 * rows for random users, for {@code --seconds} after a warm-up; HdrHistogram per query, plus the
 * EXPLAIN ANALYZE plans.</li>
 * </ol>
 * Options: {@code --commands N --users U --symbols S --batch B --role all|accounts|orders|split}
 * (split: an accounts and an orders agent side by side), {@code
 * --clients C --seconds T --executions E --db JDBC_URL} (without --db an embedded PostgreSQL in a temporary
 * directory). Prints the table counts so the figures can be quoted with their data size. The
 * journal and the embedded database live in a temporary directory deleted at the end.
 */
public final class PersisterBench {
    private PersisterBench() {
    }

    /** Entry point; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        long commands = 3_000_000;
        int users = 10_000;
        int symbols = 20;
        int batch = PersisterConfiguration.DEFAULT_BATCH_EVENTS;
        List<PersisterRole> roles = List.of(PersisterRole.ALL);
        int clients = 8;
        int seconds = 20;
        long executions = 1_000_000;
        String url = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--commands" -> commands = Long.parseLong(args[i + 1]);
                case "--users" -> users = Integer.parseInt(args[i + 1]);
                case "--symbols" -> symbols = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--role" -> roles = "split".equals(args[i + 1]) ? List.of(PersisterRole.ACCOUNTS, PersisterRole.ORDERS)
                    : List.of(PersisterRole.valueOf(args[i + 1].toUpperCase(java.util.Locale.ROOT)));
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--executions" -> executions = Long.parseLong(args[i + 1]);
                case "--db" -> url = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final Path work = Files.createTempDirectory("motoo-bench-persister");
        final Path journal = work.resolve("journal");
        final GeneratorOptions options = new GeneratorOptions(commands, symbols, users, 42);
        long started = System.nanoTime();
        final long journaled = JournalFixture.build(options, journal, 1_764_000_000_000L, 2);
        System.out.printf("journal: %,d commands (%s) in %.1f s%n", journaled, options, (System.nanoTime() - started) / 1e9);

        final EmbeddedDatabase embedded = url == null ? EmbeddedDatabase.start(work.resolve("pgdata"), 0) : null;
        final String baseUrl = url == null ? embedded.jdbcUrl() : url;
        final String schema = "bench_" + System.currentTimeMillis();
        SchemaMigrations.migrate(baseUrl, schema);
        final String schemaUrl = PersisterConfiguration.withSchema(baseUrl, schema);
        try {
            applyRate(journal, schemaUrl, roles, batch);
            try (HikariDataSource pool = ConnectionPools.hikari(schemaUrl, clients)) {
                topUpExecutions(pool, executions, users, symbols);
                printCounts(pool);
                final ReadModelQueries queries = new ReadModelQueries(pool);
                queries.explain(users / 2, 50).forEach(line -> System.out.println("  " + line));
                queryLatency(queries, users, clients, seconds);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            deleteTree(work);
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Runs one agent per role concurrently (each its own thread, connection and tailer, as the
     * launcher runs one process per role) until every agent has applied the whole journal.
     */
    private static void applyRate(Path journal, String url, List<PersisterRole> roles, int batch) throws InterruptedException {
        final List<PersisterAgent> agents = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (PersisterRole role : roles) {
            final PersisterAgent agent = new PersisterAgent(journal, url, role, "bench-" + role, batch, 3600,
                MarketRules.krxDefaults(), new PrintStream(OutputStream.nullOutputStream()));
            agents.add(agent);
            threads.add(new Thread(agent, "bench-persister-" + role));
        }
        final long started = System.nanoTime();
        long firstCommitAt = 0;
        long eventsAtFirstCommit = 0;
        threads.forEach(Thread::start);
        try (SingleChronicleQueue queue = JournalQueues.events(journal)) {
            final long head = queue.lastIndex();
            while (agents.stream().anyMatch(agent -> agent.appliedIndex() != head)) {
                if (threads.stream().anyMatch(thread -> !thread.isAlive())) {
                    throw new IllegalStateException("a persister stopped");
                }
                if (firstCommitAt == 0 && agents.stream().allMatch(agent -> agent.appliedEvents() > 0)) {
                    firstCommitAt = System.nanoTime();
                    eventsAtFirstCommit = agents.stream().mapToLong(PersisterAgent::appliedEvents).min().orElseThrow();
                }
                Thread.sleep(1);
            }
        }
        final long finished = System.nanoTime();
        agents.forEach(PersisterAgent::stop);
        for (Thread thread : threads) {
            thread.join();
        }
        final long events = agents.get(0).appliedEvents();
        final double elapsed = (finished - started) / 1e9;
        final double sustained = (finished - firstCommitAt) / 1e9;
        System.out.printf("apply (roles %s, batch %,d): %,d events in %.2f s = %,.0f events/s from start"
                + " (connect, load, first batch included); %,.0f events/s after the first commit%n",
            roles, batch, events, elapsed, events / elapsed, (events - eventsAtFirstCommit) / sustained);
    }

    /**
     * Adds synthetic executions (and their BUY/SELL ledger rows), spread over the users, symbols
     * and the journal's time range, until the executions table holds {@code target} rows: the
     * gen-commands mix trades too little to reach a million executions in a short run. Synthetic
     * rows have order ids from 10^12 and sequences from 10^12 so they never collide with real ones.
     */
    private static void topUpExecutions(HikariDataSource pool, long target, int users, int symbols) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            final long have;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM executions")) {
                rs.next();
                have = rs.getLong(1);
            }
            if (have >= target) {
                return;
            }
            final long add = target - have;
            final long started = System.nanoTime();
            final String rows = "FROM generate_series(1::bigint, " + add + ") g";
            s.executeUpdate("INSERT INTO executions SELECT 1 + g % " + users + ", 1764000000000 + (g * 7919) % 12000000,"
                + " 1000000000000 + g, 0, 0, 1000000000000 + g, (100000 + g % " + symbols + ")::text,"
                + " CASE WHEN g % 2 = 0 THEN 'BUY' ELSE 'SELL' END, 10000 + 10 * (g % 500), 1 + g % 50, 15, 0, 0, g % 3 = 0 "
                + rows);
            s.executeUpdate("INSERT INTO cash_ledger SELECT 1 + g % " + users + ", 1764000000000 + (g * 7919) % 12000000,"
                + " 1000000000000 + g, 0, 0, CASE WHEN g % 2 = 0 THEN 'BUY' ELSE 'SELL' END, -10000, 0,"
                + " (100000 + g % " + symbols + ")::text, 1000000000000 + g " + rows);
            s.execute("VACUUM ANALYZE executions");
            s.execute("VACUUM ANALYZE cash_ledger");
            System.out.printf("topped up %,d synthetic executions (+ ledger rows) in %.1f s%n", add,
                (System.nanoTime() - started) / 1e9);
        }
    }

    private static void printCounts(HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            for (String table : List.of("accounts", "positions", "orders", "executions", "cash_ledger", "candles_1m")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    System.out.printf("  %-12s %,12d rows%n", table, rs.getLong(1));
                }
            }
        }
    }

    private static void queryLatency(ReadModelQueries queries, int users, int clients, int seconds) throws Exception {
        final List<Histogram[]> results = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        final long end = warmUpEnd + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < clients; t++) {
            final Histogram[] histograms = {new Histogram(TimeUnit.SECONDS.toNanos(10), 3),
                new Histogram(TimeUnit.SECONDS.toNanos(10), 3)};
            results.add(histograms);
            final SplittableRandom random = new SplittableRandom(t);
            final Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        final long user = 1 + random.nextInt(users);
                        final long t0 = System.nanoTime();
                        queries.portfolio(user);
                        final long t1 = System.nanoTime();
                        queries.history(user, HistoryFilter.ALL, HistoryCursor.FIRST, 50);
                        final long t2 = System.nanoTime();
                        if (t0 >= warmUpEnd) {
                            histograms[0].recordValue(t1 - t0);
                            histograms[1].recordValue(t2 - t1);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-client-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        final String[] names = {"portfolio", "history page (50 rows)"};
        for (int q = 0; q < 2; q++) {
            final Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            for (Histogram[] histograms : results) {
                total.add(histograms[q]);
            }
            System.out.printf("%-24s %d clients: %,d calls (%,.0f/s)  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms"
                    + "  p99.9 %.2f ms  max %.2f ms%n", names[q], clients, total.getTotalCount(),
                total.getTotalCount() / (double) seconds, ms(total.getValueAtPercentile(50)),
                ms(total.getValueAtPercentile(90)), ms(total.getValueAtPercentile(99)),
                ms(total.getValueAtPercentile(99.9)), ms(total.getMaxValue()));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
