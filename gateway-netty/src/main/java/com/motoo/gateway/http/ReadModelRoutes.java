package com.motoo.gateway.http;

import com.motoo.persister.query.HistoryCursor;
import com.motoo.persister.query.HistoryFilter;
import com.motoo.persister.query.HistoryPage;
import com.motoo.persister.query.OrderPage;
import com.motoo.persister.query.OrderStatus;
import com.motoo.persister.query.OrderView;
import com.motoo.persister.query.Portfolio;
import com.motoo.persister.query.RankingEntry;
import com.motoo.persister.query.ReadModelQueries;
import com.motoo.persister.query.TotalReturn;
import com.motoo.gateway.order.OrderEntryService;
import com.motoo.gateway.order.OrderRequestAdapter;
import com.motoo.gateway.order.RequestException;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The REST reads served from the persister's read model (PostgreSQL): own orders, account,
 * portfolio, transactions, candles, rankings. Every query is scoped to the caller's user id, so another
 * user's order id is simply not found (404). An order looked up by client order id is found through
 * the gateway's own map of the caller's client order ids, then read by its order id. Each method
 * answers one route of {@link RestRoutes} for an authenticated caller. Blocking: worker threads only.
 */
public final class ReadModelRoutes {
    /** What candles cover when not told from: the last day. */
    private static final long CANDLES_DEFAULT_SPAN_MS = 24 * 3600_000L;

    private final ReadModelQueries queries;
    private final OrderEntryService orderEntry;
    private final RankingsBoard rankings;

    /**
     * @param dataSource the read-model database
     * @param orderEntry the gateway's order entry, which knows each user's client order ids
     * @param rankingsRefreshMillis how long one reading of the rankings is served to everyone
     */
    public ReadModelRoutes(DataSource dataSource, OrderEntryService orderEntry, long rankingsRefreshMillis) {
        this.queries = new ReadModelQueries(dataSource);
        this.orderEntry = orderEntry;
        this.rankings = new RankingsBoard(queries::rankings, rankingsRefreshMillis, System::nanoTime,
            System::currentTimeMillis);
    }

    /**
     * A page of the caller's open (default) or all orders, newest accepted first, of one symbol or
     * every one; {@code next} is the cursor of the following page. Or, given a client order id,
     * that one order.
     */
    void orders(RestRequest r) throws SQLException {
        final long userId = r.principal().userId();
        if (r.param("clientOrderId") != null) {
            orderByClientOrderId(r, userId, OrderRequestAdapter.clientOrderId(r.param("clientOrderId")));
            return;
        }
        final String status = r.param("status") == null ? "open" : r.param("status");
        final Set<OrderStatus> statuses;
        if (status.equals("open")) {
            statuses = OrderStatus.OPEN;
        } else if (status.equals("all")) {
            statuses = Set.of();
        } else {
            throw RequestException.invalid("status must be open or all");
        }
        final long before = r.longParam("cursor", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        // open orders came all on one page (up to MAX_PAGE) before they were paged: keep that for clients that do not follow next
        final int limit = (int) r.longParam("limit", statuses == OrderStatus.OPEN ? ReadModelQueries.MAX_PAGE : 100, 1,
            ReadModelQueries.MAX_PAGE);
        final OrderPage page = queries.orders(userId, statuses, symbolFilter(r), before, limit);
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orders", json(page.orders()));
        answer.put("next", page.nextBeforeSeq() == null ? null : page.nextBeforeSeq().toString());
        r.answerValue(200, answer);
    }

    /**
     * The order the caller placed with this client order id, whatever its status, as a list of one or
     * none. The gateway knows a closed order's name by its fingerprint only, so a row whose copied
     * name differs (a fingerprint shared by two names) is not the order asked for.
     */
    private void orderByClientOrderId(RestRequest r, long userId, String clientOrderId) throws SQLException {
        final long orderId = orderEntry.orderIdOf(userId, clientOrderId);
        final Optional<OrderView> order = (orderId == 0 ? Optional.<OrderView>empty() : queries.order(userId, orderId))
            .filter(o -> o.clientOrderId() == null || o.clientOrderId().equals(clientOrderId));
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orders", json(order.stream().toList()));
        answer.put("next", null);
        r.answerValue(200, answer);
    }

    /** @return the {@code symbol} filter, null for every symbol @throws RequestException when it is not a symbol */
    private static String symbolFilter(RestRequest r) {
        final String symbol = r.param("symbol");
        return symbol == null ? null : OrderRequestAdapter.symbol(symbol);
    }

    private static List<Map<String, Object>> json(List<OrderView> orders) {
        return orders.stream().map(ReadModelRoutes::json).toList();
    }

    /**
     * An order as REST shows it: every field of the read model's {@link OrderView}, plus
     * {@code leavesQty}, {@code avgFillPrice} and {@code ts}, the names the WebSocket order events use
     * for the open quantity, the average fill price (whole KRW, rounded down, as there; the exact
     * average is {@code averageFillPrice}) and the time of the order's latest event ({@code updatedMs}). {@code clientOrderId} is there once the gateway
     * has copied it to the read model (within a fraction of a second of the order).
     */
    private static Map<String, Object> json(OrderView o) {
        final Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", o.orderId());
        if (o.clientOrderId() != null) {
            order.put("clientOrderId", o.clientOrderId());
        }
        order.put("epoch", o.epoch());
        order.put("symbol", o.symbol());
        order.put("side", o.side());
        order.put("orderType", o.orderType());
        order.put("tif", o.tif());
        order.put("price", o.price());
        order.put("qty", o.qty());
        order.put("openQty", o.openQty());
        order.put("leavesQty", o.openQty());
        order.put("filledQty", o.filledQty());
        order.put("fillNotional", o.fillNotional());
        order.put("averageFillPrice", o.averageFillPrice());
        order.put("avgFillPrice", o.avgFillPrice());
        order.put("status", o.status());
        order.put("acceptedSeq", o.acceptedSeq());
        order.put("acceptedMs", o.acceptedMs());
        order.put("updatedMs", o.updatedMs());
        order.put("ts", o.updatedMs());
        return order;
    }

    /** One of the caller's orders, by the order id in the path ({@code orders/{orderId}}). */
    void order(RestRequest r) throws SQLException {
        final long orderId = r.idAt(1);
        final OrderView order = queries.order(r.principal().userId(), orderId)
            .orElseThrow(() -> new RequestException("UNKNOWN_ORDER", 404, "you have no order " + orderId
                + " in the order history (an order placed a moment ago shows once the history has caught up,"
                + " usually within milliseconds; its WebSocket events and DELETE work at once)"));
        r.answerValue(200, json(order));
    }

    /**
     * Cash, reserved cash, buying power, equity, the capital contributed in the current epoch and
     * the total return on it, rounded as {@code /rankings} rounds it (two decimals).
     */
    void account(RestRequest r) throws SQLException {
        final Portfolio portfolio = portfolioOf(r);
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("userId", r.principal().userId());
        answer.put("epoch", portfolio.epoch());
        answer.put("cash", portfolio.cash());
        answer.put("reserved", portfolio.reservedCash());
        answer.put("buyingPower", portfolio.cash() - portfolio.reservedCash());
        answer.put("equity", portfolio.totalAssets());
        answer.put("contributed", portfolio.contributed());
        answer.put("totalReturn", TotalReturn.percent(portfolio.totalAssets(), portfolio.contributed()));
        r.answerValue(200, answer);
    }

    /**
     * A page of the caller's transactions, newest first, between from and to, of one symbol or all:
     * executions, cash movements and the share movements that are not trades (SHARE_GRANT,
     * POSITION_CLOSED_BY_RESET; a symbol's page has its executions and share movements only), each
     * {@link com.motoo.persister.query.HistoryEntry} with its {@code tsMs} also as {@code ts}.
     */
    void transactions(RestRequest r) throws SQLException {
        final RestRequest.TimeRange range = r.timeRange(Long.MAX_VALUE, Long.MAX_VALUE);
        HistoryFilter filter = HistoryFilter.ALL.between(range.fromMs(), range.toMs());
        final String symbol = symbolFilter(r);
        if (symbol != null) {
            filter = filter.symbol(symbol);
        }
        final HistoryCursor after;
        try {
            after = r.param("cursor") == null ? HistoryCursor.FIRST : HistoryCursor.decode(r.param("cursor"));
        } catch (IllegalArgumentException e) {
            throw RequestException.invalid("cursor is not one this API gave out");
        }
        final int limit = (int) r.longParam("limit", 100, 1, ReadModelQueries.MAX_PAGE);
        final HistoryPage page = queries.history(r.principal().userId(), filter, after, limit);
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("transactions", page.entries().stream()
            .map(entry -> new Timestamped(entry, entry.tsMs())).toList());
        answer.put("next", page.next() == null ? null : page.next().encode());
        r.answerValue(200, answer);
    }

    /**
     * The first {@code limit} (default 100) places by total return: rank, displayName (null unless
     * that user opted in), equity, totalReturn (percent) and {@code you}, true on the caller's place;
     * then the caller's own place wherever it is ({@code yourPlace}, null before their account is in
     * the read model), how many users are ranked and when the shared reading was taken ({@code asOf},
     * and {@code ts} as every timestamp is named).
     */
    void rankings(RestRequest r) throws SQLException {
        final long userId = r.principal().userId();
        final int limit = (int) r.longParam("limit", 100, 1, ReadModelQueries.MAX_PAGE);
        final RankingsBoard.Board board = rankings.board();
        final List<RankingEntry> top = board.places().subList(0, Math.min(limit, board.places().size()));
        final List<Map<String, Object>> places = new ArrayList<>(top.size());
        for (RankingEntry entry : top) {
            final Map<String, Object> place = place(entry);
            place.put("you", entry.userId() == userId);
            places.add(place);
        }
        final RankingEntry own = board.placeOf(userId);
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rankings", places);
        answer.put("yourPlace", own == null ? null : place(own));
        answer.put("ranked", board.places().size());
        answer.put("asOf", board.asOfMillis());
        answer.put("ts", board.asOfMillis());
        r.answerValue(200, answer);
    }

    private static Map<String, Object> place(RankingEntry entry) {
        final Map<String, Object> place = new LinkedHashMap<>();
        place.put("rank", entry.rank());
        place.put("displayName", entry.displayName());
        place.put("equity", entry.equity());
        place.put("totalReturn", entry.totalReturn());
        return place;
    }

    /** The caller's cash, positions, their valuation and P&amp;L ({@link Portfolio}). */
    void portfolio(RestRequest r) throws SQLException {
        r.answerValue(200, portfolioOf(r));
    }

    private Portfolio portfolioOf(RestRequest r) throws SQLException {
        return queries.portfolio(r.principal().userId())
            .orElseThrow(() -> new RequestException("UNKNOWN_ACCOUNT", 404, "no account yet; try again shortly"));
    }

    /**
     * One-minute candles of a listed symbol, {@code ?from&to} in epoch ms (default: the last day):
     * each {@link com.motoo.persister.query.Candle} with its {@code minuteMs} also as {@code ts}.
     */
    void candles(RestRequest r, String symbol) throws SQLException {
        final RestRequest.TimeRange range = r.timeRange(System.currentTimeMillis(), CANDLES_DEFAULT_SPAN_MS);
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("symbol", symbol);
        answer.put("candles", queries.candles(symbol, range.fromMs(), range.toMs()).stream()
            .map(candle -> new Timestamped(candle, candle.minuteMs())).toList());
        r.answerValue(200, answer);
    }
}
