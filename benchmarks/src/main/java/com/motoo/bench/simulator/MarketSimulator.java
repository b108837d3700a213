package com.motoo.bench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.motoo.engine.rules.TickTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The market simulator: a separate process that connects through the public API like any client
 * and keeps every listed stock liquid and moving. A market maker quotes {@code --levels} levels a
 * side around each stock's drifting fair value (on valid ticks, inside the band) and re-quotes as
 * it moves; a noise trader takes liquidity with IOC orders. One trading thread paces all orders at
 * {@code --rate} per second. The bots are funded once, when they are first signed up; their
 * connections are re-opened with fresh logins when the gateway closes them (tokens expire, the
 * exchange restarts), and the listing is re-read every minute: bands move at end of day, and a stock
 * listed meanwhile gets quotes too (its shares granted to the bots first).
 *
 * <p>Usage: {@code scripts/motoo simulator [options]} (see {@link SimulatorConfig}).
 */
public final class MarketSimulator {
    private static final String BOT_PASSWORD = "simulator-bot-password";
    private static final String MAKER = "sim-market-maker";
    private static final String TAKER = "sim-noise-trader";
    private static final long MAKER_QUOTE_NOTIONAL = 5_000_000L;
    private static final long MAKER_NOTIONAL_PER_STOCK = 2_000_000_000L;
    private static final long TAKER_NOTIONAL_PER_STOCK = 200_000_000L;
    private static final long LISTING_REFRESH_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int RECONNECT_ATTEMPTS = 30;
    private static final int SET_UP_ATTEMPTS = 30;
    private static final int SET_UP_RETRY_SECONDS = 2;

    private final SimulatorConfig config;
    private final ExchangeClient client;
    private final SplittableRandom random;
    /** Quotes whose PLACE awaits its answer, by the request id the answer echoes. */
    private final Map<String, SymbolMarket.Quote> quotesByRequest = new ConcurrentHashMap<>();
    /** Live quotes by the order id the exchange gave them. */
    private final Map<Long, SymbolMarket.Quote> quotesByOrderId = new ConcurrentHashMap<>();
    private final List<SymbolMarket> markets = new ArrayList<>();
    private final TickTable ticks = TickTable.krx();
    private BotConnection maker;
    private BotConnection taker;
    private long makerUserId;
    private long takerUserId;
    private long nextQuoteId;
    private long ordersSent;

    MarketSimulator(SimulatorConfig config) {
        this.config = config;
        this.client = new ExchangeClient(config.baseUrl);
        this.random = new SplittableRandom(config.seed);
    }

    /** Entry point; exits non-zero with a message if set-up fails. */
    public static void main(String[] args) throws InterruptedException {
        try {
            final MarketSimulator simulator = new MarketSimulator(SimulatorConfig.parse(args));
            simulator.setUp();
            simulator.run();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("simulator: " + e.getMessage());
            System.exit(2);
        }
    }

    /** @return an admin's access token @throws IOException saying where the admin password comes from when the login fails */
    private String adminToken() throws IOException, InterruptedException {
        try {
            return client.login(config.adminUser, config.adminPassword).token;
        } catch (ExchangeClient.Unavailable unavailable) {
            throw unavailable;
        } catch (IOException refused) {
            throw new IOException("cannot log in as the admin '" + config.adminUser + "' (" + refused.getMessage()
                + "); give its password with --admin-password or MOTOO_ADMIN_PASSWORD (scripts/motoo start writes it to"
                + " data/admin-password, which scripts/motoo simulator reads by itself)", refused);
        }
    }

    /**
     * The admin's access token, tried again every {@value #SET_UP_RETRY_SECONDS} s, up to
     * {@value #SET_UP_ATTEMPTS} times, while the exchange answers that it cannot serve yet (5xx:
     * its database restarting, say); a refusal (a wrong admin password) ends the start at once. The
     * first call of the start, so a retry repeats nothing else.
     */
    private String adminTokenWhenAvailable() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return adminToken();
            } catch (ExchangeClient.Unavailable unavailable) {
                if (attempt == SET_UP_ATTEMPTS) {
                    throw unavailable;
                }
                System.out.println("simulator: the exchange cannot serve yet (" + unavailable.getMessage() + "); trying"
                    + " again in " + SET_UP_RETRY_SECONDS + " s");
                TimeUnit.SECONDS.sleep(SET_UP_RETRY_SECONDS);
            }
        }
    }

    /** Signs the bots up, funds them through the admin API when new, reads the listing and connects. */
    void setUp() throws IOException, InterruptedException {
        final String adminToken = adminTokenWhenAvailable();
        for (ExchangeClient.Listing listing : client.listings(adminToken)) {
            markets.add(market(listing));
        }
        if (markets.isEmpty()) {
            throw new IOException("no stocks are listed");
        }
        final ExchangeClient.Session makerSession = client.signUpOrLogin(MAKER, BOT_PASSWORD);
        final ExchangeClient.Session takerSession = client.signUpOrLogin(TAKER, BOT_PASSWORD);
        makerUserId = makerSession.userId;
        takerUserId = takerSession.userId;
        if (makerSession.created) {
            fund(adminToken, makerUserId, 50_000_000_000L, MAKER_NOTIONAL_PER_STOCK);
        }
        if (takerSession.created) {
            fund(adminToken, takerUserId, 5_000_000_000L, TAKER_NOTIONAL_PER_STOCK);
        }
        final int withdrawn = client.cancelOpenOrders(makerSession.token);
        if (withdrawn > 0) {
            System.out.println("simulator: canceled the " + withdrawn + " quotes a previous run left in the books");
        }
        connect();
        System.out.println("simulator: " + markets.size() + " stocks, " + config.ordersPerSecond + " orders/s, "
            + config.levels + " levels a side");
    }

    /** Logs both bots in afresh and opens their WebSocket sessions. */
    private void connect() throws IOException, InterruptedException {
        maker = BotConnection.open(client.http(), client.webSocketUri(), client.login(MAKER, BOT_PASSWORD).token,
            this::onMakerMessage);
        taker = BotConnection.open(client.http(), client.webSocketUri(), client.login(TAKER, BOT_PASSWORD).token,
            MarketSimulator::reportProblem);
    }

    /** Re-opens both sessions after the gateway closed one, trying for about a minute. */
    private void reconnect(String why) throws IOException, InterruptedException {
        System.out.println("simulator: reconnecting (" + why + ")");
        maker.close();
        taker.close();
        for (int attempt = 1; ; attempt++) {
            try {
                connect();
                return;
            } catch (IOException | RuntimeException e) {
                if (attempt == RECONNECT_ATTEMPTS) {
                    throw new IOException("cannot reconnect: " + e.getMessage(), e);
                }
                Thread.sleep(2_000);
            }
        }
    }

    /**
     * Re-reads the listing: every stock's base price and band (they change at end of day), and
     * stocks listed since, which get their shares granted to both bots and then quotes like the rest.
     */
    private void refreshListing() throws IOException, InterruptedException {
        final String adminToken = adminToken();
        final Map<String, SymbolMarket> known = new HashMap<>();
        for (SymbolMarket market : markets) {
            known.put(market.symbol, market);
        }
        for (ExchangeClient.Listing listing : client.listings(adminToken)) {
            final SymbolMarket market = known.get(listing.symbol);
            if (market != null) {
                market.setBand(listing.basePrice, listing.lastPrice, listing.lowerLimit, listing.upperLimit);
                continue;
            }
            final SymbolMarket listed = market(listing);
            grantShares(adminToken, makerUserId, listed, MAKER_NOTIONAL_PER_STOCK);
            grantShares(adminToken, takerUserId, listed, TAKER_NOTIONAL_PER_STOCK);
            markets.add(listed);
            System.out.println("simulator: now also quoting " + listed.symbol);
        }
    }

    private SymbolMarket market(ExchangeClient.Listing listing) {
        final SymbolMarket market = new SymbolMarket(listing.symbol, ticks, config.levels);
        market.setBand(listing.basePrice, listing.lastPrice, listing.lowerLimit, listing.upperLimit);
        return market;
    }

    private void fund(String adminToken, long userId, long cash, long notionalPerStock)
        throws IOException, InterruptedException {
        client.grantCash(adminToken, userId, cash);
        for (SymbolMarket market : markets) {
            grantShares(adminToken, userId, market, notionalPerStock);
        }
    }

    private void grantShares(String adminToken, long userId, SymbolMarket market, long notional)
        throws IOException, InterruptedException {
        final long price = Math.max(1, (long) market.fair());
        client.grantShares(adminToken, userId, market.symbol, Math.max(100, notional / price));
    }

    /** Paces one action per tick until the duration runs out (or for ever). */
    void run() throws IOException, InterruptedException {
        final long interval = (long) (TimeUnit.SECONDS.toNanos(1) / config.ordersPerSecond);
        final long start = System.nanoTime();
        final long end = config.durationSeconds == 0 ? Long.MAX_VALUE : start + TimeUnit.SECONDS.toNanos(config.durationSeconds);
        long next = start;
        long lastReport = start;
        long lastListingRefresh = start;
        while (System.nanoTime() < end) {
            if (maker.closeReason() != null || taker.closeReason() != null) {
                reconnect(maker.closeReason() != null ? maker.closeReason() : taker.closeReason());
                next = System.nanoTime();
            }
            if (System.nanoTime() - lastListingRefresh > LISTING_REFRESH_NANOS) {
                lastListingRefresh = System.nanoTime();
                refreshListing();
            }
            try {
                step(interval / 1e9 * markets.size());
            } catch (IOException e) {
                if (maker.closeReason() == null && taker.closeReason() == null) {
                    throw e;
                }
            }
            next += interval;
            final long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > TimeUnit.SECONDS.toNanos(1)) {
                next = System.nanoTime();
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(30)) {
                lastReport = System.nanoTime();
                System.out.println("simulator: " + ordersSent + " orders sent");
            }
        }
        maker.close();
        taker.close();
    }

    /** One action on a random stock: drift its fair value, then re-quote one slot or take liquidity. */
    private void step(double secondsPerSymbolStep) throws IOException {
        final SymbolMarket market = markets.get(random.nextInt(markets.size()));
        market.drift(random, config.volatilityPerSecond, secondsPerSymbolStep);
        if (random.nextInt(100) < 20) {
            takeLiquidity(market);
        } else {
            requote(market, random.nextBoolean(), random.nextInt(config.levels));
        }
        ordersSent++;
    }

    private void requote(SymbolMarket market, boolean bid, int level) throws IOException {
        final SymbolMarket.Quote quote = (bid ? market.bids : market.asks)[level];
        final long price = market.quotePrice(bid, level);
        final long qty = market.sizeFor(price, MAKER_QUOTE_NOTIONAL);
        if (quote.live) {
            if (quote.price == price || quote.orderId == 0) {
                return;
            }
            quote.price = price;
            maker.send(maker.request("modify").put("id", "modify").put("orderId", quote.orderId)
                .put("price", price).put("qty", qty));
            return;
        }
        final String request = "q" + (++nextQuoteId);
        quote.orderId = 0;
        quote.price = price;
        quote.live = true;
        quotesByRequest.put(request, quote);
        maker.send(order(maker, market.symbol, bid, "LIMIT", "GTC", price, qty).put("id", request));
    }

    private void takeLiquidity(SymbolMarket market) throws IOException {
        final boolean buy = random.nextBoolean();
        final long price = market.aggressivePrice(buy, 1 + random.nextInt(3));
        final long qty = 1 + random.nextInt(Math.max(1, (int) market.sizeFor(price, 2_000_000L)));
        taker.send(order(taker, market.symbol, buy, "LIMIT", "IOC", price, qty));
    }

    private static ObjectNode order(BotConnection bot, String symbol, boolean buy, String type, String tif, long price,
                                    long qty) {
        return bot.request("place").put("symbol", symbol).put("side", buy ? "BUY" : "SELL").put("type", type)
            .put("tif", tif).put("price", price).put("qty", qty);
    }

    /** Prints errors the gateway sends back (a request that never reached the engine). */
    private static void reportProblem(JsonNode message) {
        if ("error".equals(message.path("type").asText())) {
            System.err.println("simulator: gateway error: " + message);
        }
    }

    /**
     * Keeps quote slots in step with the maker's order events (WebSocket thread). A quote is placed
     * without a client order id (the exchange's own name costs it nothing) and known by its request
     * id until the answer gives its order id; later events find it by that order id.
     */
    private void onMakerMessage(JsonNode message) {
        final String request = message.path("id").asText();
        final SymbolMarket.Quote placed = request.startsWith("q") ? quotesByRequest.remove(request) : null;
        if (!"order".equals(message.path("type").asText())) {
            reportProblem(message);
            if (placed != null) {
                placed.live = false;
            }
            return;
        }
        final long orderId = message.path("orderId").asLong();
        final String event = message.path("event").asText();
        if (placed != null) {
            if ("accepted".equals(event)) {
                placed.orderId = orderId;
                quotesByOrderId.put(orderId, placed);
            } else {
                placed.live = false;
            }
            return;
        }
        switch (event) {
            case "fill", "canceled", "expired" -> {
                final SymbolMarket.Quote quote = quotesByOrderId.remove(orderId);
                if (quote != null) {
                    quote.live = false;
                }
            }
            default -> {
            }
        }
    }
}
