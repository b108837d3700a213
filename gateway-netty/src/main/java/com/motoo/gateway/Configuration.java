package com.motoo.gateway;

import com.motoo.gateway.auth.RefreshPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Every setting of the gateway in one place: each property name sits next to its default, and
 * {@link #from(Properties)} reads and validates them once at start. Values come from system
 * properties ({@code -Dmotoo.gateway.port=8080}) or a properties file; immutable afterwards, so any
 * thread may read it.
 */
public final class Configuration {
    /** TCP port of the HTTP and WebSocket server; 0 picks a free port. */
    public static final String PORT = "motoo.gateway.port";
    public static final int PORT_DEFAULT = 8080;
    /** Address to bind. */
    public static final String HOST = "motoo.gateway.host";
    public static final String HOST_DEFAULT = "0.0.0.0";
    /** Netty I/O threads; 0 means one per core. */
    public static final String IO_THREADS = "motoo.gateway.ioThreads";
    public static final int IO_THREADS_DEFAULT = 0;
    /**
     * The Netty transport: {@code io_uring}, {@code epoll}, {@code nio}, or {@code auto} for the
     * fastest this machine offers ({@link #TRANSPORT_AUTO}, measured in BENCHMARKS.md, "The gateway on
     * io_uring"). One the machine cannot run falls back to the next in that order (io_uring, epoll,
     * nio), the reason logged; nio runs everywhere.
     */
    public static final String TRANSPORT = "motoo.gateway.transport";
    public static final String TRANSPORT_DEFAULT = "auto";
    /**
     * The order {@code auto} tries the transports in: io_uring first, as at 20,000 orders/s it
     * answered with a lower p95 and p99 than epoll for the same CPU per command.
     */
    public static final List<GatewayTransport> TRANSPORT_AUTO =
        List.of(GatewayTransport.IO_URING, GatewayTransport.EPOLL, GatewayTransport.NIO);
    /**
     * The older switch, still read: anything but {@code true} means {@code nio}, which is what
     * {@link #TRANSPORT} must then say if it is set at all.
     */
    public static final String EPOLL = "motoo.gateway.epoll";
    /** PEM certificate chain for TLS; TLS is off when empty. */
    public static final String TLS_CERT = "motoo.gateway.tls.cert";
    /** PEM PKCS#8 private key for TLS. */
    public static final String TLS_KEY = "motoo.gateway.tls.key";
    /**
     * PKCS#12 key store for TLS (instead of PEM files), e.g. a self-signed development certificate:
     * {@code keytool -genkeypair -alias motoo -keyalg EC -groupname secp256r1 -dname CN=localhost
     * -ext SAN=dns:localhost,ip:127.0.0.1 -validity 365 -storetype PKCS12 -keystore dev-tls.p12 -storepass changeit}
     */
    public static final String TLS_KEYSTORE = "motoo.gateway.tls.keystore";
    /** Password of the PKCS#12 key store. */
    public static final String TLS_KEYSTORE_PASSWORD = "motoo.gateway.tls.keystorePassword";
    /** HMAC secret for signing JWTs (at least 32 bytes). */
    public static final String JWT_SECRET = "motoo.gateway.jwt.secret";
    public static final String JWT_SECRET_DEFAULT = "motoo-development-secret-change-me-0123456789";
    /** A file holding the JWT secret (surrounding white space ignored); wins over {@link #JWT_SECRET}, and keeps the secret out of the process list. */
    public static final String JWT_SECRET_FILE = "motoo.gateway.jwt.secretFile";
    /** Lifetime of an access token. */
    public static final String ACCESS_TOKEN_TTL_SECONDS = "motoo.gateway.jwt.accessTtlSeconds";
    public static final long ACCESS_TOKEN_TTL_SECONDS_DEFAULT = 900;
    /** Lifetime of a refresh token. */
    public static final String REFRESH_TOKEN_TTL_SECONDS = "motoo.gateway.jwt.refreshTtlSeconds";
    public static final long REFRESH_TOKEN_TTL_SECONDS_DEFAULT = 14 * 24 * 3600;
    /**
     * How long after its use a refresh token presented again is only refused (a client retrying a
     * refresh whose answer it lost); later it signs every session of its user out, as stolen.
     */
    public static final String REFRESH_REUSE_GRACE_MILLIS = "motoo.gateway.jwt.refreshReuseGraceMillis";
    public static final long REFRESH_REUSE_GRACE_MILLIS_DEFAULT = 10_000;
    /** bcrypt cost factor for password hashes. */
    public static final String BCRYPT_COST = "motoo.gateway.bcryptCost";
    public static final int BCRYPT_COST_DEFAULT = 10;
    /** Cash a new (or reset) account starts with, KRW. */
    public static final String STARTING_CASH = "motoo.gateway.startingCash";
    public static final long STARTING_CASH_DEFAULT = 10_000_000L;
    /**
     * Seconds without anything read from a connection after which an HTTP connection is closed; a
     * WebSocket is pinged then, and closed with 1001 if it stays silent as long again (clients and
     * browsers answer pings by themselves).
     */
    public static final String IDLE_SECONDS = "motoo.gateway.idleSeconds";
    public static final int IDLE_SECONDS_DEFAULT = 60;
    /** Time a WebSocket may stay unauthenticated before it is closed with 4408. */
    public static final String WS_AUTH_TIMEOUT_MILLIS = "motoo.gateway.ws.authTimeoutMillis";
    public static final long WS_AUTH_TIMEOUT_MILLIS_DEFAULT = 10_000;
    /**
     * How long before its access token expires an authenticated WebSocket is sent
     * {@code token_expiring}, so the client can send a fresh {@code auth} on it; half the token's
     * remaining life when that is shorter.
     */
    public static final String WS_TOKEN_EXPIRY_NOTICE_MILLIS = "motoo.gateway.ws.tokenExpiryNoticeMillis";
    public static final long WS_TOKEN_EXPIRY_NOTICE_MILLIS_DEFAULT = 60_000;
    /** Largest WebSocket frame accepted; larger ones close with 1009. */
    public static final String WS_MAX_FRAME_BYTES = "motoo.gateway.ws.maxFrameBytes";
    public static final int WS_MAX_FRAME_BYTES_DEFAULT = 8 * 1024;
    /** Sustained messages per second a connection may send. */
    public static final String WS_RATE_PER_SECOND = "motoo.gateway.ws.ratePerSecond";
    public static final int WS_RATE_PER_SECOND_DEFAULT = 500;
    /** Burst of messages above the sustained rate. */
    public static final String WS_RATE_BURST = "motoo.gateway.ws.rateBurst";
    public static final int WS_RATE_BURST_DEFAULT = 1000;
    /** Rate-limited messages a connection may send before it is closed with 4429. */
    public static final String WS_RATE_STRIKES = "motoo.gateway.ws.rateStrikes";
    public static final int WS_RATE_STRIKES_DEFAULT = 100;
    /** Pending outbound bytes above which a connection that cannot take its own order events is closed. */
    public static final String WS_MAX_PENDING_BYTES = "motoo.gateway.ws.maxPendingBytes";
    public static final int WS_MAX_PENDING_BYTES_DEFAULT = 4 * 1024 * 1024;
    /** Authenticated WebSocket connections one user may hold at once; one more is refused and closed with 1008. */
    public static final String WS_MAX_CONNECTIONS_PER_USER = "motoo.gateway.ws.maxConnectionsPerUser";
    public static final int WS_MAX_CONNECTIONS_PER_USER_DEFAULT = 20;
    /** Trades queued per connection before they are dropped and announced by a lag message. */
    public static final String WS_TRADE_QUEUE = "motoo.gateway.ws.tradeQueue";
    public static final int WS_TRADE_QUEUE_DEFAULT = 256;
    /** How long one reading of the rankings (a query over every account) is served to every caller, ms. */
    public static final String RANKINGS_REFRESH_MILLIS = "motoo.gateway.rankings.refreshMillis";
    public static final long RANKINGS_REFRESH_MILLIS_DEFAULT = 5_000;
    /** Shortest time between two book/ticker/trade hand-outs on one channel of one connection (conflation window). */
    public static final String MARKET_DATA_INTERVAL_MILLIS = "motoo.gateway.marketData.intervalMillis";
    public static final long MARKET_DATA_INTERVAL_MILLIS_DEFAULT = 100;
    /** Sustained REST requests per second per user (authenticated calls); beyond it 429 RATE_LIMITED. */
    public static final String HTTP_RATE_PER_SECOND = "motoo.gateway.http.ratePerSecond";
    public static final int HTTP_RATE_PER_SECOND_DEFAULT = 200;
    /** Burst of REST requests per user. */
    public static final String HTTP_RATE_BURST = "motoo.gateway.http.rateBurst";
    public static final int HTTP_RATE_BURST_DEFAULT = 400;
    /** Sustained sign-up, login, refresh and logout calls per second per client address (bcrypt is costly). */
    public static final String HTTP_AUTH_RATE_PER_SECOND = "motoo.gateway.http.authRatePerSecond";
    public static final int HTTP_AUTH_RATE_PER_SECOND_DEFAULT = 100;
    /** Burst of auth calls per client address. */
    public static final String HTTP_AUTH_RATE_BURST = "motoo.gateway.http.authRateBurst";
    public static final int HTTP_AUTH_RATE_BURST_DEFAULT = 1000;
    /**
     * Sustained public market data calls (stocks, quotes, books, candles) per second per client
     * address; the WebSocket channels are the way to follow the market.
     */
    public static final String HTTP_PUBLIC_RATE_PER_SECOND = "motoo.gateway.http.publicRatePerSecond";
    public static final int HTTP_PUBLIC_RATE_PER_SECOND_DEFAULT = 200;
    /** Burst of public market data calls per client address. */
    public static final String HTTP_PUBLIC_RATE_BURST = "motoo.gateway.http.publicRateBurst";
    public static final int HTTP_PUBLIC_RATE_BURST_DEFAULT = 1000;
    /**
     * Origins whose web pages may call the REST API from a browser (CORS): {@code *} for any, or a
     * comma-separated list of origins as browsers send them ({@code scheme://host[:port]}, lower
     * case, no path, no default port such as {@code :443} for https), e.g. {@code https://motoo.example,http://localhost:5173}. Any by default:
     * the API is called with a bearer token in the Authorization header, never with cookies, so a
     * page of another origin can do nothing its user's token does not let it; browsers are never
     * told to send credentials. A page of another origin gets answers it cannot read. Only the API
     * under {@code /api/v1/} takes part: {@code /health}, {@code /metrics} and the root
     * {@code /openapi.yaml} never carry CORS headers, so no page of another origin reads them. The
     * same list decides which pages may open a WebSocket ({@code /ws}): a handshake whose
     * {@code Origin} is not on it is refused with 403; one without {@code Origin} (not a browser) passes.
     */
    public static final String HTTP_CORS_ORIGINS = "motoo.gateway.http.corsOrigins";
    public static final String HTTP_CORS_ORIGINS_DEFAULT = "*";
    /** Largest HTTP request body. */
    public static final String HTTP_MAX_BODY_BYTES = "motoo.gateway.http.maxBodyBytes";
    public static final int HTTP_MAX_BODY_BYTES_DEFAULT = 64 * 1024;
    /** Entries of the pipeline's ring (a power of two): commands in flight before BUSY. */
    public static final String RING_SIZE = "motoo.gateway.ringSize";
    public static final int RING_SIZE_DEFAULT = 1 << 14;
    /** Milliseconds between scheduled engine snapshots (0 = only at clean shutdown and on request). */
    public static final String SNAPSHOT_INTERVAL_MILLIS = "motoo.gateway.snapshotIntervalMillis";
    public static final long SNAPSHOT_INTERVAL_MILLIS_DEFAULT = 60_000;
    /**
     * How the pipeline thread(s) wait for commands: spinning-blocking (default: 100 spins, then
     * blocked until a producer publishes; where commands come tens of microseconds apart, a third
     * of sleeping-blocking's system calls and a lower ack p99, and no CPU when idle), sleeping-blocking (spins,
     * yields, then parks 100 ns at a time while work comes, blocks after 10 ms without any),
     * sleeping (never blocks: about a quarter of a core when idle), parking (parks at once,
     * without sleeping's spins and yields), yielding (burns a core), blocking (Disruptor's: every
     * publish takes a lock). BENCHMARKS.md compares them under load.
     */
    public static final String WAIT_STRATEGY = "motoo.gateway.waitStrategy";
    public static final String WAIT_STRATEGY_DEFAULT = "spinning-blocking";
    private static final List<String> WAIT_STRATEGIES =
        List.of("spinning-blocking", "sleeping-blocking", "sleeping", "parking", "yielding", "blocking");
    /** Comma-separated user names that get the ADMIN role when they sign up. */
    public static final String ADMIN_USERS = "motoo.gateway.adminUsers";
    public static final String ADMIN_USERS_DEFAULT = "admin";
    /** Threads for blocking REST work on the database (queries, token and profile updates). */
    public static final String WORKER_THREADS = "motoo.gateway.workerThreads";
    public static final int WORKER_THREADS_DEFAULT = 4;
    /** Threads that hash passwords (sign-up, login); 0 for half the cores, at least one. */
    public static final String PASSWORD_THREADS = "motoo.gateway.passwordThreads";
    public static final int PASSWORD_THREADS_DEFAULT = 0;
    /** Sign-ups and logins waiting for a password thread at most; one more is answered 503 BUSY. */
    public static final String PASSWORD_QUEUE = "motoo.gateway.passwordQueue";
    public static final int PASSWORD_QUEUE_DEFAULT = 64;
    /**
     * The market close, HH:mm in {@link #MARKET_ZONE}, at which the gateway submits the end of day
     * on every trading day (DAY orders expire, base prices roll); {@code off} (the default: tests
     * and embedded uses decide when a day ends) for none. {@code scripts/motoo start} sets 15:30,
     * KRX's close.
     */
    public static final String MARKET_CLOSE = "motoo.gateway.market.close";
    public static final String MARKET_CLOSE_DEFAULT = "off";
    /** The market's time zone (an IANA zone id). */
    public static final String MARKET_ZONE = "motoo.gateway.market.zone";
    public static final String MARKET_ZONE_DEFAULT = "Asia/Seoul";
    /** Trading days, comma-separated English day names or ranges of them (MON-FRI, SUNDAY, ...). */
    public static final String MARKET_DAYS = "motoo.gateway.market.days";
    public static final String MARKET_DAYS_DEFAULT = "MON-FRI";
    /** Directory of the gateway's own client-order-id journal. */
    public static final String DATA_DIR = "motoo.gateway.dataDir";
    public static final String DATA_DIR_DEFAULT = "data/gateway";
    /**
     * Whether the gateway snapshots its order state (client order ids, numbering) into
     * {@code <dataDir>/client-order-snapshots} and restores from the newest snapshot plus the journal
     * after it; false reads the whole client-order journal at start-up and writes no snapshot.
     */
    public static final String ORDER_SNAPSHOTS = "motoo.gateway.orderSnapshots";
    public static final boolean ORDER_SNAPSHOTS_DEFAULT = true;
    /** Milliseconds after which an order-state snapshot is due (0: not by time; one is always taken at clean shutdown). */
    public static final String ORDER_SNAPSHOT_INTERVAL_MILLIS = "motoo.gateway.orderSnapshot.intervalMillis";
    public static final long ORDER_SNAPSHOT_INTERVAL_MILLIS_DEFAULT = 60_000;
    /** Client-order records after which an order-state snapshot is due (0: not by size). */
    public static final String ORDER_SNAPSHOT_RECORDS = "motoo.gateway.orderSnapshot.records";
    public static final long ORDER_SNAPSHOT_RECORDS_DEFAULT = 1_000_000;

    private final int port;
    private final String host;
    private final int ioThreads;
    private final List<GatewayTransport> transports;
    private final String tlsCert;
    private final String tlsKey;
    private final String tlsKeystore;
    private final char[] tlsKeystorePassword;
    private final byte[] jwtSecret;
    private final Duration accessTokenTtl;
    private final Duration refreshTokenTtl;
    private final Duration refreshReuseGrace;
    private final int bcryptCost;
    private final long startingCash;
    private final int idleSeconds;
    private final long wsAuthTimeoutMillis;
    private final long wsTokenExpiryNoticeMillis;
    private final int wsMaxFrameBytes;
    private final int wsRatePerSecond;
    private final int wsRateBurst;
    private final int wsRateStrikes;
    private final int wsMaxPendingBytes;
    private final int wsMaxConnectionsPerUser;
    private final int wsTradeQueue;
    private final int httpMaxBodyBytes;
    private final int httpRatePerSecond;
    private final int httpRateBurst;
    private final int httpAuthRatePerSecond;
    private final int httpAuthRateBurst;
    private final int httpPublicRatePerSecond;
    private final int httpPublicRateBurst;
    private final List<String> httpCorsOrigins;
    private final long marketDataIntervalMillis;
    private final long rankingsRefreshMillis;
    private final Path dataDir;
    private final java.util.Set<String> adminUsers;
    private final int workerThreads;
    private final int passwordThreads;
    private final int passwordQueue;
    private final int ringSize;
    private final long snapshotIntervalMillis;
    private final String waitStrategy;
    private final LocalTime marketClose;
    private final ZoneId marketZone;
    private final Set<DayOfWeek> marketDays;
    private final boolean orderSnapshots;
    private final long orderSnapshotIntervalMillis;
    private final long orderSnapshotRecords;

    private Configuration(Properties p) {
        port = intValue(p, PORT, PORT_DEFAULT, 0, 65535);
        host = p.getProperty(HOST, HOST_DEFAULT);
        ioThreads = intValue(p, IO_THREADS, IO_THREADS_DEFAULT, 0, 256);
        transports = transports(p.getProperty(TRANSPORT), p.getProperty(EPOLL, "true"));
        tlsCert = p.getProperty(TLS_CERT, "");
        tlsKey = p.getProperty(TLS_KEY, "");
        if (tlsCert.isEmpty() != tlsKey.isEmpty()) {
            throw new IllegalArgumentException(TLS_CERT + " and " + TLS_KEY + " must be set together");
        }
        tlsKeystore = p.getProperty(TLS_KEYSTORE, "");
        tlsKeystorePassword = p.getProperty(TLS_KEYSTORE_PASSWORD, "").toCharArray();
        if (!tlsKeystore.isEmpty() && !tlsCert.isEmpty()) {
            throw new IllegalArgumentException("set either " + TLS_KEYSTORE + " or " + TLS_CERT + "/" + TLS_KEY + ", not both");
        }
        jwtSecret = jwtSecret(p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (jwtSecret.length < 32) {
            throw new IllegalArgumentException(JWT_SECRET + " must be at least 32 bytes");
        }
        accessTokenTtl = Duration.ofSeconds(longValue(p, ACCESS_TOKEN_TTL_SECONDS, ACCESS_TOKEN_TTL_SECONDS_DEFAULT, 1));
        refreshTokenTtl = Duration.ofSeconds(longValue(p, REFRESH_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS_DEFAULT, 1));
        refreshReuseGrace = Duration.ofMillis(longValue(p, REFRESH_REUSE_GRACE_MILLIS, REFRESH_REUSE_GRACE_MILLIS_DEFAULT, 0));
        bcryptCost = intValue(p, BCRYPT_COST, BCRYPT_COST_DEFAULT, 4, 31);
        startingCash = longValue(p, STARTING_CASH, STARTING_CASH_DEFAULT, 0);
        idleSeconds = intValue(p, IDLE_SECONDS, IDLE_SECONDS_DEFAULT, 1, 86_400);
        wsAuthTimeoutMillis = longValue(p, WS_AUTH_TIMEOUT_MILLIS, WS_AUTH_TIMEOUT_MILLIS_DEFAULT, 1);
        wsTokenExpiryNoticeMillis = longValue(p, WS_TOKEN_EXPIRY_NOTICE_MILLIS, WS_TOKEN_EXPIRY_NOTICE_MILLIS_DEFAULT, 1);
        wsMaxFrameBytes = intValue(p, WS_MAX_FRAME_BYTES, WS_MAX_FRAME_BYTES_DEFAULT, 256, 1 << 20);
        wsRatePerSecond = intValue(p, WS_RATE_PER_SECOND, WS_RATE_PER_SECOND_DEFAULT, 1, 1_000_000);
        wsRateBurst = intValue(p, WS_RATE_BURST, WS_RATE_BURST_DEFAULT, 1, 1_000_000);
        wsRateStrikes = intValue(p, WS_RATE_STRIKES, WS_RATE_STRIKES_DEFAULT, 1, 1_000_000);
        wsMaxPendingBytes = intValue(p, WS_MAX_PENDING_BYTES, WS_MAX_PENDING_BYTES_DEFAULT, 64 * 1024, Integer.MAX_VALUE);
        wsMaxConnectionsPerUser = intValue(p, WS_MAX_CONNECTIONS_PER_USER, WS_MAX_CONNECTIONS_PER_USER_DEFAULT, 1,
            Integer.MAX_VALUE);
        wsTradeQueue = intValue(p, WS_TRADE_QUEUE, WS_TRADE_QUEUE_DEFAULT, 1, 1 << 20);
        httpMaxBodyBytes = intValue(p, HTTP_MAX_BODY_BYTES, HTTP_MAX_BODY_BYTES_DEFAULT, 1024, 16 << 20);
        httpRatePerSecond = intValue(p, HTTP_RATE_PER_SECOND, HTTP_RATE_PER_SECOND_DEFAULT, 1, 1_000_000);
        httpRateBurst = intValue(p, HTTP_RATE_BURST, HTTP_RATE_BURST_DEFAULT, 1, 1_000_000);
        httpAuthRatePerSecond = intValue(p, HTTP_AUTH_RATE_PER_SECOND, HTTP_AUTH_RATE_PER_SECOND_DEFAULT, 1, 1_000_000);
        httpAuthRateBurst = intValue(p, HTTP_AUTH_RATE_BURST, HTTP_AUTH_RATE_BURST_DEFAULT, 1, 1_000_000);
        httpPublicRatePerSecond = intValue(p, HTTP_PUBLIC_RATE_PER_SECOND, HTTP_PUBLIC_RATE_PER_SECOND_DEFAULT, 1, 1_000_000);
        httpPublicRateBurst = intValue(p, HTTP_PUBLIC_RATE_BURST, HTTP_PUBLIC_RATE_BURST_DEFAULT, 1, 1_000_000);
        httpCorsOrigins = corsOrigins(p.getProperty(HTTP_CORS_ORIGINS, HTTP_CORS_ORIGINS_DEFAULT));
        marketDataIntervalMillis = longValue(p, MARKET_DATA_INTERVAL_MILLIS, MARKET_DATA_INTERVAL_MILLIS_DEFAULT, 0);
        rankingsRefreshMillis = longValue(p, RANKINGS_REFRESH_MILLIS, RANKINGS_REFRESH_MILLIS_DEFAULT, 0);
        dataDir = Path.of(p.getProperty(DATA_DIR, DATA_DIR_DEFAULT));
        orderSnapshots = booleanValue(p, ORDER_SNAPSHOTS, ORDER_SNAPSHOTS_DEFAULT);
        orderSnapshotIntervalMillis = longValue(p, ORDER_SNAPSHOT_INTERVAL_MILLIS, ORDER_SNAPSHOT_INTERVAL_MILLIS_DEFAULT, 0);
        orderSnapshotRecords = longValue(p, ORDER_SNAPSHOT_RECORDS, ORDER_SNAPSHOT_RECORDS_DEFAULT, 0);
        adminUsers = java.util.Set.of(java.util.Arrays.stream(p.getProperty(ADMIN_USERS, ADMIN_USERS_DEFAULT).split(","))
            .map(String::trim).filter(name -> !name.isEmpty()).distinct().toArray(String[]::new));
        workerThreads = intValue(p, WORKER_THREADS, WORKER_THREADS_DEFAULT, 1, 256);
        final int passwordThreadsSet = intValue(p, PASSWORD_THREADS, PASSWORD_THREADS_DEFAULT, 0, 256);
        passwordThreads = passwordThreadsSet > 0 ? passwordThreadsSet : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        passwordQueue = intValue(p, PASSWORD_QUEUE, PASSWORD_QUEUE_DEFAULT, 1, 100_000);
        ringSize = intValue(p, RING_SIZE, RING_SIZE_DEFAULT, 64, 1 << 24);
        snapshotIntervalMillis = longValue(p, SNAPSHOT_INTERVAL_MILLIS, SNAPSHOT_INTERVAL_MILLIS_DEFAULT, 0);
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException(RING_SIZE + " must be a power of two: " + ringSize);
        }
        waitStrategy = p.getProperty(WAIT_STRATEGY, WAIT_STRATEGY_DEFAULT);
        if (!WAIT_STRATEGIES.contains(waitStrategy)) {
            throw new IllegalArgumentException(WAIT_STRATEGY + " must be one of " + String.join(", ", WAIT_STRATEGIES)
                + ": " + waitStrategy);
        }
        marketClose = marketClose(p.getProperty(MARKET_CLOSE, MARKET_CLOSE_DEFAULT).strip());
        try {
            marketZone = ZoneId.of(p.getProperty(MARKET_ZONE, MARKET_ZONE_DEFAULT).strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(MARKET_ZONE + " must be a time zone id such as Asia/Seoul: "
                + e.getMessage(), e);
        }
        marketDays = marketDays(p.getProperty(MARKET_DAYS, MARKET_DAYS_DEFAULT));
    }

    private static List<GatewayTransport> transports(String wanted, String epoll) {
        if (!Boolean.parseBoolean(epoll)) {
            if (wanted != null && !wanted.strip().equals(GatewayTransport.NIO.label())) {
                throw new IllegalArgumentException(EPOLL + "=" + epoll + " asks for nio, but " + TRANSPORT + " is '"
                    + wanted + "': set only " + TRANSPORT);
            }
            return List.of(GatewayTransport.NIO);
        }
        final String name = wanted == null ? TRANSPORT_DEFAULT : wanted.strip();
        if (name.equals("auto")) {
            return TRANSPORT_AUTO;
        }
        for (GatewayTransport transport : GatewayTransport.values()) {
            if (transport.label().equals(name)) {
                return List.copyOf(EnumSet.range(transport, GatewayTransport.NIO));
            }
        }
        throw new IllegalArgumentException(TRANSPORT + " must be auto, io_uring, epoll or nio: '" + wanted + "'");
    }

    private static List<String> corsOrigins(String text) {
        final List<String> origins = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                origins.add(part.strip());
            }
        }
        if (origins.equals(List.of("*"))) {
            return List.of("*");
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException(HTTP_CORS_ORIGINS + " must be * or a comma-separated list of origins");
        }
        for (String origin : origins) {
            if (!origin.equals(serializedOrigin(origin))) {
                throw new IllegalArgumentException(HTTP_CORS_ORIGINS + ": '" + origin + "' is not an origin as browsers "
                    + "send it (scheme://host or scheme://host:port, lower case, no path; * only alone)");
            }
            final String defaultPort = origin.startsWith("https:") ? ":443" : origin.startsWith("http:") ? ":80" : null;
            if (defaultPort != null && origin.endsWith(defaultPort)) {
                throw new IllegalArgumentException(HTTP_CORS_ORIGINS + ": '" + origin + "' names the default port, which "
                    + "browsers leave out of the origin they send, so it would never match: drop the port ('"
                    + origin.substring(0, origin.length() - defaultPort.length()) + "')");
            }
        }
        return List.copyOf(origins);
    }

    /** @return the origin of a URL as a browser writes it in an Origin header, or null when it names none */
    private static String serializedOrigin(String url) {
        try {
            final URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static LocalTime marketClose(String text) {
        if (text.equalsIgnoreCase("off")) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(MARKET_CLOSE + " must be HH:mm or off: '" + text + "'", e);
        }
    }

    private static Set<DayOfWeek> marketDays(String text) {
        final Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            final String[] range = part.strip().split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException(MARKET_DAYS + ": '" + part.strip() + "' is not a day or a range");
            }
            final DayOfWeek first = day(range[0]);
            final DayOfWeek last = day(range[range.length - 1]);
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String name) {
        final String wanted = name.strip().toUpperCase(java.util.Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (wanted.length() >= 3 && d.name().startsWith(wanted)) {
                return d;
            }
        }
        throw new IllegalArgumentException(MARKET_DAYS + ": '" + name.strip() + "' is not a day of the week");
    }

    /**
     * Reads and validates every setting; absent ones take their defaults.
     *
     * @throws IllegalArgumentException naming the first property that is out of range
     */
    public static Configuration from(Properties properties) {
        return new Configuration(properties);
    }

    /** @return the configuration from the JVM's system properties */
    public static Configuration fromSystemProperties() {
        return from(System.getProperties());
    }

    private static int intValue(Properties p, String name, int defaultValue, int min, int max) {
        final long value = longValue(p, name, defaultValue, min);
        if (value > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + ": " + value);
        }
        return (int) value;
    }

    private static String jwtSecret(Properties p) {
        final String file = p.getProperty(JWT_SECRET_FILE);
        if (file == null) {
            return p.getProperty(JWT_SECRET, JWT_SECRET_DEFAULT);
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(JWT_SECRET_FILE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** @return true or false as written (any case), the default when unset; anything else is refused, not taken as false */
    private static boolean booleanValue(Properties p, String name, boolean defaultValue) {
        final String text = p.getProperty(name);
        if (text == null) {
            return defaultValue;
        }
        if (text.trim().equalsIgnoreCase("true") || text.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text.trim());
        }
        throw new IllegalArgumentException(name + " must be true or false: '" + text + "'");
    }

    private static long longValue(Properties p, String name, long defaultValue, long min) {
        final String text = p.getProperty(name);
        final long value;
        try {
            value = text == null ? defaultValue : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer: '" + text + "'", e);
        }
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
        return value;
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    public int ioThreads() {
        return ioThreads;
    }

    /** @return the transports to try, in order (see {@link #TRANSPORT}); the last one is always nio */
    public List<GatewayTransport> transports() {
        return transports;
    }

    /** @return whether TLS is configured (PEM files or a key store) */
    public boolean tls() {
        return !tlsCert.isEmpty() || !tlsKeystore.isEmpty();
    }

    /** @return the PKCS#12 key store path, empty when PEM files (or no TLS) are used */
    public String tlsKeystore() {
        return tlsKeystore;
    }

    /** @return a copy of the key store password */
    public char[] tlsKeystorePassword() {
        return tlsKeystorePassword.clone();
    }

    public String tlsCert() {
        return tlsCert;
    }

    public String tlsKey() {
        return tlsKey;
    }

    /** @return a copy of the JWT signing secret */
    public byte[] jwtSecret() {
        return jwtSecret.clone();
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    /** @return how refresh tokens live: their lifetime and the grace before a reused one signs everyone out */
    public RefreshPolicy refreshPolicy() {
        return new RefreshPolicy(refreshTokenTtl, refreshReuseGrace);
    }

    public int bcryptCost() {
        return bcryptCost;
    }

    public long startingCash() {
        return startingCash;
    }

    /** @return seconds without a read after which a connection is closed (HTTP) or pinged (WebSocket) */
    public int idleSeconds() {
        return idleSeconds;
    }

    public long wsAuthTimeoutMillis() {
        return wsAuthTimeoutMillis;
    }

    /** @return how long before a token's expiry its connection is told, at most (see {@link #WS_TOKEN_EXPIRY_NOTICE_MILLIS}) */
    public long wsTokenExpiryNoticeMillis() {
        return wsTokenExpiryNoticeMillis;
    }

    public int wsMaxFrameBytes() {
        return wsMaxFrameBytes;
    }

    public int wsRatePerSecond() {
        return wsRatePerSecond;
    }

    public int wsRateBurst() {
        return wsRateBurst;
    }

    public int wsRateStrikes() {
        return wsRateStrikes;
    }

    public int wsMaxPendingBytes() {
        return wsMaxPendingBytes;
    }

    /** @return how many authenticated WebSocket connections one user may hold at once */
    public int wsMaxConnectionsPerUser() {
        return wsMaxConnectionsPerUser;
    }

    public int wsTradeQueue() {
        return wsTradeQueue;
    }

    public int httpMaxBodyBytes() {
        return httpMaxBodyBytes;
    }

    public int httpRatePerSecond() {
        return httpRatePerSecond;
    }

    public int httpRateBurst() {
        return httpRateBurst;
    }

    public int httpAuthRatePerSecond() {
        return httpAuthRatePerSecond;
    }

    public int httpAuthRateBurst() {
        return httpAuthRateBurst;
    }

    public int httpPublicRatePerSecond() {
        return httpPublicRatePerSecond;
    }

    public int httpPublicRateBurst() {
        return httpPublicRateBurst;
    }

    /** @return the origins whose pages may call the REST API, or just {@code *} for any (see {@link #HTTP_CORS_ORIGINS}) */
    public List<String> httpCorsOrigins() {
        return httpCorsOrigins;
    }

    public long marketDataIntervalMillis() {
        return marketDataIntervalMillis;
    }

    public long rankingsRefreshMillis() {
        return rankingsRefreshMillis;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** @return whether order-state snapshots are written and restored from */
    public boolean orderSnapshots() {
        return orderSnapshots;
    }

    /** @return milliseconds after which an order-state snapshot is due; 0 for never by time */
    public long orderSnapshotIntervalMillis() {
        return orderSnapshotIntervalMillis;
    }

    /** @return client-order records after which an order-state snapshot is due; 0 for never by size */
    public long orderSnapshotRecords() {
        return orderSnapshotRecords;
    }

    /** @return the user names that sign up as administrators */
    public java.util.Set<String> adminUsers() {
        return adminUsers;
    }

    public int workerThreads() {
        return workerThreads;
    }

    /** @return threads that hash passwords */
    public int passwordThreads() {
        return passwordThreads;
    }

    /** @return sign-ins that may wait for a password thread */
    public int passwordQueue() {
        return passwordQueue;
    }

    public int ringSize() {
        return ringSize;
    }

    /** @return milliseconds between scheduled engine snapshots; 0 for none */
    public long snapshotIntervalMillis() {
        return snapshotIntervalMillis;
    }

    /** @return the daily market close, or null when the gateway submits no end of day by itself */
    public LocalTime marketClose() {
        return marketClose;
    }

    /** @return the market's time zone */
    public ZoneId marketZone() {
        return marketZone;
    }

    /** @return the days that have a close (never empty) */
    public Set<DayOfWeek> marketDays() {
        return marketDays;
    }

    /** @return spinning-blocking, sleeping-blocking, sleeping, parking, yielding or blocking */
    public String waitStrategy() {
        return waitStrategy;
    }
}
