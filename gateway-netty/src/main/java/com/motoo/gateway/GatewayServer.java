package com.motoo.gateway;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.motoo.engine.MatchingEngine;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.engine.pipeline.BackoffThenBlockWaitStrategy;
import com.motoo.gateway.auth.AuthService;
import com.motoo.gateway.auth.PasswordHasher;
import com.motoo.gateway.auth.SignOuts;
import com.motoo.gateway.auth.TokenService;
import com.motoo.gateway.clock.MarketClock;
import com.motoo.gateway.http.ApiCorsHandler;
import com.motoo.gateway.http.BodyAggregator;
import com.motoo.gateway.http.ReadModelRoutes;
import com.motoo.gateway.http.HealthChecks;
import com.motoo.gateway.http.RestExecutors;
import com.motoo.gateway.http.RestHandler;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import com.motoo.gateway.metrics.PersisterLagProbe;
import com.motoo.gateway.order.ClientOrderIdExport;
import com.motoo.gateway.order.ClientOrderJournal;
import com.motoo.gateway.order.ClientOrderRestoreReport;
import com.motoo.gateway.order.ClientOrderSnapshots;
import com.motoo.gateway.order.ClientOrderSnapshotter;
import com.motoo.gateway.order.EngineCall;
import com.motoo.gateway.order.OrderEntryService;
import com.motoo.gateway.order.UserSessions;
import com.motoo.gateway.throttle.RestThrottles;
import com.motoo.gateway.throttle.UserRateLimits;
import com.motoo.gateway.ws.OrderEventOutboxes;
import com.motoo.gateway.ws.WebSocketFrameHandler;
import com.motoo.gateway.ws.WebSocketOriginCheck;
import com.motoo.journal.Durability;
import com.motoo.journal.process.EngineProcess;
import com.motoo.persister.user.UserStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;

import javax.net.ssl.KeyManagerFactory;
import javax.sql.DataSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exchange process's front door: one Netty server (HTTP + WebSocket on one port, on the
 * configured {@link GatewayTransport} or the next one this machine can run, optional TLS, Netty's CORS handler answering preflights and marking
 * answers for pages of the allowed origins, for the REST API under {@code /api/v1/} only) in front
 * of the engine pipeline embedded in-process ({@link EngineProcess}: Chronicle journals, recovery,
 * Disruptor ring). {@link #start} recovers the engine, restores client order ids, binds the port;
 * {@link #close} stops everything in reverse order. Start and close from one managing thread.
 */
public final class GatewayServer implements AutoCloseable {
    private static final int WORKER_QUEUE = 10_000;
    private static final long CLOSE_TIMEOUT_MILLIS = 2_000;
    /** How long a stop waits for the threads of a pool (workers, password hashing, housekeeping). */
    private static final long POOL_STOP_SECONDS = 5;
    /** How long a stop waits for the WebSocket connections to take their last answers and close. */
    private static final long WEBSOCKET_STOP_MILLIS = 3_000;
    /** How long a stop waits for a scheduled order-state snapshot being written to finish. */
    private static final long ORDER_SNAPSHOT_STOP_SECONDS = 60;
    private static final long LAG_POLL_MILLIS = 2_000;
    /** How often the names of closed orders are shrunk to fingerprints. */
    private static final long RETIRE_NAMES_MILLIS = 1_000;
    /** How often the snapshot thread checks whether an order-state snapshot is due. */
    private static final long ORDER_SNAPSHOT_CHECK_MILLIS = 1_000;
    private static final long IDLE_BLOCK_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How many times the spinning-blocking pipeline thread re-reads the ring before it blocks. */
    private static final int SPINS_BEFORE_BLOCKING = 100;
    private static final long IDLE_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final GatewayMetrics metrics = new GatewayMetrics();
    private final MarketDataHub marketData;
    private final UserSessions sessions = new UserSessions();
    private final SignOuts signOuts = new SignOuts(sessions::signOut);
    private final OrderEventOutboxes outboxes = new OrderEventOutboxes();
    private final OrderEntryService orders;
    private final TokenService tokens;
    private final Channel serverChannel;
    private final GatewayTransport transport;
    /** Every part opened, with how {@link #close} stops it. */
    private final ResourceStack opened;

    /**
     * Builds and starts every part in order, adding each to {@code opened} as soon as it is open, with
     * how a stop closes it. A stop closes the last added first, so the adds are its order read backwards:
     * some parts, or steps of the stop, are added where they are for that order (see {@link #close}).
     */
    private GatewayServer(Configuration config, Path journalDir, Durability durability, DataSource dataSource,
                          ResourceStack opened) throws IOException, InterruptedException {
        this.opened = opened;
        this.marketData = new MarketDataHub(config.marketDataIntervalMillis(), outboxes::writerOf);
        loadSignOuts(dataSource); // first: it fails while the database is down, before anything is opened
        final ClientOrderJournal clientOrders = opened.add(
            new ClientOrderJournal(config.dataDir().resolve("client-orders")), ClientOrderJournal::close);
        this.orders = new OrderEntryService(clientOrders, sessions, marketData, metrics, config.ringSize());
        this.tokens = new TokenService(config.jwtSecret(), config.accessTokenTtl(), System::currentTimeMillis, signOuts);
        final EngineProcess engine = opened.add(EngineProcess.open(journalDir, durability, pipelineConfig(config),
            orders.output(), marketData), EngineProcess::close);
        final CommandPipeline pipeline = engine.pipeline();
        marketData.seed(pipeline.engine(), pipeline.lastSequence());
        final ClientOrderSnapshots orderSnapshots = config.orderSnapshots()
            ? new ClientOrderSnapshots(config.dataDir().resolve("client-order-snapshots")) : null;
        final ClientOrderRestoreReport restored = orders.restore(pipeline.engine(), orderSnapshots, GatewayServer::log);
        log(String.format("recovered to sequence %d: %d journaled commands replayed after the snapshot in %d ms"
                + " (recovery %d ms); %s", pipeline.lastSequence(),
            engine.replayedCommands(), TimeUnit.NANOSECONDS.toMillis(engine.replayNanos()),
            TimeUnit.NANOSECONDS.toMillis(engine.recoveryNanos()), restored.summary()));
        final long[] usersWithoutAccounts = usersWithoutAccounts(dataSource, pipeline.engine());
        orders.attach(pipeline);
        metrics.gauge("motoo_ring_free", "free ring entries", pipeline::remainingCapacity);
        metrics.gauge("motoo_ring_occupancy", "commands in the ring waiting to be journaled or applied",
            () -> config.ringSize() - pipeline.remainingCapacity());
        metrics.gauge("motoo_last_sequence", "sequence of the last command whose results were released",
            orders::lastReleasedSequence);
        // a stop writes the final order-state snapshot once the pools added next have stopped and the pipeline has
        // drained
        final ClientOrderSnapshotter orderSnapshotter = orderSnapshots == null ? null
            : opened.add(new ClientOrderSnapshotter(orders, clientOrders, orderSnapshots,
                config.orderSnapshotIntervalMillis(), config.orderSnapshotRecords(), restored.records(),
                GatewayServer::log), ClientOrderSnapshotter::snapshotNow);
        // a stop drains the pipeline (the engine's final snapshot) only after the pools added next have finished
        // their tasks, so that a sign-up they had taken still opens its engine account; the engine's close, added
        // before, then only closes its journals
        opened.add(pipeline, CommandPipeline::close);
        final ExecutorService workers = opened.add(new ThreadPoolExecutor(config.workerThreads(),
            config.workerThreads(), 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(WORKER_QUEUE),
            named("motoo-gateway-worker")), GatewayServer::stop);
        final ExecutorService passwordHashing = opened.add(new ThreadPoolExecutor(config.passwordThreads(),
            config.passwordThreads(), 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(config.passwordQueue()),
            named("motoo-gateway-password")), GatewayServer::stop);
        if (orderSnapshotter != null) {
            opened.add(Executors.newSingleThreadScheduledExecutor(named("motoo-gateway-snapshot")),
                    pool -> stop(pool, ORDER_SNAPSHOT_STOP_SECONDS))
                .scheduleWithFixedDelay(orderSnapshotter, ORDER_SNAPSHOT_CHECK_MILLIS, ORDER_SNAPSHOT_CHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        final ClientOrderIdExport clientOrderIds = opened.add(
            new ClientOrderIdExport(clientOrders, dataSource, GatewayServer::log), ClientOrderIdExport::close);
        final ScheduledExecutorService scheduler = opened.add(
            Executors.newSingleThreadScheduledExecutor(named("motoo-gateway-probe")), GatewayServer::stopNow);
        final PersisterLagProbe persisterLag = opened.add(new PersisterLagProbe(dataSource,
            orders::lastReleasedSequence, orders::lastReleasedTimestamp, scheduler, LAG_POLL_MILLIS, metrics),
            PersisterLagProbe::close);
        scheduler.scheduleWithFixedDelay(clientOrderIds, 0, ClientOrderIdExport.INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(orders::retireClosedNames, RETIRE_NAMES_MILLIS, RETIRE_NAMES_MILLIS,
            TimeUnit.MILLISECONDS);
        if (config.marketClose() != null) {
            new MarketClock(config.marketClose(), config.marketZone(), config.marketDays(), Clock.systemUTC(), scheduler,
                this::submitEndOfDay, GatewayServer::log).start();
        }

        final AuthService auth = new AuthService(new UserStore(dataSource), new PasswordHasher(config.bcryptCost()), tokens,
            orders, config.refreshPolicy(), signOuts, config.startingCash(), config.adminUsers());
        if (usersWithoutAccounts.length > 0) {
            auth.openMissingAccounts(usersWithoutAccounts);
            log("opened the engine accounts of " + usersWithoutAccounts.length + " users the read model has and the"
                + " engine had not (sign-ups a stop or a crash interrupted): " + Arrays.toString(usersWithoutAccounts));
        }
        final ReadModelRoutes readModel = new ReadModelRoutes(dataSource, orders, config.rankingsRefreshMillis());
        final RestHandler rest = new RestHandler(tokens, auth, orders, marketData, readModel, metrics,
            new RestExecutors(workers, passwordHashing), openApi(), config.startingCash(),
            new HealthChecks(() -> pipeline.remainingCapacity() > 0, persisterLag::readModelReachable),
            new RestThrottles(new UserRateLimits(config.httpRatePerSecond(), config.httpRateBurst()),
                new UserRateLimits(config.httpAuthRatePerSecond(), config.httpAuthRateBurst()),
                new UserRateLimits(config.httpPublicRatePerSecond(), config.httpPublicRateBurst())));
        final CorsConfig cors = rest.cors(config.httpCorsOrigins());
        final SslContext ssl = config.tls() ? sslContext(config) : null;

        this.transport = GatewayTransport.firstAvailable(config.transports(), GatewayServer::log);
        final int ioThreads = config.ioThreads() == 0 ? Runtime.getRuntime().availableProcessors() : config.ioThreads();
        final EventLoopGroup bossGroup = opened.add(new MultiThreadIoEventLoopGroup(1,
            named("motoo-gateway-accept"), transport.ioHandlers()), GatewayServer::shutDown);
        final EventLoopGroup ioGroup = opened.add(new MultiThreadIoEventLoopGroup(ioThreads,
            named("motoo-gateway-io"), transport.ioHandlers()), GatewayServer::shutDown);
        final WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/ws").checkStartsWith(true).handleCloseFrames(true).forceCloseTimeoutMillis(CLOSE_TIMEOUT_MILLIS)
            .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(config.wsMaxFrameBytes())
                .allowExtensions(false).build())
            .build();
        final WebSocketOriginCheck originCheck = new WebSocketOriginCheck(config.httpCorsOrigins(), metrics);
        final ReadWhileWritable backPressure = new ReadWhileWritable();
        final IdleConnections idleConnections = new IdleConnections();
        // a stop ends the WebSocket connections, each once its requests in the engine are answered, after the server
        // channel (added next) has stopped accepting and before the event loops (added before) stop
        opened.add(sessions, GatewayServer::closeWebSockets);
        this.serverChannel = new ServerBootstrap()
            .group(bossGroup, ioGroup)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    metrics.httpConnections().incrementAndGet();
                    ch.closeFuture().addListener(closed -> metrics.httpConnections().decrementAndGet());
                    final ChannelPipeline p = ch.pipeline();
                    if (ssl != null) {
                        p.addLast(ssl.newHandler(ch.alloc()));
                    }
                    p.addLast(backPressure);
                    p.addLast(new IdleStateHandler(config.idleSeconds(), 0, 0));
                    p.addLast(idleConnections);
                    p.addLast(new HttpServerCodec());
                    p.addLast(new ApiCorsHandler(cors)); // before the aggregator: its 413 must be readable cross-origin too
                    p.addLast(new BodyAggregator(config.httpMaxBodyBytes()));
                    p.addLast(originCheck);
                    p.addLast(new WebSocketServerProtocolHandler(wsConfig));
                    p.addLast(new WebSocketFrameAggregator(config.wsMaxFrameBytes()));
                    p.addLast(new WebSocketFrameHandler(config, tokens, orders, sessions, marketData, metrics,
                        outboxes));
                    p.addLast(rest);
                }
            })
            .bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
        opened.add(serverChannel, channel -> channel.close().syncUninterruptibly());
    }

    /**
     * Recovers the engine from its journal directory, then serves. A start that fails part way (the
     * port is taken, the TLS certificate cannot be read, the engine's journal is refused) closes
     * everything it had opened as {@link #close} would, and throws its first failure with any failure
     * to close added as suppressed: no thread of it stays running and its directories can be opened again.
     *
     * @param journalDir the engine's journal directory (commands, events, snapshots)
     * @param dataSource the read-model database (users, refresh tokens, queries)
     */
    public static GatewayServer start(Configuration config, Path journalDir, Durability durability, DataSource dataSource)
        throws IOException, InterruptedException {
        final ResourceStack opened = new ResourceStack();
        try {
            return new GatewayServer(config, journalDir, durability, dataSource, opened);
        } catch (Throwable failure) {
            opened.closeAfter(failure);
            throw failure;
        }
    }

    /**
     * The market clock's end of day: submits EOD through the pipeline like {@code POST /admin/eod}
     * and logs the engine's answer. Scheduler thread.
     *
     * @throws com.motoo.gateway.order.RequestException BUSY when it cannot be submitted now
     */
    private void submitEndOfDay() {
        final EngineCall call = new EngineCall();
        orders.submitAdmin(orders.command().endOfDay(), call);
        call.future().thenAccept(done -> log(done.reason() == null ? "end of day applied"
            : "end of day rejected: " + done.reason()));
    }

    private static void log(String message) {
        System.err.println("motoo gateway: " + message);
    }

    /** @return the bound port (useful when the configured port is 0) */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** @return the Netty transport it serves on */
    public GatewayTransport transport() {
        return transport;
    }

    /** @return the meters */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * @param name a {@link Configuration#WAIT_STRATEGY} value
     * @return a new instance of that wait for the pipeline thread (one per pipeline)
     */
    public static WaitStrategy pipelineWait(String name) {
        return switch (name) {
            case "yielding" -> new YieldingWaitStrategy();
            case "blocking" -> new BlockingWaitStrategy();
            case "parking" -> new SleepingWaitStrategy(0);
            case "spinning-blocking" -> BackoffThenBlockWaitStrategy.spinningThenBlocking(SPINS_BEFORE_BLOCKING,
                IDLE_RECHECK_NANOS);
            case "sleeping-blocking" -> BackoffThenBlockWaitStrategy.sleepingThenBlocking(IDLE_BLOCK_AFTER_NANOS,
                IDLE_RECHECK_NANOS);
            default -> new SleepingWaitStrategy();
        };
    }

    private static PipelineConfig pipelineConfig(Configuration config) {
        return new PipelineConfig().ringSize(config.ringSize()).waitStrategy(pipelineWait(config.waitStrategy()))
            .snapshotIntervalMillis(config.snapshotIntervalMillis())
            .log(message -> System.err.println("motoo pipeline: " + message));
    }

    /**
     * @return the users of the read model that the recovered engine has no account of, ascending. Start-up
     *         only: the engine is read on the calling thread before any command is submitted.
     */
    private static long[] usersWithoutAccounts(DataSource dataSource, MatchingEngine engine) throws IOException {
        try {
            return Arrays.stream(new UserStore(dataSource).userIds())
                .filter(userId -> engine.account(userId) == null).toArray();
        } catch (SQLException e) {
            throw new IOException("cannot read the users of the read model: " + e.getMessage(), e);
        }
    }

    /** Reads which users were signed out everywhere, so that their older access tokens stay refused after a restart. */
    private void loadSignOuts(DataSource dataSource) throws IOException {
        try {
            new UserStore(dataSource).forEachSessionEpoch(signOuts::load);
        } catch (SQLException e) {
            throw new IOException("cannot read the users' session epochs from the read model: " + e.getMessage(), e);
        }
    }

    private static SslContext sslContext(Configuration config) throws IOException {
        if (config.tlsKeystore().isEmpty()) {
            return SslContextBuilder.forServer(new File(config.tlsCert()), new File(config.tlsKey())).build();
        }
        try (InputStream in = java.nio.file.Files.newInputStream(Path.of(config.tlsKeystore()))) {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, config.tlsKeystorePassword());
            final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, config.tlsKeystorePassword());
            return SslContextBuilder.forServer(keys).build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use TLS key store " + config.tlsKeystore() + ": " + e.getMessage(), e);
        }
    }

    private static String openApi() throws IOException {
        try (InputStream in = GatewayServer.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IOException("openapi.yaml is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Stops a pool once the tasks it has taken have run, as {@link #stop(ExecutorService, long)} waiting {@value #POOL_STOP_SECONDS} s. */
    private static void stop(ExecutorService pool) throws InterruptedException {
        stop(pool, POOL_STOP_SECONDS);
    }

    /**
     * Stops a pool once the tasks it has taken have run (a periodic one does not run again) and waits
     * for its threads. A task still running after {@code waitSeconds} is interrupted, and the threads
     * are waited for {@value #POOL_STOP_SECONDS} s more, so that a stuck task does not go on using
     * what the later steps of the stop close.
     *
     * @throws IllegalStateException when they have not stopped within {@code waitSeconds}, saying
     *         whether the interrupt stopped them
     */
    private static void stop(ExecutorService pool, long waitSeconds) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(waitSeconds, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            final boolean interruptStopped = pool.awaitTermination(POOL_STOP_SECONDS, TimeUnit.SECONDS);
            throw new IllegalStateException("a thread pool did not stop within " + waitSeconds + " s"
                + (interruptStopped ? "; its threads stopped once interrupted: " : ", nor once interrupted: ") + pool);
        }
    }

    /**
     * Stops a pool whose tasks need no finishing (housekeeping): the running one is interrupted, its
     * threads are waited for.
     *
     * @throws IllegalStateException when they have not stopped within {@value #POOL_STOP_SECONDS} s
     */
    private static void stopNow(ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(POOL_STOP_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a thread pool did not stop within " + POOL_STOP_SECONDS + " s: " + pool);
        }
    }

    /**
     * Has every WebSocket connection close once the requests it has in the engine are answered (1001)
     * and waits for them, {@value #WEBSOCKET_STOP_MILLIS} ms at most (the event loops' stop then drops
     * what is left): a client that reads hears about every request the exchange took before its
     * connection ends, so a request it has no answer to was not taken.
     */
    private static void closeWebSockets(UserSessions sessions) throws InterruptedException {
        sessions.exchangeStopping();
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WEBSOCKET_STOP_MILLIS);
        while (sessions.users() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        if (sessions.users() > 0) {
            log("the WebSocket connections of " + sessions.users() + " users did not close within " + WEBSOCKET_STOP_MILLIS
                + " ms; the event loops' stop drops them");
        }
    }

    /** Shuts an event loop group down without a quiet period and waits for it. */
    private static void shutDown(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        final AtomicInteger n = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops the gateway, going on to every later step when one fails: stops accepting, closes each
     * WebSocket connection once the requests it has in the engine are answered (1001), closes the other
     * connections (the event loops), stops the housekeeping (lag probe, market clock, client order id
     * export, name retiring) and the order-state snapshot thread, stops the password and worker pools
     * once the tasks they took have run (while the engine still answers them), drains the pipeline (the
     * engine's final snapshot), writes the final order-state snapshot, and closes the engine's journals
     * and then the client-order journal. A second call does nothing.
     *
     * @throws RuntimeException the first step that failed, with the failures of the later ones added as
     *         suppressed (see {@link ResourceStack#close}); an interrupt is kept for the caller as well
     */
    @Override
    public void close() {
        opened.close();
    }
}
