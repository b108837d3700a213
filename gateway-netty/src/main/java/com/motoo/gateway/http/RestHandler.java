package com.motoo.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.pipeline.Ticker;
import com.motoo.gateway.auth.AuthService;
import com.motoo.gateway.auth.Principal;
import com.motoo.gateway.auth.TokenService;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import com.motoo.gateway.order.EngineCall;
import com.motoo.gateway.order.OrderEntryService;
import com.motoo.gateway.order.OrderRequestAdapter;
import com.motoo.gateway.order.OrderTarget;
import com.motoo.gateway.order.RequestException;
import com.motoo.gateway.throttle.UserRateLimits;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The REST API of PROTOCOL.md under {@code /api/v1}, plus {@code /health}, {@code /metrics} and
 * {@code /openapi.yaml}. Routing and checks run on the event loop; order commands go to the
 * pipeline and answer from the engine thread; blocking work (bcrypt, database) runs on the worker
 * pool. Errors are {@code {"code","message"}} with a fitting status: a known path asked with a
 * method it does not answer gets 405 with {@code Allow} ({@link ApiRoutes}), a 429 says when to retry
 * in {@code Retry-After}. Shared by all connections.
 */
@ChannelHandler.Sharable
public final class RestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String API = "/api/v1/";
    private static final Set<String> SIGNUP_FIELDS = Set.of("username", "password", "displayName", "rankingsOptIn");
    private static final Set<String> LOGIN_FIELDS = Set.of("username", "password");
    private static final Set<String> REFRESH_FIELDS = Set.of("refreshToken");
    private static final Set<String> LIST_FIELDS = Set.of("symbol", "name", "basePrice");
    private static final Set<String> CASH_FIELDS = Set.of("amount");
    private static final Set<String> SHARES_FIELDS = Set.of("symbol", "qty");

    private final TokenService tokens;
    private final AuthService auth;
    private final OrderEntryService orders;
    private final MarketDataHub marketData;
    private final ReadModelRoutes readModel;
    private final GatewayMetrics metrics;
    private final ExecutorService workers;
    private final String openApi;
    private final long startingCash;
    private final java.util.function.BooleanSupplier ready;
    private final UserRateLimits rateLimits;
    private final UserRateLimits authRateLimits;

    public RestHandler(TokenService tokens, AuthService auth, OrderEntryService orders, MarketDataHub marketData,
                       ReadModelRoutes readModel, GatewayMetrics metrics, ExecutorService workers, String openApi,
                       long startingCash, java.util.function.BooleanSupplier ready, UserRateLimits rateLimits,
                       UserRateLimits authRateLimits) {
        this.tokens = tokens;
        this.auth = auth;
        this.orders = orders;
        this.marketData = marketData;
        this.readModel = readModel;
        this.metrics = metrics;
        this.workers = workers;
        this.openApi = openApi;
        this.startingCash = startingCash;
        this.ready = ready;
        this.rateLimits = rateLimits;
        this.authRateLimits = authRateLimits;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        final boolean keepAlive = HttpUtil.isKeepAlive(http);
        if (!http.decoderResult().isSuccess()) {
            HttpAnswers.error(ctx, false, 400, "INVALID_REQUEST", "malformed HTTP request");
            return;
        }
        final QueryStringDecoder uri = new QueryStringDecoder(http.uri());
        final String path = uri.path();
        switch (path) {
            case "/health":
                final boolean up = ready.getAsBoolean();
                HttpAnswers.json(ctx, keepAlive, up ? 200 : 503, "{\"status\":\"" + (up ? "UP" : "BUSY") + "\"}");
                return;
            case "/metrics":
                HttpAnswers.write(ctx, keepAlive, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
                return;
            case "/openapi.yaml":
            case API + "openapi.yaml":
                HttpAnswers.write(ctx, keepAlive, 200, "application/yaml; charset=utf-8", openApi);
                return;
            default:
                break;
        }
        if (!path.startsWith(API)) {
            HttpAnswers.error(ctx, keepAlive, 404, "NOT_FOUND", "no such resource: " + path);
            return;
        }
        final List<String> segments = List.of(path.substring(API.length()).split("/", -1));
        final RestRequest request = new RestRequest(ctx, keepAlive, http.method().name(), segments, uri.parameters(),
            http.content().toString(StandardCharsets.UTF_8), null);
        try {
            route(request, http.headers().get("Authorization"));
        } catch (RequestException e) {
            metrics.requestInvalid();
            request.fail(e);
        }
    }

    private void route(RestRequest r, String authorization) {
        final String allow = ApiRoutes.refusing(r.path(), r.method());
        if (allow != null) {
            refuse(r, new RequestException("METHOD_NOT_ALLOWED", 405, r.method() + " is not allowed on /api/v1/"
                + String.join("/", r.path()) + "; use " + allow), HttpHeaderNames.ALLOW, allow);
            return;
        }
        final String first = r.path().get(0);
        if (first.equals("auth")) {
            authRoutes(r);
            return;
        }
        if (first.equals("stocks") && r.method().equals("GET")) {
            stockRoutes(r);
            return;
        }
        final RestRequest caller = r.as(authenticate(authorization));
        final long retryAfter = rateLimits.acquire(caller.principal().userId());
        if (retryAfter > 0) {
            refuse(caller, new RequestException("RATE_LIMITED", 429, "too many requests; slow down"),
                HttpHeaderNames.RETRY_AFTER, retryAfter);
            return;
        }
        switch (first) {
            case "orders":
                orderRoutes(caller);
                return;
            case "admin":
                if (!caller.principal().isAdmin()) {
                    throw new RequestException("FORBIDDEN", 403, "administrators only");
                }
                adminRoutes(caller);
                return;
            case "account":
                if (caller.path().size() == 2 && caller.path().get(1).equals("reset") && caller.method().equals("POST")) {
                    reset(caller);
                    return;
                }
                break;
            default:
                break;
        }
        blocking(caller, () -> readModel.route(caller));
    }

    private Principal authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new RequestException("NOT_AUTHENTICATED", 401, "an Authorization: Bearer <access token> header is required");
        }
        final Principal principal = tokens.verify(authorization.substring(7).trim());
        if (principal == null) {
            throw new RequestException("NOT_AUTHENTICATED", 401, "the access token is invalid or expired");
        }
        return principal;
    }

    private void authRoutes(RestRequest r) {
        if (r.path().size() != 2 || !r.method().equals("POST")) {
            throw notFound(r);
        }
        final long retryAfter = authRateLimits.acquire(clientKey(r.ctx()));
        if (retryAfter > 0) {
            refuse(r, new RequestException("RATE_LIMITED", 429, "too many sign-in requests from this address; slow down"),
                HttpHeaderNames.RETRY_AFTER, retryAfter);
            return;
        }
        switch (r.path().get(1)) {
            case "signup": {
                final JsonNode body = r.json();
                OrderRequestAdapter.requireOnly(body, SIGNUP_FIELDS);
                final String username = OrderRequestAdapter.requiredText(body, "username");
                final String password = OrderRequestAdapter.requiredText(body, "password");
                final String displayName = body.has("displayName") ? OrderRequestAdapter.requiredText(body, "displayName") : null;
                final JsonNode optIn = body.get("rankingsOptIn");
                if (optIn != null && !optIn.isBoolean()) {
                    throw RequestException.invalid("rankingsOptIn must be true or false");
                }
                blocking(r, () -> {
                    final long userId = auth.signUp(username, password, displayName, optIn != null && optIn.booleanValue());
                    r.answer(201, "{\"userId\":" + userId + "}");
                });
                return;
            }
            case "login": {
                final JsonNode body = r.json();
                OrderRequestAdapter.requireOnly(body, LOGIN_FIELDS);
                final String username = OrderRequestAdapter.requiredText(body, "username");
                final String password = OrderRequestAdapter.requiredText(body, "password");
                blocking(r, () -> r.answerValue(200, auth.login(username, password)));
                return;
            }
            case "refresh": {
                final String token = refreshToken(r);
                blocking(r, () -> r.answerValue(200, auth.refresh(token)));
                return;
            }
            case "logout": {
                final String token = refreshToken(r);
                blocking(r, () -> {
                    if (!auth.logout(token)) {
                        throw new RequestException("NOT_AUTHENTICATED", 401, "the refresh token is invalid or already revoked");
                    }
                    HttpAnswers.noContent(r.ctx(), r.keepAlive());
                });
                return;
            }
            default:
                throw notFound(r);
        }
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

    private static String refreshToken(RestRequest r) {
        final JsonNode body = r.json();
        OrderRequestAdapter.requireOnly(body, REFRESH_FIELDS);
        return OrderRequestAdapter.requiredText(body, "refreshToken");
    }

    private void stockRoutes(RestRequest r) {
        final List<String> p = r.path();
        if (p.size() == 1) {
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
            return;
        }
        final String symbol = p.get(1);
        if (!Symbol.isValid(symbol) || !marketData.isListed(symbol)) {
            throw new RequestException("UNKNOWN_SYMBOL", 404, "symbol '" + symbol + "' is not listed");
        }
        if (p.size() == 2) {
            final Ticker t = marketData.ticker(symbol);
            if (t == null) {
                throw new RequestException("UNKNOWN_SYMBOL", 404, "no quote yet for '" + symbol + "'");
            }
            r.answer(200, marketData.tickerJson(symbol, t));
        } else if (p.size() == 3 && p.get(2).equals("book")) {
            final String book = marketData.bookJson(symbol);
            r.answer(200, book != null ? book
                : "{\"type\":\"book\",\"symbol\":\"" + symbol + "\",\"bids\":[],\"asks\":[]}");
        } else if (p.size() == 3 && p.get(2).equals("candles")) {
            blocking(r, () -> readModel.candles(r, symbol));
        } else {
            throw notFound(r);
        }
    }

    private void orderRoutes(RestRequest r) {
        final long userId = r.principal().userId();
        final List<String> p = r.path();
        if (p.size() == 1 && r.method().equals("POST")) {
            final EngineCall call = new EngineCall();
            orders.place(userId, OrderRequestAdapter.place(r.message()), null, null, call);
            call.future().thenAccept(done -> answerOrder(r, done, 201));
        } else if (p.size() == 2 && r.method().equals("PATCH")) {
            final long[] values = OrderRequestAdapter.modifyValues(r.message(), true);
            final EngineCall call = new EngineCall();
            orders.modify(userId, new OrderTarget(r.idAt(1), null), values[0], values[1], null, null, call);
            call.future().thenAccept(done -> answerOrder(r, done, 200));
        } else if (p.size() == 2 && r.method().equals("DELETE")) {
            final EngineCall call = new EngineCall();
            orders.cancel(userId, new OrderTarget(r.idAt(1), null), null, null, call);
            call.future().thenAccept(done -> answerOrder(r, done, 200));
        } else if (r.method().equals("GET") && p.size() <= 2) {
            blocking(r, () -> readModel.route(r));
        } else {
            throw notFound(r);
        }
    }

    private static void answerOrder(RestRequest r, EngineCall done, int okStatus) {
        final RejectReason reason = done.reason();
        if (reason == null) {
            r.answer(okStatus, done.eventJson());
            return;
        }
        final int status = reason == RejectReason.UNKNOWN_ORDER ? 404 : 422;
        r.answer(status, "{\"code\":\"" + reason.name() + "\",\"message\":\"rejected by the engine: " + reason.name()
            + "\",\"order\":" + done.eventJson() + "}");
    }

    private void reset(RestRequest r) {
        final EngineCall call = new EngineCall();
        orders.submitAdmin(orders.command().reset(r.principal().userId(), startingCash), call);
        call.future().thenAccept(done -> answerDone(r, done, "{\"userId\":" + r.principal().userId() + ",\"cash\":"
            + startingCash + "}"));
    }

    private void adminRoutes(RestRequest r) {
        final List<String> p = r.path();
        if (!r.method().equals("POST")) {
            throw notFound(r);
        }
        final EngineCall call = new EngineCall();
        if (p.size() == 2 && p.get(1).equals("eod")) {
            orders.submitAdmin(orders.command().endOfDay(), call);
            call.future().thenAccept(done -> answerDone(r, done, "{\"endOfDay\":true}"));
        } else if (p.size() == 2 && p.get(1).equals("stocks")) {
            final JsonNode body = r.json();
            OrderRequestAdapter.requireOnly(body, LIST_FIELDS);
            final String symbol = OrderRequestAdapter.requiredText(body, "symbol");
            final String name = OrderRequestAdapter.requiredText(body, "name");
            if (!Symbol.isValid(symbol)) {
                throw RequestException.invalid("symbol must be 1 to 8 characters of [0-9A-Za-z._-]");
            }
            if (name.isBlank() || name.length() > 64) {
                throw RequestException.invalid("name must be 1 to 64 characters");
            }
            final long basePrice = OrderRequestAdapter.positiveLong(body, "basePrice");
            orders.submitAdmin(orders.command().list(Symbol.encode(symbol), name, basePrice), call);
            call.future().thenAccept(done -> answerDone(r, done, "{\"symbol\":\"" + symbol + "\"}"));
        } else if (p.size() == 4 && p.get(1).equals("stocks") && (p.get(3).equals("halt") || p.get(3).equals("resume"))) {
            final String symbol = p.get(2);
            if (!Symbol.isValid(symbol)) {
                throw new RequestException("UNKNOWN_SYMBOL", 404, "symbol '" + symbol + "' is not listed");
            }
            final boolean halt = p.get(3).equals("halt");
            orders.submitAdmin(orders.command().halt(Symbol.encode(symbol), halt), call);
            call.future().thenAccept(done -> answerDone(r, done, "{\"symbol\":\"" + symbol + "\",\"halted\":" + halt + "}"));
        } else if (p.size() == 4 && p.get(1).equals("users") && p.get(3).equals("cash")) {
            final long userId = r.idAt(2);
            final JsonNode body = r.json();
            OrderRequestAdapter.requireOnly(body, CASH_FIELDS);
            final JsonNode amount = body.get("amount");
            if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.longValue() == 0) {
                throw RequestException.invalid("amount must be a non-zero integer");
            }
            orders.submitAdmin(orders.command().deposit(userId, amount.longValue()), call);
            call.future().thenAccept(done -> answerDone(r, done, "{\"userId\":" + userId + ",\"amount\":" + amount.longValue() + "}"));
        } else if (p.size() == 4 && p.get(1).equals("users") && p.get(3).equals("shares")) {
            final long userId = r.idAt(2);
            final JsonNode body = r.json();
            OrderRequestAdapter.requireOnly(body, SHARES_FIELDS);
            final String symbol = OrderRequestAdapter.requiredText(body, "symbol");
            if (!Symbol.isValid(symbol)) {
                throw new RequestException("UNKNOWN_SYMBOL", 404, "symbol '" + symbol + "' is not listed");
            }
            final long qty = OrderRequestAdapter.positiveLong(body, "qty");
            orders.submitAdmin(orders.command().grant(userId, Symbol.encode(symbol), qty), call);
            call.future().thenAccept(done -> answerDone(r, done, "{\"userId\":" + userId + ",\"symbol\":\"" + symbol
                + "\",\"qty\":" + qty + "}"));
        } else {
            throw notFound(r);
        }
    }

    private static void answerDone(RestRequest r, EngineCall done, String okJson) {
        final RejectReason reason = done.reason();
        if (reason == null) {
            r.answer(200, okJson);
        } else {
            final int status = reason == RejectReason.UNKNOWN_ACCOUNT || reason == RejectReason.UNKNOWN_SYMBOL ? 404
                : reason == RejectReason.DUPLICATE_SYMBOL ? 409 : 422;
            HttpAnswers.error(r.ctx(), r.keepAlive(), status, reason.name(), "rejected by the engine: " + reason.name());
        }
    }

    /** Answers a request refused with an error that needs one more header (Retry-After, Allow). */
    private void refuse(RestRequest r, RequestException e, CharSequence header, Object value) {
        metrics.requestInvalid();
        r.fail(e, header, value);
    }

    /** Work that may block, on the worker pool; its RequestException or failure becomes the answer. */
    private void blocking(RestRequest r, BlockingWork work) {
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (RequestException e) {
                    metrics.requestInvalid();
                    r.fail(e);
                } catch (Exception e) {
                    HttpAnswers.error(r.ctx(), r.keepAlive(), 500, "INTERNAL_ERROR", "internal error: " + e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException e) {
            throw new RequestException("BUSY", 503, "the server is busy; try again");
        }
    }

    /** Blocking work that may throw. */
    @FunctionalInterface
    interface BlockingWork {
        void run() throws Exception;
    }

    static RequestException notFound(RestRequest r) {
        return new RequestException("NOT_FOUND", 404, "no such resource: " + r.method() + " /api/v1/" + String.join("/", r.path()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
