package com.motoo.gateway.ws;

import com.motoo.engine.command.Symbol;
import com.motoo.gateway.Configuration;
import com.motoo.gateway.auth.Principal;
import com.motoo.gateway.auth.TokenService;
import com.motoo.gateway.json.JsonKind;
import com.motoo.gateway.json.JsonText;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import com.motoo.gateway.order.OrderEntryService;
import com.motoo.gateway.order.OrderRequestAdapter;
import com.motoo.gateway.order.OrderTarget;
import com.motoo.gateway.order.RequestException;
import com.motoo.gateway.order.RequestField;
import com.motoo.gateway.order.RequestMessage;
import com.motoo.gateway.order.RequestReader;
import com.motoo.gateway.order.UserSessions;
import com.motoo.gateway.throttle.RateLimiter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection's inbound side (PROTOCOL.md): authentication first (a token at the
 * handshake as {@code ?token=} or a Bearer header, or an {@code auth} message), then order entry,
 * market data subscriptions and pings. Every bad message gets an {@code error} and the connection stays
 * open unless it must close: a bad token (4401), no auth in time (4408), repeated floods (4429),
 * a frame over the limit (1009). An authenticated connection is sent {@code token_expiring} some
 * time before its token expires; a fresh {@code auth} for the same user extends it, and without one
 * it closes with 4401 at the expiry. A connection silent for the idle time is pinged, and closed
 * (1001) if it stays silent as long again; its pings and pongs count toward its rate limit.
 * Runs on the connection's event loop; one instance per connection.
 */
public final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final int MAX_SUBSCRIPTIONS = 256;
    private static final String TICKER_PREFIX = "ticker.";
    private static final Set<RequestField> AUTH_FIELDS = EnumSet.of(RequestField.OP, RequestField.ID, RequestField.TOKEN);
    private static final Set<RequestField> SUBSCRIBE_FIELDS =
        EnumSet.of(RequestField.OP, RequestField.ID, RequestField.CHANNELS);
    private static final Set<RequestField> PING_FIELDS = EnumSet.of(RequestField.OP, RequestField.ID);

    private final Configuration config;
    private final TokenService tokens;
    private final OrderEntryService orders;
    private final UserSessions sessions;
    private final MarketDataHub marketData;
    private final GatewayMetrics metrics;
    private final OrderEventOutboxes outboxes;
    private final Set<String> subscriptions = new HashSet<>();
    private RateLimiter rateLimiter;
    private int rateStrikes;
    private ScheduledFuture<?> authTimeout;
    private ScheduledFuture<?> expiryNotice;
    private ScheduledFuture<?> tokenExpiry;
    private WebSocketSession session;
    private Principal principal;
    private boolean reading;
    private boolean unflushed;

    /** @param outboxes the server's per-event-loop outboxes that this connection's order events go through */
    public WebSocketFrameHandler(Configuration config, TokenService tokens, OrderEntryService orders,
                                 UserSessions sessions, MarketDataHub marketData, GatewayMetrics metrics,
                                 OrderEventOutboxes outboxes) {
        super(true);
        this.config = config;
        this.tokens = tokens;
        this.orders = orders;
        this.sessions = sessions;
        this.marketData = marketData;
        this.metrics = metrics;
        this.outboxes = outboxes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        rateLimiter = new RateLimiter(config.wsRatePerSecond(), config.wsRateBurst(), System.nanoTime());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (((IdleStateEvent) evt).isFirst()) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else {
                closeWith(ctx, CloseCodes.IDLE, "nothing from the client in " + 2 * config.idleSeconds()
                    + " s, not even a pong");
            }
        } else if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            final ChannelHandlerContext decoder = ctx.pipeline().context(WebSocketFrameDecoder.class);
            ctx.pipeline().addAfter(decoder.name(), "motoo-control-frames", new ControlFrameLimit());
            metrics.webSocketConnections().incrementAndGet();
            final WebSocketServerProtocolHandler.HandshakeComplete handshake =
                (WebSocketServerProtocolHandler.HandshakeComplete) evt;
            authTimeout = ctx.executor().schedule(() -> closeWith(ctx, CloseCodes.AUTH_TIMEOUT, "no authentication in time"),
                config.wsAuthTimeoutMillis(), TimeUnit.MILLISECONDS);
            final String token;
            try {
                token = handshakeToken(handshake);
            } catch (IllegalArgumentException malformed) {
                error(ctx, new RequestException("NOT_AUTHENTICATED", 401, "the handshake's query string is malformed: "
                    + malformed.getMessage()), null);
                closeWith(ctx, CloseCodes.BAD_TOKEN, "malformed query string");
                return;
            }
            if (token != null) {
                authenticate(ctx, token, null);
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    /** @throws IllegalArgumentException when the handshake's query string is malformed (bad percent-encoding) */
    private static String handshakeToken(WebSocketServerProtocolHandler.HandshakeComplete handshake) {
        final List<String> query = new QueryStringDecoder(handshake.requestUri()).parameters().get("token");
        if (query != null && !query.isEmpty()) {
            return query.get(0);
        }
        final String header = handshake.requestHeaders().get("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }

    /**
     * Counts the client's pings and pongs against the connection's message rate limit, as its
     * messages are: Netty answers a ping before this handler sees it, so a ping flood would cost
     * the gateway a pong each without limit. A ping over the limit, or on a closing connection, is
     * dropped unanswered, and repeated floods close the connection with 4429 as for messages.
     * Sits right after the frame decoder; the connection's event loop only.
     */
    private final class ControlFrameLimit extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof PingWebSocketFrame || msg instanceof PongWebSocketFrame)) {
                ctx.fireChannelRead(msg);
            } else if (session != null && session.isClosing()) {
                ReferenceCountUtil.release(msg);
            } else if (!rateLimiter.tryAcquire(System.nanoTime())) {
                ReferenceCountUtil.release(msg);
                struckOut(ctx);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    /**
     * Counts a frame over the connection's rate limit (a message, a ping or a pong) as a strike.
     *
     * @return whether that strike was one too many: the connection is now closing with 4429, once the
     *         requests it already has in the engine are answered
     */
    private boolean struckOut(ChannelHandlerContext ctx) {
        if (++rateStrikes < config.wsRateStrikes()) {
            return false;
        }
        if (session == null) {
            closeWith(ctx, CloseCodes.RATE_LIMITED, "rate limit exceeded repeatedly");
        } else {
            session.closeWhenAnswered(CloseCodes.RATE_LIMITED, "rate limit exceeded repeatedly");
        }
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        try {
            super.channelRead(ctx, msg);
        } finally {
            reading = false;
        }
    }

    /** Flushes the direct answers of the whole read batch at once (one write for pipelined requests). */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        super.channelReadComplete(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session != null && session.isClosing()) {
            return;
        }
        if (!rateLimiter.tryAcquire(System.nanoTime())) {
            if (!struckOut(ctx)) {
                error(ctx, new RequestException("RATE_LIMITED", 429, "too many messages; slow down"), echoIdOf(frame));
            }
            return;
        }
        if (frame instanceof BinaryWebSocketFrame) {
            error(ctx, RequestException.invalid("binary frames are not supported; send JSON text"), null);
            return;
        }
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        String echoId = null;
        try {
            final RequestMessage message = RequestReader.read(((TextWebSocketFrame) frame).text());
            if (!message.isObject()) {
                throw RequestException.invalid("a message must be a JSON object");
            }
            final JsonKind id = message.kind(RequestField.ID);
            if (id != JsonKind.ABSENT) {
                if (!isEchoable(id)) {
                    throw RequestException.invalid("id must be a string or an integer");
                }
                echoId = message.echoId();
            }
            handle(ctx, message, echoId);
        } catch (RequestException e) {
            metrics.requestInvalid();
            error(ctx, e, echoId);
        }
    }

    private static boolean isEchoable(JsonKind id) {
        return id == JsonKind.STRING || id == JsonKind.INTEGER || id == JsonKind.BIG_INTEGER;
    }

    /**
     * @return the {@code id} to echo in the answer to a message refused before it is handled (over
     *         the rate limit), so that its sender knows which request it was; null when the message
     *         has none or cannot be read
     */
    private static String echoIdOf(WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return null;
        }
        try {
            final RequestMessage message = RequestReader.read(((TextWebSocketFrame) frame).text());
            return message.isObject() && isEchoable(message.kind(RequestField.ID)) ? message.echoId() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private void handle(ChannelHandlerContext ctx, RequestMessage message, String echoId) {
        final String op = OrderRequestAdapter.requiredText(message, RequestField.OP);
        if (op.equals("auth")) {
            OrderRequestAdapter.requireOnly(message, AUTH_FIELDS);
            authenticate(ctx, OrderRequestAdapter.requiredText(message, RequestField.TOKEN), echoId);
            return;
        }
        if (principal == null) {
            if (!isKnownOp(op)) {
                throw RequestException.invalid("unknown op '" + op + "'");
            }
            throw new RequestException("NOT_AUTHENTICATED", 401, "authenticate first: {\"op\":\"auth\",\"token\":\"...\"}");
        }
        final long userId = principal.userId();
        switch (op) {
            case "place":
                orders.place(userId, OrderRequestAdapter.place(message), session, echoId, null);
                break;
            case "modify": {
                final OrderTarget target = OrderRequestAdapter.target(message, true);
                final long[] values = OrderRequestAdapter.modifyValues(message, false);
                orders.modify(userId, target, values[0], values[1], session, echoId, null);
                break;
            }
            case "cancel":
                orders.cancel(userId, OrderRequestAdapter.target(message, false), session, echoId, null);
                break;
            case "subscribe":
            case "unsubscribe":
                subscribe(ctx, message, op.equals("subscribe"), echoId);
                break;
            case "ping":
                OrderRequestAdapter.requireOnly(message, PING_FIELDS);
                reply(ctx, "{\"type\":\"pong\"" + (echoId == null ? "" : ",\"id\":" + echoId) + "}");
                break;
            default:
                throw RequestException.invalid("unknown op '" + op + "'");
        }
    }

    private static boolean isKnownOp(String op) {
        return op.equals("place") || op.equals("modify") || op.equals("cancel") || op.equals("subscribe")
            || op.equals("unsubscribe") || op.equals("ping");
    }

    private void authenticate(ChannelHandlerContext ctx, String token, String echoId) {
        final Principal verified = tokens.verify(token);
        if (verified == null) {
            error(ctx, new RequestException("NOT_AUTHENTICATED", 401, "the token is invalid or expired"), echoId);
            closeWith(ctx, CloseCodes.BAD_TOKEN, "invalid or expired token");
            return;
        }
        if (principal != null && principal.userId() != verified.userId()) {
            throw new RequestException("FORBIDDEN", 403, "this connection is signed in as another user");
        }
        if (principal == null) {
            session = newSession(ctx, verified.userId());
            if (!sessions.add(session, config.wsMaxConnectionsPerUser())) {
                error(ctx, new RequestException("TOO_MANY_CONNECTIONS", 429, "this user already has "
                    + config.wsMaxConnectionsPerUser() + " connections open; close one first"), echoId);
                closeWith(ctx, CloseCodes.POLICY, "too many connections for this user");
                return;
            }
        }
        if (tokens.isSignedOut(verified)) { // signed out everywhere since the token was verified, before its registration
            session.signOut();
            return;
        }
        cancel(authTimeout);
        scheduleExpiry(ctx, verified.expiresAtMillis());
        principal = verified;
        final StringBuilder out = new StringBuilder(64).append("{\"type\":\"authenticated\"");
        JsonText.field(out, "userId", verified.userId());
        JsonText.field(out, "role", verified.role().name());
        JsonText.field(out, "expiresAt", verified.expiresAtMillis());
        if (echoId != null) {
            JsonText.name(out, "id").append(echoId);
        }
        reply(ctx, out.append('}').toString());
    }

    /**
     * (Re)starts the token's two timers: the {@code token_expiring} notice, {@link Configuration#wsTokenExpiryNoticeMillis}
     * or half the remaining life before the expiry, whichever is shorter, and the close at the expiry: once the
     * requests the connection has in the engine are answered, a {@code NOT_AUTHENTICATED} error, then 4401.
     */
    private void scheduleExpiry(ChannelHandlerContext ctx, long expiresAtMillis) {
        cancel(expiryNotice);
        cancel(tokenExpiry);
        final long remaining = Math.max(1, expiresAtMillis - System.currentTimeMillis());
        final long notice = Math.min(config.wsTokenExpiryNoticeMillis(), remaining / 2);
        final String expiring = JsonText.field(new StringBuilder(64).append("{\"type\":\"token_expiring\""), "expiresAt",
            expiresAtMillis).append('}').toString();
        expiryNotice = ctx.executor().schedule(() -> {
            if (!session.isClosing()) {
                reply(ctx, expiring);
            }
        }, remaining - notice, TimeUnit.MILLISECONDS);
        tokenExpiry = ctx.executor().schedule(() -> {
            if (!session.isClosing()) {
                session.closeWhenAnswered(CloseCodes.BAD_TOKEN, "token expired; reconnect with a fresh token",
                    new RequestException("NOT_AUTHENTICATED", 401, "the token expired; reconnect with a fresh token")
                        .webSocketError(null));
            }
        }, remaining, TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /**
     * Subscribes to or unsubscribes from the channels named, each once however often it is named.
     * Subscribing again to a channel sends its latest book or ticker again; only channels not yet
     * subscribed count toward the limit.
     */
    private void subscribe(ChannelHandlerContext ctx, RequestMessage message, boolean add, String echoId) {
        OrderRequestAdapter.requireOnly(message, SUBSCRIBE_FIELDS);
        final List<String> channels = message.channels();
        if (message.kind(RequestField.CHANNELS) != JsonKind.ARRAY || channels.isEmpty() && message.channelsAreStrings()) {
            throw notChannels();
        }
        final Set<String> names = new LinkedHashSet<>(channels.size() * 2);
        for (String channel : channels) {
            names.add(checkChannel(channel));
        }
        if (!message.channelsAreStrings()) {
            throw notChannels();
        }
        if (add && subscriptions.size() + countNew(names) > MAX_SUBSCRIPTIONS) {
            throw RequestException.invalid("at most " + MAX_SUBSCRIPTIONS + " subscriptions per connection");
        }
        final StringBuilder out = new StringBuilder(128).append("{\"type\":\"").append(add ? "subscribed" : "unsubscribed")
            .append('"');
        JsonText.name(out, "channels").append('[');
        boolean first = true;
        for (String name : names) {
            JsonText.string(first ? out : out.append(','), name);
            first = false;
        }
        out.append(']');
        if (echoId != null) {
            JsonText.name(out, "id").append(echoId);
        }
        reply(ctx, out.append('}').toString());
        // ticker.* first: its latest tickers are then the only ones a request naming it sends
        final boolean allTickers = add && names.contains(MarketDataHub.ALL_TICKERS);
        if (allTickers) {
            subscribe(MarketDataHub.ALL_TICKERS);
        }
        for (String name : names) {
            if (add && !(allTickers && name.startsWith(TICKER_PREFIX))) {
                subscribe(name);
            } else if (add && !name.equals(MarketDataHub.ALL_TICKERS)) {
                subscriptions.add(name); // carried by the ticker.* just subscribed, whose latest tickers went out
            } else if (!add && subscriptions.contains(name)) {
                unsubscribe(name);
            }
        }
    }

    /**
     * Subscribes to a channel. A ticker that {@code ticker.*} carries already gets its latest state but no second feed,
     * so each ticker update reaches the connection once; subscribing to {@code ticker.*} stops the feeds of the tickers
     * subscribed before (they stay subscribed, and are fed again if {@code ticker.*} goes).
     */
    private void subscribe(String name) {
        final boolean carried = isCarriedByAllTickers(name);
        subscriptions.add(name);
        if (carried) {
            marketData.deliverLatest(name, session);
            return;
        }
        marketData.subscribe(name, session);
        if (name.equals(MarketDataHub.ALL_TICKERS)) {
            for (String ticker : subscriptions) {
                if (isCarriedByAllTickers(ticker)) {
                    marketData.unsubscribe(ticker, session);
                }
            }
        }
    }

    private void unsubscribe(String name) {
        final boolean fed = !isCarriedByAllTickers(name);
        subscriptions.remove(name);
        if (fed) {
            marketData.unsubscribe(name, session);
        }
        if (name.equals(MarketDataHub.ALL_TICKERS)) {
            for (String ticker : subscriptions) {
                if (ticker.startsWith(TICKER_PREFIX)) {
                    marketData.subscribe(ticker, session);
                }
            }
        }
    }

    /** @return whether the channel is one symbol's ticker and this connection has {@code ticker.*}, which carries it */
    private boolean isCarriedByAllTickers(String name) {
        return name.startsWith(TICKER_PREFIX) && !name.equals(MarketDataHub.ALL_TICKERS)
            && subscriptions.contains(MarketDataHub.ALL_TICKERS);
    }

    /** @return how many of the channels this connection has not subscribed to yet */
    private int countNew(Set<String> names) {
        int fresh = 0;
        for (String name : names) {
            if (!subscriptions.contains(name)) {
                fresh++;
            }
        }
        return fresh;
    }

    private static RequestException notChannels() {
        return RequestException.invalid("channels must be a non-empty array of strings");
    }

    private String checkChannel(String channel) {
        if (channel.equals(MarketDataHub.ALL_TICKERS)) {
            return channel;
        }
        final int dot = channel.indexOf('.');
        final String kind = dot < 0 ? "" : channel.substring(0, dot);
        if (!kind.equals("book") && !kind.equals("trades") && !kind.equals("ticker")) {
            throw RequestException.invalid("unknown channel '" + channel
                + "'; use book.SYMBOL, trades.SYMBOL, ticker.SYMBOL or ticker.*");
        }
        final String symbol = channel.substring(dot + 1);
        if (!Symbol.isValid(symbol)) {
            throw RequestException.invalid("bad symbol in channel '" + channel + "'");
        }
        if (!marketData.isListed(symbol)) {
            throw new RequestException("UNKNOWN_SYMBOL", 404, "symbol '" + symbol + "' is not listed");
        }
        return channel;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && session != null) {
            session.drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel(authTimeout);
        cancel(expiryNotice);
        cancel(tokenExpiry);
        if (session != null) {
            sessions.remove(session);
            for (String name : subscriptions) {
                marketData.unsubscribe(name, session);
            }
            subscriptions.clear();
        }
        if (authTimeout != null) {
            metrics.webSocketConnections().decrementAndGet();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            closeWith(ctx, CloseCodes.TOO_BIG, "message too big");
        } else {
            ctx.close();
        }
    }

    /** Writes a direct answer: flushed at the end of the read batch when answering a read, else at once. */
    private void reply(ChannelHandlerContext ctx, String json) {
        if (reading) {
            ctx.write(TextFrames.of(ctx.alloc(), json), ctx.voidPromise());
            unflushed = true;
        } else {
            ctx.writeAndFlush(TextFrames.of(ctx.alloc(), json), ctx.voidPromise());
        }
    }

    private void error(ChannelHandlerContext ctx, RequestException e, String echoId) {
        reply(ctx, e.webSocketError(echoId));
    }

    private WebSocketSession newSession(ChannelHandlerContext ctx, long userId) {
        return new WebSocketSession(ctx.channel(), userId, config.wsMaxPendingBytes(), config.wsTradeQueue(),
            outboxes.of(ctx.channel().eventLoop()));
    }

    private void closeWith(ChannelHandlerContext ctx, int code, String reason) {
        if (session == null) {
            session = newSession(ctx, 0);
        }
        session.close(code, reason);
    }
}
