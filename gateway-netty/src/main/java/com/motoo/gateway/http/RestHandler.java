package com.motoo.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.pipeline.Ticker;
import com.motoo.gateway.auth.AuthService;
import com.motoo.gateway.auth.Principal;
import com.motoo.gateway.auth.TokenService;
import com.motoo.gateway.http.RestRoutes.Access;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import com.motoo.gateway.order.EngineCall;
import com.motoo.gateway.order.OrderEntryService;
import com.motoo.gateway.order.OrderRequestAdapter;
import com.motoo.gateway.order.OrderTarget;
import com.motoo.gateway.order.RequestException;
import com.motoo.gateway.throttle.RestThrottles;
import com.motoo.persister.db.DatabaseErrors;
import com.motoo.persister.user.User;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsConfigBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The REST API of PROTOCOL.md under {@code /api/v1}, plus {@code /health}, {@code /metrics} and
 * {@code /openapi.yaml} (GET and HEAD, anything else 405; without CORS, see {@link ApiCorsHandler}).
 * Every API route is one entry of its {@link RestRoutes} table, read for dispatch, 404, 405 and
 * {@code Allow}. Routing and checks run on the event loop: 405 first, then the caller (sign-in
 * throttle, or token, user throttle and admin role), then the request itself. Order commands go to
 * the pipeline and answer from the engine thread; blocking work (bcrypt, database) runs on the
 * worker pool. Errors are {@code {"code","message"}} with a fitting status: a known path asked with
 * a method it does not answer gets 405 with {@code Allow}, an unknown path 404 (after
 * authentication outside the public resources), a 429 says when to retry in {@code Retry-After}.
 * Shared by all connections.
 */
@ChannelHandler.Sharable
public final class RestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** What UNKNOWN_ORDER means to someone who has just seen the order in their history. */
    private static final String NOT_OPEN =
        " (no open order of yours has this id: it was filled, canceled or expired, or never placed; GET /orders/{orderId} tells which)";

    private static final String API = "/api/v1/";
    private static final String BEARER = "Bearer ";
    private static final long PREFLIGHT_MAX_AGE_SECONDS = 600;
    private static final Set<String> SIGNUP_FIELDS = Set.of("username", "password", "displayName", "rankingsOptIn");
    private static final Set<String> PROFILE_FIELDS = Set.of("displayName", "rankingsOptIn");
    private static final Set<String> LOGIN_FIELDS = Set.of("username", "password");
    private static final Set<String> REFRESH_FIELDS = Set.of("refreshToken");
    private static final Set<String> LOGOUT_FIELDS = Set.of("refreshToken", "everywhere");

    private final TokenService tokens;
    private final AuthService auth;
    private final OrderEntryService orders;
    private final MarketDataHub marketData;
    private final ReadModelRoutes readModel;
    private final GatewayMetrics metrics;
    private final RestExecutors executors;
    private final String openApi;
    private final HealthChecks health;
    private final RestThrottles throttles;
    private final RestRoutes routes;

    public RestHandler(TokenService tokens, AuthService auth, OrderEntryService orders, MarketDataHub marketData,
                       ReadModelRoutes readModel, GatewayMetrics metrics, RestExecutors executors, String openApi,
                       long startingCash, HealthChecks health, RestThrottles throttles) {
        this.tokens = tokens;
        this.auth = auth;
        this.orders = orders;
        this.marketData = marketData;
        this.readModel = readModel;
        this.metrics = metrics;
        this.executors = executors;
        this.openApi = openApi;
        this.health = health;
        this.throttles = throttles;
        final SetupRoutes setup = new SetupRoutes(orders, marketData, startingCash);
        this.routes = RestRoutes.builder()
            .route("POST", "auth/signup", Access.SIGN_IN, this::signUp)
            .route("POST", "auth/login", Access.SIGN_IN, this::login)
            .route("POST", "auth/refresh", Access.SIGN_IN, this::refresh)
            .route("POST", "auth/logout", Access.SIGN_IN, this::logout)
            .route("GET", "stocks", Access.PUBLIC, this::listing)
            .route("GET", "stocks/*", Access.PUBLIC, this::quote)
            .route("GET", "stocks/*/book", Access.PUBLIC, this::book)
            .route("GET", "stocks/*/candles", Access.PUBLIC, this::candles, "from", "to")
            .route("GET", "orders", Access.USER, fromReadModel(ReadModelRoutes::orders),
                "status", "symbol", "clientOrderId", "cursor", "limit")
            .route("POST", "orders", Access.USER, this::place)
            .route("GET", "orders/*", Access.USER, fromReadModel(ReadModelRoutes::order))
            .route("PATCH", "orders/*", Access.USER, this::modify)
            .route("DELETE", "orders/*", Access.USER, this::cancel)
            .route("GET", "account", Access.USER, fromReadModel(ReadModelRoutes::account))
            .route("PATCH", "account", Access.USER, this::updateProfile)
            .route("POST", "account/reset", Access.USER, setup::reset)
            .route("GET", "portfolio", Access.USER, fromReadModel(ReadModelRoutes::portfolio))
            .route("GET", "transactions", Access.USER, fromReadModel(ReadModelRoutes::transactions),
                "from", "to", "symbol", "cursor", "limit")
            .route("GET", "rankings", Access.USER, fromReadModel(ReadModelRoutes::rankings), "limit")
            .route("POST", "admin/eod", Access.ADMIN, setup::endOfDay)
            .route("POST", "admin/stocks", Access.ADMIN, setup::list)
            .route("POST", "admin/stocks/*/halt", Access.ADMIN, r -> setup.halt(r, true))
            .route("POST", "admin/stocks/*/resume", Access.ADMIN, r -> setup.halt(r, false))
            .route("POST", "admin/users/*/cash", Access.ADMIN, setup::grantCash)
            .route("POST", "admin/users/*/shares", Access.ADMIN, setup::grantShares)
            .build();
    }

    /**
     * @param path a request's decoded path, as {@link RequestTarget#pathOf} gives it
     * @return whether the path is under {@code /api/v1/}: the REST API and its OpenAPI copy, the
     *         requests CORS applies to ({@link ApiCorsHandler})
     */
    static boolean isApiPath(String path) {
        return path.startsWith(API);
    }

    /**
     * The API's CORS settings, for an {@link ApiCorsHandler} in front of this handler (so for the
     * requests under {@code /api/v1/} only): pages of the given origins may call every method of
     * the routing table (and OPTIONS) with the {@code Authorization} and {@code Content-Type}
     * headers, and read {@code Retry-After} and {@code Allow}; browsers are never told to send
     * credentials (the token is a header, not a cookie); a preflight answer may be cached for 10
     * minutes. Allocates.
     *
     * @param origins the origins whose pages may read answers, or just {@code *} for any
     */
    public CorsConfig cors(List<String> origins) {
        final List<HttpMethod> methods = new ArrayList<>();
        for (String method : routes.methods()) {
            methods.add(HttpMethod.valueOf(method));
        }
        methods.add(HttpMethod.OPTIONS);
        final CorsConfigBuilder builder = origins.equals(List.of("*")) ? CorsConfigBuilder.forAnyOrigin()
            : CorsConfigBuilder.forOrigins(origins.toArray(String[]::new));
        return builder.allowedRequestMethods(methods.toArray(HttpMethod[]::new))
            .allowedRequestHeaders(HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.CONTENT_TYPE)
            .exposeHeaders(HttpHeaderNames.RETRY_AFTER, HttpHeaderNames.ALLOW)
            .maxAge(PREFLIGHT_MAX_AGE_SECONDS)
            .build();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        final boolean keepAlive = HttpUtil.isKeepAlive(http);
        if (!http.decoderResult().isSuccess()) {
            HttpAnswers.error(ctx, false, 400, "INVALID_REQUEST", "malformed HTTP request");
            return;
        }
        final RequestTarget target;
        try {
            target = RequestTarget.decode(http.uri());
        } catch (RequestException e) {
            metrics.requestInvalid();
            HttpAnswers.error(ctx, keepAlive, e);
            return;
        }
        final String path = target.path();
        if (answerPlainResource(ctx, keepAlive, http.method(), path)) {
            return;
        }
        if (!isApiPath(path)) {
            HttpAnswers.error(ctx, keepAlive, 404, "NOT_FOUND", "no such resource: " + path);
            return;
        }
        final List<String> segments = List.of(path.substring(API.length()).split("/", -1));
        final RestRequest request = new RestRequest(ctx, keepAlive, http.method().name(), segments, target.query(),
            http.content().toString(StandardCharsets.UTF_8), null);
        try {
            route(request, http.headers().get("Authorization"));
        } catch (RequestException e) {
            metrics.requestInvalid();
            request.fail(e);
        }
    }

    /**
     * Answers the resources outside the routing table (health, metrics, the OpenAPI file), which
     * take GET and HEAD (Netty's codec leaves the body out of a HEAD answer); any other method gets 405.
     *
     * @return whether the path was one of them, now answered
     */
    private boolean answerPlainResource(ChannelHandlerContext ctx, boolean keepAlive, HttpMethod method, String path) {
        final Runnable answer = switch (path) {
            case "/health" -> () -> {
                final boolean up = health.pipeline().getAsBoolean();
                HttpAnswers.json(ctx, keepAlive, up ? 200 : 503, "{\"status\":\"" + (up ? "UP" : "BUSY")
                    + "\",\"readModel\":\"" + (health.readModel().getAsBoolean() ? "UP" : "DOWN") + "\"}");
            };
            case "/metrics" -> () -> HttpAnswers.write(ctx, keepAlive, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape());
            case "/openapi.yaml", API + "openapi.yaml" -> () -> HttpAnswers.write(ctx, keepAlive, 200,
                "application/yaml; charset=utf-8", openApi);
            default -> null;
        };
        if (answer == null) {
            return false;
        }
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            answer.run();
        } else {
            metrics.requestInvalid();
            HttpAnswers.error(ctx, keepAlive, new RequestException("METHOD_NOT_ALLOWED", 405,
                method + " is not allowed on " + path + "; use GET, HEAD"), HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        return true;
    }

    private void route(RestRequest r, String authorization) {
        final RestRoutes.Route route = routes.find(r.path(), r.method());
        if (route == null) {
            final String allow = routes.allow(r.path());
            if (allow != null) {
                refuse(r, new RequestException("METHOD_NOT_ALLOWED", 405, r.method() + " is not allowed on /api/v1/"
                    + String.join("/", r.path()) + "; use " + allow), HttpHeaderNames.ALLOW, allow);
                return;
            }
        }
        final RestRequest caller = admit(r, route != null ? route.access() : routes.accessUnder(r.path().get(0)),
            authorization);
        if (caller == null) {
            return;
        }
        if (route == null) {
            throw notFound(caller);
        }
        caller.requireOnlyParams(route.params());
        route.handler().handle(caller);
    }

    /**
     * Checks the caller against a route's access: the sign-in or the public market data throttle
     * per client address, or the access token, the throttle per user and, for admin routes, the role.
     *
     * @return the request with its caller (if authenticated), or null when it was refused with 429 (answered)
     * @throws RequestException 401 NOT_AUTHENTICATED, 403 FORBIDDEN
     */
    private RestRequest admit(RestRequest r, RestRoutes.Access access, String authorization) {
        if (access == Access.PUBLIC || access == Access.SIGN_IN) {
            final boolean signIn = access == Access.SIGN_IN;
            final long retryAfter = (signIn ? throttles.signInPerAddress() : throttles.publicPerAddress())
                .acquire(clientKey(r.ctx()));
            if (retryAfter > 0) {
                refuse(r, new RequestException("RATE_LIMITED", 429, "too many " + (signIn ? "sign-in" : "market data")
                    + " requests from this address; slow down"), HttpHeaderNames.RETRY_AFTER, retryAfter);
                return null;
            }
            return r;
        }
        final RestRequest caller = r.as(authenticate(authorization));
        final long retryAfter = throttles.perUser().acquire(caller.principal().userId());
        if (retryAfter > 0) {
            refuse(caller, new RequestException("RATE_LIMITED", 429, "too many requests; slow down"),
                HttpHeaderNames.RETRY_AFTER, retryAfter);
            return null;
        }
        if (access == Access.ADMIN && !caller.principal().isAdmin()) {
            throw new RequestException("FORBIDDEN", 403, "administrators only");
        }
        return caller;
    }

    /**
     * @param authorization the Authorization header, {@code Bearer <access token>}; the scheme is
     *         told in any case ("bearer"), as RFC 7235 has it
     * @return the token's caller @throws RequestException 401 NOT_AUTHENTICATED
     */
    private Principal authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new RequestException("NOT_AUTHENTICATED", 401, "an Authorization: Bearer <access token> header is required");
        }
        final Principal principal = tokens.verify(authorization.substring(BEARER.length()).trim());
        if (principal == null) {
            throw new RequestException("NOT_AUTHENTICATED", 401, "the access token is invalid or expired");
        }
        return principal;
    }

    /** @return a key for the client's address (IPv4 as its number, others by hash), negative so it never equals a user id */
    private static long clientKey(ChannelHandlerContext ctx) {
        final java.net.SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof java.net.InetSocketAddress) {
            final byte[] ip = ((java.net.InetSocketAddress) remote).getAddress().getAddress();
            return -1 - (ip.length == 4 ? java.nio.ByteBuffer.wrap(ip).getInt() & 0xFFFFFFFFL : java.util.Arrays.hashCode(ip) & 0x7FFFFFFFL);
        }
        return -1;
    }

    private void signUp(RestRequest r) {
        final JsonNode body = r.json();
        OrderRequestAdapter.requireOnly(body, SIGNUP_FIELDS);
        final String username = OrderRequestAdapter.requiredText(body, "username");
        final String password = OrderRequestAdapter.requiredText(body, "password");
        final String displayName = OrderRequestAdapter.optionalText(body, "displayName");
        final Boolean optIn = optionalBoolean(body, "rankingsOptIn");
        hashing(r, () -> {
            final long userId = auth.signUp(username, password, displayName, optIn != null && optIn);
            r.answer(201, "{\"userId\":" + userId + "}");
        });
    }

    /**
     * {@code PATCH /account}: the caller changes their display name, their rankings opt-in or both
     * (an extension of PROTOCOL.md, which fixes both at sign-up). Answers the profile as it now is;
     * {@code /rankings} shows it from its next reading.
     */
    private void updateProfile(RestRequest r) {
        final JsonNode body = r.json();
        OrderRequestAdapter.requireOnly(body, PROFILE_FIELDS);
        final String displayName = OrderRequestAdapter.optionalText(body, "displayName");
        final Boolean optIn = optionalBoolean(body, "rankingsOptIn");
        if (displayName == null && optIn == null) {
            throw RequestException.invalid("nothing to change: give displayName, rankingsOptIn or both");
        }
        blocking(r, () -> {
            final User user = auth.updateProfile(r.principal().userId(), displayName, optIn);
            final Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("userId", user.id());
            profile.put("displayName", user.displayName());
            profile.put("rankingsOptIn", user.rankingsOptIn());
            r.answerValue(200, profile);
        });
    }

    /** @return the body's field, true or false; null when it has none (or JSON null, as every optional field) */
    private static Boolean optionalBoolean(JsonNode body, String field) {
        final JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw RequestException.invalid(field + " must be true or false");
        }
        return value.booleanValue();
    }

    private void login(RestRequest r) {
        final JsonNode body = r.json();
        OrderRequestAdapter.requireOnly(body, LOGIN_FIELDS);
        final String username = OrderRequestAdapter.requiredText(body, "username");
        final String password = OrderRequestAdapter.requiredText(body, "password");
        hashing(r, () -> r.answerValue(200, auth.login(username, password)));
    }

    private void refresh(RestRequest r) {
        final String token = refreshToken(r);
        blocking(r, () -> r.answerValue(200, auth.refresh(token)));
    }

    private void logout(RestRequest r) {
        final JsonNode body = r.json();
        OrderRequestAdapter.requireOnly(body, LOGOUT_FIELDS);
        final String token = OrderRequestAdapter.requiredText(body, "refreshToken");
        final boolean everywhere = Boolean.TRUE.equals(optionalBoolean(body, "everywhere"));
        blocking(r, () -> {
            if (!auth.logout(token, everywhere)) {
                throw new RequestException("NOT_AUTHENTICATED", 401, "the refresh token is invalid or already revoked");
            }
            HttpAnswers.noContent(r.ctx(), r.keepAlive());
        });
    }

    private static String refreshToken(RestRequest r) {
        final JsonNode body = r.json();
        OrderRequestAdapter.requireOnly(body, REFRESH_FIELDS);
        return OrderRequestAdapter.requiredText(body, "refreshToken");
    }

    private void listing(RestRequest r) {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<String, String> stock : marketData.listing().entrySet()) {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("symbol", stock.getKey());
            row.put("name", stock.getValue());
            final Ticker t = marketData.ticker(stock.getKey());
            if (t != null) {
                row.put("base", t.base());
                row.put("last", t.last());
                row.put("halted", t.halted());
            }
            list.add(row);
        }
        r.answerValue(200, list);
    }

    private void quote(RestRequest r) {
        final String symbol = listedSymbol(r);
        final String quote = marketData.tickerJson(symbol);
        if (quote == null) {
            throw new RequestException("UNKNOWN_SYMBOL", 404, "no quote yet for '" + symbol + "'");
        }
        r.answer(200, quote);
    }

    /** The latest book message; before a symbol's first one (a moment after it is listed), an empty book as of now. */
    private void book(RestRequest r) {
        final String symbol = listedSymbol(r);
        final String book = marketData.bookJson(symbol);
        r.answer(200, book != null ? book : "{\"type\":\"book\",\"symbol\":\"" + symbol + "\",\"bids\":[],\"asks\":[],\"ts\":"
            + System.currentTimeMillis() + "}");
    }

    private void candles(RestRequest r) {
        final String symbol = listedSymbol(r);
        blocking(r, () -> readModel.candles(r, symbol));
    }

    /** @return the symbol of a {@code stocks/{symbol}/...} path @throws RequestException 404 UNKNOWN_SYMBOL when it is not listed */
    private String listedSymbol(RestRequest r) {
        final String symbol = r.path().get(1);
        if (!Symbol.isValid(symbol) || !marketData.isListed(symbol)) {
            throw new RequestException("UNKNOWN_SYMBOL", 404, "symbol '" + symbol + "' is not listed");
        }
        return symbol;
    }

    private void place(RestRequest r) {
        final EngineCall call = new EngineCall();
        orders.place(r.principal().userId(), OrderRequestAdapter.place(r.message()), null, null, call);
        call.whenDone(done -> answerOrder(r, done, 201), r::fail);
    }

    private void modify(RestRequest r) {
        final long[] values = OrderRequestAdapter.modifyValues(r.message(), true);
        final EngineCall call = new EngineCall();
        orders.modify(r.principal().userId(), new OrderTarget(r.idAt(1), null), values[0], values[1], null, null, call);
        call.whenDone(done -> answerOrder(r, done, 200), r::fail);
    }

    /** Cancels the order of {@code orders/{orderId}}. No body (an empty one or {@code {}}), like the other body-less calls. */
    private void cancel(RestRequest r) {
        r.requireNoFields();
        final EngineCall call = new EngineCall();
        orders.cancel(r.principal().userId(), new OrderTarget(r.idAt(1), null), null, null, call);
        call.whenDone(done -> answerOrder(r, done, 200), r::fail);
    }

    private static void answerOrder(RestRequest r, EngineCall done, int okStatus) {
        final RejectReason reason = done.reason();
        if (reason == null) {
            r.answer(okStatus, done.eventJson());
            return;
        }
        final int status = reason == RejectReason.UNKNOWN_ORDER ? 404 : 422;
        r.answer(status, "{\"code\":\"" + reason.name() + "\",\"message\":\"rejected by the engine: " + reason.name()
            + (reason == RejectReason.UNKNOWN_ORDER ? NOT_OPEN : "") + "\",\"order\":" + done.eventJson() + "}");
    }

    /** Answers a request refused with an error that needs one more header (Retry-After, Allow). */
    private void refuse(RestRequest r, RequestException e, CharSequence header, Object value) {
        metrics.requestInvalid();
        r.fail(e, header, value);
    }

    /** Database work that may block, on the database pool; its RequestException or failure becomes the answer. */
    private void blocking(RestRequest r, BlockingWork work) {
        submit(executors.database(), r, work, "the server is busy; try again");
    }

    /** Sign-up or login (password hashing), on its own bounded pool; a full one is answered 503 at once. */
    private void hashing(RestRequest r, BlockingWork work) {
        submit(executors.passwordHashing(), r, work, "too many sign-ins at once; try again in a moment");
    }

    private void submit(ExecutorService executor, RestRequest r, BlockingWork work, String whenFull) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RequestException e) {
                    metrics.requestInvalid();
                    r.fail(e);
                } catch (Exception e) {
                    if (DatabaseErrors.unreachable(e)) {
                        r.fail(new RequestException("DATABASE_UNAVAILABLE", 503, "the account database is not answering;"
                            + " try again shortly (orders still go through)"));
                        return;
                    }
                    log("answered 500 to " + r.method() + " /api/v1/" + String.join("/", r.path()) + ": " + e);
                    HttpAnswers.error(r.ctx(), r.keepAlive(), 500, "INTERNAL_ERROR", "internal error: " + e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException e) {
            throw new RequestException("BUSY", 503, whenFull);
        }
    }

    /** Blocking work that may throw. */
    @FunctionalInterface
    interface BlockingWork {
        void run() throws Exception;
    }

    /** @return a handler that answers with a read of the read model, on the worker pool */
    private RestRoutes.Handler fromReadModel(ReadModelRead read) {
        return r -> blocking(r, () -> read.answer(readModel, r));
    }

    /** One read of the read model that answers a request. */
    @FunctionalInterface
    interface ReadModelRead {
        void answer(ReadModelRoutes readModel, RestRequest r) throws SQLException;
    }

    private static RequestException notFound(RestRequest r) {
        return new RequestException("NOT_FOUND", 404, "no such resource: " + r.method() + " /api/v1/" + String.join("/", r.path()));
    }

    /**
     * Closes the connection after an exception no handler answered: a bug, or bytes a codec could
     * not decode (plain HTTP sent to a TLS port), logged with the peer's address first; the stack
     * trace too for a bug. A failed read or write (the peer reset the connection) is not logged: it
     * is the network's doing, not the gateway's.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log("closing the connection of " + ctx.channel().remoteAddress() + " after an unexpected error: " + cause);
            if (!(cause instanceof DecoderException)) {
                cause.printStackTrace();
            }
        }
        ctx.close();
    }

    private static void log(String message) {
        System.err.println("motoo gateway: " + message);
    }
}
